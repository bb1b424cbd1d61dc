import type { RankDualRule } from '../model';
import { approxGreaterOrEqual, cleanDecimal } from './decimal';
import { competitionRanks } from './rank';

/** points × min(actual / target, 1): 陈贵镇 人才 4 / 4.25 × 5 = 4.7059. */
export function proportionalScore(points: number, actual: number, target: number): number {
  return points * Math.min(Math.max(actual / target, 0), 1);
}

/** All points when actual ≥ target (decimal comparison), else 0. */
export function thresholdScore(points: number, actual: number, target: number): number {
  return approxGreaterOrEqual(actual, target) ? points : 0;
}

export interface RankDualEntry {
  actual: number;
  rate: number;
}

export interface RankDualScore {
  rankByActual: number;
  rankByRate: number;
  actualPart: number;
  ratePart: number;
  score: number;
}

/** One half of a rank-dual score: first place gets `half`, each place below loses `step`, never < 0. */
export function rankPart(half: number, step: number, rank: number): number {
  return Math.max(0, cleanDecimal(half - (rank - 1) * step));
}

/**
 * 实际完成数排名 + 完成率排名, over the units taking part (not applicable, pending, missing and
 * erroneous cells are left out by the caller). Example: 高新区 研发投入 actual #1 → 2.5,
 * rate #12 → 2.5 − 11 × 0.05 = 1.95, score 4.45.
 */
export function rankDualScores(points: number, rule: RankDualRule, entries: readonly RankDualEntry[]): RankDualScore[] {
  const byActual = competitionRanks(entries.map((e) => e.actual));
  const byRate = competitionRanks(entries.map((e) => e.rate));
  const actualHalf = points * rule.actualShare;
  const rateHalf = points - actualHalf;
  return entries.map((_, i) => {
    const actualPart = rankPart(actualHalf, rule.step, byActual[i]!);
    const ratePart = rankPart(rateHalf, rule.step, byRate[i]!);
    return {
      rankByActual: byActual[i]!,
      rankByRate: byRate[i]!,
      actualPart,
      ratePart,
      score: cleanDecimal(actualPart + ratePart),
    };
  });
}
