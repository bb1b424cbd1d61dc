/**
 * Reading .xlsx / .xls / .csv with SheetJS 0.20.3 (npm `@e965/xlsx`; xlsx@0.18.5 has
 * CVE-2023-30533 and CVE-2024-22363 and must never parse a user's file). Runs in the worker.
 */
import * as XLSX from '@e965/xlsx';
import { UserError } from '../model/errors';
import { EMPTY, type RawCell, type SheetGrid } from './grid';

const MAX_ROWS = 20000;
const MAX_COLS = 300;

/** CSV from Excel on a Chinese Windows is GBK unless saved as "CSV UTF-8". */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

function toRaw(cell: XLSX.CellObject | undefined): RawCell {
  if (!cell || cell.t === 'z') return cell?.f ? { kind: 'error', value: '', text: '公式没有计算结果', formula: cell.f } : EMPTY;
  const formula = cell.f ? { formula: cell.f } : {};
  switch (cell.t) {
    case 'n':
      if (cell.v === undefined) return { kind: 'error', value: '', text: '公式没有计算结果', ...formula };
      return { kind: 'number', value: cell.v as number, text: cell.w ?? String(cell.v), ...formula };
    case 's':
      return { kind: 'text', value: String(cell.v ?? ''), text: String(cell.v ?? ''), ...formula };
    case 'b':
      return { kind: 'bool', value: String(cell.v), text: cell.v ? 'TRUE' : 'FALSE', ...formula };
    case 'e':
      return { kind: 'error', value: '', text: cell.w ?? '#ERROR', ...formula };
    case 'd': {
      const d = cell.v instanceof Date ? cell.v : new Date(String(cell.v));
      const text = Number.isNaN(d.getTime()) ? String(cell.v) : `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
      return { kind: 'date', value: text, text, ...formula };
    }
    default:
      return EMPTY;
  }
}

export class UnreadableFileError extends UserError {}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;
/** Old systems save HTML or XML tables as .xls; SheetJS reads those too. */
const isMarkup = (b: Uint8Array) => /^\s*</.test(new TextDecoder().decode(b.subarray(0, 64)).replace(/^\uFEFF/, ''));

export function readSpreadsheet(bytes: Uint8Array, fileName: string): SheetGrid[] {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  let wb: XLSX.WorkBook;
  const known = ext === 'csv' || ext === 'txt' || isZip(bytes) || isOle(bytes) || (ext === 'xls' && isMarkup(bytes));
  if (!known) throw new UnreadableFileError(`文件“${fileName}”无法读取：不是有效的 Excel（.xlsx/.xls）或 CSV 文件，或文件已损坏。`);
  try {
    wb =
      ext === 'csv' || ext === 'txt'
        ? XLSX.read(decodeText(bytes), { type: 'string', raw: true, dense: false })
        : XLSX.read(bytes, { type: 'array', cellDates: true, cellFormula: true, dense: false });
  } catch (e) {
    const why = /password|encrypt/i.test(String((e as Error).message)) ? '文件有密码保护，请先在 Excel 中取消密码' : '不是有效的 Excel（.xlsx/.xls）或 CSV 文件，或文件已损坏';
    throw new UnreadableFileError(`文件“${fileName}”无法读取：${why}。`);
  }
  return wb.SheetNames.map((name) => {
    const ws = wb.Sheets[name]!;
    if (!ws['!ref']) return { name, rows: [] };
    const range = XLSX.utils.decode_range(ws['!ref']);
    const rowEnd = Math.min(range.e.r, range.s.r + MAX_ROWS - 1);
    const colEnd = Math.min(range.e.c, MAX_COLS - 1);
    const rows: RawCell[][] = [];
    for (let r = 0; r <= rowEnd; r++) {
      const row: RawCell[] = [];
      for (let c = 0; c <= colEnd; c++) row.push(r < range.s.r || c < range.s.c ? EMPTY : toRaw(ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined));
      rows.push(row);
    }
    // A merged range reads as its top-left value everywhere (headers merged across columns or rows).
    for (const m of ws['!merges'] ?? []) {
      const origin = rows[m.s.r]?.[m.s.c];
      if (!origin || origin.kind === 'empty') continue;
      for (let r = m.s.r; r <= Math.min(m.e.r, rowEnd); r++) {
        for (let c = m.s.c; c <= Math.min(m.e.c, colEnd); c++) if (r !== m.s.r || c !== m.s.c) rows[r]![c] = { ...origin, mergedCopy: true };
      }
    }
    return { name, rows };
  });
}
