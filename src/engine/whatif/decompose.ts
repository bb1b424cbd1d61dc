/**
 * 目标分解: splitting a city total over units by weights, rounded to the indicator's decimals by
 * the largest-remainder method so that the parts add up to the total exactly. Pure.
 */
import { UserError } from '../../model/errors';
import { WEIGHT_RULE, amountProblem, cellKey, type Period } from '../../model';
import { dec, decNumber } from '../../model/exact';
import { parseNumeric } from '../../model/numeric';

export { WEIGHT_BASIS_LABELS, type WeightBasis } from '../text/weightWords';
import { WEIGHT_BASIS_LABELS, type WeightBasis } from '../text/weightWords';

/**
 * Parts of `total` proportional to `weights`, each a multiple of 10^-decimals, summing exactly to
 * `total` (itself rounded half-up to the decimals). In integers of the smallest step, on the
 * decimals the weights are (BigInt): floor each exact share, then hand the remaining steps to the
 * largest exact remainders — ties to the larger weight, then the earlier unit. No binary remainder
 * (2194.4999999999995 for 2194.5) can break a tie against the rule.
 */
export function largestRemainder(total: number, weights: number[], decimals: number): number[] {
  if (weights.length === 0) return [];
  if (weights.some((w) => amountProblem(w, WEIGHT_RULE) !== null)) throw new UserError('分解权重必须是不小于 0 的数字，请检查输入的权重。');
  const t = dec(total);
  const steps = t.s <= decimals ? t.m * 10n ** BigInt(decimals - t.s) : halfUp(t.m, 10n ** BigInt(t.s - decimals));
  // Weights on one scale: integers W_i with the same denominator.
  const ws = weights.map(dec);
  const scale = Math.max(...ws.map((w) => w.s));
  let W = ws.map((w) => w.m * 10n ** BigInt(scale - w.s));
  if (W.every((w) => w === 0n)) W = W.map(() => 1n);
  const sumW = W.reduce((a, b) => a + b, 0n);
  const floors = W.map((w) => (steps * w) / sumW);
  const remainders = W.map((w, i) => steps * w - floors[i]! * sumW);
  let left = steps - floors.reduce((a, b) => a + b, 0n);
  const order = W.map((_, i) => i).sort((a, b) => cmp(remainders[b]!, remainders[a]!) || cmp(W[b]!, W[a]!) || a - b);
  for (let k = 0; left > 0n; k = (k + 1) % order.length, left--) floors[order[k]!]!++;
  return floors.map((f) => decNumber({ m: f, s: decimals }));
}

const cmp = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
const halfUp = (n: bigint, d: bigint) => (n < 0n ? -((-n * 2n + d) / (2n * d)) : (n * 2n + d) / (2n * d));

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
