/**
 * A workbook file as the builds before format 3 wrote it: the model with one object per cell
 * (format 2 with a checksum; format 1 without). Hostile keys can only be written in this format.
 */
import * as XLSX from '@e965/xlsx';
import { MODEL_SHEET, checksumOf, type WorkbookFileContent } from '../../src/xlsx/workbookFile';

/** The file for a model text (`json`, unpacked cells), with its checksum when `withChecksum`. */
export function oldFormatFileOf(json: string, withChecksum: boolean): Uint8Array {
  const text = json.replace(/_x/g, '\\u005fx');
  const rows: string[][] = [];
  for (let i = 0; i * 30000 < text.length; i++) rows.push([text.slice(i * 30000, (i + 1) * 30000)]);
  if (withChecksum) rows[0]!.push(checksumOf(text));
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['说明']]), '说明');
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), MODEL_SHEET);
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

export function oldFormatFile(c: WorkbookFileContent, withChecksum: boolean): Uint8Array {
  return oldFormatFileOf(JSON.stringify(c), withChecksum);
}
