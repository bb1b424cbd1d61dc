/**
 * The `_model` sheet read straight from the file's parts (issue 30: SheetJS took 2.5 s and ~200 MB
 * for it at province scale). It must give exactly the text SheetJS gives, for the files this app
 * writes and for the same files saved again by Excel-like programs; and for any shape it does not
 * read it declines, so the file is read by SheetJS as before (same content, same messages).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sampleWorkbook } from '../../src/sample/daye-2023q1';
import { MODEL_SHEET, checksumOf, checksumOfText, readWorkbookFileFull, writeWorkbookFile, type WorkbookFileContent } from '../../src/xlsx/workbookFile';
import { readModelText } from '../../src/xlsx/modelSheet';
import { syntheticPeriod } from '../../bench/synthetic';
import { hasOffice } from '../support/office';

/** Text that XML and Excel treat specially, in names, remarks and labels. */
function content(): WorkbookFileContent {
  const wb = sampleWorkbook();
  const cells = wb.periods[0]!.cells;
  cells['gxq|talent']!.remark = '_x0041_ 与 _x005F_ 😀 & <b>"引号"</b> \'单引号\'';
  cells['lx|talent']!.remark = ' 前后空格 \t制表\r\n回车换行\u0001控制';
  wb.periods[0]!.units[0]!.aliases.push('A&B <镇>');
  wb.periods[0]!.label = '2023年一季度 & “特别”';
  return { format: 'kaohe-gongzuobu-workbook', formatVersion: 3, savedAt: '2026-11-22T02:00:00.000Z', workbook: wb, snapshots: [{ name: '初稿 <1>', createdAt: '2026-11-21T08:00:00.000Z', auto: false, workbook: structuredClone(wb) }] };
}

/** Column A of `_model` joined and B1, as SheetJS reads them. */
function bySheetJS(bytes: Uint8Array): { json: string; checksum: unknown } {
  const ws = XLSX.read(bytes, { type: 'array', sheets: [MODEL_SHEET] }).Sheets[MODEL_SHEET]!;
  const range = XLSX.utils.decode_range(ws['!ref']!);
  let json = '';
  for (let r = range.s.r; r <= range.e.r; r++) json += String(ws[XLSX.utils.encode_cell({ r, c: 0 })]?.v ?? '');
  return { json, checksum: ws[XLSX.utils.encode_cell({ r: range.s.r, c: 1 })]?.v };
}

async function byExcelJS(bytes: Uint8Array, edit: (ws: ExcelJS.Worksheet) => void = () => undefined): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  edit(book.getWorksheet(MODEL_SHEET)!);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

async function expectSameAsSheetJS(bytes: Uint8Array) {
  const direct = await readModelText(bytes, 'a.xlsx', MODEL_SHEET);
  expect(direct).not.toBeNull();
  const other = bySheetJS(bytes);
  expect(direct!.json).toBe(other.json);
  expect(direct!.checksum).toBe(other.checksum);
  expect(direct!.sheetNames).toEqual(XLSX.read(bytes, { type: 'array', bookSheets: true }).SheetNames);
  const read = await readWorkbookFileFull(bytes, 'a.xlsx');
  expect(read.integrity).toBe('ok');
  return read;
}

describe('the model sheet read without a spreadsheet library', () => {
  it('gives the text SheetJS gives for a file this app wrote (escapes, emoji, control characters), and the file reads back exactly', async () => {
    const c = content();
    const read = await expectSameAsSheetJS(await writeWorkbookFile(c));
    expect(read.content).toEqual(c);
    expect(read.book).not.toBeNull(); // it has 数据 sheets: they are read to offer what was edited in them
  });

  it('a model of many rows (a 1 000-unit period, 30 000-character pieces) joins in order', async () => {
    const c = content();
    c.workbook.periods = [syntheticPeriod(1000)];
    c.snapshots = [];
    const bytes = await writeWorkbookFile(c);
    const direct = await readModelText(bytes, 'a.xlsx', MODEL_SHEET);
    expect(direct!.lastRow).toBeGreaterThan(3);
    expect(direct!.json).toBe(bySheetJS(bytes).json);
    expect((await readWorkbookFileFull(bytes, 'a.xlsx')).content).toEqual(c);
  });

  it('the same file saved again by ExcelJS and by SheetJS reads the same', async () => {
    const c = content();
    const bytes = await writeWorkbookFile(c);
    expect((await expectSameAsSheetJS(await byExcelJS(bytes))).content).toEqual(c);
    const again = new Uint8Array(XLSX.write(XLSX.read(bytes, { type: 'array' }), { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    expect((await expectSameAsSheetJS(again)).content).toEqual(c);
  });

  it.runIf(hasOffice)('the same file saved again by LibreOffice Calc reads the same', async () => {
    const c = content();
    const dir = mkdtempSync(join(tmpdir(), 'model-sheet-'));
    try {
      writeFileSync(join(dir, 'in.xlsx'), await writeWorkbookFile(c));
      execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', join(dir, 'out'), join(dir, 'in.xlsx')], { stdio: 'ignore', timeout: 120_000 });
      const bytes = new Uint8Array(readFileSync(join(dir, 'out', 'in.xlsx')));
      const direct = await readModelText(bytes, 'a.xlsx', MODEL_SHEET);
      // LibreOffice may write the text in a shape read only by SheetJS; either way the content is the same.
      if (direct) expect(direct.json).toBe(bySheetJS(bytes).json);
      expect((await readWorkbookFileFull(bytes, 'a.xlsx')).content).toEqual(c);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('declines rich text, and the file is read by SheetJS instead: same content', async () => {
    const c = content();
    const bytes = await byExcelJS(await writeWorkbookFile(c), (ws) => {
      const text = String(ws.getCell('A1').value);
      ws.getCell('A1').value = { richText: [{ text: text.slice(0, 10), font: { bold: true } }, { text: text.slice(10) }] };
    });
    expect(await readModelText(bytes, 'a.xlsx', MODEL_SHEET)).toBeNull();
    const read = await readWorkbookFileFull(bytes, 'a.xlsx');
    expect(read.content).toEqual(c);
    expect(read.integrity).toBe('ok');
  });

  it('declines a number in column A: the file is refused with the message SheetJS reading gives', async () => {
    const bytes = await byExcelJS(await writeWorkbookFile(content()), (ws) => {
      ws.getCell('A2').value = 12345;
    });
    expect(await readModelText(bytes, 'a.xlsx', MODEL_SHEET)).toBeNull();
    await expect(readWorkbookFileFull(bytes, '乡镇.xlsx')).rejects.toThrow('文件“乡镇.xlsx”的工作表 _model 第 2 行 A 列不是文字，模型数据已损坏，无法恢复。');
  });

  it('a spreadsheet without the model sheet is refused as before', async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['排名', '乡镇']]), '附件6');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    expect(await readModelText(bytes, 'a.xlsx', MODEL_SHEET)).toBeNull();
    await expect(readWorkbookFileFull(bytes, '附件6.xlsx')).rejects.toThrow('文件“附件6.xlsx”不是考核工作簿保存的文件（缺少 _model 工作表）');
  });

  it('the platform checksum equals the script one (a tampered model is still told apart)', async () => {
    const json = JSON.stringify(content());
    expect(await checksumOfText(json)).toBe(checksumOf(json));
    expect(await checksumOfText(json + ' ')).not.toBe(checksumOf(json));
  });
});
