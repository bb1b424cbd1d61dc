/**
 * A unit's rank and total over the periods, in time order (the chart of 名次变化). Units are
 * matched by id: a period made from another keeps its units' ids. Pure.
 */
import { periodLabel, type Period, type PeriodResult } from '../../model';
import { sortedPeriods } from '../workbook/periods';

export interface RankPoint {
  periodId: string;
  label: string;
  /** Null when the unit is not ranked in that period (data incomplete, or not in the period). */
  rank: number | null;
  total: number | null;
  /** Units ranked in that period (the chart's axis runs to the largest). */
  ranked: number;
}

export function rankHistory(periods: readonly Period[], resultOf: (periodId: string) => PeriodResult, unitId: string): RankPoint[] {
  return sortedPeriods(periods).map((p) => {
    const r = resultOf(p.id);
    const u = r.unitResult(unitId);
    return {
      periodId: p.id,
      label: periodLabel(p),
      rank: u?.rank ?? null,
      total: u?.rank != null ? (u.totalRounded ?? null) : null,
      ranked: r.units.filter((x) => x.rank !== null).length,
    };
  });
}
