/**
 * One indicator's targets from a 目标分解 form, as the boxes' texts were typed: a split of the city
 * total by weights (largest remainder, optionally with a minimum each) or growth on an earlier
 * period. Every box read by the box policy here, in the worker, whatever the page said; the result
 * is shown (目标分解表), made a scenario, or set as the period's 任务数 — always the same numbers.
 */
import { UserError, cityTotalRule, decNumber, decSum, minimumRule, numberProblem, periodLabel, readAmount, readWeights, type Indicator, type Period } from '../model';
import { formatPlain } from '../model/format';
import { growthTargets, readGrowthRate, splitWithMinimum, type GrowthBasis } from '../engine/whatif/growth';
import { WEIGHT_BASIS_LABELS, decompositionDecimals, largestRemainder, weightsFor, weightsProblem, type WeightBasis } from '../engine/whatif/decompose';
import type { RoundingMode } from '../model/exact';

/** The 目标分解 form as typed (the same shape the period keeps in `decompositions`). */
export interface SplitForm {
  basis: WeightBasis | 'growth';
  totalText: string;
  source: string | null;
  typed: Record<string, string>;
  rateText: string;
  growthOf: GrowthBasis;
  rounding: RoundingMode;
  minimumText: string;
}

export interface SplitResult {
  indicatorName: string;
  unit: string;
  decimals: number;
  basisLabel: string;
  note: string;
  /** Whether there is a split to apply (typed weights: at least one above 0). */
  ready: boolean;
  rows: { unitId: string; name: string; weight: number; target: number | null }[];
  sum: number;
  /** The city total split (null for growth). */
  total: number | null;
}

const named = (names: string[]) => `${names.slice(0, 10).join('、')}${names.length > 10 ? ` 等 ${names.length} 个单位` : ''}`;

export function indicatorOf(p: Period, indicatorId: string): Indicator {
  const ind = p.indicators.find((i) => i.id === indicatorId);
  if (!ind) throw new UserError('该指标不存在（可能已在另一窗口中删除）。');
  return ind;
}

/** Growth targets: `source`'s actuals (or targets) × (1 + rate %), rounded by the form's rule. */
export function growthSplit(p: Period, ind: Indicator, source: Period, form: Pick<SplitForm, 'rateText' | 'growthOf' | 'rounding'>): SplitResult {
  const rate = readGrowthRate(form.rateText);
  if (!rate.ok) throw new UserError(`${rate.reason}，无法计算。`);
  const decimals = decompositionDecimals(ind.unit, ind.decimals);
  const r = growthTargets(p, source, ind.id, form.growthOf, rate.percent, form.rounding, decimals, periodLabel(source));
  const got = r.targets.filter((x): x is number => x !== null);
  if (!got.length) throw new UserError(`依据的考核期 ${periodLabel(source)} 没有“${ind.name}”的${form.growthOf === 'actual' ? '实绩数' : '任务数'}，无法按同期增长计算。请选择有数据的考核期。`);
  // Each target passes the value policy (a growth of a tiny value may print as 0).
  const bad = p.units.flatMap((u, i) => {
    const t = r.targets[i];
    const why = t === null || t === undefined ? null : numberProblem('target', t, ind);
    return why ? [`${u.name}：${why}`] : [];
  });
  if (bad.length) throw new UserError(`按同期增长算出的任务数不符合要求：${bad.slice(0, 5).join('；')}${bad.length > 5 ? '……' : ''}。`);
  return {
    indicatorName: ind.name,
    unit: ind.unit,
    decimals,
    basisLabel: r.said,
    note: r.missing.length ? `${named(r.missing)}在依据的考核期中没有数据，没有算出任务数（应用时保留原任务数）。` : '',
    ready: true,
    rows: p.units.map((u, i) => ({ unitId: u.id, name: u.fullName ?? u.name, weight: 0, target: r.targets[i] ?? null })),
    sum: decNumber(decSum(got)),
    total: null,
  };
}

/** A split of the city total by weights (from an earlier period, equal, or typed), with a minimum each when given. */
export function weightSplit(p: Period, ind: Indicator, source: Period | null, form: Pick<SplitForm, 'totalText' | 'typed' | 'minimumText'> & { basis: WeightBasis }): SplitResult {
  const read = readAmount(form.totalText.trim() || (ind.cityTarget === undefined ? '' : formatPlain(ind.cityTarget)), cityTotalRule(ind));
  if (!read.ok) throw new UserError(`${read.reason}，无法分解。`);
  const total = read.value!;
  const { weights: typed, refused } = readWeights(form.basis === 'typed' ? form.typed : {});
  const badWeights = p.units.flatMap((u) => (refused[u.id] ? [`${u.name}的${refused[u.id]}`] : []));
  if (badWeights.length) throw new UserError(`${badWeights.slice(0, 5).join('；')}${badWeights.length > 5 ? '……' : ''}，无法分解。`);
  const least = readAmount(form.minimumText, minimumRule(ind));
  if (!least.ok) throw new UserError(`${least.reason}，无法分解。`);
  const minimum = least.value ?? 0;
  const weights = weightsFor(p, ind.id, form.basis, source, typed);
  const problem = weightsProblem(weights, form.basis, ind.name, source ? periodLabel(source) : null);
  if (problem) throw new UserError(problem);
  const decimals = decompositionDecimals(ind.unit, ind.decimals);
  // No weight typed yet: the rows to type them in, and nothing split.
  const ready = weights.some((w) => w > 0) || form.basis === 'equal';
  // Every township first gets the minimum (if any), the rest by the weights.
  const parts = ready ? (minimum ? splitWithMinimum(total, weights, decimals, minimum) : largestRemainder(total, weights, decimals)) : weights.map(() => 0);
  if (!parts) throw new UserError(`每个单位至少 ${formatPlain(minimum)}，${p.units.length} 个单位共需 ${formatPlain(minimum * p.units.length)}，超过了全市目标 ${formatPlain(total)}，无法分解。`);
  const fromPeriod = form.basis === 'prevActual' || form.basis === 'prevTarget';
  const zero = fromPeriod ? p.units.filter((_, i) => weights[i] === 0).map((u) => u.name) : [];
  return {
    indicatorName: ind.name,
    unit: ind.unit,
    decimals,
    basisLabel: WEIGHT_BASIS_LABELS[form.basis] + (source && fromPeriod ? `（${periodLabel(source)}）` : '') + (minimum ? `，每个单位至少 ${formatPlain(minimum)}` : ''),
    // Units the basis period gives nothing for get 0: said rather than hidden.
    note: !ready ? '请先输入权重（至少一个单位的权重大于 0；可从 Excel 复制一列权重，粘贴到第一个单位的权重框）。' : zero.length ? `${named(zero)}在依据的考核期中没有数据，分得 0。` : '',
    ready,
    rows: p.units.map((u, i) => ({ unitId: u.id, name: u.fullName ?? u.name, weight: weights[i]!, target: parts[i]! as number | null })),
    sum: decNumber(decSum(parts)),
    total,
  };
}

/** The split a form asks for: growth on, or weights from, `source` (the period's own when not given). */
export function splitOf(p: Period, indicatorId: string, form: SplitForm, periodOf: (id: string) => Period): SplitResult {
  const ind = indicatorOf(p, indicatorId);
  if (form.basis === 'growth') return growthSplit(p, ind, periodOf(form.source ?? p.id), form);
  const source = form.basis === 'prevActual' || form.basis === 'prevTarget' ? periodOf(form.source ?? p.id) : null;
  return weightSplit(p, ind, source, { ...form, basis: form.basis });
}
