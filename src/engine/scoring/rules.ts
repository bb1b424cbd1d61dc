import { cleanDecimal } from '../../model/exact';

/** points × min(actual / target, 1): 陈贵镇 人才 4 / 4.25 × 5 = 4.7059. */
export function proportionalScore(points: number, actual: number, target: number): number {
  return points * Math.min(Math.max(actual / target, 0), 1);
}

/** All points when actual ≥ target (the doubles of two decimals compare as the decimals do), else 0. */
export function thresholdScore(points: number, actual: number, target: number): number {
  return actual >= target ? points : 0;
}

/** One half of a rank-dual score: first place gets `half`, each place below loses `step`, never < 0. */
export function rankPart(half: number, step: number, rank: number): number {
  return Math.max(0, cleanDecimal(half - (rank - 1) * step));
}

/**
 * rankPart for ranks 1, 2, … up to the last that earns points (at most `n`): a half of 2.5 points
 * in steps of 0.05 is 50 entries, so scoring 40 000 ranks reads a table instead of computing each.
 */
export function rankParts(half: number, step: number, n: number): Float64Array {
  let k = 0;
  // Parts only fall with the rank (a step is never negative: model/schema.ts); were one negative, every rank is tabled.
  while (k < n && (step < 0 || rankPart(half, step, k + 1) > 0)) k++;
  const parts = new Float64Array(k);
  for (let r = 1; r <= k; r++) parts[r - 1] = rankPart(half, step, r);
  return parts;
}

/** A rank-dual score's two halves for its ranks by actual and by rate, as the score adds them. */
export function rankDualParts(points: number, rule: { actualShare: number; step: number }, rankByActual: number, rankByRate: number): { actualPart: number; ratePart: number } {
  const actualHalf = points * rule.actualShare;
  return { actualPart: rankPart(actualHalf, rule.step, rankByActual), ratePart: rankPart(points - actualHalf, rule.step, rankByRate) };
}
