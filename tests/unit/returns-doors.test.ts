/**
 * Returns take only returns (issue 18, cases 3, 4 and 9): last quarter's 附件 export and the app's
 * own workbook file are refused as returns, saying what they are; a file typed elsewhere (no mark)
 * too; a township's remark without a figure is kept, located in its own column (G).
 */
import 'fake-indexeddb/auto';

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';

import { RETURN_HEADER_ROW } from '../../src/xlsx/returnTemplate';
import { dumpDb } from '../support/db-dump';
import { withQ2 } from '../support/kit';

const P = 'daye-2023-q1';


async function edit(bytes: Uint8Array, fn: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  fn(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('what is not a return is refused, saying what it is', () => {
  it('case 3: last quarter’s 附件 export (its 考核得分明细 sheet passed before): refused as a whole, nothing written, nobody counted as reported', async () => {
    const { s, q2, factory } = await withQ2();
    const annexes = await s.exportTables(P, 'all');
    const before = await dumpDb(factory);
    const pv = await s.previewReturns(q2, [{ name: annexes.fileName, bytes: annexes.bytes }]);
    expect(pv.errors).toEqual([`文件“${annexes.fileName}”是从考核工作簿导出的 2023年一季度 通报附件表格，不是乡镇的报送表，未导入。如需导入其中的数据，请用“导入 Excel”。`]);
    expect(pv.reported).toEqual([]);
    expect([pv.takeCount, pv.overwriteCount, pv.changesTotal]).toEqual([0, 0, 0]);
    await s.applyReturns(q2, pv.token, true);
    expect(await dumpDb(factory)).toBe(before);
    expect(s.returnsStatus(q2).filter((r) => r.fileName)).toEqual([]);
  });

  it('case 4: the app’s own workbook file: refused as a workbook file, pointing to 打开文件', async () => {
    const { s, q2, factory } = await withQ2();
    const file = await s.saveWorkbookFile();
    const before = await dumpDb(factory);
    const pv = await s.previewReturns(q2, [{ name: file.fileName, bytes: file.bytes }]);
    expect(pv.errors).toEqual([`文件“${file.fileName}”是考核工作簿保存的工作簿文件，不是乡镇的报送表，未导入。如需打开它，请用“工作簿操作 › 打开文件”。`]);
    expect(pv.reported).toEqual([]);
    await s.applyReturns(q2, pv.token, true);
    expect(await dumpDb(factory)).toBe(before);
  });

  it('a table typed elsewhere in the template’s layout (no mark): refused, asking for the template', async () => {
    const { s, q2 } = await withQ2();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('高新区');
    ws.addRow(['序号', '乡镇', '指标名称', '计量单位', '目标任务数', '完成任务数', '备注']);
    ws.addRow([1, '高新区', '科技型中小企业入库数', '家', 111, 20, '']);
    const pv = await s.previewReturns(q2, [{ name: '自制.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()) }]);
    expect(pv.errors).toEqual([
      '文件“自制.xlsx”不是本期下发的报送模板（文件中没有 2023年二季度 报送模板的标记：可能是自行制作的表格，或内容被复制到了别的文件），未导入。请让乡镇在“报送情况”下载的模板中填写后报送。',
    ]);
  });

  it('the same period’s template from a copy of the workbook is read, with a word', async () => {
    const { s, q2 } = await withQ2();
    const t = await s.exportReturnTemplate(q2, ['gxq']);
    const filled = await edit(t.bytes, (wb) => {
      const ws = wb.worksheets[0]!;
      for (let r = RETURN_HEADER_ROW + 1; r <= ws.rowCount; r++) if (ws.getCell(r, 3).value === '科技型中小企业入库数') ws.getCell(r, 6).value = 20;
    });
    const copy = (await s.duplicateWorkbook('副本')).state;
    const q2copy = copy.periods.find((p) => p.label === '2023年二季度')!.id;
    const pv = await s.previewReturns(q2copy, [{ name: '高新区.xlsx', bytes: filled }]);
    expect(pv.errors).toEqual([]);
    expect(pv.warnings[0]).toBe('文件“高新区.xlsx”是另一个工作簿（或其副本）中 2023年二季度 的报送模板，已按本期读取，请核对。');
    expect(pv.reported.map((r) => r.unitName)).toEqual(['高新区']);
  });
});

describe('case 9: a remark without a figure', () => {
  it('is kept, shown where it is (column G), and the township counts as reported', async () => {
    const { s, q2 } = await withQ2();
    const t = await s.exportReturnTemplate(q2, ['ba']);
    const filled = await edit(t.bytes, (wb) => {
      const ws = wb.worksheets[0]!;
      for (let r = RETURN_HEADER_ROW + 1; r <= ws.rowCount; r++) if (ws.getCell(r, 3).value === '科技型中小企业入库数') ws.getCell(r, 7).value = '本季度数据未出，下月补报';
    });
    const pv = await s.previewReturns(q2, [{ name: '保安镇.xlsx', bytes: filled }]);
    expect(pv.changes).toEqual([
      { unitId: 'ba', indicatorId: 'tech_sme', unitName: '保安镇', indicatorName: '科技型中小企业入库数', field: '备注', oldText: '', newText: '本季度数据未出，下月补报', where: '文件“保安镇.xlsx”工作表“保安镇”第 5 行 G 列' },
    ]);
    expect(pv.reported.map((r) => [r.unitName, r.values])).toEqual([['保安镇', 0]]);
    await s.applyReturns(q2, pv.token, false);
    expect(s.cell(q2, 'ba', 'tech_sme')).toMatchObject({ remark: '本季度数据未出，下月补报', actual: null });
    expect(s.returnsStatus(q2).find((r) => r.unitId === 'ba')).toMatchObject({ fileName: '保安镇.xlsx', filled: 0 });
  });

  it('a remark beside a figure is located in column G, the figure in F', async () => {
    const { s, q2 } = await withQ2();
    const t = await s.exportReturnTemplate(q2, ['gxq']);
    const filled = await edit(t.bytes, (wb) => {
      const ws = wb.worksheets[0]!;
      for (let r = RETURN_HEADER_ROW + 1; r <= ws.rowCount; r++) {
        if (ws.getCell(r, 3).value !== '科技型中小企业入库数') continue;
        ws.getCell(r, 6).value = 20;
        ws.getCell(r, 7).value = '含 2 家待复核';
      }
    });
    const pv = await s.previewReturns(q2, [{ name: '高新区.xlsx', bytes: filled }]);
    expect(pv.changes.map((c) => [c.field, c.newText, c.where])).toEqual([
      ['实绩数', '20', '文件“高新区.xlsx”工作表“高新区”第 5 行 F 列'],
      ['备注', '含 2 家待复核', '文件“高新区.xlsx”工作表“高新区”第 5 行 G 列'],
    ]);
  });
});
