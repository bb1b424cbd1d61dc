/**
 * Targets beyond a split: a growth target is the same period of an earlier year's actual (or
 * target) × (1 + r), rounded down, half-up or up to the indicator's decimals, and the 合计 follows
 * from the rows (seed 001's 研发人员: ⌊1.05 × the township's 2023 一季度 actual⌋, 4 917 → 5 162). A
 * split may also give every township a minimum first and share the rest by the weights. Exact on
 * the decimals typed: 1.05 × 4 917 is 5 162.85, never 5 162.849999.
 */
import { GROWTH_RULE, cellKey, readAmount, type Period } from '../../model';
import { dec, decAdd, decFromText, decMul, decNumber, decRound, type RoundingMode } from '../../model/exact';
import { largestRemainder } from './decompose';
import { ROUNDING_LABELS } from '../text/weightWords';

export type GrowthBasis = 'actual' | 'target';


export interface GrowthResult {
  /** Per unit of `period` (its order): the target, or null when the earlier period has no value. */
  targets: (number | null)[];
  /** Units without a value in the earlier period (named; they get no target). */
  missing: string[];
  /** What was done, in one line. */
  said: string;
}

/** The growth rate typed as a percent (5, 5%, 5.5, −3): its decimal, or a reason. */
export function readGrowthRate(text: string): { ok: true; percent: number } | { ok: false; reason: string } {
  const r = readAmount(text, GROWTH_RULE);
  return r.ok ? { ok: true, percent: r.value! } : r;
}

/**
 * Targets of `period`'s units for `indicatorId`: `source`'s value (its actual or target) of the same
 * unit × (1 + percent / 100), rounded by `mode` to `decimals`.
 */
export function growthTargets(period: Period, source: Period, indicatorId: string, basis: GrowthBasis, percent: number, mode: RoundingMode, decimals: number, sourceLabel: string): GrowthResult {
  const factor = decAdd({ m: 1n, s: 0 }, decMul(decFromText(String(percent)), { m: 1n, s: 2 }));
  const missing: string[] = [];
  const targets = period.units.map((u) => {
    const c = source.cells[cellKey(u.id, indicatorId)];
    const v = c?.state === 'value' || c?.state === 'pending' ? (basis === 'actual' && c.state === 'value' ? c.actual : c.target) : null;
    if (typeof v !== 'number') {
      missing.push(u.name);
      return null;
    }
    return decNumber(decRound(decMul(dec(v), factor), decimals, mode));
  });
  const what = basis === 'actual' ? '实绩数' : '任务数';
  const sign = percent >= 0 ? `增长 ${percent}%` : `减少 ${-percent}%`;
  return { targets, missing, said: `按${sourceLabel}同期${what}${sign}，${ROUNDING_LABELS[mode]}到${decimals ? `${decimals} 位小数` : '整数'}，合计为各单位之和。` };
}

/**
 * `total` split by `weights` after every unit first gets `minimum` (the rest shared by the
 * weights; with no weight left to share by, equally). Null when the minimums exceed the total.
 */
export function splitWithMinimum(total: number, weights: number[], decimals: number, minimum: number): number[] | null {
  const n = weights.length;
  const rest = decNumber(decAdd(dec(total), decMul(dec(minimum), { m: BigInt(-n), s: 0 })));
  if (rest < 0) return null;
  const shares = weights.some((w) => w > 0) ? weights : weights.map(() => 1);
  return largestRemainder(rest, shares, decimals).map((x) => decNumber(decAdd(dec(x), dec(minimum))));
}
