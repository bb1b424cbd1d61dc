import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createService } from '../../src/service/service';
import { readWorkbookFile } from '../../src/xlsx/workbookFile';
import { annexesXlsx } from '../support/seed-files';

const P = 'daye-2023-q1';
const none = { units: {}, indicators: {} };

async function fileWithChange(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await annexesXlsx()) as unknown as ExcelJS.Buffer);
  wb.getWorksheet('附件4')!.eachRow((row) => {
    if (row.getCell(2).value === '大箕铺镇') row.getCell(4).value = 15;
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('import, export and the workbook file through the worker service', () => {
  it('previews without changing anything, applies as one undoable step', async () => {
    const s = createService({ indexedDB: new IDBFactory() });
    await s.init();
    const preview = await s.previewImport(P, '附件.xlsx', await fileWithChange(), none);
    // The sample already holds the annexes; only the edited target and the rounded actuals differ.
    expect(preview.changes.find((c) => c.unitId === 'djp' && c.field === '任务数')).toMatchObject({ oldText: '11', newText: '15' });
    expect(s.cell(P, 'djp', 'tech_sme')!.target).toBe(11);
    const out = await s.applyImport(P, preview.token, none);
    expect(out.ok).toBe(true);
    expect(s.cell(P, 'djp', 'tech_sme')!.target).toBe(15);
    expect(out.state.undoLabel).toBe('导入 附件.xlsx');
    await s.undo();
    expect(s.cell(P, 'djp', 'tech_sme')!.target).toBe(11);
    expect(s.periodView(P).ranking[0]!.totalText).toBe('85.06');
  });

  it('a cell edited between preview and 确认 is planned again: the import applies over the edit, never over a stale plan', async () => {
    const s = createService({ indexedDB: new IDBFactory() });
    await s.init();
    const preview = await s.previewImport(P, '附件.xlsx', await fileWithChange(), none);
    const before = s.cell(P, 'djp', 'tech_sme')!;
    // Someone types 12 for 大箕铺镇 after the preview; the file says 15.
    await s.editCells(P, [{ unitId: 'djp', indicatorId: 'tech_sme', before, after: { ...before, target: 12 } }], '改');
    const out = await s.applyImport(P, preview.token, none);
    expect(out.ok).toBe(true);
    expect(s.cell(P, 'djp', 'tech_sme')!.target).toBe(15);
    // Undoing the import restores the typed 12 (the plan's "before" was taken after the edit).
    await s.undo();
    expect(s.cell(P, 'djp', 'tech_sme')!.target).toBe(12);
  });

  it('save to file, open in another browser profile: the identical workbook, snapshots included', async () => {
    const a = createService({ indexedDB: new IDBFactory() });
    await a.init();
    await a.editCells(P, [{ unitId: 'msx', indicatorId: 'talent', after: { state: 'value', target: 0.5, actual: 1, remark: '补报' } }], '改');
    await a.createSnapshot('一季度定稿');
    const file = await a.saveWorkbookFile();
    expect(file.fileName).toBe('大冶市科技创新行动考核（示例）.xlsx');

    const b = createService({ indexedDB: new IDBFactory() });
    await b.init();
    const info = await b.inspectWorkbookFile(file.fileName, file.bytes);
    // Each profile's sample has ids of its own: the file's workbook is new here.
    expect(info).toMatchObject({ name: '大冶市科技创新行动考核（示例）', exists: false, periods: ['2023年一季度'], snapshots: 1, integrity: 'ok', sheetEdits: 0 });
    const opened = await b.openWorkbookFile(info.token, 'replace');
    expect(opened.state.name).toBe('大冶市科技创新行动考核（示例）');
    const again = await readWorkbookFile((await b.saveWorkbookFile()).bytes, 'again.xlsx');
    const first = await readWorkbookFile(file.bytes, 'first.xlsx');
    expect(again.workbook).toEqual(first.workbook);
    expect(again.snapshots.filter((x) => !x.auto)).toEqual(first.snapshots);
    expect(b.cell(P, 'msx', 'talent')).toEqual({ state: 'value', target: 0.5, actual: 1, remark: '补报' });
    expect(b.periodView(P).ranking[0]!.totalText).toBe('85.06');
    // 'copy' opens it beside the existing one.
    const info2 = await b.inspectWorkbookFile(file.fileName, file.bytes);
    const copy = await b.openWorkbookFile(info2.token, 'copy');
    expect(copy.workbooks.map((w) => w.name).sort()).toEqual(['大冶市科技创新行动考核（示例）', '大冶市科技创新行动考核（示例）', '大冶市科技创新行动考核（示例）（文件副本）']);
    expect(copy.state.workbookId).not.toBe(opened.state.workbookId);
    expect(copy.state.periods[0]!.id).not.toBe(P);
    // Opening the same file again over the same workbook: its current state kept as a version first.
    const info3 = await b.inspectWorkbookFile(file.fileName, file.bytes);
    expect(info3.exists).toBe(true);
    await b.openWorkbookFile(info3.token, 'replace');
    expect((await b.listSnapshots()).map((x) => x.name)).toEqual(['打开文件前自动保存', '一季度定稿']);
  });

  it('the same file opened again over its own unchanged workbook makes no version, so files do not grow per open; a changed one is kept as a version', async () => {
    const s = createService({ indexedDB: new IDBFactory() });
    await s.init();
    const first = await s.saveWorkbookFile();
    for (let k = 0; k < 2; k++) await s.openWorkbookFile((await s.inspectWorkbookFile(first.fileName, first.bytes)).token, 'replace');
    expect(await s.listSnapshots()).toEqual([]);
    const resaved = await s.saveWorkbookFile();
    expect((await readWorkbookFile(resaved.bytes, 'again.xlsx')).snapshots).toEqual([]);
    expect(Math.abs(resaved.bytes.byteLength - first.bytes.byteLength)).toBeLessThan(first.bytes.byteLength / 20);
    // A value typed since: replacing keeps it as a version first.
    const before = s.cell(P, 'gxq', 'talent')!;
    await s.editCells(P, [{ unitId: 'gxq', indicatorId: 'talent', before, after: { ...before, actual: 999 } }], '输入');
    await s.whenWritten();
    await s.openWorkbookFile((await s.inspectWorkbookFile(first.fileName, first.bytes)).token, 'replace');
    expect((await s.listSnapshots()).map((x) => x.name)).toEqual(['打开文件前自动保存']);
  });

  it('a file saved right after an edit, before the edit was written, names the revision that holds it', async () => {
    const s = createService({ indexedDB: new IDBFactory() });
    await s.init();
    const before = s.cell(P, 'djp', 'tech_sme')!;
    const edit = s.editCells(P, [{ unitId: 'djp', indicatorId: 'tech_sme', before, after: { ...before, actual: 23 } }], '输入');
    const file = await s.saveWorkbookFile();
    await edit;
    const state = await s.whenWritten();
    expect(state.unsaved).toBe(0);
    expect(file.revision).toBe(state.revision);
    expect((await readWorkbookFile(file.bytes, 'f.xlsx')).workbook.periods[0]!.cells['djp|tech_sme']?.actual).toBe(23);
  });

  it('exports the tables of the open period', async () => {
    const s = createService({ indexedDB: new IDBFactory() });
    await s.init();
    const out = await s.exportTables(P, 'ranking');
    expect(out.fileName).toBe('大冶市2023年一季度考核结果.xlsx');
    expect(out.bytes.byteLength).toBeGreaterThan(1000);
  });
});

describe('scenarios through the worker service', () => {
  it('create, edit, duplicate, rename, compare, export, apply to baseline (undoable), delete', async () => {
    const s = createService({ indexedDB: new IDBFactory() });
    await s.init();
    const { id } = await s.createScenario(P, '试算');
    await s.setScenarioTarget(P, id, 'djp', 'tech_sme', 15);
    expect(s.scenarios(P)[0]!.overrides).toEqual({ 'djp|tech_sme': { target: 15 } });
    expect(s.cell(P, 'djp', 'tech_sme')!.target).toBe(11);
    const dup = await s.duplicateScenario(P, id);
    await s.renameScenario(P, dup.id, '试算二');
    await s.setScenarioTarget(P, dup.id, 'djp', 'tech_sme', null);
    const view = s.compare(P, [id, dup.id]);
    expect(view.scenarioNames).toEqual(['试算', '试算二']);
    expect(view.rows.find((r) => r.unitId === 'djp')!.scenarios.map((x) => x.deltaRank)).toEqual([-2, 0]);
    const file = await s.exportCompare(P, [id, dup.id]);
    const XLSX = await import('@e965/xlsx');
    const rows = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(file.bytes, { type: 'array' }).Sheets['情景对比']!, { header: 1 });
    expect(rows[0]!.slice(0, 5)).toEqual(['乡镇', '基准总得分', '基准排名', '试算 总得分', '试算 排名']);
    expect(rows.find((r) => r[0] === '大箕铺镇')!.slice(0, 7)).toEqual(['大箕铺镇', 78.47, 6, 77.41, 8, -1.06, -2]);
    await s.applyScenarioToBaseline(P, id);
    expect(s.cell(P, 'djp', 'tech_sme')!.target).toBe(15);
    expect(s.periodView(P).ranking.find((r) => r.unitId === 'djp')!.rank).toBe(8);
    await s.undo();
    expect(s.cell(P, 'djp', 'tech_sme')!.target).toBe(11);
    await s.deleteScenario(P, dup.id);
    expect(s.scenarios(P).map((x) => x.name)).toEqual(['试算']);
  });
});
