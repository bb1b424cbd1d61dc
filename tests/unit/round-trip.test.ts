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
  it('the sample: no change proposed, no error', async () => {
    const p = samplePeriod();
    const plan = await roundTrip(p);
    expect(plan.errors).toEqual([]);
    expect(plan.changes).toEqual([]);
    expect(plan.cellChanges).toEqual([]);
    expect(plan.totals).toEqual([]);
  });
  it('a workbook with edits (remark, 未出, /): no change proposed, no error', async () => {
    const p = edited();
    const plan = await roundTrip(p);
    expect(plan.errors).toEqual([]);
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
