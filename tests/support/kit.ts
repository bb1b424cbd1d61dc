/**
 * The test kit: what many tests need, written once — the sample's period id, a value cell, a
 * service opened as a tab would open it, the sample with its 二季度 added, every kind of rule, and
 * random cells for the batteries (each kind named by what it exercises). Storage dumps are in
 * db-dump.ts, the seeded random generator in random.ts.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { createService, type ChannelLike, type Service } from '../../src/service/service';
import type { Cell, Indicator } from '../../src/model';
import { int, pick } from './random';

export { dumpDb } from './db-dump';

/** The sample workbook's one period (大冶市 2023年一季度). */
export const P = 'daye-2023-q1';

/** A cell with a target and an actual. */
export const value = (target: number | string | null, actual: number | string | null): Cell => ({ state: 'value', target, actual });

/** A window's service on a profile's storage, started as the page starts it. */
export async function openTab(factory: IDBFactory = new IDBFactory(), channel: ChannelLike | null = null) {
  const s = createService({ indexedDB: factory, channel });
  const init = await s.init();
  return { s, init, factory };
}

/** The sample with 2023年二季度 added (targets copied, actuals empty). */
export async function withQ2(factory: IDBFactory = new IDBFactory()): Promise<{ s: Service; q2: string; factory: IDBFactory }> {
  const { s } = await openTab(factory);
  const { periodId } = await s.addPeriod(P, { year: 2023, quarter: 2 });
  return { s, q2: periodId, factory };
}

/** Every kind of rule, with two rank-dual splits. */
export const RULES: Indicator['rule'][] = [
  { kind: 'rankDual', actualShare: 0.5, step: 0.05 },
  { kind: 'rankDual', actualShare: 0.4, step: 0.1 },
  { kind: 'proportional' },
  { kind: 'threshold' },
  { kind: 'manual' },
];

/** A value as the scoring batteries mix them: empty, text, "/", 0 and negatives, decimal ties (0.3/0.1 = 3/1), plain figures. */
function scoredValue(r: () => number): Cell['target'] {
  const x = r();
  if (x < 0.04) return null;
  if (x < 0.06) return 'abc';
  if (x < 0.07) return '/';
  if (x < 0.08) return 0;
  if (x < 0.09) return -3;
  if (x < 0.12) return 0.1;
  if (x < 0.15) return 0.3;
  if (x < 0.5) return [10, 20, 30, 40][Math.floor(r() * 4)]!;
  return Math.round(r() * 100000) / 100;
}

/** A cell for scoring batteries: every state, values that tie and that the policy refuses, manual points. */
export function randomScoredCell(r: () => number, points: number): Cell | undefined {
  const x = r();
  if (x < 0.05) return undefined;
  if (x < 0.1) return { state: 'na', target: null, actual: null };
  if (x < 0.15) return { state: 'pending', target: scoredValue(r), actual: null };
  if (x < 0.18) return { state: 'missing', target: scoredValue(r), actual: null };
  const cell: Cell = { state: 'value', target: scoredValue(r), actual: scoredValue(r) };
  if (r() < 0.5) cell.manualScore = r() < 0.1 ? points + 1 : Math.round(r() * points * 100) / 100;
  return cell;
}

/** What a store may hold, for encoding batteries: −0, 1e308, 5e-324, text, remarks with quotes. */
const RAW = [null, 0, -0, 1.5, -3, 1e308, 5e-324, 0.1 + 0.2, '12', '', '未出', '/', 'abc'] as const;

/** A cell as a store may hold it (any state with any raw value), for encoding round trips. */
export function randomStoredCell(r: () => number): Cell {
  const c: Cell = { state: pick(r, ['value', 'na', 'pending', 'missing'] as const), target: pick(r, RAW), actual: pick(r, RAW) };
  if (r() < 0.2) c.manualScore = pick(r, [3, 0, -1, '5分', 2.25] as const);
  if (r() < 0.2) c.remark = pick(r, ['补报', '数据来源：统计局', '含“引号”']);
  if (c.state === 'missing' && c.target === null && c.actual === null && !c.remark && c.manualScore === undefined) c.actual = 1;
  return c;
}

/** A cell an edit may write (or clear: null), for batteries of steps: ties, decimals, "/" and 未出. */
export function randomEditCell(r: () => number): Cell | null {
  const x = r();
  if (x < 0.08) return null;
  if (x < 0.12) return { state: 'na', target: null, actual: null };
  if (x < 0.16) return { state: 'pending', target: int(r, 1, 50), actual: null };
  return { state: 'value', target: pick(r, [10, 20, 0.3, int(r, 1, 99)]), actual: pick(r, [10, 0.1, 3, int(r, 0, 120), Math.round(r() * 1e4) / 100]) };
}
