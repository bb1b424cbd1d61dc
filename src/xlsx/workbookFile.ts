/**
 * "保存为文件" / "打开文件": the whole workbook — all periods, units, aliases, indicators, rules,
 * cells, remarks and snapshots — as one .xlsx a person can also read (a 说明 sheet, each period's
 * ranking and data), plus a hidden sheet `_model` holding the exact model as JSON, which is what
 * "打开文件" restores. This file on the share is the durable copy (browser storage is best-effort).
 */
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { cellKey, periodLabel, type Workbook } from '../model';
import { scorePeriod } from '../engine/score';
import { rankingTable } from '../engine/tables';
import { assertWorkbook } from '../store/validate';
import { UnreadableFileError } from './read';

export const FILE_FORMAT = 'kaohe-gongzuobu-workbook';
export const FILE_FORMAT_VERSION = 1;
export const MODEL_SHEET = '_model';
const CHUNK = 30000; // Excel holds at most 32 767 characters in a cell

export interface SnapshotContent {
  name: string;
  createdAt: string;
  auto: boolean;
  workbook: Workbook;
}

export interface WorkbookFileContent {
  format: typeof FILE_FORMAT;
  formatVersion: number;
  savedAt: string;
  workbook: Workbook;
  snapshots: SnapshotContent[];
}

const STATE_TEXT = { value: '', na: '不适用', pending: '数据未出（暂取任务数）', missing: '无数据' } as const;

export async function writeWorkbookFile(content: WorkbookFileContent): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '考核工作簿';
  const info = wb.addWorksheet('说明');
  info.columns = [{ width: 18 }, { width: 70 }];
  [
    ['工作簿', content.workbook.name],
    ['保存时间', new Date(content.savedAt).toLocaleString('zh-CN', { hour12: false })],
    ['考核期', content.workbook.periods.map(periodLabel).join('、')],
    ['版本数', String(content.snapshots.length)],
    ['说明', '本文件由“考核工作簿”保存，包含全部考核期、单位、指标、计分规则、数据、备注和版本。'],
    ['如何打开', '在考核工作簿中点“打开文件”并选择本文件，即可完整恢复。请勿修改或删除隐藏的 _model 工作表。'],
  ].forEach((row) => info.addRow(row));
  info.getColumn(1).font = { name: '宋体', bold: true };

  for (const p of content.workbook.periods) {
    const label = periodLabel(p);
    const rank = wb.addWorksheet(`${label}考核结果`.slice(0, 31));
    rank.columns = [{ header: '排名', width: 8 }, { header: '乡镇', width: 22 }, { header: '考核得分', width: 12 }];
    for (const r of rankingTable(p, scorePeriod(p))) rank.addRow([r.rank, r.name, r.total ?? '数据不全']);
    const data = wb.addWorksheet(`${label}数据`.slice(0, 31));
    data.columns = [
      { header: '单位', width: 18 },
      { header: '指标', width: 36 },
      { header: '计量单位', width: 10 },
      { header: '任务数', width: 14 },
      { header: '实绩数', width: 14 },
      { header: '状态', width: 16 },
      { header: '备注', width: 30 },
    ];
    for (const u of p.units) {
      for (const ind of p.indicators) {
        const c = p.cells[cellKey(u.id, ind.id)];
        const v = (x: unknown) => (typeof x === 'number' ? x : x === null || x === undefined ? null : String(x));
        data.addRow([u.name, ind.name, ind.unit, v(c?.target), v(c?.actual), STATE_TEXT[c?.state ?? 'missing'], c?.remark ?? null]);
      }
    }
  }

  const model = wb.addWorksheet(MODEL_SHEET, { state: 'hidden' });
  const json = JSON.stringify(content);
  for (let i = 0; i * CHUNK < json.length; i++) model.getCell(i + 1, 1).value = json.slice(i * CHUNK, (i + 1) * CHUNK);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export function readWorkbookFile(bytes: Uint8Array, fileName: string): WorkbookFileContent {
  let book: XLSX.WorkBook;
  try {
    book = XLSX.read(bytes, { type: 'array', sheets: [MODEL_SHEET] });
  } catch {
    throw new UnreadableFileError(`文件“${fileName}”无法读取：不是有效的 Excel 文件，或文件已损坏。`);
  }
  const ws = book.Sheets[MODEL_SHEET];
  if (!ws?.['!ref']) {
    throw new UnreadableFileError(`文件“${fileName}”不是考核工作簿保存的文件（缺少 ${MODEL_SHEET} 工作表）。如需导入其中的表格，请用“导入 Excel”。`);
  }
  const range = XLSX.utils.decode_range(ws['!ref']);
  let json = '';
  for (let r = range.s.r; r <= range.e.r; r++) json += String((ws[XLSX.utils.encode_cell({ r, c: 0 })] as XLSX.CellObject | undefined)?.v ?? '');
  let content: WorkbookFileContent;
  try {
    content = JSON.parse(json) as WorkbookFileContent;
  } catch {
    throw new UnreadableFileError(`文件“${fileName}”的工作表 ${MODEL_SHEET} 已损坏（第 ${range.s.r + 1}–${range.e.r + 1} 行），无法恢复。`);
  }
  if (content?.format !== FILE_FORMAT) throw new UnreadableFileError(`文件“${fileName}”不是考核工作簿保存的文件。`);
  if (content.formatVersion > FILE_FORMAT_VERSION) throw new UnreadableFileError(`文件“${fileName}”由更新版本的考核工作簿保存，请使用新版程序打开。`);
  assertWorkbook(content.workbook, `文件“${fileName}”中的工作簿`);
  if (!Array.isArray(content.snapshots)) content.snapshots = [];
  content.snapshots.forEach((s, i) => assertWorkbook(s.workbook, `文件“${fileName}”中的第 ${i + 1} 个版本`));
  return content;
}
