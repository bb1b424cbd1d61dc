/**
 * The worker's replies carry what the page asks next (issue 28): a preview the names to map to, a
 * change of the workbook list the list itself; and every preview is kept under a token by one
 * store that keeps only the newest few.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createService } from '../../src/service/service';
import { annexesXlsx } from '../support/seed-files';
import { P } from '../support/kit';

const none = { units: {}, indicators: {} };

async function annexes(edit?: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await annexesXlsx()) as unknown as ExcelJS.Buffer);
  if (edit) edit(wb.getWorksheet('附件4')!);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('replies carry what the page asks next', () => {
  it('an import preview with an unknown township carries the townships to map it to; one without carries none', async () => {
    const s = createService({ indexedDB: new IDBFactory() });
    await s.init();
    const clean = await s.previewImport(P, '附件.xlsx', await annexes(), none);
    expect(clean.unmatched).toEqual([]);
    expect(clean.names).toEqual({ units: [], indicators: [] });
    const renamed = await annexes((ws) =>
      ws.eachRow((row) => {
        if (row.getCell(2).value === '大箕铺镇') row.getCell(2).value = '大箕铺新区';
      }),
    );
    const pv = await s.previewImport(P, '附件.xlsx', renamed, none);
    expect(pv.unmatched.map((u) => [u.kind, u.raw])).toEqual([['unit', '大箕铺新区']]);
    expect(pv.names.units.map((u) => u.name)).toEqual(s.periodMeta(P).units.map((u) => u.name));
    expect(pv.names.indicators).toEqual([]);
    // Mapped with the id the names carry: taken for 大箕铺镇.
    const djp = pv.names.units.find((u) => u.name === '大箕铺镇')!.id;
    const mapped = await s.previewImport(P, '附件.xlsx', null, { units: { [pv.unmatched[0]!.key]: djp }, indicators: {} }, pv.token);
    expect(mapped.unmatched[0]!.chosen).toBe(djp);
  });

  it('create, rename and duplicate reply with the list as it now is', async () => {
    const s = createService({ indexedDB: new IDBFactory() });
    await s.init();
    const made = await s.createWorkbook('二〇二四年', 'scheme');
    expect(made.state.name).toBe('二〇二四年');
    expect(made.workbooks.map((w) => w.name).sort()).toEqual(['二〇二四年', '大冶市科技创新行动考核（示例）']);
    const renamed = await s.renameWorkbook('二〇二四年考核');
    expect(renamed.workbooks.map((w) => w.name).sort()).toEqual(['二〇二四年考核', '大冶市科技创新行动考核（示例）']);
    const copy = await s.duplicateWorkbook('');
    expect(copy.state.name).toBe('二〇二四年考核（副本）');
    expect(copy.workbooks).toHaveLength(3);
    expect(copy.workbooks).toEqual(await s.listWorkbooks());
  });
});

describe('one preview store, the newest few kept', () => {
  it('a ninth import preview lets the first go: told in Chinese, nothing changed', async () => {
    const s = createService({ indexedDB: new IDBFactory() });
    await s.init();
    const bytes = await annexes((ws) =>
      ws.eachRow((row) => {
        if (row.getCell(2).value === '大箕铺镇') row.getCell(4).value = 15;
      }),
    );
    const tokens: string[] = [];
    for (let i = 0; i < 9; i++) tokens.push((await s.previewImport(P, `附件${i}.xlsx`, bytes, none)).token);
    await expect(s.applyImport(P, tokens[0]!, none)).rejects.toThrow('导入文件已失效，请重新选择文件。');
    expect(s.cell(P, 'djp', 'tech_sme')!.target).toBe(11);
    // The second is still there.
    expect((await s.applyImport(P, tokens[1]!, none)).ok).toBe(true);
    expect(s.cell(P, 'djp', 'tech_sme')!.target).toBe(15);
    // A confirmed token is gone.
    await expect(s.applyImport(P, tokens[1]!, none)).rejects.toThrow('导入文件已失效');
  });

  it('a workbook file read is held whole: only the newest two wait to be opened', async () => {
    const s = createService({ indexedDB: new IDBFactory() });
    await s.init();
    const file = await s.saveWorkbookFile();
    const infos = [];
    for (let i = 0; i < 3; i++) infos.push(await s.inspectWorkbookFile(`工作簿${i}.xlsx`, file.bytes));
    await expect(s.openWorkbookFile(infos[0]!.token, 'copy')).rejects.toThrow('文件已失效，请重新选择文件。');
    const opened = await s.openWorkbookFile(infos[2]!.token, 'copy');
    expect(opened.state.name).toBe('大冶市科技创新行动考核（示例）（文件副本）');
    expect(opened.workbooks).toHaveLength(2);
  });
});
