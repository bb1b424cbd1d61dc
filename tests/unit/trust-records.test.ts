/**
 * The data layer's fault battery (issue 8), second half: records damaged by another page, a failed
 * write, the workbook file. (Copies, order and two windows are trust.test.ts.)
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createService, type ChannelLike } from '../../src/service/service';
import { readWorkbookFile, writeWorkbookFile } from '../../src/xlsx/workbookFile';
import { value } from '../support/kit';
import { dumpDb, openTab } from '../support/kit';
import { DB_NAME } from '../support/db-dump';
import { listen, withFactory as withFactoryOf } from '../support/windows';

const P = 'daye-2023-q1';
let factory: IDBFactory;
beforeEach(() => {
  factory = new IDBFactory();
});

const ORIGINAL_TALENT = value(40, 156);

const tab = (channel: ChannelLike | null = null) => openTab(factory, channel);

/** Runs `fn` with this file's fake IndexedDB factory installed as the global one (idb reads the global). */
const withFactory = <T,>(fn: () => Promise<T>): Promise<T> => withFactoryOf(factory, fn);

describe('5. one bad record never stops the app', () => {
  async function withRecords(fn: (db: Awaited<ReturnType<typeof openDB>>) => Promise<void>) {
    await withFactory(async () => {
      const db = await openDB(DB_NAME);
      await fn(db);
      db.close();
    });
  }

  it('a workbook record without periodIds, and one whose name is not text: set aside, the rest opens, told in Chinese', async () => {
    const { s, init } = await tab();
    const id = init.state.workbookId;
    await s.editCells(P, [{ unitId: 'gxq', indicatorId: 'talent', before: ORIGINAL_TALENT, after: value(40, 321) }], '改');
    await withRecords(async (db) => {
      await db.put('workbooks', { app: 'kaohe-gongzuobu', id: 'wb-no-periods', name: '坏记录', schemaVersion: 1, revision: 1, createdAt: 'x', updatedAt: 'x' });
      const rec = (await db.get('workbooks', id)) as Record<string, unknown>;
      await db.put('workbooks', { ...rec, name: 42 });
    });
    const again = await tab();
    // The user's workbook is not replaced by a new sample: its data is there, under its own id.
    expect(again.s.cell(P, 'gxq', 'talent')).toEqual(value(40, 321));
    expect(again.init.state.workbookId).toBe(id);
    const notes = again.init.setAside.map((x) => `${x.what}：${x.reason}`).join('\n');
    expect(notes).toContain('wb-no-periods');
    expect(notes).toMatch(/名称/);
    expect(notes).not.toMatch(/Cannot|undefined|TypeError/);
  });

  /** The stored block holding gxq's 人才 cell, changed by `fn` as another page would, written back. */
  async function damageTalentBlock(fn: (b: Record<string, unknown> & { units: string[]; state: Uint8Array; target: Float64Array }, at: number) => void) {
    await withRecords(async (db) => {
      const blocks = (await db.getAll('cellBlocks')) as (Record<string, unknown> & { units: string[]; state: Uint8Array; target: Float64Array; indicatorId: string })[];
      const b = blocks.find((x) => x.indicatorId === 'talent' && x.units.includes('gxq'))!;
      fn(b, b.units.indexOf('gxq'));
      await db.put('cellBlocks', b);
    });
  }

  it('a block of cells with one cell written wrong by another page: that cell alone is set aside, named; the rest of the block is read', async () => {
    const { init } = await tab();
    let neighbours: string[] = [];
    await damageTalentBlock((b, at) => {
      b.state[at] = 9;
      neighbours = b.units.filter((u) => u !== 'gxq');
    });
    const again = await tab();
    expect(again.init.state.workbookId).toBe(init.state.workbookId);
    const notes = again.init.setAside.map((x) => `${x.what}：${x.reason}`).join('\n');
    expect(notes).toContain('考核期 2023年一季度 指标“规上企业新招引科技人才” 高新区 的 1 个单元格');
    expect(notes).toContain('状态代码 9 无法识别');
    expect(again.s.cell(P, 'gxq', 'talent')).toBeNull();
    // 高新区 is 数据不全 now; the ranking goes on without it, and is not silently its old one.
    expect(again.s.periodView(P).ranking[0]).toMatchObject({ name: '陈贵镇', totalText: '84.77' });
    for (const u of neighbours) expect(again.s.cell(P, u, 'talent')).toEqual((await tab()).s.cell(P, u, 'talent'));
    expect(new TextDecoder().decode((await again.s.exportSetAside()).bytes)).toContain('"gxq"');
    // The block was written back without it: the next start has nothing new to set aside.
    expect((await tab()).init.setAside).toHaveLength(1);
  });

  it('a block damaged by another page after this tab read it: set aside and named from what this window showed (period, indicator, units, count); the edit is saved over it', async () => {
    const { s } = await tab();
    // 高新区 and 大箕铺镇 share the 人才 block; another page overwrites it without its list of units.
    expect(s.cell(P, 'djp', 'talent')).not.toBeNull();
    await damageTalentBlock((b) => {
      delete (b as { units?: unknown }).units;
    });
    const page = listen(s);
    expect((await s.editCells(P, [{ unitId: 'gxq', indicatorId: 'talent', before: ORIGINAL_TALENT, after: value(40, 7) }], '改')).ok).toBe(true);
    const out = await page.written();
    expect(out.message).toContain('考核期 2023年一季度 指标“规上企业新招引科技人才” 高新区、大箕铺镇 的 2 个单元格（缺少单位列表');
    expect(out.conflicts).toEqual([]);
    expect(out.state.unsaved).toBe(0);
    expect(s.cell(P, 'gxq', 'talent')).toEqual(value(40, 7));
    // The notice stays, naming them, after a restart too; the damaged record is kept aside, not deleted.
    const again = await tab();
    expect(again.init.setAside.map((x) => x.what)).toContain('工作簿“大冶市科技创新行动考核（示例）”考核期 2023年一季度 指标“规上企业新招引科技人才” 高新区、大箕铺镇 的 2 个单元格');
    expect(again.s.cell(P, 'gxq', 'talent')).toEqual(value(40, 7));
    expect(again.s.cell(P, 'djp', 'talent')).toBeNull();
  });

  it('a block that lost its list of units, found on opening (no copy in memory): its units are named as the ones that may be affected, with their count', async () => {
    await tab();
    await damageTalentBlock((b) => {
      delete (b as { units?: unknown }).units;
    });
    const again = await tab();
    expect(again.init.setAside.map((x) => x.what)).toContain('工作簿“大冶市科技创新行动考核（示例）”考核期 2023年一季度 指标“规上企业新招引科技人才” 可能涉及 高新区、大箕铺镇 共 2 个单位的单元格（记录已无法确定其中哪些有数据，请核对这些单位）');
  });

  it('a block whose columns another page broke: set aside with its reason in Chinese, the edit saved', async () => {
    const { s } = await tab();
    await damageTalentBlock((b) => {
      b.target = new Float64Array(1); // wrong length
    });
    const page = listen(s);
    await s.editCells(P, [{ unitId: 'gxq', indicatorId: 'talent', before: ORIGINAL_TALENT, after: value(40, 7) }], '改');
    const out = await page.written();
    expect(out.message).toContain('目标任务数列缺失或长度不符');
    expect(out.message).not.toMatch(/Error|undefined/);
  });

  it('a period whose units are not a list: set aside, named; the app still starts and the record can be exported and deleted', async () => {
    const { init } = await tab();
    await withRecords(async (db) => {
      const key = (await db.getAllKeys('periods'))[0]!;
      const rec = (await db.get('periods', key)) as Record<string, unknown>;
      await db.put('periods', { ...rec, units: 'oops' });
    });
    const again = await tab();
    expect(again.init.state.workbookId).toBe(init.state.workbookId);
    expect(again.init.setAside.length).toBeGreaterThan(0);
    expect(again.init.setAside.map((x) => x.reason).join()).toContain('单位');
    const exported = await again.s.exportSetAside();
    expect(new TextDecoder().decode(exported.bytes)).toContain('oops');
    await again.s.deleteSetAside();
    expect((await tab()).init.setAside).toEqual([]);
  });

  it('a database from a newer version is refused in Chinese, with no writes', async () => {
    await tab();
    await withRecords(async () => undefined);
    // A newer build: schema level 99 recorded in the meta store, database version bumped.
    await withFactory(async () => {
      const cur = await openDB(DB_NAME);
      const v = cur.version;
      cur.close();
      const db = await openDB(DB_NAME, v + 1, {
        upgrade(d) {
          if (!d.objectStoreNames.contains('meta')) d.createObjectStore('meta');
        },
      });
      await db.put('meta', 99, 'schema');
      db.close();
    });
    const before = await dumpDb(factory);
    const s = createService({ indexedDB: factory });
    // Not a dead end (issue 27): the reason is told, and the app works in a workspace of its own.
    const info = await s.init();
    expect(info.storageRefused).toContain('由更新版本的考核工作簿写入（数据格式 99，本程序只认识到 3）');
    expect(info.storageRefused).not.toMatch(/requested version|VersionError/);
    // A workbook file opens there and is saved as a file; the newer data is never written.
    const file = await s.saveWorkbookFile();
    const opened = await s.inspectWorkbookFile(file.fileName, file.bytes);
    await s.openWorkbookFile(opened.token, 'copy');
    await s.editCells(s.state().periods[0]!.id, [{ unitId: 'gxq', indicatorId: 'talent', before: s.cell(s.state().periods[0]!.id, 'gxq', 'talent'), after: { state: 'value', target: 40, actual: 99 } }], '改');
    expect((await s.saveWorkbookFile()).bytes.byteLength).toBeGreaterThan(10_000);
    expect(await dumpDb(factory)).toBe(before);
  });

  it('a version bumped by another local page (not a newer schema) does not stop the app', async () => {
    await tab();
    await withFactory(async () => {
      const cur = await openDB(DB_NAME);
      const v = cur.version;
      cur.close();
      (await openDB(DB_NAME, v + 5)).close();
    });
    const again = await tab();
    expect(again.s.periodView(P).ranking[0]!.totalText).toBe('85.06');
  });
});

describe('6. a failed write is visible and retried', () => {
  const proto = (globalThis as unknown as { IDBObjectStore: { prototype: Record<string, unknown> } }).IDBObjectStore.prototype;
  const realPut = proto.put as (...a: unknown[]) => unknown;
  let failing = false;
  beforeEach(() => {
    proto.put = function (this: unknown, ...args: unknown[]) {
      if (failing) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realPut.apply(this, args);
    };
  });
  afterEach(() => {
    failing = false;
    proto.put = realPut;
  });

  it('keeps the edits on screen marked unsaved, says so in Chinese, and saves them on retry (an import too)', async () => {
    const { s } = await tab();
    failing = true;
    const page = listen(s);
    const a = await s.editCells(P, [{ unitId: 'gxq', indicatorId: 'talent', before: ORIGINAL_TALENT, after: value(40, 77) }], '改1');
    expect(a.ok).toBe(true);
    expect(a.saved).toBe(false);
    // Answered before the write; the write fails and says so.
    const failed = (await page.written()).state;
    expect(failed.unsaved).toBe(1);
    expect(failed.saveError).toContain('存储空间');
    expect(failed.saveError).not.toContain('quota');
    expect(s.cell(P, 'gxq', 'talent')).toEqual(value(40, 77));
    // The cell is marked in the grid while its write is failing.
    expect(s.gridView(P, 0, 14, false).unsaved).toEqual(['gxq|talent']);
    const b = await s.editCells(P, [{ unitId: 'cg', indicatorId: 'talent', before: value(4.25, 4), after: value(4.25, 9) }], '改2');
    expect(b.state.unsaved).toBe(2);
    const meta = s.periodMeta(P);
    meta.publishedTotals = { ...meta.publishedTotals, gxq: 99 };
    const c = await s.setMeta(P, meta, '导入');
    expect(c.state.unsaved).toBe(3);
    expect((await tab()).s.cell(P, 'gxq', 'talent')).toEqual(ORIGINAL_TALENT);
    failing = false;
    const st = await s.retrySaves();
    expect(st.unsaved).toBe(0);
    expect(st.saveError).toBeNull();
    const other = await tab();
    expect(other.s.cell(P, 'gxq', 'talent')).toEqual(value(40, 77));
    expect(other.s.cell(P, 'cg', 'talent')).toEqual(value(4.25, 9));
    expect(other.s.periodMeta(P).publishedTotals?.gxq).toBe(99);
  });

  it('a failed whole-workbook write leaves storage unchanged', async () => {
    const { s } = await tab();
    const before = await dumpDb(factory);
    failing = true;
    const err = await s.duplicateWorkbook('副本').then(() => null, (e: Error) => e);
    failing = false;
    expect(err?.message).toContain('存储空间');
    expect(await dumpDb(factory)).toBe(before);
  });
});

describe('8. the workbook file', () => {
  it('an emoji straddling the 30 000-character chunk boundary comes back whole', async () => {
    const { s } = await tab();
    const content = await readWorkbookFile((await s.saveWorkbookFile()).bytes, 'x.xlsx');
    const marker = '§MARK§';
    content.workbook.periods[0]!.cells['gxq|talent']!.remark = marker;
    const at = JSON.stringify(content).indexOf(marker);
    // Pad so that the emoji's first half is the last character of the first chunk.
    const remark = `${'备'.repeat(29999 - at)}😀尾`;
    content.workbook.periods[0]!.cells['gxq|talent']!.remark = remark;
    expect(JSON.stringify(content).charCodeAt(29999)).toBe(0xd83d);
    const back = await readWorkbookFile(await writeWorkbookFile(content), 'x.xlsx');
    expect(back.workbook.periods[0]!.cells['gxq|talent']!.remark).toBe(remark);
  });
});
