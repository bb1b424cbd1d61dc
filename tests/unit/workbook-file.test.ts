import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { rankingTable, scorePeriod } from '../../src/engine';
import { sampleWorkbook } from '../../src/sample/daye-2023q1';
import { MODEL_SHEET, readWorkbookFile, writeWorkbookFile, type WorkbookFileContent } from '../../src/xlsx/workbookFile';

function content(): WorkbookFileContent {
  const wb = sampleWorkbook();
  wb.periods[0]!.cells['gxq|talent']!.remark = '含"引号"、换行\n和 =公式样 文本';
  wb.periods[0]!.units[0]!.aliases.push('大冶湖国家级高新区');
  const snap = structuredClone(wb);
  snap.periods[0]!.cells['gxq|talent']!.actual = 1;
  return { format: 'kaohe-gongzuobu-workbook', formatVersion: 1, savedAt: '2026-11-22T02:00:00.000Z', workbook: wb, snapshots: [{ name: '一季度初稿', createdAt: '2026-11-21T08:00:00.000Z', auto: false, workbook: snap }] };
}

describe('the workbook file', () => {
  it('round-trips exactly: every period, unit, alias, rule, cell, remark and snapshot', async () => {
    const c = content();
    const back = readWorkbookFile(await writeWorkbookFile(c), '考核.xlsx');
    expect(back).toEqual(c);
    const p = back.workbook.periods[0]!;
    expect(rankingTable(p, scorePeriod(p))[0]).toMatchObject({ name: '高新区', totalText: '85.06', rank: 1 });
  });

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
    expect(() => readWorkbookFile(other, '附件6.xlsx')).toThrow('文件“附件6.xlsx”不是考核工作簿保存的文件（缺少 _model 工作表）');
    const bad = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(bad, XLSX.utils.aoa_to_sheet([['{"format":"kaohe-gongzuobu-workbook", broken']]), MODEL_SHEET);
    expect(() => readWorkbookFile(new Uint8Array(XLSX.write(bad, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer), 'x.xlsx')).toThrow('已损坏');
  });

  it('refuses a file from a newer version', async () => {
    const c = { ...content(), formatVersion: 99 };
    await expect(writeWorkbookFile(c).then((b) => readWorkbookFile(b, 'new.xlsx'))).rejects.toThrow('更新版本');
  });
});
