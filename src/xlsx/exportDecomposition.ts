/**
 * The 目标分解表 as seed 001 prints it: a merged title, 序号 | 乡镇 | <指标(单位)…>, a row per
 * township, a bold 合计 row; 宋体, thin borders, A4 landscape, the header repeated on every page,
 * page numbers and the issuing office. Read back by the importer as a 目标分解表 (targets).
 */
import type { DecompositionTable } from '../engine/whatif/decompositionTable';
import { roundHalfUp } from '../engine/scoring/decimal';
import { loadExcelJS } from './excel';
import { writeXlsx } from './writeXlsx';
import { exportMark } from './fileMarks';
import { issuerLine, numberFormat, sheetFor, style, text, title } from './sheetStyle';

export async function exportDecompositionTable(t: DecompositionTable, issuer?: string): Promise<Uint8Array> {
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = '考核工作簿';
  wb.created = new Date(0);
  wb.keywords = exportMark('目标分解表', '');
  const last = t.columns.length + 2;
  // The header row: under the title, or under the plan's date when it has one.
  const head = t.date ? 3 : 2;
  const ws = sheetFor(wb, '目标分解表', `${head}:${head}`, [7, 22, ...t.columns.map((c) => Math.max(14, Math.min(24, c.header.length * 1.6)))]);
  title(ws, 1, last, t.title, 16, true);
  if (t.date) {
    ws.mergeCells(2, 1, 2, last);
    ws.getCell(2, 1).value = text(t.date);
    ws.getCell(2, 1).font = { name: '宋体', size: 11 };
    ws.getCell(2, 1).alignment = { horizontal: 'right' };
  }
  ['序号', '乡镇', ...t.columns.map((c) => c.header)].forEach((h, i) => {
    ws.getCell(head, i + 1).value = text(h);
    style(ws.getCell(head, i + 1), { bold: true });
  });
  ws.getRow(head).height = 36;
  // As seed 001 prints them: targets as written (120000, 198, 4.5), a column printed in another
  // unit padded to its decimals (5.50 亿元); the 合计 row as written (10, 380.5).
  const fmt = t.columns.map((c) => numberFormat(c.decimals, c.pad));
  let r = head + 1;
  for (const row of t.rows) {
    ws.getCell(r, 1).value = row.no;
    ws.getCell(r, 2).value = text(row.name);
    style(ws.getCell(r, 1));
    style(ws.getCell(r, 2));
    row.values.forEach((v, j) => {
      const c = ws.getCell(r, j + 3);
      c.value = v === null ? null : roundHalfUp(v, t.columns[j]!.decimals);
      style(c, { numFmt: fmt[j], align: 'right' });
    });
    r++;
  }
  ws.mergeCells(r, 1, r, 2);
  ws.getCell(r, 1).value = '合计';
  t.sum.forEach((v, j) => (ws.getCell(r, j + 3).value = v));
  for (let c = 1; c <= last; c++) style(ws.getCell(r, c), { bold: true, numFmt: c >= 3 ? numberFormat(t.columns[c - 3]!.decimals, false) : undefined, align: c >= 3 ? 'right' : 'center' });
  issuerLine(ws, r, last, issuer);
  return writeXlsx(wb);
}
