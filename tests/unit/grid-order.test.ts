/** Sorting and filtering the data-entry grid: a view of the rows, kept while editing, never the stored order. */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { ScoreModel, buildGridView } from '../../src/engine';
import { gridOrder, describeOrder, NATURAL_ORDER, type GridOrderSpec } from '../../src/engine/views/gridOrder';
import { samplePeriod } from '../../src/sample/daye-2023q1';
import { createService } from '../../src/service/service';
import type { Cell } from '../../src/model';

const P = 'daye-2023-q1';
const spec = (s: Partial<GridOrderSpec>): GridOrderSpec => ({ ...NATURAL_ORDER, ...s });

describe('gridOrder', () => {
  const p = samplePeriod();
  const model = ScoreModel.build(p);
  const names = (rows: Int32Array | null) => Array.from(rows ?? [], (i) => p.units[i]!.name);

  it('no sort and no filter: the stored order (null)', () => {
    expect(gridOrder(p, model, NATURAL_ORDER)).toBeNull();
    expect(gridOrder(p, model, spec({ text: ' · ' }))).toBeNull();
  });

  it('by 总得分, descending: the ranking of seed 000 附件6 (高新区 85.06 first)', () => {
    const rows = gridOrder(p, model, spec({ sort: { field: 'total', dir: 'desc' } }))!;
    expect(rows).toHaveLength(14);
    const totals = Array.from(rows, (i) => model.totalRounded[i]!);
    expect(totals[0]).toBe(85.06);
    expect(names(rows)[0]).toBe('高新区');
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    // Same as sorting by 排名 ascending (ties keep the stored order in both).
    expect(names(gridOrder(p, model, spec({ sort: { field: 'rank', dir: 'asc' } })))).toEqual(names(rows));
  });

  it('by an indicator column; empty and 不适用 cells last in both directions', () => {
    const q = samplePeriod();
    q.cells['gxq|talent'] = { state: 'na', target: null, actual: null };
    q.cells['djp|talent'] = { state: 'value', target: 10, actual: null };
    const m = ScoreModel.build(q);
    for (const dir of ['asc', 'desc'] as const) {
      const rows = gridOrder(q, m, spec({ sort: { field: 'actual', indicatorId: 'talent', dir } }))!;
      const vals = Array.from(rows, (i) => q.cells[`${q.units[i]!.id}|talent`]?.actual ?? null);
      // The sample has 3 units without a 人才 actual; with these two, 5 empty rows, all at the end.
      const empty = vals.filter((v) => v === null).length;
      expect(empty).toBe(5);
      expect(vals.slice(-empty)).toEqual([null, null, null, null, null]);
      const nums = vals.slice(0, -empty) as number[];
      expect(nums).toEqual([...nums].sort((a, b) => (dir === 'asc' ? a - b : b - a)));
      // The empties keep the stored order: 高新区 (row 0) first, 大箕铺镇 (row 7) second.
      expect(names(rows).slice(-empty, -empty + 2)).toEqual(['高新区', '大箕铺镇']);
    }
  });

  it('by name in pinyin order; filtered by part of a name, half-width and spaces ignored', () => {
    const byName = names(gridOrder(p, model, spec({ sort: { field: 'unit', dir: 'asc' } })));
    expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b, 'zh-CN')));
    expect(byName[0]).toBe('保安镇');
    expect(names(gridOrder(p, model, spec({ text: '铺 镇' })))).toEqual(['大箕铺镇']);
    expect(names(gridOrder(p, model, spec({ text: '金' })))).toEqual(['金湖街道', '金山店镇', '金牛镇']);
    // By full name too: 大冶湖 is 高新区's.
    expect(names(gridOrder(p, model, spec({ text: '大冶湖' })))).toEqual(['高新区']);
    // A filter and a sort together: the 街道 by total, highest first.
    const streets = names(gridOrder(p, model, spec({ text: '街道', sort: { field: 'total', dir: 'desc' } })));
    expect(streets.sort()).toEqual(['东岳街道', '金湖街道'].sort());
  });

  it('only the units not yet filled in, or with a problem', () => {
    const q = samplePeriod();
    delete q.cells['gxq|talent'];
    q.cells['djp|talent'] = { state: 'value', target: 10, actual: '十二' as unknown as number };
    const m = ScoreModel.build(q);
    const incomplete = names(gridOrder(q, m, spec({ status: 'incomplete' })));
    // The sample's 4 units without every figure (seed 000 ranks 10 of 14), then the two changed here, in stored order.
    expect(incomplete).toEqual(['高新区', '大箕铺镇', '金牛镇', '东岳街道', '东风农场', '茗山乡']);
    expect(names(gridOrder(q, m, spec({ status: 'error' })))).toEqual(['大箕铺镇']);
  });

  it('in words for the bar above the grid', () => {
    expect(describeOrder(spec({ sort: { field: 'rate', indicatorId: 'talent', dir: 'desc' }, text: '镇', status: 'incomplete' }), () => '新招引科技人才')).toBe(
      '按 新招引科技人才 完成率 降序，名称含“镇”，只看未填完的',
    );
  });

  it('a window of a sorted grid: rows, units and every column in the display order', () => {
    const rows = gridOrder(p, model, spec({ sort: { field: 'total', dir: 'asc' } }))!;
    const v = buildGridView(p, model, 1, { order: { rows, stamp: 'o1', spec: spec({ sort: { field: 'total', dir: 'asc' } }) }, from: 2, to: 5 });
    expect(v.units!.map((u) => u.id)).toEqual(Array.from(rows, (i) => p.units[i]!.id));
    expect(v.total).toEqual([2, 3, 4].map((r) => model.totalRounded[rows[r]!]));
    const j = p.indicators.findIndex((i) => i.id === 'talent');
    expect(v.columns[j]!.actual).toEqual([2, 3, 4].map((r) => p.cells[`${p.units[rows[r]!]!.id}|talent`]!.actual));
    expect(v.rowsStamp).toBe('0|o1');
  });
});

describe('the worker keeps the order while the person edits', () => {
  const value = (target: number, actual: number): Cell => ({ state: 'value', target, actual });

  it('sorted by total: an edit changes totals but no row moves, and the edit lands on its unit', async () => {
    const s = createService({ indexedDB: new IDBFactory() });
    await s.init();
    s.setGridOrder(P, spec({ sort: { field: 'total', dir: 'desc' } }));
    const before = s.gridView(P);
    expect(before.units![0]!.name).toBe('高新区');
    expect(before.order?.sort?.field).toBe('total');
    // The 10 ranked units first (殷祖镇 last of them, 75.41), then the 4 without every figure.
    expect(before.total.slice(9)).toEqual([75.41, null, null, null, null]);
    const last = before.units![9]!;
    expect(last.name).toBe('殷祖镇');
    // 殷祖镇 gets a huge 人才 actual: its total rises, but it stays in row 10 until the next sort.
    await s.editCells(P, [{ unitId: last.id, indicatorId: 'talent', after: value(1, 1000) }], '修改');
    const after = s.gridView(P);
    expect(after.units!.map((u) => u.id)).toEqual(before.units!.map((u) => u.id));
    expect(after.rowsStamp).toBe(before.rowsStamp);
    expect(after.total[9]!).toBeGreaterThan(75.41);
    expect(s.cell(P, last.id, 'talent')).toEqual(value(1, 1000));
    // Sorting again takes the new totals: a new stamp, so the page reads the row list again.
    s.setGridOrder(P, spec({ sort: { field: 'total', dir: 'desc' } }));
    const again = s.gridView(P);
    expect(again.rowsStamp).not.toBe(before.rowsStamp);
    expect(again.units!.findIndex((u) => u.id === last.id)).toBeLessThan(9);
    // The stored order of units (the bulletin's) never changed.
    expect((await s.periodMeta(P)).units.map((u) => u.id)).toEqual(samplePeriod().units.map((u) => u.id));
    s.setGridOrder(P, null);
    expect(s.gridView(P).units!.map((u) => u.id)).toEqual(samplePeriod().units.map((u) => u.id));
  });

  it('a filtered grid after a unit is added: computed again over the new units (new stamp)', async () => {
    const s = createService({ indexedDB: new IDBFactory() });
    await s.init();
    s.setGridOrder(P, spec({ text: '镇' }));
    const v1 = s.gridView(P);
    expect(v1.rowCount).toBe(v1.units!.length);
    expect(v1.unitCount).toBe(14);
    expect(v1.units!.every((u) => u.name.includes('镇'))).toBe(true);
    const meta = await s.periodMeta(P);
    meta.units.push({ id: 'xz', name: '新镇', aliases: [] });
    await s.setMeta(P, meta, '新增单位');
    const v2 = s.gridView(P);
    expect(v2.rowsStamp).not.toBe(v1.rowsStamp);
    expect(v2.units!.map((u) => u.name)).toEqual([...v1.units!.map((u) => u.name), '新镇']);
    expect(v2.unitCount).toBe(15);
  });
});
