import { periodLabel, type Period, type PeriodResult, type Workbook } from '../model';
import { scorePeriod } from './score';
import { completionTables, rankingTable, scoreSheet, type CompletionTable, type RankingRow, type ScoreSheetBlock } from './tables';

export interface WorkbookInfo {
  id: string;
  name: string;
  periods: { id: string; label: string }[];
}

/** Plain data for one period's screens, structured-clone friendly for the worker boundary. */
export interface PeriodView {
  periodId: string;
  label: string;
  area: string;
  asOf: string;
  schemePoints: number;
  ranking: RankingRow[];
  completion: CompletionTable[];
  scoreSheet: ScoreSheetBlock[];
  errors: string[];
}

export function workbookInfo(wb: Workbook): WorkbookInfo {
  return { id: wb.id, name: wb.name, periods: wb.periods.map((p) => ({ id: p.id, label: periodLabel(p) })) };
}

export function buildPeriodView(period: Period): PeriodView {
  return buildPeriodViewFrom(period, scorePeriod(period));
}

export function buildPeriodViewFrom(period: Period, result: PeriodResult): PeriodView {
  return {
    periodId: period.id,
    label: periodLabel(period),
    area: period.area,
    asOf: period.asOf,
    schemePoints: result.schemePoints,
    ranking: rankingTable(period, result),
    completion: completionTables(period, result),
    scoreSheet: scoreSheet(period, result),
    errors: result.errors.map((e) => e.message),
  };
}
