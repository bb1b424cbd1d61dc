import { decimalDifference, periodLabel, type Period, type PeriodResult, type Workbook } from '../../model';
import { scorePeriod } from '../scoring/score';
import { bulletinTitle } from '../text/describe';
import { completionTables, rankingTable, scoreSheet, type CompletionTable, type RankingRow, type RowRange, type ScoreSheetBlock } from './tables';

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
  /** The page shown: rows (units, or score-sheet blocks) from `offset`, at most `pageSize` of them, of `rowCount`. */
  offset: number;
  pageSize: number;
  rowCount: number;
  ranking: RankingRow[];
  /** The period the ranking's changes are against (the one before in time), or null. */
  previousLabel: string | null;
  completion: CompletionTable[];
  scoreSheet: ScoreSheetBlock[];
  /** Data errors, at most MAX_LISTED_ERRORS of them; `errorCount` has the total. */
  errors: string[];
  errorCount: number;
}

/** Which tables to build: a screen asks only for what it shows (a 5 000-unit score sheet is big). */
export type ViewPart = 'ranking' | 'detail' | 'completion' | 'all';

export const MAX_LISTED_ERRORS = 50;

/**
 * Rows per page of each screen: a county (≤ 500 units) is one page and prints whole; a province's
 * 40 000 units are paged, so only the rows shown are built and cross the worker boundary.
 */
export const PAGE_SIZE: Record<Exclude<ViewPart, 'all'>, number> = { ranking: 500, detail: 50, completion: 500 };

export function workbookInfo(wb: Workbook): WorkbookInfo {
  return { id: wb.id, name: wb.name, periods: wb.periods.map((p) => ({ id: p.id, label: periodLabel(p) })) };
}

export function buildPeriodView(period: Period): PeriodView {
  return buildPeriodViewFrom(period, scorePeriod(period));
}

/** Each ranked unit's move against the previous period's ranking (units matched by id). */
function withChanges(rows: RankingRow[], previous: PeriodResult): RankingRow[] {
  return rows.map((r) => {
    const was = previous.unitResult(r.unitId);
    const rankChange = r.rank !== null && was?.rank != null ? was.rank - r.rank : null;
    const totalChange = r.total !== null && was?.totalRounded != null ? decimalDifference(r.total, was.totalRounded) : null;
    return { ...r, rankChange, totalChange };
  });
}

/** Each block's rank now and its move against the previous period (units matched by id). */
function blocksWithChanges(blocks: ScoreSheetBlock[], result: PeriodResult, previous: PeriodResult): ScoreSheetBlock[] {
  return blocks.map((b) => {
    const now = result.unitResult(b.unitId);
    const was = previous.unitResult(b.unitId);
    const rank = now?.rank ?? null;
    const rankChange = rank !== null && was?.rank != null ? was.rank - rank : null;
    const totalChange = b.total !== null && was?.totalRounded != null ? decimalDifference(b.total, was.totalRounded) : null;
    return { ...b, rank, rankChange, totalChange };
  });
}

export function buildPeriodViewFrom(period: Period, result: PeriodResult, part: ViewPart = 'all', offset = 0, previous: { label: string; result: PeriodResult } | null = null): PeriodView {
  const want = (p: ViewPart) => part === 'all' || part === p;
  const pageSize = part === 'all' ? Infinity : PAGE_SIZE[part];
  const start = Math.max(0, Math.min(Math.floor(offset), Math.max(0, period.units.length - 1)));
  const rows: RowRange = { offset: start, limit: pageSize };
  return {
    periodId: period.id,
    label: periodLabel(period),
    quarter: period.quarter,
    area: period.area,
    rankingTitle: bulletinTitle(period, '考核结果'),
    detailTitle: bulletinTitle(period, '考核得分(乡镇)'),
    asOf: period.asOf,
    schemePoints: result.schemePoints,
    offset: start,
    pageSize,
    rowCount: period.units.length,
    // The charts (part 'completion') draw the first page of the ranking.
    ranking: want('detail') && part !== 'all' ? [] : previous ? withChanges(rankingTable(period, result, rows), previous.result) : rankingTable(period, result, rows),
    previousLabel: previous?.label ?? null,
    completion: want('completion') ? completionTables(period, result, rows) : [],
    scoreSheet: want('detail') ? (previous ? blocksWithChanges(scoreSheet(period, result, rows), result, previous.result) : scoreSheet(period, result, rows)) : [],
    errors: result.errors.slice(0, MAX_LISTED_ERRORS).map((e) => e.message),
    errorCount: result.errors.length,
  };
}
