/**
 * Every .xlsx the app writes goes out through here: each text in it made valid for XML first
 * (model/valuePolicy.ts writableText) — a remark or name holding a control character (BEL, VT,
 * U+FFFE, a lone surrogate) made a file Excel refuses to open. Emoji stay as they are.
 */
import type ExcelJS from 'exceljs';
import { writableText } from '../model';

function safeValue(v: ExcelJS.CellValue): ExcelJS.CellValue {
  if (typeof v === 'string') return writableText(v);
  if (v && typeof v === 'object' && 'richText' in v) return { ...v, richText: v.richText.map((r) => ({ ...r, text: writableText(r.text) })) };
  return v;
}

/** `skip`: sheets whose text is made safe by their writer (the workbook file's JSON model escapes its own). */
export async function writeXlsx(wb: ExcelJS.Workbook, options?: Partial<ExcelJS.XlsxWriteOptions>, skip: readonly string[] = []): Promise<Uint8Array> {
  for (const ws of wb.worksheets) {
    if (skip.includes(ws.name)) continue;
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        // A merged cell's followers show their master: only the master holds the text.
        if (cell.isMerged && cell.master !== cell) return;
        const v = cell.value;
        if (typeof v === 'string' ? writableText(v) !== v : v !== null && typeof v === 'object' && 'richText' in v) cell.value = safeValue(v);
      }),
    );
  }
  for (const k of ['title', 'subject', 'keywords', 'description'] as const) if (typeof wb[k] === 'string') wb[k] = writableText(wb[k]);
  return new Uint8Array(await wb.xlsx.writeBuffer(options));
}
