/**
 * The fill-in template a township gets each quarter (报送模板): one sheet per township in the
 * 考核得分明细 layout the importer already reads (序号 | 乡镇 | 指标名称 | 计量单位 | 目标任务数 |
 * 完成任务数 | 备注), its targets filled in and locked (the sheet is protected without a password, so
 * a slip cannot change them; a changed target is refused on import anyway), 完成任务数 and 备注 open.
 */
import type ExcelJS from 'exceljs';
import { cellKey, periodLabel, windowsFileName, type Period, type Unit } from '../model';
import { UserError } from '../model/errors';
import { loadExcelJS } from './excel';
import { writeXlsx } from './writeXlsx';
import { returnMark } from './fileMarks';
import { periodHeading } from '../engine/text/describe';
import { reportedIndicators } from '../engine/import/returnsPlan';

const FONT = '宋体';
const thin: Partial<ExcelJS.Border> = { style: 'thin' };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
export const RETURN_HEADER = ['序号', '乡镇', '指标名称', '计量单位', '目标任务数', '完成任务数', '备注'] as const;
/** Rows above the header: title, then 填报单位 / 截至. */
export const RETURN_HEADER_ROW = 3;
/** Light yellow: the cells the township fills in. */
const FILL_IN: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF7CC' } };

/** A sheet name Excel accepts: no []:*?/\, at most 31 characters, unique in the workbook. */
export function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || '乡镇';
  let out = base;
  for (let i = 2; taken.has(out); i++) out = `${base.slice(0, 31 - String(i).length - 1)}_${i}`;
  taken.add(out);
  return out;
}

/** The indicators a township reports: every one but those the bureau scores by hand (manual points). */

function unitSheet(wb: ExcelJS.Workbook, period: Period, unit: Unit, name: string): void {
  const ws = wb.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
    views: [{ state: 'frozen', ySplit: RETURN_HEADER_ROW }],
  });
  ws.columns = [6, 16, 40, 10, 13, 13, 30].map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, 7);
  const title = ws.getCell(1, 1);
  title.value = `${period.area}${periodHeading(period)}指标完成情况报送表`;
  title.font = { name: FONT, size: 15, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 28;
  ws.mergeCells(2, 1, 2, 4);
  ws.getCell(2, 1).value = `填报单位：${unit.name}`;
  ws.mergeCells(2, 5, 2, 7);
  ws.getCell(2, 5).value = period.asOf ? `截至：${period.asOf}` : '';
  for (const c of [1, 5]) ws.getCell(2, c).font = { name: FONT, size: 11 };
  RETURN_HEADER.forEach((h, i) => {
    const c = ws.getCell(RETURN_HEADER_ROW, i + 1);
    c.value = h;
    c.font = { name: FONT, size: 11, bold: true };
    c.border = BORDER;
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  let r = RETURN_HEADER_ROW + 1;
  reportedIndicators(period).forEach((ind, k) => {
    const cell = period.cells[cellKey(unit.id, ind.id)];
    const na = cell?.state === 'na';
    const values: ExcelJS.CellValue[] = [
      k + 1,
      unit.name,
      ind.name,
      ind.unit,
      na ? '/' : typeof cell?.target === 'number' ? cell.target : null,
      na ? '/' : typeof cell?.actual === 'number' && cell.state === 'value' ? cell.actual : null,
      cell?.remark ?? null,
    ];
    values.forEach((v, i) => {
      const c = ws.getCell(r, i + 1);
      c.value = v;
      c.font = { name: FONT, size: 11 };
      c.border = BORDER;
      c.alignment = { horizontal: i === 2 || i === 6 ? 'left' : i >= 4 ? 'right' : 'center', vertical: 'middle', wrapText: true };
      // Only 完成任务数 and 备注 can be typed into (a 不适用 row is fixed as a whole).
      if ((i === 5 && !na) || i === 6) {
        c.protection = { locked: false };
        c.fill = FILL_IN;
      }
    });
    r++;
  });
  r++;
  ws.mergeCells(r, 1, r, 7);
  const note = ws.getCell(r, 1);
  note.value = '填表说明：请只填写黄色的“完成任务数”和“备注”两列，数值按“计量单位”填写；目标任务数已锁定，如有异议请另行说明。填好后请保存并报送此文件，不要改动表头和乡镇名称。';
  note.font = { name: FONT, size: 10 };
  note.alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(r).height = 42;
  // Without a password: it stops a slip, not a determined edit (the import checks targets itself).
  void ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
}

/** One workbook, one sheet per unit asked for (in the period's order). */
export async function writeReturnTemplate(period: Period, unitIds: readonly string[], workbookId: string): Promise<Uint8Array> {
  const wanted = new Set(unitIds);
  const units = period.units.filter((u) => wanted.has(u.id));
  if (!units.length) throw new UserError('没有选择乡镇，未生成报送模板。');
  if (!reportedIndicators(period).length) throw new UserError(`${periodLabel(period)}没有需要乡镇填报的指标，未生成报送模板。`);
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = '考核工作簿';
  wb.created = new Date(0);
  // Which workbook and period the returns are for: only this period's template is taken back.
  wb.keywords = returnMark(workbookId, period);
  wb.subject = `${periodLabel(period)}报送模板`;
  const taken = new Set<string>();
  for (const u of units) unitSheet(wb, period, u, sheetName(u.name, taken));
  return writeXlsx(wb);
}

export function returnTemplateFileName(period: Period, unitIds: readonly string[]): string {
  const one = unitIds.length === 1 ? period.units.find((u) => u.id === unitIds[0]) : undefined;
  return windowsFileName(`${period.area}${periodLabel(period)}报送模板${one ? `-${one.name}` : ''}`, 'xlsx');
}
