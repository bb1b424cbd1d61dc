/**
 * Case 7 of issue 9: the app's own 导出 Excel, imported back, changes nothing — for the sample (with
 * its 未出 cells, remarks and 数据不全 units) and for a workbook with edits (a new remark, a pending
 * cell, a not-applicable cell).
 */
import { describe, expect, it } from 'vitest';
import { applyCommand, scorePeriod } from '../../src/engine';
import { cellKey, type Cell, type Period, type Workbook } from '../../src/model';
import { samplePeriod } from '../../src/sample/daye-2023q1';
import { exportTables } from '../../src/xlsx/export';
import { previewImport } from '../../src/xlsx/import';

async function roundTrip(p: Period) {
  const bytes = await exportTables(p, scorePeriod(p), 'all');
  return previewImport(bytes, '导出.xlsx', p);
}

function edited(): Period {
  const p = samplePeriod();
  const wb: Workbook = { schemaVersion: 1, id: 'w', name: 'w', periods: [p] };
  const set = (u: string, i: string, after: Cell) => ({ unitId: u, indicatorId: i, before: p.cells[cellKey(u, i)] ?? null, after });
  applyCommand(wb, {
    kind: 'setCells',
    periodId: p.id,
    label: '改',
    changes: [
      set('msx', 'talent', { state: 'value', target: 5, actual: 6, remark: '补报材料' }),
      set('jh', 'rd_staff', { state: 'pending', target: 750, actual: null }),
      set('cg', 'hitech_output', { state: 'na', target: null, actual: null, remark: '本季不考核' }),
    ],
  });
  return wb.periods[0]!;
}

describe('case 7: the exported tables import back unchanged', () => {
  it('one 任务数 edited in Excel to 5e-324: the preview names the cell (it failed with “RangeError: not finite: Infinity”)', async () => {
    const p = samplePeriod();
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportTables(p, scorePeriod(p), 'all')) as unknown as ArrayBuffer);
    wb.getWorksheet('附件1')!.getCell('D6').value = 5e-324;
    const plan = await previewImport(new Uint8Array(await wb.xlsx.writeBuffer()), '导出.xlsx', p);
    expect(plan.errors).toEqual(['文件“导出.xlsx”工作表“附件1”第 6 行 D 列：高新区「规上企业研发投入」的任务数为 5e-324，太小：按该指标的 1 位小数会显示为 0（至少应为 0.05），未导入。']);
    expect(plan.warnings).toContain('文件“导出.xlsx”工作表“附件1”第 20 行 D 列：合计行的任务数为 245850，而上面 14 个单位之和约为 115850，不一致，请核对。');
  });

  it('the sample: no change proposed, no error', async () => {
    const p = samplePeriod();
    const plan = await roundTrip(p);
    expect(plan.errors).toEqual([]);
    expect(plan.changes).toEqual([]);
    expect(plan.cellChanges).toEqual([]);
    expect(plan.totals).toEqual([]);
    // Nothing to check either: its own 合计 rows agree with its rows (附件3's 360.36 was flagged, issue 26).
    expect(plan.warnings).toEqual([]);
  });
  it('a workbook with edits (remark, 未出, /): no change proposed, no error', async () => {
    const p = edited();
    const plan = await roundTrip(p);
    expect(plan.errors).toEqual([]);
    expect(plan.warnings).toEqual([]);
    expect(plan.changes).toEqual([]);
    expect(plan.cellChanges).toEqual([]);
  });
  it('and a remark changed in the exported 明细 comes back as that one change', async () => {
    const p = edited();
    const cell = p.cells[cellKey('msx', 'talent')]!;
    cell.remark = '另行说明';
    const bytes = await exportTables(p, scorePeriod(p), 'all');
    const original = edited();
    const plan = await previewImport(bytes, '导出.xlsx', original);
    expect(plan.cellChanges).toHaveLength(1);
    expect(plan.cellChanges[0]!.after).toEqual({ state: 'value', target: 5, actual: 6, remark: '另行说明' });
  });
});
