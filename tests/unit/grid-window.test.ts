/** Only what is seen crosses the worker boundary: a window of the grid is the same rows as the whole grid. */
import { describe, expect, it } from 'vitest';
import { bulletinDraft, buildGridView, buildPeriodViewFrom, MAX_NAMED_IN_FACTS, PAGE_SIZE, ScoreModel } from '../../src/engine';
import { samplePeriod } from '../../src/sample/daye-2023q1';
import { syntheticPeriod } from '../../bench/synthetic';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { createService } from '../../src/service/service';
import { SCHEMA_VERSION, cellKey } from '../../src/model';
import { openKaoheDB } from '../../src/store/db';
import { putWorkbook } from '../../src/store/repository';

describe('grid windows and table pages', () => {
  it('rows [5, 9) of the sample grid are those rows of the whole grid', () => {
    const p = samplePeriod();
    const model = ScoreModel.build(p);
    const all = buildGridView(p, model, 3);
    const win = buildGridView(p, model, 3, { from: 5, to: 9, withUnits: false });
    expect(win.units).toBeNull();
    expect(win.rowCount).toBe(14);
    expect(win.from).toBe(5);
    expect(win.total).toEqual(all.total.slice(5, 9));
    expect(win.rank).toEqual(all.rank.slice(5, 9));
    expect(win.columns.map((c) => c.score)).toEqual(all.columns.map((c) => c.score.slice(5, 9)));
    expect(win.columns.map((c) => c.target)).toEqual(all.columns.map((c) => c.target.slice(5, 9)));
    // The sample's 高新区 (row 0) ranks first with 85.06 (seed 000, 附件6).
    expect(all.units![0]!.name).toBe('高新区');
    expect([all.total[0], all.rank[0]]).toEqual([85.06, 1]);
  });

  it('a window of a 40 000-unit grid holds only its rows', () => {
    const p = syntheticPeriod(40000);
    const model = ScoreModel.build(p);
    const win = buildGridView(p, model, 1, { from: 39990, to: 40100, withUnits: false });
    expect(win.from).toBe(39990);
    expect(win.total).toHaveLength(10);
    expect(win.columns[0]!.actual).toHaveLength(10);
    expect(win.rank[9]).toBe(model.totals.ranks[39999]);
    // Small enough to send after every edit: under 100 kB as JSON (the whole grid is ~50 MB).
    expect(JSON.stringify(win).length).toBeLessThan(100_000);
  });

  it('a page of the ranking and of the score sheet, numbered from the page start', () => {
    const p = syntheticPeriod(1200);
    const result = ScoreModel.build(p).result();
    const page2 = buildPeriodViewFrom(p, result, 'ranking', 500);
    expect(page2.rowCount).toBe(1200);
    expect(page2.ranking).toHaveLength(PAGE_SIZE.ranking);
    expect(page2.ranking[0]!.unitId).toBe(result.units[500]!.unitId);
    const detail = buildPeriodViewFrom(p, result, 'detail', 1150);
    expect(detail.scoreSheet).toHaveLength(PAGE_SIZE.detail);
    expect(detail.scoreSheet[0]!.no).toBe(1151);
    const annex = buildPeriodViewFrom(p, result, 'completion', 1000);
    expect(annex.completion.every((t) => t.rows.length === 200 && t.rowCount === 1200 && t.rows[0]!.no === 1001)).toBe(true);
  });

  it('at province scale the facts and the bulletin name 50 units and give the count, in linear time', () => {
    const p = syntheticPeriod(20000);
    const result = ScoreModel.build(p).result();
    const annex = buildPeriodViewFrom(p, result, 'completion', 0).completion[0]!;
    expect(annex.facts.notCompletedNames).toHaveLength(MAX_NAMED_IN_FACTS);
    expect(annex.facts.notCompletedCount).toBeGreaterThan(5000);
    expect(annex.facts.completedCount + annex.facts.notCompletedCount).toBe(20000);
    // The 图表 tab names who did not complete from the whole table: the first page (largest actuals) all did.
    expect(annex.rows.every((r) => r.reached)).toBe(true);
    expect(annex.notCompleted.map((r) => r.name)).toEqual(annex.facts.notCompletedNames);
    const first = annex.notCompleted[0]!;
    const cell = p.cells[`${first.unitId}|i1`]!;
    expect(cell.actual! < cell.target!).toBe(true);
    expect(first.rateText).toBe(`${((Number(cell.actual) / Number(cell.target)) * 100).toFixed(2)}%`);
    const d = bulletinDraft(p, result);
    expect(d.text).toContain(`（共 ${annex.facts.notCompletedCount} 个，此处列出前 50 个）`);
    expect(d.text.length).toBeLessThan(20_000);
  });
});

describe('the scenario tables come a page at a time, sorted in the worker', () => {
  it('1 200 units: pages of 500; sorted by name, by rank and by change of rank as the table header asks', async () => {
    const factory = new IDBFactory();
    const s = createService({ indexedDB: factory });
    await s.init();
    const p = syntheticPeriod(1200);
    const db = await openKaoheDB(factory);
    await putWorkbook(db, { schemaVersion: SCHEMA_VERSION, id: 'big', name: '1200 个单位', periods: [p] });
    db.close();
    await s.openWorkbook('big');
    // 单位7's target of 指标1 down to 1: first by rate (full rate half), it rises; others fall.
    const key = cellKey('u7', 'i1');
    const { id } = await s.createScenario(p.id, '单位7任务调为1', { [key]: { target: 1 } });
    const base = await s.comparePage(p.id, [id], { key: 'base', asc: true }, 0);
    expect(base.scenarioNames).toEqual(['单位7任务调为1']);
    expect([base.offset, base.pageSize, base.rowCount, base.rows.length]).toEqual([0, 500, 1200, 500]);
    const ranks = base.rows.map((r) => r.base.rank ?? Infinity);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const last = await s.comparePage(p.id, [id], { key: 'base', asc: true }, 1000);
    expect([last.offset, last.rows.length]).toEqual([1000, 200]);
    // By change of rank, biggest rise first: 单位7.
    const rise = await s.comparePage(p.id, [id], { key: 'd0', asc: true }, 0);
    expect(rise.rows[0]!.unitId).toBe('u7');
    expect(rise.rows[0]!.scenarios[0]!.deltaRank).toBeGreaterThan(0);
    const d = rise.rows.map((r) => r.scenarios[0]!.deltaRank ?? -Infinity);
    expect(d).toEqual([...d].sort((a, b) => b - a));
    // By name, descending, in the Chinese collation.
    const names = (await s.comparePage(p.id, [id], { key: 'name', asc: false }, 0)).rows.map((r) => r.name);
    expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a, 'zh-CN')));
    // The indicator table: a page of units in scheme order, 单位7 with its scenario target.
    const ind = await s.scenarioIndicator(p.id, id, 'i1', 0);
    expect([ind.offset, ind.rowCount, ind.rows.length]).toEqual([0, 1200, 500]);
    expect(ind.rows[6]).toMatchObject({ unitId: 'u7', target: 1, rate: 98 });
    expect((await s.scenarioIndicator(p.id, id, 'i1', 1100)).rows.map((r) => r.unitId)).toEqual(p.units.slice(1000).map((u) => u.id));
  });
});
