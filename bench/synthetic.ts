/**
 * The province-scale model of issue 10: U units × 20 indicators (12 rank-dual, 8 proportional),
 * integer targets and actuals (so rates tie exactly where they tie, in the engine and in a
 * spreadsheet alike). Deterministic for a seed.
 */
import { cellKey, type Cell, type Indicator, type Period } from '../src/model';
import { parkMiller } from '../tests/support/random';

export const RANK_DUAL = 12;
export const PROPORTIONAL = 8;

/** The raw Park–Miller stream (tests/support/random.ts), as the browser benchmark's page repeats it. */
export const rng = parkMiller;

export function syntheticIndicators(): Indicator[] {
  return Array.from({ length: RANK_DUAL + PROPORTIONAL }, (_, j): Indicator => ({
    id: `i${j + 1}`,
    name: `指标${j + 1}`,
    aliases: [],
    unit: j % 3 === 0 ? '万元' : '家',
    group: j < RANK_DUAL ? '排名指标' : '比例指标',
    points: 5,
    rule: j < RANK_DUAL ? { kind: 'rankDual', actualShare: 0.5, step: 0.05 } : { kind: 'proportional' },
    decimals: 0,
    padDecimals: false,
    // The first two are bulletin tables (附件1, 附件2), so the province test visits those tabs too.
    ...(j < 2 ? { annex: { no: j + 1, title: `指标${j + 1}` } } : {}),
  }));
}

export function syntheticTarget(r: () => number): number {
  return Math.floor(r() * 1000) + 1;
}

export function syntheticActual(r: () => number, target: number): number {
  return Math.floor(target * (0.5 + r()));
}

export function syntheticPeriod(units: number, seed = 7): Period {
  const r = rng(seed);
  const indicators = syntheticIndicators();
  const unitList = Array.from({ length: units }, (_, i) => ({ id: `u${i + 1}`, name: `单位${i + 1}`, aliases: [] }));
  const cells: Record<string, Cell> = {};
  for (const u of unitList) {
    for (const ind of indicators) {
      const target = syntheticTarget(r);
      cells[cellKey(u.id, ind.id)] = { state: 'value', target, actual: syntheticActual(r, target) };
    }
  }
  return { id: 'bench-q1', year: 2024, quarter: 1, asOf: '2024 年 3 月 31 日', area: '测试省', units: unitList, indicators, cells };
}
