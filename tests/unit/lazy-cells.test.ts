/**
 * A loaded period's keyed cells are filled from its columns after it is shown (issue 30: 800 000
 * keys took ~0.8 s of every open). Whatever reads them — early, half-filled, after edits, after
 * the units were reordered — must get exactly what an eager load gave, and every edit must land.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, cellKey, type Cell, type Period } from '../../src/model';
import { openKaoheDB } from '../../src/store/db';
import { loadWorkbook, putWorkbook } from '../../src/store/repository';
import { createService } from '../../src/service/service';
import { syntheticPeriod } from '../../bench/synthetic';
import { periodMeta } from '../../src/engine/workbook/commands';
import { commandProblems } from '../../src/service/gate';
import { planTimeProgress } from '../../src/engine/plan/ledger';
import { PeriodScores } from '../../src/service/periodScores';
import { WorkbookSession } from '../../src/service/session';
import { buildPeriodViewFrom } from '../../src/engine/views/view';
import { gridOrder } from '../../src/engine/views/gridOrder';

const U = 300;
const tick = () => new Promise((r) => setTimeout(r, 0));

async function stored(p: Period) {
  const factory = new IDBFactory();
  const db = await openKaoheDB(factory);
  await putWorkbook(db, { schemaVersion: SCHEMA_VERSION, id: 'wb', name: '省', periods: [p] });
  return { factory, db };
}

describe('keyed cells filled after the period is shown', () => {
  it('read before, midway and after the fill: the same 6 000 cells as stored', async () => {
    const p = syntheticPeriod(U);
    const { db } = await stored(p);
    for (const stepsFirst of [0, 7, 20]) {
      const loaded = (await loadWorkbook(db, 'wb'))!;
      const q = loaded.workbook.periods[0]!;
      expect(Object.getOwnPropertyDescriptor(q, 'cells')!.get).toBeDefined();
      for (let k = 0; k < stepsFirst; k++) loaded.fillCells[0]!();
      expect(Object.keys(q.cells)).toHaveLength(U * 20);
      expect(q.cells).toEqual(p.cells);
      // After the first read it is a plain property: no step fills it again.
      expect(Object.getOwnPropertyDescriptor(q, 'cells')!.value).toBe(q.cells);
      expect(loaded.fillCells[0]!()).toBe(false);
      expect(structuredClone(loaded.workbook).periods[0]!.cells).toEqual(p.cells);
    }
    db.close();
  });

  it('edits before and during the fill, and units reordered meanwhile, all land and show as a reload shows them', async () => {
    const p = syntheticPeriod(U);
    const { factory, db } = await stored(p);
    db.close();
    const s = createService({ indexedDB: factory });
    await s.init();
    await s.openWorkbook('wb');
    // Before any fill step ran: an edit of the last unit's last indicator.
    const edit = async (unitId: string, indicatorId: string, actual: number) => {
      const before = s.cell(p.id, unitId, indicatorId);
      const after: Cell = { ...before!, actual };
      await s.editCells(p.id, [{ unitId, indicatorId, before, after, input: [{ field: 'actual', text: String(actual) }] }], '编辑');
    };
    await edit(`u${U}`, 'i20', 4321);
    await tick();
    // The units reversed (a scheme change: the scores' columns are made anew), then another edit.
    const meta = periodMeta(p);
    await s.setMeta(p.id, { ...meta, units: [...meta.units].reverse() }, '倒序');
    await edit('u1', 'i1', 1234);
    for (let k = 0; k < 30; k++) await tick();
    const expected = { ...p.cells, [cellKey(`u${U}`, 'i20')]: { ...p.cells[cellKey(`u${U}`, 'i20')]!, actual: 4321 }, [cellKey('u1', 'i1')]: { ...p.cells[cellKey('u1', 'i1')]!, actual: 1234 } };
    const shown = () => Object.fromEntries(p.units.flatMap((u) => p.indicators.map((i) => [cellKey(u.id, i.id), s.cell(p.id, u.id, i.id)])));
    expect(shown()).toEqual(expected);
    const ranking = s.periodView(p.id, 'ranking', 0).ranking;
    await s.openWorkbook('wb');
    expect(shown()).toEqual(expected);
    expect(s.periodView(p.id, 'ranking', 0).ranking).toEqual(ranking);
  });

  it('the views of a period just opened read its columns: its keyed cells stay unmade, and show what is stored', async () => {
    const p = syntheticPeriod(U);
    p.cells[cellKey('u5', 'i3')] = { ...p.cells[cellKey('u5', 'i3')]!, remark: '据乡镇说明' };
    p.cells[cellKey('u7', 'i15')] = { state: 'value', target: 100, actual: '待核' };
    const { db } = await stored(p);
    const q = (await loadWorkbook(db, 'wb'))!.workbook.periods[0]!;
    const loaded = (await loadWorkbook(db, 'wb'))!;
    const period = loaded.workbook.periods[0]!;
    const model = new PeriodScores({ version: 1, columns: loaded.columns }).model(period, 1);
    const view = buildPeriodViewFrom(period, model.result(), 'all', 0);
    const sorted = gridOrder(period, model, { sort: { field: 'actual', indicatorId: 'i2', dir: 'desc' }, text: '', status: 'all' });
    // Reading the keyed cells would have made them (a plain property from then on).
    expect(Object.getOwnPropertyDescriptor(period, 'cells')!.get).toBeDefined();
    const line = (unitId: string, indicatorId: string) => view.scoreSheet.find((b) => b.unitId === unitId)!.lines.find((l) => l.indicatorId === indicatorId)!;
    expect(line('u5', 'i3').remark).toContain('据乡镇说明');
    expect(line('u7', 'i15').actualText).toBe('待核');
    const byActual = [...p.units.keys()].sort((a, b) => (p.cells[cellKey(p.units[b]!.id, 'i2')]!.actual as number) - (p.cells[cellKey(p.units[a]!.id, 'i2')]!.actual as number) || a - b);
    expect(Array.from(sorted!)).toEqual(byActual);
    // The same as a period whose keyed cells were made first.
    expect(buildPeriodViewFrom(q, new PeriodScores(null).model(q, 1).result(), 'all', 0)).toEqual(view);
    db.close();
  });

  it("a period's scheme read or checked after an open (规则, 目标分解, 年度任务, a scheme change) leaves its keyed cells unmade", async () => {
    const p = syntheticPeriod(U);
    const { db } = await stored(p);
    const { workbook } = (await loadWorkbook(db, 'wb'))!;
    const period = workbook.periods[0]!;
    const meta = periodMeta(period);
    expect(meta).toEqual(periodMeta(p));
    expect(planTimeProgress(period)).toEqual(planTimeProgress(p));
    const renamed = { ...meta, units: meta.units.map((u, i) => (i === 0 ? { ...u, name: '新名' } : u)) };
    expect(commandProblems(workbook, { kind: 'setMeta', periodId: p.id, before: meta, after: renamed, label: '改名' })).toEqual([]);
    expect(Object.getOwnPropertyDescriptor(period, 'cells')!.get).toBeDefined();
    db.close();
  });

  it('are made once a view has been answered, not before (and not in the way of the first one)', async () => {
    const p = syntheticPeriod(U);
    const { db } = await stored(p);
    const s = await WorkbookSession.open(db, 'wb');
    const made = () => Object.getOwnPropertyDescriptor(s.period(p.id), 'cells')!.get === undefined;
    for (let k = 0; k < 30; k++) await tick();
    expect(made()).toBe(false);
    s.viewShown();
    for (let k = 0; k < 30 && !made(); k++) await tick();
    expect(made()).toBe(true);
    expect(s.period(p.id).cells).toEqual(p.cells);
    db.close();
  });
});
