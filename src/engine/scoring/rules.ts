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


/** A rank-dual score's two halves for its ranks by actual and by rate, as the score adds them. */
export function rankDualParts(points: number, rule: { actualShare: number; step: number }, rankByActual: number, rankByRate: number): { actualPart: number; ratePart: number } {
  const actualHalf = points * rule.actualShare;
  return { actualPart: rankPart(actualHalf, rule.step, rankByActual), ratePart: rankPart(points - actualHalf, rule.step, rankByRate) };
}
