/** The 目标分解表 of several indicators: seed 001's table from three 目标分解 scenarios, shown and exported. */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createService } from '../../src/service/service';
import { readImportFile } from '../../src/xlsx/import';
import { planImport } from '../../src/engine/import/importPlan';
import { samplePeriod } from '../../src/sample/daye-2023q1';

const P = 'daye-2023-q1';
// Seed 001's 目标分解表, in its row order, by unit id.
const ORDER = ['gxq', 'lkq', 'lx', 'cg', 'jh', 'ba', 'djp', 'jsd', 'jn', 'dy', 'lrb', 'yz', 'msx', 'dfnc'];
const SEED001 = {
  tech_sme: [137, 28, 23, 23, 17, 15, 13, 10, 6, 7, 7, 6, 6, 2],
  rd_staff: [5162, 746, 533, 530, 792, 274, 187, 400, 28, 18, 25, 32, 11, 12],
  new_product_sales: [198, 32, 14, 16, 90, 10, 4.5, 11, 2, 0.8, 0.5, 0.8, 0.3, 0.6],
} as const;
const overrides = (id: keyof typeof SEED001) => Object.fromEntries(ORDER.map((u, i) => [`${u}|${id}`, { target: SEED001[id][i]! }]));

async function withSplits() {
  const s = createService({ indexedDB: new IDBFactory() });
  await s.init();
  await s.createScenario(P, '目标分解：科技型中小企业入库数 300', overrides('tech_sme'));
  await s.createScenario(P, '目标分解：规上企业研发人员 8750', overrides('rd_staff'));
  await s.createScenario(P, '目标分解：规上企业新产品销售收入 380.5', overrides('new_product_sales'));
  return s;
}

describe('目标分解表 of several indicators', () => {
  it('from each indicator\'s latest 目标分解: seed 001\'s columns and 合计 (300, 8750, 380.5)', async () => {
    const s = await withSplits();
    const t = s.decompositionTable(P, ['tech_sme', 'rd_staff', 'new_product_sales'], 'decompositions', '2024年科技创新赋能行动“开门红”目标分解表');
    expect(t.title).toBe('2024年科技创新赋能行动“开门红”目标分解表');
    expect(t.columns.map((c) => [c.header, c.decimals, c.from])).toEqual([
      ['科技型中小企业入库数(家)', 0, '情景“目标分解：科技型中小企业入库数 300”'],
      ['规上企业研发人员(人)', 0, '情景“目标分解：规上企业研发人员 8750”'],
      ['规上企业新产品销售收入(亿元)', 2, '情景“目标分解：规上企业新产品销售收入 380.5”'],
    ]);
    const byUnit = new Map(t.rows.map((r) => [r.unitId, r.values]));
    expect(ORDER.map((u) => byUnit.get(u))).toEqual(ORDER.map((_, i) => [SEED001.tech_sme[i], SEED001.rd_staff[i], SEED001.new_product_sales[i]]));
    expect(t.sum).toEqual([300, 8750, 380.5]);
    // From the period's own 任务数 instead: the sample's targets, untouched by the scenarios.
    const own = s.decompositionTable(P, ['tech_sme'], 'targets', '');
    expect(own.title).toBe('大冶市2023年科技创新行动一季度目标分解表');
    expect(own.rows.map((r) => r.values[0])).toEqual(samplePeriod().units.map((u) => samplePeriod().cells[`${u.id}|tech_sme`]?.target ?? null));
    expect(() => s.decompositionTable(P, [], 'targets', '')).toThrow('请至少选择一个指标。');
    // A page of it (a province's table is asked for 200 rows at a time): the same rows, the sum of all.
    const all = s.decompositionTable(P, ['tech_sme', 'rd_staff', 'new_product_sales'], 'decompositions', '');
    const page = s.decompositionTable(P, ['tech_sme', 'rd_staff', 'new_product_sales'], 'decompositions', '', {}, { offset: 5, size: 5 });
    expect([page.offset, page.rowCount, page.rows.length]).toEqual([5, 14, 5]);
    expect(page.rows).toEqual(all.rows.slice(5, 10));
    expect(page.rows.map((r) => r.no)).toEqual([6, 7, 8, 9, 10]);
    expect(page.sum).toEqual([300, 8750, 380.5]);
    // An offset past the end or not a whole number: the last page, or the first.
    const last = s.decompositionTable(P, ['tech_sme'], 'targets', '', {}, { offset: 99, size: 5 });
    expect([last.offset, last.rows.map((r) => r.no)]).toEqual([10, [11, 12, 13, 14]]);
    expect(s.decompositionTable(P, ['tech_sme'], 'targets', '', {}, { offset: -3.5, size: 5 }).offset).toBe(0);
  });

  it('exported styled like seed 001 (title, header, 合计, print titles, page numbers, the issuing office) and read back as a 目标分解表', async () => {
    const s = await withSplits();
    const meta = await s.periodMeta(P);
    await s.setMeta(P, { ...meta, issuer: '大冶市科技创新行动领导小组办公室' }, '发文单位');
    const out = await s.exportDecompositionTable(P, ['tech_sme', 'rd_staff', 'new_product_sales'], 'decompositions', '2024年科技创新赋能行动“开门红”目标分解表');
    expect(out.fileName).toBe('2024年科技创新赋能行动“开门红”目标分解表.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.bytes) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('目标分解表')!;
    expect(ws.getCell('A1').value).toBe('2024年科技创新赋能行动“开门红”目标分解表');
    expect(ws.getCell('A1').isMerged).toBe(true);
    expect(ws.getRow(2).values).toEqual([undefined, '序号', '乡镇', '科技型中小企业入库数(家)', '规上企业研发人员(人)', '规上企业新产品销售收入(亿元)']);
    expect(ws.getRow(3).values).toEqual([undefined, 1, '大冶湖高新区', 137, 5162, 198]);
    expect(ws.getRow(16).values).toEqual([undefined, 14, '茗山乡', 6, 11, 0.3]);
    expect([ws.getCell('A17').value, ws.getCell('C17').value, ws.getCell('D17').value, ws.getCell('E17').value]).toEqual(['合计', 300, 8750, 380.5]);
    // As seed 001 prints them: 198, 4.5 (not 198.00, 4.50).
    expect(ws.getCell('E3').numFmt ?? 'General').toBe('General');
    expect(ws.getCell('C3').numFmt).toBe('0');
    expect(ws.getCell('C17').font?.bold).toBe(true);
    expect(ws.getCell('C3').font?.name).toBe('宋体');
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.printTitlesRow).toBe('2:2');
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');
    expect(ws.getCell('A19').value).toBe('大冶市科技创新行动领导小组办公室');
    // The importer reads it back as the targets it holds.
    const facts = await readImportFile(out.bytes, out.fileName);
    expect(facts[0]!.layout).toBe('decomposition');
    const plan = planImport(out.fileName, facts, samplePeriod(), { units: {}, indicators: {} });
    expect(plan.errors).toEqual([]);
    expect(plan.unmatched).toEqual([]);
    const after = new Map(plan.cellChanges.map((c) => [`${c.unitId}|${c.indicatorId}`, c.after?.target]));
    expect(after.get('gxq|tech_sme')).toBe(137);
    expect(after.get('djp|new_product_sales')).toBe(4.5);
  });

  it('the issuing office appears under each bulletin table too, and goes with undo', async () => {
    const s = createService({ indexedDB: new IDBFactory() });
    await s.init();
    const meta = await s.periodMeta(P);
    await s.setMeta(P, { ...meta, issuer: '大冶市科技创新行动领导小组办公室' }, '发文单位');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from((await s.exportTables(P, 'all')).bytes) as unknown as ArrayBuffer);
    const a6 = wb.getWorksheet('附件6')!;
    expect(a6.getCell(a6.rowCount, 1).value).toBe('大冶市科技创新行动领导小组办公室');
    const a1 = wb.getWorksheet('附件1')!;
    expect(a1.getCell(a1.rowCount, 1).value).toBe('大冶市科技创新行动领导小组办公室');
    await s.undo();
    expect((await s.periodMeta(P)).issuer).toBeUndefined();
  });
});
