/**
 * The bulletin's tables as a styled .xlsx staff can hand on untouched (exceljs, in the worker:
 * SheetJS Community Edition cannot write styles): merged titles, two-row merged headers, 合计 rows,
 * thin borders, 宋体, 0.00% and the indicator's decimals, column widths, A4 landscape, header rows
 * repeated on every printed page, "附件 N" above each annex's title and page numbers in the footer. Values are written as shown (rounded as printed), so what a
 * reader sees is what the cell holds. Text is always written as text, never as a formula.
 */
import { UserError } from '../model/errors';
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './excel';
import { writeXlsx } from './writeXlsx';
import { exportMark } from './fileMarks';
import { periodLabel, windowsFileName, type Period, type PeriodResult } from '../model';
import { completionTables, rankingTable, scoreSheet, type CompletionTable } from '../engine/views/tables';
import { parseNumeric } from '../model/numeric';
import { bulletinTitle } from '../engine/text/describe';
import { blockBreaks, fitScale, MAX_BREAKS, pageCapacity } from './pageBreaks';
import { annexLine, CENTER, FONT, issuerLine, numberFormat, sheetFor, style, text, title, wrappedRowHeight } from './sheetStyle';

export type ExportPart = 'all' | 'ranking' | 'detail' | `annex${number}`;

/** The number format that shows a value as `text` shows it: 248.05 → 0.00, 770 → 0 (the one formatter decided the decimals). */
function shownFormat(text: string): string {
  const decimals = /\.(\d+)$/u.exec(text)?.[1]?.length ?? 0;
  return decimals ? `0.${'0'.repeat(decimals)}` : '0';
}

/** A figure's cell: the number when there is one, else the word the table prints (未报送, /, 数据有误). */
function figureOrWord(value: number | null, word: string): ExcelJS.CellValue {
  if (value !== null) return value;
  const p = parseNumeric(word);
  return p.kind === 'number' ? p.value : text(word);
}

/** 较序时进度（百分点）: signed, two decimals (a sign on a tiny nonzero difference, none on 0). */
const POINTS_FORMAT = '+0.00;-0.00;0.00';

function completionSheet(wb: ExcelJS.Workbook, period: Period, t: CompletionTable) {
  const ind = period.indicators.find((i) => i.id === t.indicatorId)!;
  // A cumulative period: 序时进度 beside the date and a 较序时进度（百分点） column, as on screen.
  const tp = t.timeProgress !== null;
  const last = tp ? 6 : 5;
  // Row 1 附件 N, 2 title, 3 date, 4–5 the two-row header, then the units and 合计.
  const ws = sheetFor(wb, `附件${t.annexNo}`, '4:5', tp ? [7, 22, 16, 14, 12, 14] : [7, 22, 16, 14, 12]);
  annexLine(ws, t.annexNo);
  title(ws, 2, last, t.title, 16, true);
  ws.mergeCells(3, 1, 3, last);
  ws.getCell(3, 1).value = tp ? `${t.asOf ? `${t.asOf}\u3000` : ''}序时进度 ${t.timeProgress}` : t.asOf;
  ws.getCell(3, 1).font = { name: FONT, size: 11 };
  ws.getCell(3, 1).alignment = CENTER;
  ws.mergeCells(4, 1, 5, 1);
  ws.mergeCells(4, 2, 5, 2);
  ws.mergeCells(4, 3, 4, 5);
  ws.getCell(4, 1).value = '序号';
  ws.getCell(4, 2).value = '乡镇';
  ws.getCell(4, 3).value = t.header;
  ['实绩数', '任务数', '完成率'].forEach((h, i) => (ws.getCell(5, 3 + i).value = h));
  if (tp) {
    ws.mergeCells(4, 6, 5, 6);
    ws.getCell(4, 6).value = '较序时进度（百分点）';
  }
  for (let r = 4; r <= 5; r++) for (let c = 1; c <= last; c++) style(ws.getCell(r, c), { bold: true });
  const fmt = numberFormat(ind.decimals, ind.padDecimals);
  let r = 6;
  for (const row of t.rows) {
    ws.getCell(r, 1).value = row.no;
    ws.getCell(r, 2).value = text(row.name);
    // A township without a figure is listed with the word the screen shows (未报送, /, 数据有误).
    // The figure as the workbook holds it (248.04906), shown as the table prints it (248.05): the
    // column then sums to its 合计 in Excel, and reads back unchanged.
    ws.getCell(r, 3).value = row.status === null ? row.actual : figureOrWord(row.actual, row.actualText);
    ws.getCell(r, 4).value = row.target ?? (row.targetText ? figureOrWord(null, row.targetText) : null);
    ws.getCell(r, 5).value = row.rate ?? (row.rateText ? text(row.rateText) : null); // rounded to 0.00 % on the decimals already
    style(ws.getCell(r, 1));
    style(ws.getCell(r, 2));
    style(ws.getCell(r, 3), { numFmt: row.status === null ? shownFormat(row.actualText) : fmt, align: typeof ws.getCell(r, 3).value === 'number' ? 'right' : 'center' });
    style(ws.getCell(r, 4), { numFmt: 'General', align: typeof ws.getCell(r, 4).value === 'number' ? 'right' : 'center' });
    style(ws.getCell(r, 5), { numFmt: '0.00%', align: row.rate === null ? 'center' : 'right' });
    // A number shown as the screen writes it (+13.20, -3.50, -0.00 just behind): see VersusTime.value.
    if (tp) {
      ws.getCell(r, 6).value = row.vsTimeValue;
      style(ws.getCell(r, 6), { numFmt: POINTS_FORMAT, align: 'right' });
    }
    r++;
  }
  ws.mergeCells(r, 1, r, 2);
  ws.getCell(r, 1).value = '合计';
  // The 合计 as summed in decimal (its text is exact; the cell holds the nearest number).
  ws.getCell(r, 3).value = Number(t.sum.actualText);
  ws.getCell(r, 4).value = Number(t.sum.targetText);
  ws.getCell(r, 5).value = t.sum.rate;
  if (tp) ws.getCell(r, 6).value = t.sum.vsTimeValue;
  for (let c = 1; c <= last; c++) style(ws.getCell(r, c), { bold: true, numFmt: c === 3 ? shownFormat(t.sum.actualText) : c === 5 ? '0.00%' : c === 6 ? POINTS_FORMAT : undefined, align: c >= 3 ? 'right' : 'center' });
  issuerLine(ws, r, last, period.issuer);
}

function rankingSheet(wb: ExcelJS.Workbook, period: Period, result: PeriodResult) {
  // Row 1 附件 6, 2 title, 3 (乡镇), 4 header, then the units.
  const ws = sheetFor(wb, '附件6', '4:4', [10, 26, 14]);
  annexLine(ws, 6);
  title(ws, 2, 3, bulletinTitle(period, '考核结果'), 16, true);
  title(ws, 3, 3, '(乡镇)', 12, false);
  ['排名', '乡镇', '考核得分'].forEach((h, i) => {
    ws.getCell(4, i + 1).value = h;
    style(ws.getCell(4, i + 1), { bold: true });
  });
  let r = 5;
  for (const row of rankingTable(period, result)) {
    ws.getCell(r, 1).value = row.rank;
    ws.getCell(r, 2).value = text(row.name);
    ws.getCell(r, 3).value = row.total ?? '数据不全';
    style(ws.getCell(r, 1));
    style(ws.getCell(r, 2));
    style(ws.getCell(r, 3), { numFmt: '0.00', align: row.total === null ? 'center' : 'right' });
    r++;
  }
  issuerLine(ws, r - 1, 3, period.issuer);
}

/** 考核得分明细's columns (Excel units). */
const DETAIL_WIDTHS = [6, 18, 40, 12, 12, 10, 10, 10, 40];

function detailSheet(wb: ExcelJS.Workbook, period: Period, result: PeriodResult) {
  const ws = sheetFor(wb, '考核得分明细', '2:2', DETAIL_WIDTHS);
  title(ws, 1, 9, bulletinTitle(period, '考核得分(乡镇)'), 16, true);
  ['序号', '乡镇', '指标名称', '目标任务数', '完成任务数', '目标分值', '考核得分', '总得分', '备注'].forEach((h, i) => {
    ws.getCell(2, i + 1).value = h;
    style(ws.getCell(2, i + 1), { bold: true });
  });
  ws.getRow(2).height = HEADER_HEIGHT;
  let r = 3;
  const num = (s: string): ExcelJS.CellValue => {
    const p = parseNumeric(s);
    return p.kind === 'number' ? p.value : s === '' ? null : text(s);
  };
  const blocks: { first: number; last: number }[] = [];
  const heights: number[] = [];
  for (const b of scoreSheet(period, result)) {
    const start = r;
    for (const l of b.lines) {
      ws.getCell(r, 3).value = text(l.label);
      ws.getCell(r, 4).value = num(l.targetText);
      ws.getCell(r, 5).value = num(l.actualText);
      ws.getCell(r, 6).value = num(l.pointsText);
      ws.getCell(r, 7).value = l.scoreRounded === null ? text(l.scoreText) : l.scoreRounded;
      ws.getCell(r, 9).value = l.remark ? text(l.remark) : null;
      for (let c = 1; c <= 9; c++) style(ws.getCell(r, c), { align: c === 3 || c === 9 ? 'left' : c >= 4 && c <= 8 ? 'right' : 'center' });
      ws.getCell(r, 9).font = { name: FONT, size: 9 };
      // Tall enough for the wrapped 指标名称 and 备注 (an office suite does not grow it by itself);
      // one line is 15 pt (11 pt 宋体), so two townships' blocks fit a printed page.
      heights[r] = ws.getRow(r).height = wrappedRowHeight(
        [
          { text: l.label, width: 40, size: 11 },
          { text: l.remark ?? '', width: 40, size: 9 },
        ],
        LINE_HEIGHT,
      );
      r++;
    }
    if (r === start) continue;
    blocks.push({ first: start, last: r - 1 });
    ws.mergeCells(start, 1, r - 1, 1);
    ws.mergeCells(start, 2, r - 1, 2);
    ws.mergeCells(start, 8, r - 1, 8);
    ws.getCell(start, 1).value = b.no;
    ws.getCell(start, 2).value = text(b.name);
    ws.getCell(start, 8).value = b.total ?? '数据不全';
    ws.getCell(start, 8).numFmt = '0.00';
  }
  // Each township's block on one printed page (its name and its total together).
  const capacity = pageCapacity(fitScale(DETAIL_WIDTHS), HEADER_HEIGHT);
  const breaks = blockBreaks(blocks, (row) => heights[row] ?? LINE_HEIGHT, capacity, ws.getRow(1).height ?? 0);
  if (breaks.length <= MAX_BREAKS) for (const after of breaks) ws.getRow(after).addPageBreak();
  issuerLine(ws, r - 1, 9, period.issuer);
}

/** 考核得分明细's rows: one line of 11 pt 宋体, and the header. */
const LINE_HEIGHT = 15;
const HEADER_HEIGHT = 20;

export async function exportTables(period: Period, result: PeriodResult, part: ExportPart = 'all'): Promise<Uint8Array> {
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = '考核工作簿';
  wb.created = new Date(0);
  // Says what it is, so it is never taken back as a township's return.
  wb.keywords = exportMark('通报附件表格', periodLabel(period));
  const tables = completionTables(period, result);
  for (const t of tables) if (part === 'all' || part === `annex${t.annexNo}`) completionSheet(wb, period, t);
  if (part === 'all' || part === 'ranking') rankingSheet(wb, period, result);
  if (part === 'all' || part === 'detail') detailSheet(wb, period, result);
  if (wb.worksheets.length === 0) throw new UserError(`没有可导出的表格：${part}`);
  return writeXlsx(wb);
}

export function exportFileName(period: Period, part: ExportPart): string {
  const what = part === 'all' ? '考核通报附件' : part === 'ranking' ? '考核结果' : part === 'detail' ? '考核得分明细' : `附件${part.slice(5)}`;
  return windowsFileName(`${period.area}${periodLabel(period)}${what}`, 'xlsx');
}
