/**
 * The year plan's ledger as an Excel table: its title, the period and 序时进度, then 序号 | 指标类型 |
 * 指标名称 | 目标 | 截至本期 | 完成率/序时进度 | 责任科室 | 进展 — the look of the other exports (宋体,
 * borders, A4 landscape, the header repeated). Targets and figures are written with their units
 * as the plan writes them ("818家", "3.4%"), so the file reads back as the same plan and progress.
 */
import type { Ledger } from '../engine/plan/ledger';
import { loadExcelJS } from './excel';
import { writeXlsx } from './writeXlsx';
import { exportMark } from './fileMarks';
import { sheetFor, style, text, title, wrappedRowHeight } from './sheetStyle';

export const LEDGER_HEADER = ['序号', '指标类型', '指标名称', '目标', '截至本期', '完成率/序时进度', '责任科室', '进展'];
const WIDTHS = [6, 12, 30, 12, 14, 26, 12, 50];

/** The 完成率/序时进度 cell: 25.06%（超序时进度 0.06 个百分点）, or the rate's standing. */
export const standingText = (r: Ledger['rows'][number]): string => (r.rateText ? `${r.rateText}（${r.status}）` : r.status);

export async function exportPlanLedger(ledger: Ledger, heading: string, periodLine: string): Promise<Uint8Array> {
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = '考核工作簿';
  wb.created = new Date(0);
  wb.keywords = exportMark('年度任务台账', '');
  const ws = sheetFor(wb, '年度任务台账', '3:3', WIDTHS);
  title(ws, 1, LEDGER_HEADER.length, heading, 16, true);
  ws.mergeCells(2, 1, 2, LEDGER_HEADER.length);
  ws.getCell(2, 1).value = text(periodLine);
  ws.getCell(2, 1).font = { name: '宋体', size: 11 };
  ws.getCell(2, 1).alignment = { horizontal: 'right' };
  LEDGER_HEADER.forEach((h, i) => {
    ws.getCell(3, i + 1).value = text(h);
    style(ws.getCell(3, i + 1), { bold: true });
  });
  ledger.rows.forEach((r, k) => {
    const row = 4 + k;
    const values = [r.no, r.group, r.name, r.targetText, r.reachedText, standingText(r), r.office, r.text];
    values.forEach((v, i) => {
      const c = ws.getCell(row, i + 1);
      c.value = typeof v === 'number' ? v : text(v);
      style(c, { align: i === 2 || i === 7 ? 'left' : 'center' });
    });
    ws.getRow(row).height = wrappedRowHeight(values.map((v, i) => ({ text: String(v), width: WIDTHS[i]!, size: 11 })));
  });
  return writeXlsx(wb);
}
