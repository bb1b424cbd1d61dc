/**
 * Reading .xlsx / .xls / .csv with SheetJS 0.20.3 (npm `@e965/xlsx`; xlsx@0.18.5 has
 * CVE-2023-30533 and CVE-2024-22363 and must never parse a user's file). Runs in a worker.
 * Everything is read: no row or column limit; the zip guard bounds memory instead.
 */
import { formatSize } from '../model/format';
import type * as XLSX from '@e965/xlsx';
import { loadSheetJS, type SheetJS } from './sheetjs';
import { UnreadableFileError } from './errors';
import { EMPTY, rangeName, type MergeRange, type RawCell, type SheetGrid } from '../engine/import/grid';
import { guardZip } from './zipGuard';

export { UnreadableFileError } from './errors';

/** Merges larger than this are not copied cell by cell (a banner merged over a whole sheet). */
const MAX_MERGE_EXPANSION = 10_000;

export type ReadProgress = (message: string) => void;

/** CSV from Excel on a Chinese Windows is GBK unless saved as "CSV UTF-8". */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

function toRaw(cell: XLSX.CellObject | undefined): RawCell {
  if (!cell) return EMPTY;
  if (cell.t === 'z') return cell.f ? { kind: 'error', value: '', text: '公式没有计算结果', formula: cell.f } : EMPTY;
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

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;
/** Old systems save HTML or XML tables as .xls; SheetJS reads those too. */
const isMarkup = (b: Uint8Array) => /^\s*</.test(new TextDecoder().decode(b.subarray(0, 64)).replace(/^\uFEFF/, ''));

/** Does a sheet part hold cells although SheetJS found none (malformed XML reads as "empty")? */
function looksDamaged(wb: XLSX.WorkBook, index: number): boolean {
  const paths = (wb as { Directory?: { sheets?: string[] } }).Directory?.sheets;
  const files = (wb as { files?: Record<string, { content?: Uint8Array }> }).files;
  const path = paths?.[index]?.replace(/^\//, '');
  const content = path ? files?.[path]?.content : undefined;
  if (!content) return false;
  const text = new TextDecoder().decode(content.subarray(0, 1 << 20));
  return /<(\w+:)?c[\s>]/.test(text) || !/<\/(\w+:)?worksheet>\s*$/.test(new TextDecoder().decode(content.subarray(Math.max(0, content.length - 64))));
}

function expandMerges(rows: RawCell[][], merges: MergeRange[]): void {
  for (const m of merges) {
    const origin = rows[m.s.r]?.[m.s.c];
    if (!origin || origin.kind === 'empty') continue;
    const ref = rangeName(m);
    rows[m.s.r]![m.s.c] = { ...origin, merge: ref };
    if ((m.e.r - m.s.r + 1) * (m.e.c - m.s.c + 1) > MAX_MERGE_EXPANSION) continue;
    for (let r = m.s.r; r <= m.e.r; r++) {
      const row = (rows[r] ??= []);
      for (let c = m.s.c; c <= m.e.c; c++) if (r !== m.s.r || c !== m.s.c) row[c] = { ...origin, mergedCopy: true, merge: ref };
    }
  }
}

function parse(XLSX: SheetJS, bytes: Uint8Array, fileName: string, ext: string): XLSX.WorkBook {
  const opts = { dense: true, sheetStubs: true, cellDates: true, cellFormula: true, bookFiles: true } as XLSX.ParsingOptions;
  try {
    return ext === 'csv' || ext === 'txt' ? XLSX.read(decodeText(bytes), { type: 'string', raw: true, dense: true }) : XLSX.read(bytes, { ...opts, type: 'array' });
  } catch (e) {
    const why = /password|encrypt/i.test(String((e as Error).message)) ? '文件有密码保护，请先在 Excel 中取消密码' : '不是有效的 Excel（.xlsx/.xls）或 CSV 文件，或文件已损坏';
    throw new UnreadableFileError(`文件“${fileName}”无法读取：${why}。`, String((e as Error).message));
  }
}

/** What a file says of itself besides its sheets (document properties), for the returns check. */
export interface FileProps {
  keywords: string;
}

export async function readSpreadsheet(bytes: Uint8Array, fileName: string, onProgress?: ReadProgress, onProps?: (p: FileProps) => void): Promise<SheetGrid[]> {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const known = ext === 'csv' || ext === 'txt' || isZip(bytes) || isOle(bytes) || (ext === 'xls' && isMarkup(bytes));
  if (!known) throw new UnreadableFileError(`文件“${fileName}”无法读取：不是有效的 Excel（.xlsx/.xls）或 CSV 文件，或文件已损坏。`);
  if (isZip(bytes)) {
    onProgress?.('正在检查文件…');
    await guardZip(bytes, fileName, (n) => onProgress?.(`正在检查文件（已解压 ${formatSize(n)}）…`));
  }
  onProgress?.('正在读取工作表…');
  const wb = parse(await loadSheetJS(), bytes, fileName, ext);
  onProps?.({ keywords: typeof wb.Props?.Keywords === 'string' ? wb.Props.Keywords : '' });
  const hiddenFlags = wb.Workbook?.Sheets ?? [];
  return wb.SheetNames.map((name, index) => {
    const ws = wb.Sheets[name] as (XLSX.WorkSheet & { '!data'?: (XLSX.CellObject | undefined)[][] }) | undefined;
    if (!ws) throw new UnreadableFileError(`文件“${fileName}”工作表“${name}”已损坏，无法读取。`);
    const hidden = !!hiddenFlags[index]?.Hidden;
    if (!ws['!ref']) {
      if (looksDamaged(wb, index)) throw new UnreadableFileError(`文件“${fileName}”工作表“${name}”已损坏（内容不是完整的表格数据），无法读取。请在 Excel 中打开并另存后再导入。`);
      return { name, rows: [], hidden };
    }
    const data = ws['!data'] ?? [];
    const rows: RawCell[][] = data.map((row) => (row ? row.map(toRaw) : []));
    const merges = (ws['!merges'] ?? []) as MergeRange[];
    expandMerges(rows, merges);
    return { name, rows, hidden, merges };
  });
}
