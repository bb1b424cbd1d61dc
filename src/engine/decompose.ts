/**
 * 目标分解: splitting a city total over units by weights, rounded to the indicator's decimals by
 * the largest-remainder method so that the parts add up to the total exactly. Pure.
 */
import { UserError } from '../model/errors';
import { cellKey, type Period } from '../model';
import { parseNumeric } from '../model/numeric';

export type WeightBasis = 'prevActual' | 'prevTarget' | 'equal' | 'typed';

export const WEIGHT_BASIS_LABELS: Record<WeightBasis, string> = {
  prevActual: '按上期实绩数占比',
  prevTarget: '按上期任务数占比',
  equal: '平均分配',
  typed: '按输入的权重',
};

/**
 * Parts of `total` proportional to `weights`, each a multiple of 10^-decimals, summing exactly to
 * `total` (itself rounded to the decimals). Works in integers of the smallest step, so no float
 * error can break the sum: floor each share, then hand the remaining steps to the largest
 * remainders (ties to the larger weight, then the earlier unit).
 */
export function largestRemainder(total: number, weights: number[], decimals: number): number[] {
  if (weights.length === 0) return [];
  if (weights.some((w) => !Number.isFinite(w) || w < 0)) throw new UserError('分解权重必须是不小于 0 的数字，请检查输入的权重。');
  const scale = 10 ** decimals;
  const units = Math.round(total * scale);
  const sumW = weights.reduce((s, w) => s + w, 0);
  const w = sumW > 0 ? weights : weights.map(() => 1);
  const sw = sumW > 0 ? sumW : weights.length;
  const exact = w.map((x) => (units * x) / sw);
  const floors = exact.map((x) => Math.floor(x + 1e-9));
  let left = units - floors.reduce((s, x) => s + x, 0);
  const order = exact.map((x, i) => ({ i, rem: x - floors[i]!, w: w[i]! })).sort((a, b) => b.rem - a.rem || b.w - a.w || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) floors[order[k]!.i]!++;
  for (let k = 0; left < 0; k = (k + 1) % order.length, left++) {
    const i = order[order.length - 1 - k]!.i;
    if (floors[i]! > 0) floors[i]!--;
    else left--;
  }
  return floors.map((x) => x / scale);
}

/** Whole numbers for counts (家, 人, 个, 项, 件), the indicator's decimals otherwise. */
export function decompositionDecimals(unit: string, decimals: number): number {
  return ['家', '人', '个', '项', '件', '次', '篇', '户'].includes(unit) ? 0 : decimals;
}

/** Weights for each unit of `period` from a basis; `source` is the previous period for prev*. */
export function weightsFor(period: Period, indicatorId: string, basis: WeightBasis, source: Period | null, typed: Record<string, number> = {}): number[] {
  return period.units.map((u) => {
    if (basis === 'equal') return 1;
    if (basis === 'typed') return Math.max(0, typed[u.id] ?? 0);
    const c = source?.cells[cellKey(u.id, indicatorId)];
    const raw = basis === 'prevActual' ? c?.actual : c?.target;
    const p = parseNumeric(raw ?? null);
    return p.kind === 'number' && p.value > 0 ? p.value : 0;
  });
}

/**
 * Why the weights cannot split a total, or null: a basis period with no figure for the indicator
 * (it used to split equally while still saying 按上期实绩数占比), or typed weights all zero.
 */
export function weightsProblem(weights: number[], basis: WeightBasis, indicatorName: string, sourceLabel: string | null): string | null {
  // Typed weights not typed yet are not a problem: the table is where they are typed.
  if (weights.some((w) => w > 0) || basis === 'equal' || basis === 'typed' || weights.length === 0) return null;
  const what = basis === 'prevActual' ? '实绩数' : '任务数';
  return `依据的考核期${sourceLabel ? ` ${sourceLabel} ` : ''}没有“${indicatorName}”的${what}，无法${WEIGHT_BASIS_LABELS[basis]}分解。请选择有数据的考核期，或改用“平均分配”“按输入的权重”。`;
}
