/**
 * The data layer's fault battery (issue 8): each case reproduces a way the official record was
 * lost or silently changed, and pins down the behaviour that replaces it.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createService, type ChannelLike } from '../../src/service/service';
import { readWorkbookFile, writeWorkbookFile } from '../../src/xlsx/workbookFile';
import { oldFormatFileOf } from '../support/old-format-file';
import type { Cell } from '../../src/model';
import type { WorkerEvent } from '../../src/service/protocol';
import { value } from '../support/kit';
import { dumpDb, openTab } from '../support/kit';
import { DB_NAME } from '../support/db-dump';

const P = 'daye-2023-q1';
let factory: IDBFactory;
beforeEach(() => {
  factory = new IDBFactory();
});

const ORIGINAL_TALENT = value(40, 156);

const tab = (channel: ChannelLike | null = null) => openTab(factory, channel);

/**
 * What the page hears: an edit is answered from memory and its write is the queue's next task;
 * what the write found (conflicts, records set aside, a failure) comes as events.
 */
function listen(s: ReturnType<typeof createService>) {
  let heard: WorkerEvent[] = [];
  s.subscribe((ev) => heard.push(ev));
  return {
    /** Wait for the writes queued so far; what they said. */
    async written() {
      const state = await s.whenWritten();
      const said = heard;
      heard = [];
      return { state, message: said.flatMap((e) => (e.type === 'conflicts' ? [e.message] : [])).join(' '), conflicts: said.flatMap((e) => (e.type === 'conflicts' ? e.conflicts : [])) };
    },
  };
}

function channelHub(): () => ChannelLike {
  const members: ChannelLike[] = [];
  return () => {
    const me: ChannelLike = {
      onmessage: null,
      postMessage: (m) => queueMicrotask(() => members.filter((x) => x !== me).forEach((x) => x.onmessage?.({ data: m }))),
    };
    members.push(me);
    return me;
  };
}

/** Runs `fn` with the fake IndexedDB factory installed as the global one (idb reads the global). */
async function withFactory<T>(fn: () => Promise<T>): Promise<T> {
  const saved = globalThis.indexedDB;
  globalThis.indexedDB = factory as unknown as IDBFactory;
  try {
    return await fn();
  } finally {
    globalThis.indexedDB = saved;
  }
}

/**
 * Every window has heard what the others wrote: each one's queue is drained twice — the first pass
 * lands the writes (and their broadcasts reach the others as they land), the second lets each
 * window finish catching up on what it heard. A signal from the app, never a sleep.
 */
async function settle(...tabs: { s: ReturnType<typeof createService> }[]): Promise<void> {
  for (let pass = 0; pass < 2; pass++) for (const t of tabs) await t.s.whenWritten();
}

describe('1. a copy is a copy', () => {
  it('editing a duplicated workbook leaves the original alone; deleting the copy leaves it whole', async () => {
    const { s, init } = await tab();
    const originalId = init.state.workbookId;
    const copy = (await s.duplicateWorkbook('副本')).state;
    expect(copy.workbookId).not.toBe(originalId);
    const copyPeriod = copy.periods[0]!.id;
    await s.editCells(copyPeriod, [{ unitId: 'gxq', indicatorId: 'talent', before: ORIGINAL_TALENT, after: value(40, 999) }], '改副本');
    expect(s.cell(copyPeriod, 'gxq', 'talent')).toEqual(value(40, 999));
    await s.openWorkbook(originalId);
    expect(s.cell(P, 'gxq', 'talent')).toEqual(ORIGINAL_TALENT);

    await s.deleteWorkbook(copy.workbookId);
    const again = await tab();
    expect(again.init.state.workbookId).toBe(originalId);
    expect(again.init.state.periods.map((p) => p.label)).toEqual(['2023年一季度']);
    expect(again.s.periodView(P).ranking[0]!.totalText).toBe('85.06');
    expect(again.s.cell(P, 'gxq', 'talent')).toEqual(ORIGINAL_TALENT);
  });

  it('a workbook file opened as a copy, and a second sample, do not share storage with the original', async () => {
    const { s, init } = await tab();
    const originalId = init.state.workbookId;
    const file = await s.saveWorkbookFile();
    const info = await s.inspectWorkbookFile(file.fileName, file.bytes);
    const opened = await s.openWorkbookFile(info.token, 'copy');
    const copyPeriod = opened.state.periods[0]!.id;
    await s.editCells(copyPeriod, [{ unitId: 'gxq', indicatorId: 'talent', before: ORIGINAL_TALENT, after: value(40, 1) }], '改');
    const sample2 = (await s.createWorkbook('第二个示例', 'sample')).state;
    await s.editCells(sample2.periods[0]!.id, [{ unitId: 'gxq', indicatorId: 'talent', before: ORIGINAL_TALENT, after: value(40, 2) }], '改');
    await s.deleteWorkbook(opened.state.workbookId);
    await s.deleteWorkbook(sample2.workbookId);
    const again = await tab();
    expect(again.init.workbooks.map((w) => w.id)).toEqual([originalId]);
    expect(again.s.cell(P, 'gxq', 'talent')).toEqual(ORIGINAL_TALENT);
    expect(again.s.periodView(P).ranking[0]!.totalText).toBe('85.06');
  });

  it('a workbook deleted in another window: this one is told and opens another, instead of showing what is gone', async () => {
    const { s } = await tab();
    const other = (await s.createWorkbook('另一个', 'sample')).state;
    const B = await tab();
    await B.s.openWorkbook(other.workbookId);
    const told = new Promise<string>((resolve) => s.subscribe((ev) => ev.type === 'external' && resolve(ev.message)));
    await B.s.deleteWorkbook(other.workbookId);
    const state = await s.checkExternal();
    expect(state?.workbookId).not.toBe(other.workbookId);
    expect(await told).toBe(`工作簿“另一个”已在另一窗口中删除，已打开“${state!.name}”。`);
  });
});

describe('2. a bad file never wipes', () => {
  for (const badKey of ['broken', '__proto__']) {
    it(`a workbook file with a cell key "${badKey}" is refused by name and the stored workbook stays byte-identical`, async () => {
      const { s } = await tab();
      await s.editCells(P, [{ unitId: 'gxq', indicatorId: 'talent', before: ORIGINAL_TALENT, after: value(40, 7) }], '改');
      const good = readWorkbookFile((await s.saveWorkbookFile()).bytes, 'x.xlsx');
      // Put the bad key first, as a hand-edited or hostile file would.
      // (Only the earlier format, one object per cell, can carry a cell key at all.)
      const json = JSON.stringify({ ...good, formatVersion: 2 }).replace('"cells":{', `"cells":{"${badKey}":{"state":"value","target":1,"actual":1},`);
      const tampered = oldFormatFileOf(json, true);
      const before = await dumpDb(factory);
      const err = await s
        .inspectWorkbookFile('篡改.xlsx', tampered)
        .then((info) => s.openWorkbookFile(info.token, 'replace', { acceptMismatch: true }))
        .then(() => null, (e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect(err!.message).toMatch(/^文件“篡改\.xlsx”/);
      expect(err!.message).toContain('单元格');
      expect(err!.message).not.toMatch(/Cannot|undefined|TypeError/);
      expect(await dumpDb(factory)).toBe(before);
      expect(s.cell(P, 'gxq', 'talent')).toEqual(value(40, 7));
    });
  }
});

describe('3. every change lands in order', () => {
  it('50 overlapping edits of one cell, fired without waiting, end at the last value', async () => {
    const { s, init } = await tab();
    const base = init.state.version;
    const outs = [];
    let before: Cell | null = ORIGINAL_TALENT;
    for (let i = 1; i <= 50; i++) {
      outs.push(s.editCells(P, [{ unitId: 'gxq', indicatorId: 'talent', before, after: value(40, i) }], `第${i}次`, { baseVersion: base }));
      before = value(40, i);
    }
    const results = await Promise.all(outs);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(s.cell(P, 'gxq', 'talent')).toEqual(value(40, 50));
    // Each edit is answered from memory; its write is the queue's next task.
    expect((await s.whenWritten()).unsaved).toBe(0);
    const other = await tab();
    expect(other.s.cell(P, 'gxq', 'talent')).toEqual(value(40, 50));
  });

  it('Ctrl+Z while an edit is still committing undoes that edit', async () => {
    const { s } = await tab();
    const edit = s.editCells(P, [{ unitId: 'gxq', indicatorId: 'talent', before: ORIGINAL_TALENT, after: value(40, 5) }], '输入 高新区');
    const undo = s.undo();
    const [e, u] = await Promise.all([edit, undo]);
    expect(e.ok).toBe(true);
    expect(u.ok).toBe(true);
    expect(s.cell(P, 'gxq', 'talent')).toEqual(ORIGINAL_TALENT);
    expect(u.state.redoLabel).toBe('输入 高新区');
    expect((await tab()).s.cell(P, 'gxq', 'talent')).toEqual(ORIGINAL_TALENT);
  });
});

describe('3b. a change checked against what another window stored', () => {
  it('undoing the removal of an indicator after another window saved elsewhere restores the indicator and its cells', async () => {
    const hub = channelHub();
    const A = await tab(hub());
    const B = await tab(hub());
    const meta = A.s.periodMeta(P);
    meta.indicators = meta.indicators.filter((i) => i.id !== 'rd_service_firms');
    await A.s.setMeta(P, meta, '删除指标');
    await settle(A, B);
    await B.s.editCells(P, [{ unitId: 'cg', indicatorId: 'talent', before: value(4.25, 4), after: value(4.25, 5) }], 'B');
    const out = await A.s.undo();
    expect(out.ok).toBe(true);
    const C = await tab();
    expect(C.s.cell(P, 'gxq', 'rd_service_firms')).toEqual(value(1, 0));
    expect(C.s.cell(P, 'cg', 'talent')).toEqual(value(4.25, 5));
    expect(C.s.periodView(P).schemePoints).toBe(85);
  });

  it('a rule change based on a scheme another window changed since is refused, not written over it', async () => {
    const hub = channelHub();
    const A = await tab(hub());
    const B = await tab(hub());
    const seen = A.s.periodMeta(P);
    const seenVersion = A.s.state().version;
    const theirs = B.s.periodMeta(P);
    theirs.indicators[0]!.points = 7;
    await B.s.setMeta(P, theirs, 'B 改分值');
    await settle(A, B);
    const mine = structuredClone(seen);
    mine.indicators[1]!.points = 9;
    const out = await A.s.setMeta(P, mine, 'A 改分值', { baseVersion: seenVersion });
    expect(out.ok).toBe(false);
    expect(out.message).toContain('已在另一窗口中被修改');
    const C = await tab();
    expect(C.s.periodMeta(P).indicators.map((i) => i.points).slice(0, 2)).toEqual([7, 10]);
  });

  it('a cell of an indicator another window removed is not written: both are told', async () => {
    const hub = channelHub();
    const A = await tab(hub());
    const B = await tab(hub());
    const meta = B.s.periodMeta(P);
    meta.indicators = meta.indicators.filter((i) => i.id !== 'talent');
    await B.s.setMeta(P, meta, '删除指标');
    // A has not heard yet (no flush): its edit of that indicator reaches the store.
    const out = await A.s.editCells(P, [{ unitId: 'gxq', indicatorId: 'talent', before: ORIGINAL_TALENT, after: value(40, 1) }], 'A');
    expect(out.ok).toBe(false);
    expect((await tab()).s.cell(P, 'gxq', 'talent')).toBeNull();
  });
});

describe('4. two windows, same cell', () => {
  it('20 simultaneous races: one value lands, the other window gets both values to choose from (0 silent losses)', async () => {
    const hub = channelHub();
    const A = await tab(hub());
    const B = await tab(hub());
    // Edits are answered from memory; what their writes found comes as events.
    const heard: Record<'A' | 'B', WorkerEvent[]> = { A: [], B: [] };
    A.s.subscribe((ev) => heard.A.push(ev));
    B.s.subscribe((ev) => heard.B.push(ev));
    const conflictsOf = (w: 'A' | 'B') => heard[w].flatMap((e) => (e.type === 'conflicts' ? e.conflicts : []));
    const messageOf = (w: 'A' | 'B') => heard[w].flatMap((e) => (e.type === 'conflicts' ? [e.message] : [])).join(' ');
    let silent = 0;
    for (let i = 0; i < 20; i++) {
      await A.s.checkExternal();
      await B.s.checkExternal();
      const seen = A.s.cell(P, 'gxq', 'talent');
      expect(B.s.cell(P, 'gxq', 'talent')).toEqual(seen);
      const mineA = value(40, 1000 + i);
      const mineB = value(40, 2000 + i);
      heard.A = [];
      heard.B = [];
      const [a, b] = await Promise.all([
        A.s.editCells(P, [{ unitId: 'gxq', indicatorId: 'talent', before: seen, after: mineA }], 'A', { baseVersion: A.s.state().version }),
        B.s.editCells(P, [{ unitId: 'gxq', indicatorId: 'talent', before: seen, after: mineB }], 'B', { baseVersion: B.s.state().version }),
      ]);
      expect([a.ok, b.ok]).toEqual([true, true]);
      await settle(A, B);
      const stored = (await tab()).s.cell(P, 'gxq', 'talent');
      const aLost = conflictsOf('A').length > 0;
      const bLost = conflictsOf('B').length > 0;
      if (aLost === bLost) silent++;
      const winner = aLost ? mineB : mineA;
      const loser = aLost ? 'A' : 'B';
      const loserValue = aLost ? mineA : mineB;
      expect(stored).toEqual(winner);
      expect(conflictsOf(loser)[0]).toMatchObject({ unitId: 'gxq', indicatorId: 'talent', mine: loserValue, theirs: winner });
      expect(messageOf(loser)).toContain('另一窗口');
      // The loser's window shows the value that landed (it never showed its own as saved).
      expect((aLost ? A : B).s.cell(P, 'gxq', 'talent')).toEqual(winner);
      // The loser chooses its own value, knowingly over the other one.
      const chooser = aLost ? A : B;
      if (i % 2 === 0) {
        const out = await chooser.s.editCells(P, [{ unitId: 'gxq', indicatorId: 'talent', before: winner, after: loserValue }], '保留我的值', { baseVersion: chooser.s.state().version });
        expect(out.ok).toBe(true);
        await chooser.s.whenWritten();
        expect((await tab()).s.cell(P, 'gxq', 'talent')).toEqual(loserValue);
      }
      await settle(A, B);
    }
    expect(silent).toBe(0);
  });

  it('a value committed by another window while the editor was open is not overwritten silently', async () => {
    const hub = channelHub();
    const A = await tab(hub());
    const B = await tab(hub());
    // A's user opens the editor on 高新区 人才 实绩数 and sees 156.
    const seen = A.s.cell(P, 'gxq', 'talent');
    const seenRevision = A.s.state().version;
    await B.s.editCells(P, [{ unitId: 'gxq', indicatorId: 'talent', before: seen, after: value(40, 104) }], 'B', { baseVersion: B.s.state().version });
    await settle(A, B); // A hears of it and reloads under the open editor
    expect(A.s.cell(P, 'gxq', 'talent')).toEqual(value(40, 104));
    const out = await A.s.editCells(P, [{ unitId: 'gxq', indicatorId: 'talent', before: seen, after: value(40, 105) }], 'A', { baseVersion: seenRevision });
    expect(out.ok).toBe(false);
    expect(out.conflicts?.[0]).toMatchObject({ mine: value(40, 105), theirs: value(40, 104) });
    expect((await tab()).s.cell(P, 'gxq', 'talent')).toEqual(value(40, 104));
  });

  it("a tab's own earlier edits never count as a conflict, even when its view is a step behind", async () => {
    const { s, init } = await tab();
    const r0 = init.state.version;
    await s.editCells(P, [{ unitId: 'gxq', indicatorId: 'talent', before: ORIGINAL_TALENT, after: value(40, 1) }], '1', { baseVersion: r0 });
    // The page still shows the old value (its new view has not arrived) when the next edit is typed.
    const out = await s.editCells(P, [{ unitId: 'gxq', indicatorId: 'talent', before: ORIGINAL_TALENT, after: value(40, 2) }], '2', { baseVersion: r0 });
    expect(out.ok).toBe(true);
    expect(s.cell(P, 'gxq', 'talent')).toEqual(value(40, 2));
  });
});

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
    const content = readWorkbookFile((await s.saveWorkbookFile()).bytes, 'x.xlsx');
    const marker = '§MARK§';
    content.workbook.periods[0]!.cells['gxq|talent']!.remark = marker;
    const at = JSON.stringify(content).indexOf(marker);
    // Pad so that the emoji's first half is the last character of the first chunk.
    const remark = `${'备'.repeat(29999 - at)}😀尾`;
    content.workbook.periods[0]!.cells['gxq|talent']!.remark = remark;
    expect(JSON.stringify(content).charCodeAt(29999)).toBe(0xd83d);
    const back = readWorkbookFile(await writeWorkbookFile(content), 'x.xlsx');
    expect(back.workbook.periods[0]!.cells['gxq|talent']!.remark).toBe(remark);
  });
});
