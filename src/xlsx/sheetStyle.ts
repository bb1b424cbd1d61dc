/**
 * The look every exported table shares (宋体, thin borders, A4 landscape, header rows repeated on
 * each printed page, page numbers in the footer, "附件 N" above a title, the issuing office below
 * the table), so the bulletin's annexes and the 目标分解表 come out alike.
 */
import type ExcelJS from 'exceljs';

export const FONT = '宋体';
const thin: Partial<ExcelJS.Border> = { style: 'thin' };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
export const CENTER: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true };

export function sheetFor(wb: ExcelJS.Workbook, name: string, headerRows: string, widths: number[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, margins: { left: 0.5, right: 0.5, top: 0.5, bottom: 0.5, header: 0.25, footer: 0.25 } },
    views: [{ state: 'frozen', ySplit: Number(headerRows.split(':')[1]) }],
    properties: { defaultRowHeight: 20 },
  });
  ws.pageSetup.printTitlesRow = headerRows;
  // Page numbers at the foot of every printed page, as a bulletin's tables carry them.
  ws.headerFooter.oddFooter = '&C第 &P 页，共 &N 页';
  ws.columns = widths.map((width) => ({ width }));
  return ws;
}

/** "附件 N" above the title, left, as the bulletin prints it. */
export function annexLine(ws: ExcelJS.Worksheet, no: number) {
  const c = ws.getCell(1, 1);
  c.value = `附件 ${no}`;
  c.font = { name: '黑体', size: 14 };
  c.alignment = { horizontal: 'left', vertical: 'middle' };
  ws.getRow(1).height = 24;
}

/**
 * Strings stay strings: exceljs writes a JS string as a shared string, never as a formula, so
 * "=1+1" or "@x" from a township file cannot run in Excel. (Tested in export.test.ts.)
 */
export function text(s: string): ExcelJS.CellValue {
  return s;
}

export function style(cell: ExcelJS.Cell, opts: { bold?: boolean; size?: number; numFmt?: string; align?: 'left' | 'right' | 'center' } = {}) {
  cell.font = { name: FONT, size: opts.size ?? 11, bold: opts.bold ?? false };
  cell.border = BORDER;
  cell.alignment = { ...CENTER, horizontal: opts.align ?? 'center' };
  if (opts.numFmt) cell.numFmt = opts.numFmt;
}

/**
 * A title merged over the table's columns, its row as tall as the wrapped title needs (a long
 * title — 2024年科技创新赋能行动一季度“开门红”考核结果 over 附件6's three columns — wraps to two
 * lines; in a row of one line's height it overprinted the "附件 6" above it).
 */
export function title(ws: ExcelJS.Worksheet, row: number, lastCol: number, value: string, size: number, bold: boolean) {
  ws.mergeCells(row, 1, row, lastCol);
  const c = ws.getCell(row, 1);
  c.value = value;
  c.font = { name: FONT, size, bold };
  c.alignment = CENTER;
  let width = 0;
  for (let col = 1; col <= lastCol; col++) width += ws.getColumn(col).width ?? 9;
  // Bold CJK runs a little wider than the 11 pt estimate: counted as 10 % more.
  ws.getRow(row).height = Math.max(size * 1.8, wrappedRowHeight([{ text: value, width: width / (bold ? 1.1 : 1), size }], size * 1.8));
}

export function numberFormat(decimals: number, pad: boolean): string {
  if (!pad || decimals === 0) return decimals === 0 ? '0' : 'General';
  return `0.${'0'.repeat(decimals)}`;
}

/** The issuing office, right-aligned two rows under the table (when the period has one). */
export function issuerLine(ws: ExcelJS.Worksheet, afterRow: number, lastCol: number, issuer: string | undefined) {
  if (!issuer?.trim()) return;
  const r = afterRow + 2;
  ws.mergeCells(r, 1, r, lastCol);
  const c = ws.getCell(r, 1);
  c.value = issuer.trim();
  c.font = { name: FONT, size: 12 };
  c.alignment = { horizontal: 'right', vertical: 'middle' };
}

/** Display width in Excel's column units: a CJK or full-width character counts two, others one. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

/**
 * The height (points) a row needs so that its wrapped cells show every line when the file is opened
 * in Excel or WPS, which do not grow rows for wrapped text they did not lay out themselves. Each
 * cell: its text, its column's width (Excel units, sized for 11 pt) and its font size.
 */
export function wrappedRowHeight(cells: readonly { text: string; width: number; size: number }[], minimum = 18): number {
  let height = minimum;
  for (const c of cells) {
    // A little under the full width: Excel wraps at word and punctuation boundaries.
    const perLine = Math.max(1, c.width * (11 / c.size) * 0.92);
    const lines = c.text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(displayWidth(part) / perLine)), 0);
    // One line as Excel sizes a row for the font (11 pt → 16), more lines with room between them.
    height = Math.max(height, Math.ceil(lines === 1 ? c.size * 1.3 + 1 : lines * c.size * 1.3 + 3));
  }
  return Math.min(height, 409); // Excel's largest row height
}
