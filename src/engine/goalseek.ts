/**
 * Goal seek (单变量求解): for one unit and one indicator, the smallest actual — or the largest
 * target — that reaches a goal with everyone else held fixed: move up one place, reach 100 %, reach
 * a rank, or reach a total. A unit's total never falls as its actual rises (and the others' can
 * only fall), so the goal is monotone in the value and a binary search on the indicator's decimal
 * grid finds the exact edge: the answer reaches the goal and one step less does not. Pure.
 */
import { cellKey, type Cell, type Period } from '../model';
import { ScoreModel } from './scoreModel';
import { formatPlain, formatTotal } from './format';
import { parseNumeric } from '../model/numeric';
import { decompositionDecimals } from './decompose';

export type Goal = { kind: 'upOne' } | { kind: 'complete' } | { kind: 'rank'; rank: number } | { kind: 'total'; total: number };
export type Vary = 'actual' | 'target';

export interface GoalSeekResult {
  ok: boolean;
  /** The answer, on the indicator's decimal grid. */
  value: number | null;
  current: number | null;
  before: { total: number | null; rank: number | null };
  after: { total: number | null; rank: number | null } | null;
  message: string;
}

/** The cell with `field` set to v (a "/" or 未出 cell becomes a value cell). */
function withValue(prev: Cell | undefined, field: Vary, v: number): Cell {
  const cell: Cell = prev && prev.state === 'value' ? { ...prev } : { state: 'value', target: prev?.target ?? null, actual: prev?.actual ?? null };
  cell[field] = v;
  return cell;
}

/**
 * `model`, when given, is the period's scores as they stand (the worker's): each trial is then an
 * incremental change to a copy of it — about 3 ms at 40 000 units, where scoring the period again
 * for each of some 40 trials took a minute.
 */
export function goalSeek(period: Period, unitId: string, indicatorId: string, goal: Goal, vary: Vary, model: ScoreModel = ScoreModel.build(period)): GoalSeekResult {
  const ind = period.indicators.find((i) => i.id === indicatorId)!;
  const unit = period.units.find((u) => u.id === unitId)!;
  const key = cellKey(unitId, indicatorId);
  const decimals = decompositionDecimals(ind.unit, ind.decimals);
  const step = 10 ** -decimals;
  const onGrid = (x: number) => Math.round(x / step);
  const fromGrid = (k: number) => Number((k * step).toFixed(decimals));
  const i = model.unitAt(unitId)!;
  const j = model.indicatorAt(indicatorId)!;
  const trial = model.clone();
  const b = trial.unit(i);
  const before = { total: b.totalRounded, rank: b.rank };
  const cell = period.cells[key];
  const num = (raw: unknown) => {
    const p = parseNumeric(raw ?? null);
    return p.kind === 'number' ? p.value : null;
  };
  const target = num(cell?.target);
  const actual = num(cell?.actual);
  const current = vary === 'actual' ? actual : target;
  const fail = (message: string): GoalSeekResult => ({ ok: false, value: null, current, before, after: null, message });
  if (cell?.state === 'na' || cell?.state === 'pending') return fail('该单元格为“不适用”或“数据未出”，已得满分，无需求解。');
  if (vary === 'actual' && (target === null || target <= 0)) return fail('请先填写有效的任务数。');
  if (vary === 'target' && (actual === null || actual < 0)) return fail('请先填写实绩数。');

  if (goal.kind !== 'complete' && !b.complete) return fail(`${unit.name}数据不全，没有总得分和排名，无法按排名或总分求解。`);
  const reached = (v: number): { ok: boolean; total: number | null; rank: number | null } => {
    trial.setCell(i, j, withValue(cell, vary, v));
    const r = trial.unit(i);
    const rate = vary === 'actual' ? v / target! : actual! / v;
    const ok =
      goal.kind === 'complete' ? rate >= 1 - 1e-12 : goal.kind === 'upOne' ? r.rank !== null && before.rank !== null && r.rank < before.rank : goal.kind === 'rank' ? r.rank !== null && r.rank <= goal.rank : r.totalRounded !== null && r.totalRounded >= goal.total - 1e-9;
    return { ok, total: r.totalRounded, rank: r.rank };
  };
  if (goal.kind === 'upOne' && before.rank === 1) return fail(`${unit.name}已是第 1 名。`);

  let answer: number | null = null;
  if (vary === 'actual') {
    // Smallest actual on the grid: everything above the others' actuals and rate thresholds is enough if anything is.
    const others = period.units.filter((u) => u.id !== unitId).map((u) => period.cells[cellKey(u.id, indicatorId)]);
    const ceiling = Math.max(target!, actual ?? 0, ...others.map((c) => Math.max(num(c?.actual) ?? 0, ((num(c?.actual) ?? 0) / (num(c?.target) || 1)) * target!)));
    let lo = onGrid(Math.max(0, actual ?? 0)) - 1; // a value known not to suffice (or −1)
    let hi = onGrid(ceiling * 1.01) + 1;
    if (actual !== null && reached(actual).ok) return fail('当前实绩已达到该目标。');
    if (!reached(fromGrid(hi)).ok) return fail('即使实绩大幅提高也达不到该目标（其他指标的得分限制了总分）。');
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (reached(fromGrid(mid)).ok) hi = mid;
      else lo = mid;
    }
    answer = fromGrid(hi);
  } else {
    // Largest target on the grid (a target must stay above 0).
    if (target !== null && reached(target).ok) return fail('当前任务数已满足该目标。');
    let lo = 1; // smallest positive target
    let hi = onGrid(target ?? actual! * 2) + 1;
    if (!reached(fromGrid(lo)).ok) return fail('即使任务数降到最低也达不到该目标。');
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (reached(fromGrid(mid)).ok) lo = mid;
      else hi = mid;
    }
    answer = fromGrid(lo);
  }
  const after = reached(answer);
  const what = vary === 'actual' ? `实绩数至少为 ${formatPlain(answer)}` : `任务数至多为 ${formatPlain(answer)}`;
  const cur = current === null ? '' : `（现为 ${formatPlain(current)}）`;
  const effect = before.total !== null && after.total !== null ? `：总得分 ${formatTotal(before.total)} → ${formatTotal(after.total)}，排名 ${before.rank} → ${after.rank}` : '';
  return { ok: true, value: answer, current, before, after: { total: after.total, rank: after.rank }, message: `${unit.name}「${ind.name}」${what}${ind.unit}${cur}${effect}。` };
}
