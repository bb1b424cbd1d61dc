import type { Indicator, Period, PeriodResult } from '../../model';
import { ScoreModel } from './scoreModel';

export function schemePoints(indicators: readonly Indicator[]): number {
  return indicators.reduce((s, i) => s + i.points, 0);
}

/**
 * Score a period: every cell by its indicator's rule, then each unit's total
 * (Σ unrounded scores × 100 / scheme points), rounded half-up to 2 decimals, ranked among the
 * units whose data is complete. Never yields NaN or Infinity: bad data becomes a DataError.
 * (Columnar, see ScoreModel; keep the model itself to rescore edits incrementally.)
 */
export function scorePeriod(period: Period): PeriodResult {
  return ScoreModel.build(period).result();
}
