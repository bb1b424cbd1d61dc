import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { openKaoheDB } from '../../src/store/db';
import { type ChannelLike, type Service } from '../../src/service/service';
import { UNDO_LIMIT } from '../../src/service/session';

import { value } from '../support/kit';
import { openTab } from '../support/kit';

const P = 'daye-2023-q1';
let factory: IDBFactory;
beforeEach(() => {
  factory = new IDBFactory();
});

const rankOf = (s: Service, unitId: string) => s.periodView(P).ranking.find((r) => r.unitId === unitId)!;

const tab = (channel: ChannelLike | null = null) => openTab(factory, channel);

/** A BroadcastChannel stand-in that delivers to every other member, like the real one. */
function channelPair(): [ChannelLike, ChannelLike] {
  const a: ChannelLike = { onmessage: null, postMessage: (m) => queueMicrotask(() => b.onmessage?.({ data: m })) };
  const b: ChannelLike = { onmessage: null, postMessage: (m) => queueMicrotask(() => a.onmessage?.({ data: m })) };
  return [a, b];
}

describe('first run and persistence', () => {
  it('stores the sample workbook on first run and scores it as the bulletin does', async () => {
    const { s, init } = await tab();
    expect(init.workbooks).toHaveLength(1);
    expect(init.state.periods).toEqual([{ id: P, label: '2023年一季度' }]);
    expect(rankOf(s, 'gxq')).toMatchObject({ rank: 1, totalText: '85.06' });
    // A second tab finds the same workbook rather than a second sample.
    const again = await tab();
    expect(again.init.workbooks).toHaveLength(1);
  });

  it('an edit is in IndexedDB when editCells resolves', async () => {
    const { s } = await tab();
    const out = await s.editCells(P, [{ unitId: 'djp', indicatorId: 'tech_sme', after: value(15, 19) }], '修改');
    expect(out.ok).toBe(true);
    const other = await tab();
    expect(other.s.cell(P, 'djp', 'tech_sme')).toEqual(value(15, 19));
    // 大箕铺镇 科小 rate falls from 172.73% (#1) to 126.67% (#10): 4.6 + 4.1 instead of 9.6.
    expect(other.s.periodView(P).scoreSheet.find((b) => b.unitId === 'djp')!.lines[1]!.scoreText).toBe('8.7');
  });

  it('ignores records another file:// app left in the shared origin', async () => {
    const db = await openKaoheDB(factory);
    await db.put('workbooks', { id: 'foreign', name: 'x' } as never);
    db.close();
    const { init } = await tab();
    expect(init.workbooks.map((w) => w.id)).not.toContain('foreign');
  });
});

describe('undo and redo', () => {
  it(`keeps at least 100 steps (limit ${UNDO_LIMIT}) and persists each undo`, async () => {
    const { s } = await tab();
    for (let i = 1; i <= 150; i++) await s.editCells(P, [{ unitId: 'gxq', indicatorId: 'talent', after: value(40, i) }], `第${i}次`);
    for (let i = 0; i < 120; i++) expect((await s.undo()).ok).toBe(true);
    expect(s.cell(P, 'gxq', 'talent')).toEqual(value(40, 30));
    expect(s.state().undoLabel).toBe('第30次');
    expect(s.state().redoLabel).toBe('第31次');
    await s.redo();
    expect(s.cell(P, 'gxq', 'talent')).toEqual(value(40, 31));
    const other = await tab();
    expect(other.s.cell(P, 'gxq', 'talent')).toEqual(value(40, 31));
  });

  it('undoes a multi-cell paste as one step, back to the original values', async () => {
    const { s } = await tab();
    const before = [s.cell(P, 'gxq', 'rd_staff'), s.cell(P, 'lkq', 'rd_staff')];
    await s.editCells(P, [
      { unitId: 'gxq', indicatorId: 'rd_staff', after: value(1, 2) },
      { unitId: 'lkq', indicatorId: 'rd_staff', after: value(3, 4) },
    ], '粘贴');
    await s.undo();
    expect([s.cell(P, 'gxq', 'rd_staff'), s.cell(P, 'lkq', 'rd_staff')]).toEqual(before);
  });
});

describe('two tabs on one workbook', () => {
  it('edits to different cells both survive, and each tab sees the other (without a broadcast)', async () => {
    const A = await tab();
    const B = await tab();
    await A.s.editCells(P, [{ unitId: 'gxq', indicatorId: 'talent', after: value(40, 1) }], 'A');
    await B.s.editCells(P, [{ unitId: 'cg', indicatorId: 'talent', after: value(4.25, 5) }], 'B');
    const C = await tab();
    expect(C.s.cell(P, 'gxq', 'talent')).toEqual(value(40, 1));
    expect(C.s.cell(P, 'cg', 'talent')).toEqual(value(4.25, 5));
    expect(B.s.cell(P, 'gxq', 'talent')).toEqual(value(40, 1));
    // A polls (as the page does on focus and on a timer) and catches up.
    expect(A.s.cell(P, 'cg', 'talent')).not.toEqual(value(4.25, 5));
    expect(await A.s.checkExternal()).not.toBeNull();
    expect(A.s.cell(P, 'cg', 'talent')).toEqual(value(4.25, 5));
    expect(await A.s.checkExternal()).toBeNull();
  });

  it('a stale write to the same cell is refused, named, and the newer value kept', async () => {
    const A = await tab();
    const B = await tab();
    await A.s.editCells(P, [{ unitId: 'gxq', indicatorId: 'talent', after: value(40, 1) }], 'A');
    await A.s.whenWritten();
    // B's edit is answered from memory; its write finds A's value and says so (an event to the page).
    const heard: string[] = [];
    B.s.subscribe((ev) => ev.type === 'conflicts' && heard.push(ev.message));
    expect((await B.s.editCells(P, [{ unitId: 'gxq', indicatorId: 'talent', after: value(40, 2) }], 'B')).ok).toBe(true);
    expect((await B.s.whenWritten()).unsaved).toBe(0);
    expect(heard.join(' ')).toContain('高新区「规上企业新招引科技人才(人)」');
    expect(B.s.cell(P, 'gxq', 'talent')).toEqual(value(40, 1));
    const C = await tab();
    expect(C.s.cell(P, 'gxq', 'talent')).toEqual(value(40, 1));
  });

  it('the broadcast makes the other tab reload', async () => {
    const [ca, cb] = channelPair();
    const A = await tab(ca);
    const B = await tab(cb);
    const got = new Promise<string>((resolve) => B.s.subscribe((ev) => ev.type === 'external' && resolve(ev.message)));
    await A.s.editCells(P, [{ unitId: 'lx', indicatorId: 'talent', after: value(4.25, 9) }], 'A');
    expect(await got).toContain('另一窗口');
    expect(B.s.cell(P, 'lx', 'talent')).toEqual(value(4.25, 9));
  });
});

describe('journal replay after a tab died mid-save', () => {
  it('applies once, is a no-op the second time, and reports a conflicting entry', async () => {
    const { s, init } = await tab();
    const wb = init.state.workbookId;
    const before = s.cell(P, 'gxq', 'talent');
    const entry = { id: 'j1', workbookId: wb, periodId: P, label: '高新区 人才', changes: [{ unitId: 'gxq', indicatorId: 'talent', before, after: value(40, 77) }] };
    expect(await s.replayJournal([entry])).toMatchObject({ applied: 1, failed: [], conflicts: [] });
    expect(s.cell(P, 'gxq', 'talent')).toEqual(value(40, 77));
    expect(await s.replayJournal([entry])).toMatchObject({ applied: 0, failed: [], conflicts: [] });
    // An entry whose cell was changed since its author saw it: both values, for the user to choose.
    const stale = { ...entry, id: 'j2', changes: [{ unitId: 'gxq', indicatorId: 'talent', before, after: value(40, 88) }] };
    const r = await s.replayJournal([stale]);
    expect(r.conflicts).toEqual([expect.objectContaining({ clientId: 'j2', mine: value(40, 88), theirs: value(40, 77), where: '高新区「规上企业新招引科技人才(人)」' })]);
    expect(s.cell(P, 'gxq', 'talent')).toEqual(value(40, 77));
    // A record another page wrote into the journal is refused, by name, and changes nothing.
    expect((await s.replayJournal([{ id: 'x', changes: 'oops' }])).failed[0]).toContain('无法读取');
  });
});

describe('rules, periods, snapshots, workbooks', () => {
  it('changing points rescales totals; removing an indicator removes its cells in one undoable step', async () => {
    const { s } = await tab();
    const meta = s.periodMeta(P);
    meta.indicators = meta.indicators.filter((i) => i.id !== 'rd_service_firms');
    await s.setMeta(P, meta, '删除指标');
    expect(s.periodView(P).schemePoints).toBe(75);
    // 高新区: (72.3 − 0) × 100 / 75 = 96.4
    expect(rankOf(s, 'gxq').totalText).toBe('96.40');
    expect(s.cell(P, 'gxq', 'rd_service_firms')).toBeNull();
    await s.undo();
    expect(s.periodView(P).schemePoints).toBe(85);
    expect(s.cell(P, 'gxq', 'rd_service_firms')).toEqual(value(1, 0));
    expect(rankOf(s, 'gxq').totalText).toBe('85.06');
  });

  it('a new period copies units, indicators and targets, with empty actuals', async () => {
    const { s } = await tab();
    const { state, periodId } = await s.addPeriod(P);
    expect(state.periods.map((p) => p.label)).toEqual(['2023年一季度', '2023年二季度']);
    expect(s.cell(periodId, 'gxq', 'rd_investment')).toEqual({ state: 'value', target: 130000, actual: null });
    expect(s.cell(periodId, 'lx', 'rd_service_revenue')).toEqual({ state: 'na', target: null, actual: null });
    expect(s.periodMeta(periodId).indicators).toEqual(s.periodMeta(P).indicators);
  });

  it('a period by year and quarter in one step, from any period; listed in time order; a taken quarter refused', async () => {
    const { s } = await tab();
    const y24 = await s.addPeriod(P, { year: 2024, quarter: 1 });
    expect(y24.state.periods.map((p) => p.label)).toEqual(['2023年一季度', '2024年一季度']);
    expect(s.periodMeta(y24.periodId).asOf).toBe('2024 年 3 月 31 日');
    expect(s.cell(y24.periodId, 'gxq', 'rd_investment')).toEqual({ state: 'value', target: 130000, actual: null });
    // Added later but earlier in time: listed between.
    const q3 = await s.addPeriod(y24.periodId, { year: 2023, quarter: 3 });
    expect(q3.state.periods.map((p) => p.label)).toEqual(['2023年一季度', '2023年三季度', '2024年一季度']);
    await expect(s.addPeriod(P, { year: 2024, quarter: 1 })).rejects.toThrow('本工作簿已有 2024年一季度，未改动。');
    await expect(s.addPeriod(P, { year: 1999, quarter: 1 })).rejects.toThrow('年份“1999”无效');
    // The same after a restart: the order comes from the periods, not from when they were added.
    const again = await tab();
    expect(again.init.state.periods.map((p) => p.label)).toEqual(['2023年一季度', '2023年三季度', '2024年一季度']);
  });

  it('a period made for the wrong quarter is moved to the right one, undoably', async () => {
    const { s } = await tab();
    const { periodId } = await s.addPeriod(P);
    expect(s.state().periods.map((p) => p.label)).toEqual(['2023年一季度', '2023年二季度']);
    await s.setPeriodTime(periodId, { year: 2024, quarter: 1 });
    expect(s.state().periods.map((p) => p.label)).toEqual(['2023年一季度', '2024年一季度']);
    expect(s.periodMeta(periodId).asOf).toBe('2024 年 3 月 31 日');
    expect(s.state().undoLabel).toBe('2023年二季度 改为 2024年一季度');
    await expect(s.setPeriodTime(periodId, { year: 2023, quarter: 1 })).rejects.toThrow('本工作簿已有 2023年一季度');
    await s.undo();
    expect(s.state().periods.map((p) => p.label)).toEqual(['2023年一季度', '2023年二季度']);
    expect(s.periodMeta(periodId).asOf).toBe('2023 年 6 月 30 日');
    expect((await tab()).init.state.periods.map((p) => p.label)).toEqual(['2023年一季度', '2023年二季度']);
  });

  it('改期 to 2023年5月: the 附件 date line follows, time of day kept (the sample says 2023 年 3 月 31 日下午 17:00)', async () => {
    const { s } = await tab();
    expect(s.periodMeta(P).asOf).toBe('2023 年 3 月 31 日下午 17:00');
    await s.setPeriodTime(P, { year: 2023, quarter: 2, month: 5 });
    expect(s.periodMeta(P).asOf).toBe('2023 年 5 月 31 日下午 17:00');
    expect(s.periodView(P, 'completion').completion[0]!.asOf).toBe('2023 年 5 月 31 日下午 17:00');
    // A date the person wrote that is not the period's end stays as written.
    const meta = s.periodMeta(P);
    await s.setMeta(P, { ...meta, asOf: '2023 年 6 月 2 日' }, '截至');
    await s.setPeriodTime(P, { year: 2023, quarter: 2 });
    expect(s.periodMeta(P).asOf).toBe('2023 年 6 月 2 日');
  });

  it('a month or a name of its own: 2024年1月, 2月 (to the 29th), 3月 before 一季度, a named period; a taken name refused; 改期 to a month and back', async () => {
    const { s } = await tab();
    const jan = await s.addPeriod(P, { year: 2024, quarter: 1, month: 1 });
    expect(s.periodMeta(jan.periodId)).toMatchObject({ year: 2024, quarter: 1, month: 1, asOf: '2024 年 1 月 31 日' });
    expect(s.cell(jan.periodId, 'gxq', 'rd_investment')).toEqual({ state: 'value', target: 130000, actual: null });
    // Without a time: the month after the one copied; the quarter follows the month.
    const feb = await s.addPeriod(jan.periodId);
    expect(s.periodMeta(feb.periodId)).toMatchObject({ year: 2024, quarter: 1, month: 2, asOf: '2024 年 2 月 29 日' });
    await s.addPeriod(P, { year: 2024, quarter: 1 });
    await s.addPeriod(feb.periodId, { year: 2024, quarter: 4, month: 3 }); // a wrong quarter is put right by the month
    const named = await s.addPeriod(P, { year: 2024, quarter: 1, label: ' 2024年“开门红” ' });
    expect(s.periodMeta(named.periodId).label).toBe('2024年“开门红”');
    expect(s.state().periods.map((p) => p.label)).toEqual(['2023年一季度', '2024年1月', '2024年2月', '2024年3月', '2024年一季度', '2024年“开门红”']);
    expect(s.state().periods.find((p) => p.label === '2024年3月')).toBeTruthy();
    await expect(s.addPeriod(P, { year: 2024, quarter: 1, month: 2 })).rejects.toThrow('本工作簿已有 2024年2月，未改动。');
    await expect(s.addPeriod(P, { year: 2024, quarter: 1, label: '2024年“开门红”' })).rejects.toThrow('本工作簿已有 2024年“开门红”，未改动。请换一个名称。');
    await expect(s.addPeriod(P, { year: 2024, quarter: 1, month: 13 })).rejects.toThrow('月份“13”无效');
    // The bulletin's titles follow: by month, and by the name given.
    expect(s.periodView(feb.periodId, 'ranking').rankingTitle).toBe('大冶市2024年科技创新行动2月考核结果');
    // A named period keeps its quarter in titles (issue 26): 一季度 and the name after it.
    expect(s.periodView(named.periodId, 'ranking').rankingTitle).toBe('大冶市2024年科技创新行动一季度“开门红”考核结果');
    // 改期: 2024年2月 becomes 2024年二季度 (month gone, 截至 follows); undo gives 2月 back.
    await s.setPeriodTime(feb.periodId, { year: 2024, quarter: 2 });
    expect(s.periodMeta(feb.periodId)).toMatchObject({ year: 2024, quarter: 2, asOf: '2024 年 6 月 30 日' });
    expect(s.periodMeta(feb.periodId).month).toBeUndefined();
    await s.undo();
    expect(s.periodMeta(feb.periodId)).toMatchObject({ month: 2, asOf: '2024 年 2 月 29 日' });
    expect((await tab()).init.state.periods.map((p) => p.label)).toEqual(['2023年一季度', '2024年1月', '2024年2月', '2024年3月', '2024年一季度', '2024年“开门红”']);
  });

  it('deleting a period keeps the workbook as it was in a version first; restoring it brings the period back', async () => {
    const { s } = await tab();
    await expect(s.deletePeriod(P)).rejects.toThrow('2023年一季度 是本工作簿唯一的考核期，不能删除。');
    const { periodId } = await s.addPeriod(P, { year: 2023, quarter: 2 });
    await s.editCells(periodId, [{ unitId: 'gxq', indicatorId: 'talent', after: value(40, 77) }], '改二季度');
    const { state, restore } = await s.deletePeriod(periodId);
    expect(restore).toMatchObject({ periodId, label: '2023年二季度' });
    expect(state.periods.map((p) => p.label)).toEqual(['2023年一季度']);
    // Its edit can no longer be undone (the period is gone); the restart sees the same.
    expect(state.undoLabel).not.toBe('改二季度');
    expect((await tab()).init.state.periods.map((p) => p.label)).toEqual(['2023年一季度']);
    const snaps = await s.listSnapshots();
    const auto = snaps.find((x) => x.name === '删除2023年二季度之前自动保存')!;
    expect(auto.auto).toBe(true);
    await s.restoreSnapshot(auto.id);
    expect(s.state().periods.map((p) => p.label)).toEqual(['2023年一季度', '2023年二季度']);
    expect(s.cell(periodId, 'gxq', 'talent')).toEqual(value(40, 77));
  });

  it('撤销删除 puts the deleted period back alone: what was changed in the other periods since stays', async () => {
    const { s } = await tab();
    const { periodId } = await s.addPeriod(P, { year: 2023, quarter: 2 });
    await s.editCells(periodId, [{ unitId: 'gxq', indicatorId: 'talent', after: value(40, 77) }], '改二季度');
    const { restore } = await s.deletePeriod(periodId);
    // Meanwhile, a change in the period that stayed.
    await s.editCells(P, [{ unitId: 'gxq', indicatorId: 'talent', after: value(40, 5) }], '改一季度');
    const back = await s.restoreDeletedPeriod(restore.snapshotId, restore.periodId);
    expect(back.state.periods.map((p) => p.label)).toEqual(['2023年一季度', '2023年二季度']);
    expect(s.cell(periodId, 'gxq', 'talent')).toEqual(value(40, 77));
    expect(s.cell(P, 'gxq', 'talent')).toEqual(value(40, 5));
    // Stored, and only once.
    expect((await tab()).init.state.periods.map((p) => p.label)).toEqual(['2023年一季度', '2023年二季度']);
    await expect(s.restoreDeletedPeriod(restore.snapshotId, restore.periodId)).rejects.toThrow('该考核期已经恢复，未改动。');
    // A period made meanwhile under the same name: refused, nothing changed.
    const again = await s.deletePeriod(periodId);
    await s.addPeriod(P, { year: 2023, quarter: 2 });
    await expect(s.restoreDeletedPeriod(again.restore.snapshotId, periodId)).rejects.toThrow('本工作簿已有 2023年二季度，不能再恢复同名的考核期。');
  });

  it('a snapshot restores the values it saved, keeping the replaced state as an automatic one', async () => {
    const { s } = await tab();
    await s.createSnapshot('一季度定稿');
    await s.editCells(P, [{ unitId: 'gxq', indicatorId: 'talent', after: value(40, 1) }], '改');
    const snaps = await s.listSnapshots();
    await s.restoreSnapshot(snaps.find((x) => x.name === '一季度定稿')!.id);
    expect(s.cell(P, 'gxq', 'talent')).toEqual(value(40, 156));
    const after = await s.listSnapshots();
    expect(after.map((x) => x.name)).toContain('恢复“一季度定稿”之前自动保存');
  });

  it('rename, duplicate and delete', async () => {
    const { s } = await tab();
    await s.renameWorkbook('2023 年考核');
    const { state: dup, workbooks: listedNow } = await s.duplicateWorkbook('2023 年考核 副本');
    expect(listedNow.map((w) => w.name).sort()).toEqual(['2023 年考核', '2023 年考核 副本']);
    expect((await s.listWorkbooks()).map((w) => w.name).sort()).toEqual(['2023 年考核', '2023 年考核 副本']);
    // The copy is the open one, with periods of its own.
    expect(dup.periods[0]!.id).not.toBe(P);
    expect(s.periodView(dup.periods[0]!.id).ranking[0]!.totalText).toBe('85.06');
    const res = await s.deleteWorkbook(dup.workbookId);
    expect(res.workbooks.map((w) => w.name)).toEqual(['2023 年考核']);
    expect(res.state.name).toBe('2023 年考核');
  });
});
