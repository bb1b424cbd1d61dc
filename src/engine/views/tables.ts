/**
 * The bulletin's tables as display-ready rows (text exactly as printed, plus the numbers), shared
 * by the screens and, later, the styled export.
 */
import { onSchedule, timeProgress, versusTime, type TimeProgress, type VersusTime } from './timeProgress';
import { cellKey, type Cell, type Indicator, type Period, type PeriodResult } from '../../model';
import { indicatorLabel, pendingNote, ruleNote, tableName } from '../text/describe';
import { formatNumber, formatPlain, formatRate, formatRatio, formatScore, formatTotal } from '../../model/format';
import { decPlain, decText, roundQuotient } from '../../model/exact';
import { convertMeasure } from './measure';
import { annexIndicators, summarizeIndicator, type IndicatorSummary } from '../scoring/summary';

export interface RankingRow {
  unitId: string;
  rank: number | null;
  name: string;
  total: number | null;
  totalText: string;
  complete: boolean;
  missingCount: number;
  errorCount: number;
  /** The first cell the engine cannot score, named (a unit with one is 数据有误, not 数据不全). */
  firstError: string | null;
  published: number | null;
  publishedText: string;
  /** Against the previous period (when there is one): places moved up (negative: down), total gained; null when either period has no rank. */
  rankChange?: number | null;
  totalChange?: number | null;
  /** A cumulative period: the 附件 indicators on which the unit is behind 序时进度 (their names); else null. */
  behind: string[] | null;
}

/** 附件6 考核结果: 排名 | 乡镇 | 考核得分. */
/** Which rows of a table to build (a screen shows a page of a 40 000-unit table, an export all of it). */
export interface RowRange {
  offset: number;
  limit: number;
}

export const ALL_ROWS: RowRange = { offset: 0, limit: Infinity };

/** The units of a range of the ranking, in ranking order. */
const unitsOf = (result: PeriodResult, rows: RowRange) => (result.unitsIn ? result.unitsIn(rows.offset, rows.limit) : result.units.slice(rows.offset, rows.offset + rows.limit));

export function rankingTable(period: Period, result: PeriodResult, rows: RowRange = ALL_ROWS): RankingRow[] {
  const byId = new Map(period.units.map((u) => [u.id, u]));
  const tp = timeProgress(period);
  const annexes = tp ? annexIndicators(period) : [];
  /** The 附件 indicators a unit is behind 序时进度 on (a cell without a rate is not judged). */
  const behindOf = (unitId: string): string[] | null =>
    tp
      ? annexes.flatMap((ind) => {
          const c = result.cell(unitId, ind.id);
          return c && !c.error && c.state === 'value' && c.actual !== null && c.target !== null && !onSchedule(c.actual, c.target, tp) ? [ind.annex?.title ?? ind.name] : [];
        })
      : null;
  return unitsOf(result, rows).map((r) => ({
    unitId: r.unitId,
    rank: r.rank,
    name: byId.get(r.unitId)!.name,
    total: r.totalRounded,
    totalText: r.totalRounded === null ? (r.errors.length ? '数据有误' : '数据不全') : formatTotal(r.totalRounded),
    complete: r.complete,
    missingCount: r.missingIndicatorIds.length - r.errors.length,
    errorCount: r.errors.length,
    firstError: r.errors[0]?.message ?? null,
    published: r.published ?? null,
    publishedText: r.published === undefined ? '' : formatTotal(r.published),
    behind: behindOf(r.unitId),
  }));
}

/** Units named in a table's facts line (a province has thousands behind target; the count says how many). */
export const MAX_NAMED_IN_FACTS = 50;

export interface CompletionRow {
  no: number;
  unitId: string;
  name: string;
  /** The figures; null on a row without one (see `status`). */
  actual: number | null;
  target: number | null;
  /** actual ÷ target rounded to 4 decimals (the 0.00 % printed), on the decimals; null without a figure. */
  rate: number | null;
  /** Completed (actual ≥ target, on the decimals). */
  reached: boolean;
  actualText: string;
  targetText: string;
  rateText: string;
  pending: boolean;
  /**
   * A township without a figure, listed after the others (the 附件 list every township, as the
   * seed's do): 未报送 (no 实绩数 yet), 不适用 (/), 数据有误 (a stored value the policy refuses); null
   * on a row with its figures.
   */
  status: NoFigure | null;
  /** A cumulative period: the 百分点 past (+) or behind (−) 序时进度 as printed, the number a cell holds for it, and whether it is behind; else null. */
  vsTime: string | null;
  vsTimeValue: number | null;
  behind: boolean | null;
}

/** Why a township's row of a 附件 has no 完成率. */
export type NoFigure = '未报送' | '不适用' | '数据有误' | '缺任务数';

export interface CompletionTable {
  annexNo: number;
  indicatorId: string;
  title: string;
  asOf: string;
  /** "规上企业研发投入（万元）" spanning 实绩数 | 任务数 | 完成率. */
  header: string;
  /** All rows of the table (every township: those with figures, then those without); `rows` holds the requested range of them. */
  rowCount: number;
  rows: CompletionRow[];
  sum: { actualText: string; targetText: string; rateText: string; actual: number; target: number; rate: number | null; reached: boolean | null; vsTime: string | null; vsTimeValue: number | null };
  /** A cumulative period's 序时进度 (25%); null when the period is not cumulative. */
  timeProgress: string | null;
  /** How many rows have no figure (未报送, 不适用, 数据有误): listed last, left out of the 合计. */
  excludedCount: number;
  /** What the bulletin says of the indicator (§一): completed count, who did not, the top three. */
  /** `notCompletedNames` lists at most MAX_NAMED_IN_FACTS; `notCompletedCount` has them all. */
  facts: { completedCount: number; notCompletedNames: string[]; notCompletedCount: number; topNames: string[]; unitCount: number; behindNames: string[]; behindCount: number };
  /** The first MAX_NAMED_IN_FACTS townships that did not complete, with their rate, from the whole table (not only `rows`). */
  notCompleted: { unitId: string; name: string; rateText: string }[];
}

/** The part of the rows without a figure a range asks for (they follow the rows with figures). */
function noFigureRows(ids: readonly string[], offset: number, limit: number): string[] {
  return limit > 0 ? ids.slice(offset, offset + limit) : [];
}

/** A cell as stored: from the result's columns when it has them (the keyed cells may not be made yet after an open). */
function storedCell(period: Period, result: PeriodResult, unitId: string, indicatorId: string): Cell | undefined {
  return result.stored ? result.stored(unitId, indicatorId) : period.cells[cellKey(unitId, indicatorId)];
}

/** A township without a figure, as the grid shows it: "/", 未报送, 数据有误 in place of the figure. */
function noFigureRow(period: Period, result: PeriodResult, ind: Indicator, unitId: string, name: string, no: number, actualText: (x: number) => string): CompletionRow {
  const c = result.cell(unitId, ind.id);
  const base = { no, unitId, name, rate: null, reached: false, rateText: '', pending: false, vsTime: null, vsTimeValue: null, behind: null };
  if (c?.state === 'na') return { ...base, actual: null, target: null, actualText: '/', targetText: '/', rateText: '/', status: '不适用' };
  const target = c?.target ?? null;
  const actual = c?.actual ?? null;
  if (c?.error) {
    // The field in error says so; the other shows what is stored.
    const bad = c.error.field;
    const stored = storedCell(period, result, unitId, ind.id);
    const shown = (v: unknown, f: (x: number) => string) => (typeof v === 'number' ? f(v) : v === null || v === undefined ? '' : String(v));
    return {
      ...base,
      actual: null,
      target: null,
      actualText: bad === 'actual' ? '数据有误' : shown(stored?.actual, actualText),
      targetText: bad === 'target' ? '数据有误' : shown(stored?.target, formatPlain),
      status: '数据有误',
    };
  }
  if (actual !== null) return { ...base, actual, target: null, actualText: actualText(actual), targetText: '', status: '缺任务数' };
  return { ...base, actual: null, target, actualText: '未报送', targetText: target === null ? '' : formatPlain(target), status: '未报送' };
}

/** Each unit against 序时进度, made once per summary (which stands until the next change) and 序时进度. */
const againstTime = new WeakMap<IndicatorSummary, { share: string | null; vs: Map<string, VersusTime>; behind: string[] }>();
function versusTimeOf(s: IndicatorSummary, tp: TimeProgress | null): { vs: Map<string, VersusTime>; behind: string[] } {
  const share = tp ? `${tp.share.n}/${tp.share.d}` : null;
  let known = againstTime.get(s);
  if (known?.share !== share) {
    const vs = new Map(tp ? s.entries.map((e) => [e.unitId, versusTime(e.actual, e.target, tp)]) : []);
    known = { share, vs, behind: s.entries.filter((e) => vs.get(e.unitId)?.sign === -1).map((e) => e.unitId) };
    againstTime.set(s, known);
  }
  return known;
}

/** The first townships (in the table's order) below their target. */
function firstNotCompleted(s: IndicatorSummary): IndicatorSummary['entries'] {
  const out: IndicatorSummary['entries'][number][] = [];
  for (const e of s.entries) {
    if (out.length >= MAX_NAMED_IN_FACTS) break;
    if (!(e.actual >= e.target)) out.push(e);
  }
  return out;
}

/** A 附件 table's title: 各乡镇 2024 年指标1完成情况表. */
export function completionTitle(period: Period, ind: Indicator): string {
  return `各乡镇 ${period.year} 年${ind.annex!.title}完成情况表`;
}

/** 附件1–5: rows by actual descending, then the 合计 row (Σ actual, Σ target, Σ actual / Σ target). */
export function completionTables(period: Period, result: PeriodResult, rows: RowRange = ALL_ROWS): CompletionTable[] {
  const names = new Map(period.units.map((u) => [u.id, tableName(u)]));
  const shortNames = new Map(period.units.map((u) => [u.id, u.name]));
  const tp = timeProgress(period);
  return annexIndicators(period).map((ind) => {
    const s = summarizeIndicator(period, result, ind);
    const { vs, behind } = versusTimeOf(s, tp);
    const sumVs = tp && s.rate !== null ? versusTime(s.sumActualExact, s.sumTargetExact, tp) : null;
    const actualText = (x: number) => formatNumber(x, ind.decimals, ind.padDecimals);
    return {
      annexNo: ind.annex!.no,
      indicatorId: ind.id,
      title: completionTitle(period, ind),
      asOf: period.asOf,
      header: `${ind.annex!.title}（${ind.unit}）`,
      rowCount: s.entries.length + s.excludedUnitIds.length,
      rows: [
        ...s.entries.slice(rows.offset, rows.offset + rows.limit).map((e, i): CompletionRow => ({
          no: rows.offset + i + 1,
          unitId: e.unitId,
          name: names.get(e.unitId)!,
          actual: e.actual,
          target: e.target,
          rate: roundQuotient(e.actual, e.target, 4),
          reached: e.actual >= e.target,
          actualText: actualText(e.actual),
          targetText: formatPlain(e.target),
          rateText: formatRatio(e.actual, e.target),
          pending: e.pending,
          status: null,
          vsTime: vs.get(e.unitId)?.text ?? null,
          vsTimeValue: vs.get(e.unitId)?.value ?? null,
          behind: tp ? vs.get(e.unitId)!.sign === -1 : null,
        })),
        ...noFigureRows(s.excludedUnitIds, Math.max(0, rows.offset - s.entries.length), Math.max(0, rows.limit - Math.max(0, s.entries.length - rows.offset))).map(
          (unitId, i): CompletionRow => noFigureRow(period, result, ind, unitId, names.get(unitId)!, Math.max(rows.offset, s.entries.length) + i + 1, actualText),
        ),
      ],
      timeProgress: tp?.text ?? null,
      // The 合计 row summed in decimal: exact at every magnitude.
      sum: {
        actual: s.sumActual,
        target: s.sumTarget,
        rate: s.rate,
        reached: s.sumReached,
        actualText: decText(s.sumActualExact, ind.decimals, ind.padDecimals),
        targetText: decPlain(s.sumTargetExact),
        rateText: s.rate === null ? '' : formatRate(s.rate),
        vsTime: sumVs?.text ?? null,
        vsTimeValue: sumVs?.value ?? null,
      },
      excludedCount: s.excludedUnitIds.length,
      notCompleted: firstNotCompleted(s).map((e) => ({ unitId: e.unitId, name: names.get(e.unitId)!, rateText: formatRatio(e.actual, e.target) })),
      facts: {
        completedCount: s.completedUnitIds.length,
        notCompletedNames: s.notCompletedUnitIds.slice(0, MAX_NAMED_IN_FACTS).map((id) => shortNames.get(id)!),
        notCompletedCount: s.notCompletedUnitIds.length,
        topNames: s.topUnitIds.map((id) => shortNames.get(id)!),
        unitCount: s.entries.length,
        behindNames: behind.slice(0, MAX_NAMED_IN_FACTS).map((id) => shortNames.get(id)!),
        behindCount: behind.length,
      },
    };
  });
}

export interface ScoreSheetLine {
  indicatorId: string;
  label: string;
  targetText: string;
  actualText: string;
  pointsText: string;
  scoreText: string;
  score: number | null;
  /** The score as printed (2 decimals, half-up on the decimals). */
  scoreRounded: number | null;
  remark: string;
  missing: boolean;
  error: string | null;
}

export interface ScoreSheetBlock {
  no: number;
  unitId: string;
  name: string;
  total: number | null;
  totalText: string;
  complete: boolean;
  lines: ScoreSheetLine[];
  /** Against the period before (when the view was asked with one): rank now, places moved (+ = up), total's change. */
  rank?: number | null;
  rankChange?: number | null;
  totalChange?: number | null;
}

/**
 * 考核得分明细: 序号 | 乡镇 | 指标名称 | 目标任务数 | 完成任务数 | 目标分值 | 考核得分 | 总得分 | 备注,
 * one block per unit in ranking order. Values are shown in the score sheet's measure unit.
 */
export function scoreSheet(period: Period, result: PeriodResult, rows: RowRange = ALL_ROWS): ScoreSheetBlock[] {
  const byId = new Map(period.units.map((u) => [u.id, u]));
  return unitsOf(result, rows).map((ur, i) => {
    const blockIndex = rows.offset + i;
    const unit = byId.get(ur.unitId)!;
    const lines = period.indicators.map((ind): ScoreSheetLine => {
      const c = result.cell(unit.id, ind.id)!;
      const cell = storedCell(period, result, unit.id, ind.id);
      const shown = ind.detailUnit ?? ind.unit;
      const show = (x: number | null) => (x === null ? '' : formatPlain(convertMeasure(x, ind.unit, shown)));
      const na = c.state === 'na';
      const notes = [cell?.remark ?? '', c.state === 'pending' ? pendingNote(period) : '', blockIndex === 0 && ind.rule.kind === 'rankDual' ? ruleNote(ind) : '']
        .filter(Boolean)
        .join(' ');
      return {
        indicatorId: ind.id,
        label: indicatorLabel(ind),
        targetText: na ? '/' : c.error && c.error.field === 'target' ? String(cell?.target ?? '') : show(c.target),
        actualText: na ? '/' : c.error && c.error.field === 'actual' ? String(cell?.actual ?? '') : show(c.actual),
        pointsText: formatScore(ind.points),
        scoreText: c.scoreRounded === null ? (c.error ? '错误' : '缺') : formatScore(c.scoreRounded),
        score: c.score,
        scoreRounded: c.scoreRounded,
        remark: notes,
        missing: c.state === 'missing',
        error: c.error?.message ?? null,
      };
    });
    return {
      no: blockIndex + 1,
      unitId: unit.id,
      name: tableName(unit),
      total: ur.totalRounded,
      totalText: ur.totalRounded === null ? '数据不全' : formatTotal(ur.totalRounded),
      complete: ur.complete,
      lines,
    };
  });
}
