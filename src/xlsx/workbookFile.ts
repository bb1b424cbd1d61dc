/**
 * "保存为文件" / "打开文件": the whole workbook — all periods, units, aliases, indicators, rules,
 * cells, remarks and snapshots — as one .xlsx a person can also read (a 说明 sheet, each period's
 * ranking and data), plus a hidden sheet `_model` holding the exact model as JSON, which is what
 * "打开文件" restores. This file on the share is the durable copy (browser storage is best-effort).
 *
 * Integrity: `_model` column A holds the JSON in chunks that never split a UTF-16 surrogate pair;
 * B1 holds its SHA-256 (format 2). On reading, the JSON is checked for duplicate keys, validated
 * against the model's schema, and compared with its checksum; the visible 数据 sheets are compared
 * with the model so values edited there in Excel can be offered as an import.
 */
import { loadExcelJS } from './excel';
import { writeXlsx } from './writeXlsx';
import type ExcelJS from 'exceljs';
import type * as XLSX from '@e965/xlsx';
import { loadSheetJS } from './sheetjs';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { FILE_FORMAT, WorkbookFileShellSchema, assertChecked, check, checkWorkbook, periodLabel, type CellColumns, type Period, type PeriodResult, type Workbook, type WorkbookFileContent } from '../model';
import { packWorkbook, packedShell, unpackColumns, type ColumnsOf } from './modelPacking';
import { scorePeriod } from '../engine/scoring/score';
import { rankingTable } from '../engine/views/tables';
import { UnreadableFileError } from './errors';
import { guardZip } from './zipGuard';
import { keepModelPart, readModelText, type ModelText } from './modelSheet';

export { FILE_FORMAT };
export type { WorkbookFileContent };
/** 3: cells by column (modelPacking.ts); 2: one object per cell, with a checksum; 1: without one. */
export const FILE_FORMAT_VERSION = 3;
export const MODEL_SHEET = '_model';
const CHUNK = 30000; // Excel holds at most 32 767 characters in a cell
const CHECKSUM_PREFIX = 'sha256:';

export const STATE_TEXT = { value: '', na: '不适用', pending: '数据未出（暂取任务数）', missing: '无数据' } as const;
export const DATA_COLUMNS = ['单位', '指标', '计量单位', '任务数', '实绩数', '状态', '备注'] as const;

/** Sheet names of each period, unique even when two periods share a label. */
export function periodSheetNames(wb: Workbook): { ranking: string; data: string }[] {
  const used = new Set<string>();
  const unique = (raw: string) => {
    // A period's own name may hold what Excel refuses in a sheet name (如 “2024/上半年”).
    const name = raw.replace(/[[\]:*?/\\]/g, '_');
    let n = name.slice(0, 31);
    for (let i = 2; used.has(n); i++) n = `${name.slice(0, 28)}(${i})`;
    used.add(n);
    return n;
  };
  return wb.periods.map((p) => ({ ranking: unique(`${periodLabel(p)}考核结果`), data: unique(`${periodLabel(p)}数据`) }));
}

/** Text as a spreadsheet shows it literally: "_x0041_" would otherwise be read back as "A". */
export function literal(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, '_x005F_x$1_');
}

/** Pieces of at most `size` characters, never cutting a surrogate pair (an emoji) in two. */
export function chunkText(text: string, size = CHUNK): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(i + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    out.push(text.slice(i, end));
    i = end;
  }
  return out;
}

export function checksumOf(json: string): string {
  return CHECKSUM_PREFIX + bytesToHex(sha256(utf8ToBytes(json)));
}

/** The same checksum by the platform's SHA-256 where there is one (9 MB: ~10 ms instead of ~0.4 s in script). */
export async function checksumOfText(json: string): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return checksumOf(json);
  return CHECKSUM_PREFIX + bytesToHex(new Uint8Array(await subtle.digest('SHA-256', utf8ToBytes(json))));
}

/**
 * A period's visible 数据 sheet has one row per cell. Above this many rows it is left out: at 40 000
 * units × 20 indicators (800 000 rows) writing it took over five minutes. The model sheet keeps
 * every value, so the file still opens completely; 说明 says which periods were left out.
 */
export const DATA_SHEET_MAX_ROWS = 100_000;

export interface WriteOptions {
  /** The period's scores as the worker keeps them (spares a full scoring per period). */
  results?: (p: Period) => PeriodResult;
  /** The open workbook's cells by column, as the worker keeps them (spares 800 000 keyed lookups). */
  columnsOf?: ColumnsOf;
  /** Each step as it starts, in Chinese (保存 of a province workbook takes a few seconds). */
  onProgress?: (step: string) => void;
}

export async function writeWorkbookFile(content: WorkbookFileContent, opts: WriteOptions = {}): Promise<Uint8Array> {
  const say = opts.onProgress ?? (() => undefined);
  say('正在整理各考核期的排名和数据');
  const omitted = content.workbook.periods.filter((p) => p.units.length * p.indicators.length > DATA_SHEET_MAX_ROWS);
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = '考核工作簿';
  const info = wb.addWorksheet('说明');
  info.columns = [{ width: 18 }, { width: 70 }];
  [
    ['工作簿', content.workbook.name],
    ['保存时间', new Date(content.savedAt).toLocaleString('zh-CN', { hour12: false })],
    ['考核期', content.workbook.periods.map(periodLabel).join('、')],
    ['版本数', String(content.snapshots.length)],
    ['说明', '本文件由“考核工作簿”保存，包含全部考核期、单位、指标、计分规则、数据、备注和版本。'],
    ['如何打开', '在考核工作簿中点“打开文件”并选择本文件，即可完整恢复。在“…数据”工作表中改动的任务数、实绩数、状态和备注，打开时会列出供确认。请勿修改隐藏的 _model 工作表。'],
    ...(omitted.length
      ? [['未列出的数据', `${omitted.map((p) => `${periodLabel(p)}（${(p.units.length * p.indicators.length).toLocaleString('zh-CN')} 项）`).join('、')}的数据超过 ${DATA_SHEET_MAX_ROWS.toLocaleString('zh-CN')} 项，未列成“数据”工作表；数据完整保存在本文件中，用“打开文件”即可恢复。`]]
      : []),
  ].forEach((row) => info.addRow(row));
  info.getColumn(1).font = { name: '宋体', bold: true };

  const names = periodSheetNames(content.workbook);
  content.workbook.periods.forEach((p, i) => {
    const rank = wb.addWorksheet(names[i]!.ranking);
    rank.columns = [{ header: '排名', width: 8 }, { header: '乡镇', width: 22 }, { header: '考核得分', width: 12 }];
    for (const r of rankingTable(p, opts.results?.(p) ?? scorePeriod(p))) rank.addRow([r.rank, literal(r.name), r.total ?? '数据不全']);
    if (omitted.includes(p)) return;
    const data = wb.addWorksheet(names[i]!.data);
    const widths = [18, 36, 10, 14, 14, 16, 30];
    data.columns = DATA_COLUMNS.map((header, c) => ({ header, width: widths[c]! }));
    for (const u of p.units) {
      for (const ind of p.indicators) {
        const c = p.cells[`${u.id}|${ind.id}`];
        const v = (x: unknown) => (typeof x === 'number' ? x : x === null || x === undefined ? null : literal(String(x)));
        data.addRow([literal(u.name), literal(ind.name), literal(ind.unit), v(c?.target), v(c?.actual), STATE_TEXT[c?.state ?? 'missing'], c?.remark ? literal(c.remark) : null]);
      }
    }
  });

  say('正在写入完整数据和校验码');
  const model = wb.addWorksheet(MODEL_SHEET, { state: 'hidden' });
  const packed = { ...content, formatVersion: FILE_FORMAT_VERSION, workbook: packWorkbook(content.workbook, opts.columnsOf), snapshots: content.snapshots.map((x) => ({ ...x, workbook: packWorkbook(x.workbook) })) };
  // Spreadsheet readers decode "_x0041_" in text as "A": keep every "_x" of the JSON as "\u005fx";
  // and U+FFFE / U+FFFF, which JSON leaves as they are and XML cannot hold, as escapes too.
  const json = JSON.stringify(packed)
    .replace(/_x/g, '\\u005fx')
    .replace(/[\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  chunkText(json).forEach((piece, i) => (model.getCell(i + 1, 1).value = piece));
  model.getCell(1, 2).value = await checksumOfText(json);
  say('正在压缩成 .xlsx 文件');
  // The fastest deflate level: a province file is a few MB either way, and saving is 1–2 s faster.
  return writeXlsx(wb, { zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } } } as Partial<ExcelJS.XlsxWriteOptions>, [MODEL_SHEET]);
}

/**
 * The first key that appears twice in one object of a JSON text (JSON.parse would keep the last
 * silently), as a path; null when there is none. Assumes the text parsed as JSON.
 */
export function duplicateKey(json: string): string | null {
  const stack: { keys: Set<string>; isObject: boolean; key: string }[] = [];
  let i = 0;
  const readString = (): string => {
    let out = '';
    i++; // opening quote
    while (i < json.length && json[i] !== '"') {
      if (json[i] === '\\') {
        out += json.slice(i, i + 2);
        i += 2;
      } else out += json[i++];
    }
    i++;
    return out;
  };
  while (i < json.length) {
    const ch = json[i]!;
    if (ch === '{' || ch === '[') {
      stack.push({ keys: new Set(), isObject: ch === '{', key: '' });
      i++;
    } else if (ch === '}' || ch === ']') {
      stack.pop();
      i++;
    } else if (ch === '"') {
      const s = readString();
      let j = i;
      while (json[j] === ' ' || json[j] === '\n' || json[j] === '\r' || json[j] === '\t') j++;
      const top = stack.at(-1);
      if (json[j] === ':' && top?.isObject) {
        if (top.keys.has(s)) return [...stack.slice(0, -1).map((x) => x.key).filter(Boolean), s].join(' › ');
        top.keys.add(s);
        top.key = s;
      }
    } else i++;
  }
  return null;
}

export interface ReadWorkbookFile {
  content: WorkbookFileContent;
  integrity: 'ok' | 'legacy' | 'mismatch';
  /** The visible 数据 sheets as SheetJS read them, for comparing them with the model; null when the file has none. */
  book: XLSX.WorkBook | null;
  /** The workbook's cells by period and column (format 3; the same cell objects), null for older files. */
  columns: Map<string, CellColumns> | null;
}

/** Read, check and validate a workbook file; throws a Chinese message naming what is wrong. */
export async function readWorkbookFileFull(bytes: Uint8Array, fileName: string, onProgress: (step: string) => void = () => undefined): Promise<ReadWorkbookFile> {
  const file = `文件“${fileName}”`;
  onProgress('正在解压文件');
  const kept = await guardZip(bytes, fileName, undefined, keepModelPart);
  // The model straight from its parts; a file in any other shape is read by SheetJS, which names what is wrong.
  const direct = await readModelText(bytes, fileName, MODEL_SHEET, kept).catch(() => null);
  const { model, book } = direct ? { model: direct, book: null } : await modelBySheetJS(bytes, file);
  onProgress('正在读取完整数据');
  const { json, checksum: sum } = model;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new UnreadableFileError(`${file}的工作表 ${MODEL_SHEET} 已损坏（第 ${model.firstRow + 1}–${model.lastRow + 1} 行不是完整的数据），无法恢复。`);
  }
  const head = parsed as { format?: unknown; formatVersion?: unknown } | null;
  if (head?.format !== FILE_FORMAT) throw new UnreadableFileError(`${file}不是考核工作簿保存的文件。`);
  if (typeof head.formatVersion === 'number' && head.formatVersion > FILE_FORMAT_VERSION) throw new UnreadableFileError(`${file}由更新版本的考核工作簿保存（文件格式 ${head.formatVersion}），请使用新版程序打开。`);
  const dup = duplicateKey(json);
  if (dup) throw new UnreadableFileError(`${file}的模型数据中“${dup}”出现了两次，无法确定应取哪个值，未打开。`);
  onProgress('正在逐项核对数据');
  const { content, columns } = checkedContent(parsed, file);
  let integrity: ReadWorkbookFile['integrity'];
  if (typeof sum === 'string' && sum.startsWith(CHECKSUM_PREFIX)) integrity = sum === (await checksumOfText(json)) ? 'ok' : 'mismatch';
  else integrity = content.formatVersion < 2 ? 'legacy' : 'mismatch';
  // The visible 数据 sheets are read (to offer what was edited in them) only when the file has
  // them: a province file has none, and SheetJS would parse the whole file for nothing.
  const dataSheets = periodSheetNames(content.workbook).map((n) => n.data).filter((n) => model.sheetNames.includes(n));
  return { content, integrity, book: book ?? (dataSheets.length ? await readSheets(bytes, file, dataSheets) : null), columns };
}

async function readSheets(bytes: Uint8Array, file: string, sheets?: string[]): Promise<XLSX.WorkBook> {
  const XLSX = await loadSheetJS();
  try {
    return XLSX.read(bytes, { type: 'array', cellDates: false, ...(sheets ? { sheets } : {}) });
  } catch {
    throw new UnreadableFileError(`${file}无法读取：不是有效的 Excel 文件，或文件已损坏。`);
  }
}

/** The model sheet's text as SheetJS reads it (any file the direct reader declines), and the book. */
async function modelBySheetJS(bytes: Uint8Array, file: string): Promise<{ model: ModelText; book: XLSX.WorkBook }> {
  const XLSX = await loadSheetJS();
  let names: string[];
  try {
    names = XLSX.read(bytes, { type: 'array', bookSheets: true }).SheetNames;
  } catch {
    throw new UnreadableFileError(`${file}无法读取：不是有效的 Excel 文件，或文件已损坏。`);
  }
  // The 考核结果 sheets are for people (40 000 rows in a province file): only the model and the 数据 sheets are parsed.
  const book = await readSheets(bytes, file, names.filter((n) => !n.endsWith('考核结果')));
  const ws = book.Sheets[MODEL_SHEET];
  if (!ws?.['!ref']) {
    throw new UnreadableFileError(`${file}不是考核工作簿保存的文件（缺少 ${MODEL_SHEET} 工作表）。如需导入其中的表格，请用“导入 Excel”。`);
  }
  const range = XLSX.utils.decode_range(ws['!ref']);
  let json = '';
  for (let r = range.s.r; r <= range.e.r; r++) {
    const cell = ws[XLSX.utils.encode_cell({ r, c: 0 })] as XLSX.CellObject | undefined;
    if (cell && cell.t !== 's') throw new UnreadableFileError(`${file}的工作表 ${MODEL_SHEET} 第 ${r + 1} 行 A 列不是文字，模型数据已损坏，无法恢复。`);
    json += String(cell?.v ?? '');
  }
  const sum = (ws[XLSX.utils.encode_cell({ r: range.s.r, c: 1 })] as XLSX.CellObject | undefined)?.v;
  return { model: { json, checksum: typeof sum === 'string' ? sum : undefined, firstRow: range.s.r, lastRow: range.e.r, sheetNames: names }, book };
}

/**
 * The file's content, checked: its shell by schema, then each workbook once — a format-3 workbook
 * by its scheme first and then its columns, unpacked and checked in one pass (the columns of the
 * file's workbook are kept, to start the session from them).
 */
function checkedContent(parsed: unknown, file: string): { content: WorkbookFileContent; columns: Map<string, CellColumns> | null } {
  const shell = assertChecked(check(WorkbookFileShellSchema, parsed), `${file}的内容`);
  const packed = shell.formatVersion >= 3;
  const workbook = (raw: unknown, what: string, keep?: Map<string, CellColumns>): Workbook => {
    if (!packed) return assertChecked(checkWorkbook(raw), what);
    const split = packedShell(raw, what);
    const cellsOf = (i: number, p: Period) => {
      const u = unpackColumns(split.columns[i]!, p, `${what}的第 ${i + 1} 个考核期`);
      keep?.set(p.id, u.columns);
      return u.cells;
    };
    return assertChecked(checkWorkbook(split.shell, cellsOf), what);
  };
  const columns = packed ? new Map<string, CellColumns>() : null;
  const content = {
    ...shell,
    workbook: workbook(shell.workbook, `${file}中的工作簿`, columns ?? undefined),
    snapshots: shell.snapshots.map((x, i) => ({ ...x, workbook: workbook(x.workbook, `${file}中的第 ${i + 1} 个版本（${x.name}）`) })),
  };
  return { content, columns };
}

export async function readWorkbookFile(bytes: Uint8Array, fileName: string): Promise<WorkbookFileContent> {
  return (await readWorkbookFileFull(bytes, fileName)).content;
}

