import { periodLabel, type Period, type PeriodResult, type Workbook } from '../model';
import { scorePeriod } from './score';
import { bulletinTitle } from './describe';
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
  quarter: number;
  area: string;
  /** Titles of 附件6 and the score sheet, as the bulletin prints them. */
  rankingTitle: string;
  detailTitle: string;
  asOf: string;
  schemePoints: number;
  ranking: RankingRow[];
  completion: CompletionTable[];
  scoreSheet: ScoreSheetBlock[];
  /** Data errors, at most MAX_LISTED_ERRORS of them; `errorCount` has the total. */
  errors: string[];
  errorCount: number;
}

/** Which tables to build: a screen asks only for what it shows (a 5 000-unit score sheet is big). */
export type ViewPart = 'ranking' | 'detail' | 'completion' | 'all';

export const MAX_LISTED_ERRORS = 50;

export function workbookInfo(wb: Workbook): WorkbookInfo {
  return { id: wb.id, name: wb.name, periods: wb.periods.map((p) => ({ id: p.id, label: periodLabel(p) })) };
}

export function buildPeriodView(period: Period): PeriodView {
  return buildPeriodViewFrom(period, scorePeriod(period));
}

export function buildPeriodViewFrom(period: Period, result: PeriodResult, part: ViewPart = 'all'): PeriodView {
  const want = (p: ViewPart) => part === 'all' || part === p;
  return {
    periodId: period.id,
    label: periodLabel(period),
    quarter: period.quarter,
    area: period.area,
    rankingTitle: bulletinTitle(period, '考核结果'),
    detailTitle: bulletinTitle(period, '考核得分(乡镇)'),
    asOf: period.asOf,
    schemePoints: result.schemePoints,
    ranking: rankingTable(period, result),
    completion: want('completion') ? completionTables(period, result) : [],
    scoreSheet: want('detail') ? scoreSheet(period, result) : [],
    errors: result.errors.slice(0, MAX_LISTED_ERRORS).map((e) => e.message),
    errorCount: result.errors.length,
  };
}
