/**
 * A profile written by the first build (schema level 1, tests/fixtures/db-v1.json: a real dump of
 * its IndexedDB) upgrades to level 2 keeping every value — and the copy that shared its periods
 * with the original becomes independent.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { createService } from '../../src/service/service';
import { DB_NAME } from '../../src/store/db';
import { STEPS } from '../../src/store/migrations';
import { SCHEMA_VERSION, type Cell } from '../../src/model';
import { APP_MARK } from '../../src/model/records';
import { periodMeta } from '../../src/engine/workbook/commands';
import { sampleWorkbook } from '../../src/sample/daye-2023q1';

interface V1Dump {
  dbVersion: number;
  stores: { workbooks: { id: string; name: string; periodIds: string[] }[]; periods: { id: string; workbookId: string }[]; cells: (Cell & { periodId: string; unitId: string; indicatorId: string })[]; snapshots: { id: string; workbookId: string; name: string }[] };
}
const dump = JSON.parse(readFileSync('tests/fixtures/db-v1.json', 'utf8')) as V1Dump;

let factory: IDBFactory;
beforeEach(async () => {
  factory = new IDBFactory();
  const saved = globalThis.indexedDB;
  globalThis.indexedDB = factory;
  try {
    // The level-1 database exactly as the first build created and filled it.
    const db = await openDB(DB_NAME, dump.dbVersion, { upgrade: (d, _o, _n, tx) => void STEPS[0]!(d, tx as never) });
    for (const [store, records] of Object.entries(dump.stores)) for (const r of records) await db.put(store, r);
    db.close();
  } finally {
    globalThis.indexedDB = saved;
  }
});

const strip = (c: Cell & Record<string, unknown>): Cell => {
  const { periodId: _p, unitId: _u, indicatorId: _i, workbookId: _w, ...cell } = c;
  return cell as Cell;
};

describe('migration from schema level 1 to 2', () => {
  it('keeps every workbook, period, cell, remark, scenario and snapshot', async () => {
    const s = createService({ indexedDB: factory });
    const init = await s.init();
    expect(init.setAside).toEqual([]);
    expect(init.workbooks.map((w) => w.name).sort()).toEqual(dump.stores.workbooks.map((w) => w.name).sort());
    let compared = 0;
    for (const w of dump.stores.workbooks) {
      await s.openWorkbook(w.id);
      expect(s.state().periods.map((p) => p.id)).toEqual(w.periodIds);
      for (const pid of w.periodIds) {
        const cells = dump.stores.cells.filter((c) => c.periodId === pid);
        expect(cells.length).toBeGreaterThan(0);
        for (const c of cells) {
          expect(s.cell(pid, c.unitId, c.indicatorId)).toEqual(strip(c as Cell & Record<string, unknown>));
          compared++;
        }
      }
    }
    // Both workbooks listed both periods: every cell compared in each.
    expect(compared).toBe(2 * dump.stores.cells.length);
    const original = dump.stores.workbooks.find((w) => w.name.includes('示例') && !w.name.includes('副本'))!;
    await s.openWorkbook(original.id);
    expect(s.periodView('daye-2023-q1').ranking[0]!.totalText).toBe('85.06');
    expect(s.cell('daye-2023-q1', 'msx', 'talent')).toEqual({ state: 'value', target: 0.5, actual: 1, remark: '补报' });
    expect(s.scenarios('daye-2023-q1').map((x) => x.name)).toEqual(['试算']);
    expect((await s.listSnapshots()).map((x) => x.name)).toEqual(['一季度定稿']);
  });

  it('the level-1 copy that shared its periods with the original is independent after the upgrade', async () => {
    const s = createService({ indexedDB: factory });
    await s.init();
    const copy = dump.stores.workbooks.find((w) => w.name.includes('副本'))!;
    const original = dump.stores.workbooks.find((w) => w !== copy)!;
    await s.openWorkbook(copy.id);
    const before = s.cell('daye-2023-q1', 'gxq', 'talent');
    await s.editCells('daye-2023-q1', [{ unitId: 'gxq', indicatorId: 'talent', before, after: { state: 'value', target: 40, actual: 1 } }], '改副本');
    await s.deleteWorkbook(copy.id);
    const again = createService({ indexedDB: factory });
    const init = await again.init();
    expect(init.workbooks.map((w) => w.id)).toEqual([original.id]);
    expect(again.cell('daye-2023-q1', 'gxq', 'talent')).toEqual(before);
    expect(init.state.periods).toHaveLength(2);
  });

  it('a second start does not migrate again, and a level-2 database opens as it is', async () => {
    await createService({ indexedDB: factory }).init();
    const saved = globalThis.indexedDB;
    globalThis.indexedDB = factory;
    const version = await openDB(DB_NAME).then((db) => (db.close(), db.version));
    globalThis.indexedDB = saved;
    await createService({ indexedDB: factory }).init();
    globalThis.indexedDB = factory;
    expect(await openDB(DB_NAME).then((db) => (db.close(), db.version))).toBe(version);
    globalThis.indexedDB = saved;
  });
});

describe('migration from schema level 2 to 3 (cells in blocks)', () => {
  /** A level-2 database holding the sample, one cell another page wrote wrong, and one of a unit the period lacks. */
  async function levelTwo(f: IDBFactory) {
    const saved = globalThis.indexedDB;
    globalThis.indexedDB = f;
    try {
      const db = await openDB(DB_NAME, 2, {
        upgrade: (d, _o, _n, tx) => void STEPS[0]!(d, tx as never).then(() => STEPS[1]!(d, tx as never)).then(() => tx.objectStore('meta' as never).put(2, 'schema')),
      });
      const wb = sampleWorkbook();
      const p = wb.periods[0]!;
      const now = new Date().toISOString();
      await db.put('workbooks', { app: APP_MARK, id: wb.id, name: wb.name, schemaVersion: SCHEMA_VERSION, revision: 3, createdAt: now, updatedAt: now, periodIds: [p.id] });
      await db.put('periods', { app: APP_MARK, workbookId: wb.id, id: p.id, ...periodMeta(p) });
      for (const [key, cell] of Object.entries(p.cells)) {
        const [unitId, indicatorId] = key.split('|');
        await db.put('cells', { ...cell, workbookId: wb.id, periodId: p.id, unitId, indicatorId });
      }
      await db.put('cells', { workbookId: wb.id, periodId: p.id, unitId: 'gxq', indicatorId: 'nonsense', state: 'weird', target: 1, actual: 2 });
      await db.put('cells', { workbookId: wb.id, periodId: p.id, unitId: 'gone-town', indicatorId: 'talent', state: 'value', target: 1, actual: 2 });
      db.close();
      return wb;
    } finally {
      globalThis.indexedDB = saved;
    }
  }

  it('every cell comes through; the unreadable one and the stray one are set aside, named, and exportable', async () => {
    factory = new IDBFactory(); // not the level-1 one the other cases start from
    const wb = await levelTwo(factory);
    const s = createService({ indexedDB: factory });
    const init = await s.init();
    expect(init.state.workbookId).toBe(wb.id);
    const p = wb.periods[0]!;
    let compared = 0;
    for (const [key, cell] of Object.entries(p.cells)) {
      const [unitId, indicatorId] = key.split('|') as [string, string];
      expect(s.cell(p.id, unitId, indicatorId)).toEqual(cell);
      compared++;
    }
    expect(compared).toBe(Object.keys(p.cells).length);
    expect(s.periodView(p.id).ranking[0]!.totalText).toBe('85.06');
    const notes = init.setAside.map((x) => `${x.what}：${x.reason}`).join('\n');
    expect(notes).toContain('1 个无法读取的单元格记录');
    expect(notes).toContain('升级存储格式时无法读取');
    expect(notes).toContain('所属单位“gone-town”已不在该考核期中');
    const exported = new TextDecoder().decode((await s.exportSetAside()).bytes);
    expect(exported).toContain('weird');
    expect(exported).toContain('gone-town');
    // The store is the new one, and the stray cell's block was written back without it.
    const saved = globalThis.indexedDB;
    globalThis.indexedDB = factory;
    const db = await openDB(DB_NAME);
    expect(Array.from(db.objectStoreNames)).toContain('cellBlocks');
    expect(Array.from(db.objectStoreNames)).not.toContain('cells');
    expect(await db.get('meta', 'schema')).toBe(3);
    const blocks = (await db.getAll('cellBlocks')) as { units: string[] }[];
    expect(blocks.flatMap((b) => b.units)).not.toContain('gone-town');
    expect(blocks.reduce((n, b) => n + b.units.length, 0)).toBe(Object.keys(p.cells).length);
    db.close();
    globalThis.indexedDB = saved;
    // Told once: the next start finds nothing more to set aside.
    const again = await createService({ indexedDB: factory }).init();
    expect(again.setAside.map((x) => x.id)).toEqual(init.setAside.map((x) => x.id));
  });
});
