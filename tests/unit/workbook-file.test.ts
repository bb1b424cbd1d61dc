import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { rankingTable, scorePeriod } from '../../src/engine';
import { sampleWorkbook } from '../../src/sample/daye-2023q1';
import ExcelJS from 'exceljs';
import { syntheticPeriod } from '../../bench/synthetic';
import { DATA_SHEET_MAX_ROWS, FILE_FORMAT_VERSION, MODEL_SHEET, readWorkbookFile, readWorkbookFileFull, writeWorkbookFile, type WorkbookFileContent } from '../../src/xlsx/workbookFile';
import type { PackedWorkbook } from '../../src/xlsx/modelPacking';
import { oldFormatFile } from '../support/old-format-file';
import { editedPeriods, planDataSheet } from '../../src/xlsx/workbookFileSheets';

function content(): WorkbookFileContent {
  const wb = sampleWorkbook();
  wb.periods[0]!.cells['gxq|talent']!.remark = '含"引号"、换行\n和 =公式样 文本';
  wb.periods[0]!.units[0]!.aliases.push('大冶湖国家级高新区');
  // The issuing office and who reported (报送情况) are part of the record too.
  wb.periods[0]!.issuer = '大冶市科技创新行动领导小组办公室';
  wb.periods[0]!.returns = { gxq: { fileName: '高新区.xlsx', at: '2026-11-20T03:00:00.000Z', values: 14 } };
  const snap = structuredClone(wb);
  snap.periods[0]!.cells['gxq|talent']!.actual = 1;
  return { format: 'kaohe-gongzuobu-workbook', formatVersion: FILE_FORMAT_VERSION, savedAt: '2026-11-22T02:00:00.000Z', workbook: wb, snapshots: [{ name: '一季度初稿', createdAt: '2026-11-21T08:00:00.000Z', auto: false, workbook: snap }] };
}

describe('the workbook file', () => {
  it('round-trips exactly: every period, unit, alias, rule, cell, remark and snapshot', async () => {
    const c = content();
    const back = await readWorkbookFile(await writeWorkbookFile(c), '考核.xlsx');
    expect(back).toEqual(c);
    const p = back.workbook.periods[0]!;
    expect(rankingTable(p, scorePeriod(p))[0]).toMatchObject({ name: '高新区', totalText: '85.06', rank: 1 });
  });

  it('a period named with what Excel refuses in a sheet name (2024/上半年:[一]) saves and reads back', async () => {
    const c = content();
    c.workbook.periods[0]!.label = '2024/上半年:[一]?';
    const bytes = await writeWorkbookFile(c);
    const back = await readWorkbookFile(bytes, '考核.xlsx');
    expect(back.workbook.periods[0]!.label).toBe('2024/上半年:[一]?');
    expect(XLSX.read(bytes).SheetNames).toContain('2024_上半年__一__考核结果');
  });

  it('a period of over 100 000 cells is saved without its 数据 sheet (said in 说明), and opens complete', async () => {
    const c = content();
    const big = syntheticPeriod(5001); // 5 001 × 20 = 100 020 cells
    c.workbook.periods.push(big);
    c.snapshots = [];
    const bytes = await writeWorkbookFile(c);
    const book = XLSX.read(bytes, { type: 'array', sheets: ['说明'] });
    expect(book.SheetNames).toEqual(['说明', '2023年一季度考核结果', '2023年一季度数据', '2024年一季度考核结果', MODEL_SHEET]);
    const info = XLSX.utils.sheet_to_json<string[]>(book.Sheets['说明']!, { header: 1 });
    expect(info.at(-1)).toEqual(['未列出的数据', `2024年一季度（100,020 项）的数据超过 ${DATA_SHEET_MAX_ROWS.toLocaleString('zh-CN')} 项，未列成“数据”工作表；数据完整保存在本文件中，用“打开文件”即可恢复。`]);
    const back = await readWorkbookFileFull(bytes, '省级.xlsx');
    expect(back.content).toEqual(c);
    expect(editedPeriods(back.book, back.content.workbook, '省级.xlsx')).toEqual([]);
  }, 60_000); // 100 000 cells written and read back: seconds on a busy 2-core machine

  it('is readable by a person: 说明, the ranking and the data, with the model in a hidden sheet', async () => {
    const book = XLSX.read(await writeWorkbookFile(content()), { type: 'array' });
    expect(book.SheetNames).toEqual(['说明', '2023年一季度考核结果', '2023年一季度数据', MODEL_SHEET]);
    expect(book.Workbook?.Sheets?.find((s) => s.name === MODEL_SHEET)?.Hidden).toBe(1);
    const rank = XLSX.utils.sheet_to_json<(string | number)[]>(book.Sheets['2023年一季度考核结果']!, { header: 1 });
    expect(rank[1]).toEqual([1, '高新区', 85.06]);
    const data = XLSX.utils.sheet_to_json<(string | number | null)[]>(book.Sheets['2023年一季度数据']!, { header: 1, defval: null });
    expect(data[0]).toEqual(['单位', '指标', '计量单位', '任务数', '实绩数', '状态', '备注']);
    expect(data[1]).toEqual(['高新区', '高新技术产业产值', '亿元', 112.5, null, '数据未出（暂取任务数）', null]);
    expect(data.find((r) => r[0] === '灵乡镇' && r[1] === '科学研究与技术服务业营业收入')?.[5]).toBe('不适用');
  });

  it('refuses a spreadsheet that is not a saved workbook, and a damaged model, by name', async () => {
    const ws = XLSX.utils.aoa_to_sheet([['排名', '乡镇']]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '附件6');
    const other = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    await expect(readWorkbookFile(other, '附件6.xlsx')).rejects.toThrow('文件“附件6.xlsx”不是考核工作簿保存的文件（缺少 _model 工作表）');
    const bad = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(bad, XLSX.utils.aoa_to_sheet([['{"format":"kaohe-gongzuobu-workbook", broken']]), MODEL_SHEET);
    await expect(readWorkbookFile(new Uint8Array(XLSX.write(bad, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer), 'x.xlsx')).rejects.toThrow('已损坏');
  });

  it('refuses a file from a newer version', async () => {
    const bytes = withModelText(await writeWorkbookFile(content()), (j) => j.replace(`"formatVersion":${FILE_FORMAT_VERSION}`, '"formatVersion":99'), false);
    await expect(readWorkbookFile(bytes, 'new.xlsx')).rejects.toThrow('由更新版本的考核工作簿保存（文件格式 99）');
  });

  it('a file saved by the builds before cells were packed by column (format 2, and 1 without a checksum) opens the same', async () => {
    const c = content();
    for (const version of [2, 1]) {
      const old = { ...c, formatVersion: version };
      const back = await readWorkbookFileFull(oldFormatFile(old, version === 2), `旧版${version}.xlsx`);
      expect(back.content).toEqual(old);
      expect(back.integrity).toBe(version === 2 ? 'ok' : 'legacy');
    }
  });

  it('cells are packed by column: the model of the 40 000-unit province period is a fifth of one object per cell', async () => {
    const c = content();
    c.workbook.periods = [syntheticPeriod(2000)];
    c.snapshots = [];
    const book = XLSX.read(await writeWorkbookFile(c), { type: 'array', sheets: [MODEL_SHEET] });
    const ws = book.Sheets[MODEL_SHEET]!;
    let json = '';
    for (let r = 0; r <= XLSX.utils.decode_range(ws['!ref']!).e.r; r++) json += String(ws[XLSX.utils.encode_cell({ r, c: 0 })]?.v ?? '');
    const perCell = JSON.stringify(c).length;
    expect(json.length).toBeLessThan(perCell / 4);
    const packed = JSON.parse(json) as { workbook: PackedWorkbook };
    const col = packed.workbook.periods[0]!.columns[0]!;
    expect([col.indicatorId, col.states.length, col.target.length, col.actual.length]).toEqual(['i1', 2000, 2000, 2000]);
    expect([col.target[0], col.actual[0]]).toEqual([c.workbook.periods[0]!.cells['u1|i1']!.target, c.workbook.periods[0]!.cells['u1|i1']!.actual]);
  });
});

/** The file with `_model`'s JSON edited as text (as someone would in Excel), checksum left as it was. */
function withModelText(bytes: Uint8Array, edit: (json: string) => string, keepChecksum = true): Uint8Array {
  const book = XLSX.read(bytes, { type: 'array' });
  const ws = book.Sheets[MODEL_SHEET]!;
  const range = XLSX.utils.decode_range(ws['!ref']!);
  let json = '';
  for (let r = 0; r <= range.e.r; r++) json += String(ws[XLSX.utils.encode_cell({ r, c: 0 })]?.v ?? '');
  const next = edit(json);
  const rows: string[][] = [];
  for (let i = 0; i * 30000 < next.length; i++) rows.push([next.slice(i * 30000, (i + 1) * 30000)]);
  if (keepChecksum) rows[0]!.push(String(ws['B1']?.v));
  book.Sheets[MODEL_SHEET] = XLSX.utils.aoa_to_sheet(rows);
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

describe('the workbook file refuses what it cannot trust, naming it', () => {
  const refusal = async (mutate: (c: WorkbookFileContent) => void) => {
    const c = content();
    mutate(c);
    try {
      await readWorkbookFile(await writeWorkbookFile(c), '考核.xlsx');
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  };

  it('a period with no quarter', async () => {
    const bytes = withModelText(await writeWorkbookFile(content()), (j) => j.replace('"quarter":1,', ''), false);
    await expect(readWorkbookFile(bytes, '考核.xlsx')).rejects.toThrow('文件“考核.xlsx”中的工作簿格式不正确：第 1 个考核期：缺少「季度」。');
  });

  it('an indicator without aliases', async () => {
    const msg = await refusal((c) => delete (c.workbook.periods[0]!.indicators[2] as { aliases?: string[] }).aliases);
    expect(msg).toBe('文件“考核.xlsx”中的工作簿格式不正确：第 1 个考核期（2023年一季度） › 第 3 个指标（登记技术合同成交额）：缺少「别名」。');
  });

  it('two units with one id', async () => {
    const msg = await refusal((c) => (c.workbook.periods[0]!.units[1]!.id = 'gxq'));
    expect(msg).toBe('文件“考核.xlsx”中的工作簿格式不正确：第 1 个考核期（2023年一季度） › 单位编号“gxq”重复（高新区、临空区·还地桥镇）。');
  });

  it('a cell of a unit the period does not have (a file of the earlier format)', async () => {
    const c = { ...content(), formatVersion: 2 };
    c.workbook.periods[0]!.cells['nobody|talent'] = { state: 'value', target: 1, actual: 1 };
    await expect(readWorkbookFile(oldFormatFile(c, true), '考核.xlsx')).rejects.toThrow('单元格“nobody|talent”指向不存在的单位“nobody”');
  });

  it('packed columns that do not fit the period: a column too short, a state no build writes, a column of an unknown indicator, a remark of no cell', async () => {
    const good = await writeWorkbookFile(content());
    const cases: [(j: string) => string, string][] = [
      [(j) => j.replace(/"states":"(.)/, '"states":"'), '文件“考核.xlsx”中的工作簿的第 1 个考核期指标“hitech_output”的数据与单位数（14 个）不符，无法恢复。'],
      [(j) => j.replace(/"states":"(.)/, '"states":"7'), '文件“考核.xlsx”中的工作簿的第 1 个考核期指标“hitech_output”的数据第 1 个单位的状态“7”无法识别。'],
      [(j) => j.replace('"indicatorId":"talent"', '"indicatorId":"ghost"'), '指向不存在的指标“ghost”'],
      [(j) => j.replace(/"extra":\[\{"i":\d+/, '"extra":[{"i":999'), '中的备注或手工得分指向不存在的单元格。'],
    ];
    for (const [edit, message] of cases) await expect(readWorkbookFile(withModelText(good, edit, false), '考核.xlsx')).rejects.toThrow(message);
  });

  it('a key written twice in the model (JSON would silently keep the last)', async () => {
    const bytes = withModelText(await writeWorkbookFile(content()), (j) => j.replace('"quarter":1', '"quarter":1,"quarter":2'), false);
    await expect(readWorkbookFile(bytes, '考核.xlsx')).rejects.toThrow('文件“考核.xlsx”的模型数据中“workbook › periods › quarter”出现了两次');
  });

  it('a value edited inside _model is caught by the checksum; a file from the first build (no checksum) is "legacy"', async () => {
    const good = await writeWorkbookFile(content());
    expect((await readWorkbookFileFull(good, 'a.xlsx')).integrity).toBe('ok');
    // 高新区 人才 实绩数 156 → 157 inside the packed columns (the first unit of the column 'talent').
    const edited = withModelText(good, (j) => j.replace(/("indicatorId":"talent","states":"[^"]*","target":\[[^\]]*\],"actual":\[)156/, '$1157'));
    const r = await readWorkbookFileFull(edited, 'a.xlsx');
    expect(r.integrity).toBe('mismatch');
    expect(r.content.workbook.periods[0]!.cells['gxq|talent']!.actual).toBe(157);
    expect((await readWorkbookFileFull(oldFormatFile({ ...content(), formatVersion: 1 }, false), 'a.xlsx')).integrity).toBe('legacy');
  });

  it('text that looks like an Excel escape (_x0041_) and emoji come back exactly', async () => {
    const c = content();
    c.workbook.periods[0]!.cells['gxq|talent']!.remark = '_x0041_ 与 _x005F_ 😀';
    const back = await readWorkbookFile(await writeWorkbookFile(c), 'a.xlsx');
    expect(back.workbook.periods[0]!.cells['gxq|talent']!.remark).toBe('_x0041_ 与 _x005F_ 😀');
  });
});

describe('values edited in the visible 数据 sheet', () => {
  it('are listed with their place and nothing else is', async () => {
    const c = content();
    const bytes = await writeWorkbookFile(c);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const ws = book.getWorksheet('2023年一季度数据')!;
    let row = 0;
    ws.eachRow((r, n) => {
      if (r.getCell(1).value === '高新区' && r.getCell(2).value === '规上企业新招引科技人才') row = n;
    });
    ws.getRow(row).getCell(5).value = 200;
    ws.getRow(row).getCell(7).value = '补报';
    const edited = new Uint8Array(await book.xlsx.writeBuffer());
    const read = await readWorkbookFileFull(edited, '考核.xlsx');
    expect(read.integrity).toBe('ok');
    expect(editedPeriods(read.book, read.content.workbook, '考核.xlsx')).toEqual([{ index: 0, sheet: '2023年一季度数据', changes: 1 }]);
    const plan = planDataSheet(read.book, '2023年一季度数据', read.content.workbook.periods[0]!, '考核.xlsx')!;
    expect(plan.changes.map((x) => [x.unitName, x.field, x.oldText, x.newText, x.where])).toEqual([
      ['高新区', '实绩数', '156', '200', `文件“考核.xlsx”工作表“2023年一季度数据”第 ${row} 行 E 列`],
      ['高新区', '备注', '含"引号"、换行\n和 =公式样 文本', '补报', `文件“考核.xlsx”工作表“2023年一季度数据”第 ${row} 行 G 列`],
    ]);
    expect(plan.cellChanges).toEqual([{ unitId: 'gxq', indicatorId: 'talent', before: { state: 'value', target: 40, actual: 156, remark: '含"引号"、换行\n和 =公式样 文本' }, after: { state: 'value', target: 40, actual: 200, remark: '补报' } }]);
  });
});
