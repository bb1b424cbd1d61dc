/**
 * The data layer's fault battery (issue 8): each case reproduces a way the official record was
 * lost or silently changed, and pins down the behaviour that replaces it.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChannelLike } from '../../src/service/service';
import { readWorkbookFile } from '../../src/xlsx/workbookFile';
import { oldFormatFileOf } from '../support/old-format-file';
import type { Cell } from '../../src/model';
import type { WorkerEvent } from '../../src/service/protocol';
import { value } from '../support/kit';
import { dumpDb, openTab } from '../support/kit';
import { channelHub, settle } from '../support/windows';

const P = 'daye-2023-q1';
let factory: IDBFactory;
beforeEach(() => {
  factory = new IDBFactory();
});

const ORIGINAL_TALENT = value(40, 156);

const tab = (channel: ChannelLike | null = null) => openTab(factory, channel);

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
      const good = await readWorkbookFile((await s.saveWorkbookFile()).bytes, 'x.xlsx');
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
