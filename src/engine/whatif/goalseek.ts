/**
 * Goal seek (单变量求解): for one unit and one indicator, the smallest actual — or the largest
 * target — that reaches a goal with everyone else held fixed: move up one place, reach 100 %, reach
 * a rank, or reach a total. A unit's total never falls as its actual rises (and the others' can
 * only fall), so the goal is monotone in the value, and a binary search over the indicator's
 * decimal grid — in integers of its last decimal (BigInt: 4 × 10¹⁵ steps fit) — finds the exact
 * edge: the answer reaches the goal by the very comparisons the tables make, and one step less does
 * not. At most about 60 trials, each an incremental change to a copy of the scores. Pure.
 */
import { VALUE_LIMIT, actualAccepted, cellKey, minTarget, targetAccepted, type Cell, type Period } from '../../model';
import { dec, decNumber, decPlain, holdsExactly } from '../../model/exact';
import { ScoreModel } from '../scoring/scoreModel';
import { formatPlain, formatTotal } from '../../model/format';
import { parseNumeric } from '../../model/numeric';
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

/** 3, or 并列第 1（与高新区） when the place is shared (at most three named, then how many more). */
function rankWords(model: ScoreModel, i: number, rank: number | null): string {
  if (rank === null) return '无名次';
  const with_: string[] = [];
  let more = 0;
  for (let k = 0; k < model.n; k++) {
    if (k === i || !model.complete[k] || model.totals.ranks[k] !== rank) continue;
    if (with_.length < 3) with_.push(model.period.units[k]!.name);
    else more++;
  }
  return with_.length ? `并列第 ${rank}（与${with_.join('、')}${more ? ` 等 ${with_.length + more} 个单位` : ''}）` : String(rank);
}

/** The cell with `field` set to v (a "/" or 未出 cell becomes a value cell). */
function withValue(prev: Cell | undefined, field: Vary, v: number): Cell {
  const cell: Cell = prev && prev.state === 'value' ? { ...prev } : { state: 'value', target: prev?.target ?? null, actual: prev?.actual ?? null };
  cell[field] = v;
  return cell;
}

/**
 * `model`, when given, is the period's scores as they stand (the worker's): each trial is then an
 * incremental change to a copy of it — about 3 ms at 40 000 units.
 */
export function goalSeek(period: Period, unitId: string, indicatorId: string, goal: Goal, vary: Vary, model: ScoreModel = ScoreModel.build(period)): GoalSeekResult {
  const ind = period.indicators.find((i) => i.id === indicatorId)!;
  const unit = period.units.find((u) => u.id === unitId)!;
  const key = cellKey(unitId, indicatorId);
  const decimals = decompositionDecimals(ind.unit, ind.decimals);
  const scale = 10n ** BigInt(decimals);
  /** Grid step k ↔ the value k × 10^-decimals, exactly. */
  const value = (k: bigint) => decNumber({ m: k, s: decimals });
  /** The grid step at or below / at or above a value. */
  const stepOf = (x: number, up: boolean) => {
    const d = dec(x);
    const n = d.m * scale;
    const q = n / 10n ** BigInt(d.s);
    return up && q * 10n ** BigInt(d.s) < n ? q + 1n : q;
  };
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
  // Judged by the value policy's own tests (a target too small for the indicator's decimals is no target).
  if (vary === 'actual' && (target === null || !targetAccepted(target, minTarget(ind)))) return fail('请先填写有效的任务数。');
  if (vary === 'target' && (actual === null || !actualAccepted(actual))) return fail('请先填写实绩数。');
  if (goal.kind !== 'complete' && !b.complete) return fail(`${unit.name}数据不全，没有总得分和排名，无法按排名或总分求解。`);
  if (goal.kind === 'upOne' && before.rank === 1) return fail(`${unit.name}已是第 1 名。`);

  /** The goal at value v, judged as the tables judge it: 完成 on the decimals, ranks and rounded totals. */
  const at = (v: number): { ok: boolean; total: number | null; rank: number | null } => {
    trial.setCell(i, j, withValue(cell, vary, v));
    const r = trial.unit(i);
    const ok =
      goal.kind === 'complete'
        ? vary === 'actual'
          ? v >= target!
          : actual! >= v
        : goal.kind === 'upOne'
          ? r.rank !== null && before.rank !== null && r.rank < before.rank
          : goal.kind === 'rank'
            ? r.rank !== null && r.rank <= goal.rank
            : r.totalRounded !== null && r.totalRounded >= goal.total;
    return { ok, total: r.totalRounded, rank: r.rank };
  };
  /** The best a value can do, for a goal out of reach. */
  const best = (r: { total: number | null; rank: number | null }, how: string) =>
    r.total === null ? '' : `（${how}也只能到总得分 ${formatTotal(r.total)}、第 ${r.rank} 名）`;

  // The grid's ends: a value must stay below the value limit, and be one a double holds as written
  // (at most 15 significant digits): at 5 decimals 999999999999.99999 is 1e12 as a double, which
  // the policy refuses — every goal then read as 无法达到. A target stays above 0.
  const top = [BigInt(VALUE_LIMIT) * scale - 1n, 10n ** 15n - 1n].reduce((a, b) => (a < b ? a : b));
  let answer: bigint;
  if (vary === 'actual') {
    if (actual !== null && at(actual).ok) return fail('已经达到：当前实绩已达到该目标。');
    let lo = actual === null ? -1n : stepOf(actual, false); // known not to suffice (or below the grid)
    if (lo >= top) return fail('无法达到：实绩已在数值上限。');
    let hi = top;
    const most = at(value(hi));
    if (!most.ok) return fail(`无法达到：实绩再高也达不到该目标${best(most, '实绩提高到上限')}。`);
    while (hi - lo > 1n) {
      const mid = (lo + hi) / 2n;
      if (at(value(mid)).ok) hi = mid;
      else lo = mid;
    }
    answer = hi;
  } else {
    if (target !== null && at(target).ok) return fail('已经达到：当前任务数已满足该目标。');
    let lo = 1n; // the smallest target on the grid
    let hi = target === null ? top : stepOf(target, true); // known not to suffice (or the grid's top)
    const least = at(value(lo));
    if (!least.ok) return fail(`无法达到：任务数降到最低也达不到该目标${best(least, '任务数降到最低')}。`);
    if (hi <= lo) hi = lo + 1n;
    while (hi - lo > 1n) {
      const mid = (lo + hi) / 2n;
      if (at(value(mid)).ok) lo = mid;
      else hi = mid;
    }
    answer = lo;
  }
  // A 16-digit step a double cannot hold as written is passed over for the next one it can (the policy would refuse it).
  const dir = vary === 'actual' ? 1n : -1n;
  for (let n = 0; n < 10 && !holdsExactly(value(answer), decPlain({ m: answer, s: decimals })); n++) answer += dir;
  const v = value(answer);
  const after = at(v);
  const what = vary === 'actual' ? `实绩数至少为 ${formatPlain(v)}` : `任务数至多为 ${formatPlain(v)}`;
  const cur = current === null ? '' : `（现为 ${formatPlain(current)}）`;
  const effect = before.total !== null && after.total !== null ? `：总得分 ${formatTotal(before.total)} → ${formatTotal(after.total)}，排名 ${before.rank} → ${rankWords(trial, i, after.rank)}` : '';
  return { ok: true, value: v, current, before, after: { total: after.total, rank: after.rank }, message: `${unit.name}「${ind.name}」${what}${ind.unit}${cur}${effect}。` };
}
