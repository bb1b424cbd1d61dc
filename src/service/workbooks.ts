/**
 * Workbooks as wholes: start-up, open, create, rename, duplicate, delete, periods, versions, and
 * the records set aside because they failed validation. Every change runs in the one queue and
 * writes in one transaction.
 */
import { BOXES, SCHEMA_VERSION, UserError, periodLabel, readBox, type Period, type PeriodTime, type Quarter, type SnapshotContent, type TextBox, type Workbook } from '../model';
import { periodMeta } from '../engine/workbook/commands';
import { nextPeriodTime, periodFrom, movedAsOf, quarterOfMonth } from '../engine/workbook/periods';
import { renewIds } from '../engine/workbook/renew';
import { sampleWorkbook } from '../sample/daye-2023q1';
import { addPeriodRecord, deletePeriodRecord, deleteWorkbook, listWorkbooks, newId, putWorkbook, renameWorkbook, workbookExists, type WorkbookListItem } from '../store/repository';
import { deleteSetAside, exportSetAside, listSetAside } from '../store/setAside';
import { deleteSnapshot, listSnapshots, readSnapshot, readSnapshots, saveSnapshot, type SnapshotInfo } from '../store/snapshots';
import type { ChangedMessage, ServiceContext } from './context';
import { mutation, read, change } from './api';
import type { FileOut, SessionState, StartInfo, WorkerEvent } from './protocol';
import { withoutRefused } from './gate';
import { WorkbookSession } from './session';

/** A name from a box, judged by its box (never cut short silently): trimmed, or the fallback when empty. */
function boxName(box: TextBox, name: string, fallback: string): string {
  const r = readBox(box, String(name ?? ''));
  if (!r.ok) {
    if (!String(name ?? '').trim()) return fallback;
    throw new UserError(`${r.reason}，未改动。`);
  }
  return r.value || fallback;
}

/**
 * When a period is, as the page sends it, made whole and checked: a month brings its quarter, a
 * name is trimmed; refused in Chinese when out of range, or when its name (2024年一季度, or the
 * name given) is taken already — two periods are never told apart by id alone.
 */
function checkPeriodTime(at: PeriodTime, periods: readonly Period[], except?: string): PeriodTime {
  if (!Number.isInteger(at.year) || at.year < 2000 || at.year > 2100) throw new UserError(`年份“${at.year}”无效，应为 2000–2100 之间的整数。`);
  if (at.month !== undefined && !(Number.isInteger(at.month) && at.month >= 1 && at.month <= 12)) throw new UserError(`月份“${at.month}”无效，应为 1–12 月。`);
  if (at.month === undefined && ![1, 2, 3, 4].includes(at.quarter)) throw new UserError(`季度“${at.quarter}”无效，应为一至四季度。`);
  const named = readBox(BOXES.periodName, at.label ?? '');
  if (!named.ok) throw new UserError(`${named.reason}，未改动。`);
  const label = named.value;
  const out: PeriodTime = { year: at.year, quarter: at.month ? quarterOfMonth(at.month) : at.quarter, ...(at.month ? { month: at.month } : {}), ...(label ? { label } : {}) };
  const same = periods.find((p) => p.id !== except && periodLabel(p) === periodLabel(out));
  if (same) throw new UserError(`本工作簿已有 ${periodLabel(same)}，未改动。${label ? '请换一个名称。' : '如需同一时间的第二个考核期，请另起名称。'}`);
  return out;
}

/** The workbooks as listed, and the one now open. */
export interface Listed {
  workbooks: WorkbookListItem[];
  state: SessionState;
}

export function workbookApi(ctx: ServiceContext) {
  const open = async (id: string): Promise<SessionState> => {
    const s = await WorkbookSession.open(ctx.db(), id);
    ctx.setSession(s);
    return s.state();
  };

  /** A fresh sample: its own ids, never another workbook's. */
  const freshSample = (name?: string): Workbook => ({ ...sampleWorkbook(), id: newId('wb'), ...(name ? { name } : {}) });

  const list = async () => (await listWorkbooks(ctx.db())).items;

  /** What a change of the list replies with: the list as it now is, and the open workbook — the page asks nothing after. */
  const listed = async (state: SessionState): Promise<Listed> => ({ workbooks: await list(), state });

  /** Open something after the open workbook went away: the most recent, or a new sample. */
  const openAny = async (): Promise<Listed> => {
    let items = await list();
    if (items.length === 0) {
      await putWorkbook(ctx.db(), freshSample(), { create: true });
      items = await list();
    }
    return { workbooks: items, state: await open(items[0]!.id) };
  };

  const catchUp = async (): Promise<SessionState | null> => {
    if (!ctx.hasSession) return null;
    const s = ctx.session();
    if (!(await workbookExists(ctx.db(), s.workbook.id))) {
      // Deleted in another window: open another one rather than show a workbook that is gone.
      const name = s.workbook.name;
      ctx.setSession(null);
      const { state } = await openAny();
      ctx.emit({ type: 'external', state, message: `工作簿“${name}”已在另一窗口中删除，已打开“${state.name}”。` });
      return state;
    }
    if (!(await s.catchUp())) return null;
    const found = s.takeFound();
    const state = s.state();
    const ev: WorkerEvent = found.conflicts.length
      ? { type: 'conflicts', state, conflicts: found.conflicts, message: '另一窗口修改了您尚未保存的单元格，请在“修改冲突”中选择保留哪个值。' }
      : { type: 'external', state, message: '另一窗口修改了此工作簿，已载入最新内容。' };
    ctx.emit(ev);
    return state;
  };

  if (ctx.options.channel) {
    ctx.options.channel.onmessage = (ev) => {
      const m = ev.data as ChangedMessage | null;
      if (m?.type !== 'changed' || m.from === ctx.instance || !ctx.hasSession) return;
      const s = ctx.session();
      if (m.workbookId === s.workbook.id && m.revision > s.revision) void ctx.queue.run(catchUp).catch(() => undefined);
    };
  }

  /**
   * Open storage (migrating it if it is older; refusing it if it is newer), set aside records
   * that fail validation, store a sample on a first run, and open `preferredId` or the most recent.
   */
  async function init(preferredId?: string | null): Promise<StartInfo> {
    await ctx.openDb();
    let items = await list();
    if (items.length === 0) {
      await putWorkbook(ctx.db(), freshSample(), { create: true });
      items = await list();
    }
    const id = items.find((w) => w.id === preferredId)?.id ?? items[0]!.id;
    const state = await open(id);
    return { workbooks: items, state, setAside: await listSetAside(ctx.db()), ...(ctx.storageRefused ? { storageRefused: ctx.storageRefused } : {}) };
  }

  /** (Reading may repair or set aside a damaged record: a change, so it queues too.) */
  function workbookList(): Promise<WorkbookListItem[]> {
    return list();
  }

  async function openWorkbook(id: string): Promise<SessionState> {
    await ctx.requireSaved('切换工作簿');
    return open(id);
  }

  async function createWorkbook(name: string, template: 'sample' | 'scheme' | 'blank'): Promise<Listed> {
    await ctx.requireSaved('新建工作簿');
    const title = boxName(BOXES.workbookName, name, '新考核工作簿');
    let wb: Workbook;
    if (template === 'sample') wb = freshSample(title);
    else {
      const src = ctx.hasSession ? ctx.session().workbook.periods.at(-1) : undefined;
      const base = structuredClone(src ?? sampleWorkbook().periods[0]!);
      const period = { ...base, id: newId('period'), cells: {} };
      delete period.publishedTotals;
      delete period.scenarios;
      if (template === 'blank') {
        period.units = [];
        period.indicators = [];
      }
      wb = { schemaVersion: SCHEMA_VERSION, id: newId('wb'), name: title, periods: [period] };
    }
    await putWorkbook(ctx.db(), wb, { create: true });
    return listed(await open(wb.id));
  }

  async function rename(name: string): Promise<Listed> {
    const s = ctx.session();
    const r = readBox(BOXES.workbookName, String(name ?? ''));
    if (!r.ok) throw new UserError(`${r.reason}，未改动。`);
    const trimmed = r.value;
    await ctx.requireSaved('重命名');
    await s.catchUp();
    s.revision = await renameWorkbook(ctx.db(), s.workbook.id, trimmed);
    s.workbook.name = trimmed;
    s.version++;
    return listed(s.state());
  }

  /** A deep copy: new ids for the workbook, its periods and scenarios; its versions copied too. */
  async function duplicateWorkbook(name: string): Promise<Listed> {
    const s = ctx.session();
    await ctx.requireSaved('复制工作簿');
    const { snapshots } = await readSnapshots(ctx.db(), s.workbook.id);
    const contents: SnapshotContent[] = snapshots.map(({ name: n, createdAt, auto, workbook }) => ({ name: n, createdAt, auto, workbook }));
    const copy = renewIds(s.workbook, contents, newId, boxName(BOXES.workbookName, name, `${s.workbook.name}（副本）`));
    await putWorkbook(ctx.db(), copy.workbook, { create: true, snapshots: copy.snapshots });
    return listed(await open(copy.workbook.id));
  }

  /** Delete a workbook and only its own records; the open one is replaced by another. */
  async function remove(id: string): Promise<Listed> {
    await deleteWorkbook(ctx.db(), id);
    if (ctx.hasSession && ctx.session().workbook.id !== id) return listed(ctx.session().state());
    ctx.setSession(null);
    return openAny();
  }

  /**
   * A new period copying `copyFromId`'s units, indicators, rules and targets (actuals empty): for
   * the year and quarter given (refused when the workbook has it already), else the first free
   * quarter after the one copied.
   */
  async function addPeriod(copyFromId?: string, at?: PeriodTime): Promise<{ state: SessionState; periodId: string; message?: string }> {
    const s = ctx.session();
    await ctx.requireSaved('新增考核期');
    await s.catchUp();
    const when = at ? checkPeriodTime(at, s.workbook.periods) : null;
    const prev = copyFromId ? s.period(copyFromId) : s.workbook.periods.at(-1);
    let period: Period;
    if (prev) {
      // Without a time given: the first free one after the period copied (month after month, quarter after quarter).
      let t = when ?? nextPeriodTime(prev);
      if (!when) while (s.workbook.periods.some((p) => periodLabel(p) === periodLabel(t))) t = nextPeriodTime(t);
      period = periodFrom(prev, newId('period'), t.year, t.quarter, { month: t.month, label: t.label });
    } else {
      const d = new Date();
      const t = when ?? { year: d.getFullYear(), quarter: (Math.floor(d.getMonth() / 3) + 1) as Quarter };
      period = { id: newId('period'), ...t, asOf: '', area: '', units: [], indicators: [], cells: {} };
    }
    // The year's plan, wherever in the year it is held (the period copied may be of another year).
    const yearPlan = s.workbook.periods.find((p) => p.year === period.year && p.plan)?.plan;
    if (yearPlan) period.plan = structuredClone(yearPlan);
    // Targets carried over pass the value policy too: one an older build let in is not copied (and is named).
    const { workbook: clean, dropped } = withoutRefused({ schemaVersion: SCHEMA_VERSION, id: s.workbook.id, name: '', periods: [period] });
    period = clean.periods[0]!;
    await addPeriodRecord(ctx.db(), s.workbook.id, period);
    await s.rebase();
    const message = dropped ? `${prev ? periodLabel(prev) : ''}中有 ${dropped} 个任务数不符合填报要求（见“数据有误”），没有复制到新的考核期，请补填。` : undefined;
    return { state: s.state(), periodId: period.id, ...(message ? { message } : {}) };
  }

  /**
   * Give a period another year and quarter (a period made for the wrong quarter): one undoable
   * step. The 截至 date follows when it was the quarter's end.
   */
  async function setPeriodTime(periodId: string, at: PeriodTime) {
    const s = ctx.session();
    await s.catchUp();
    const t = checkPeriodTime(at, s.workbook.periods, periodId);
    const p = s.period(periodId);
    const meta = structuredClone(periodMeta(p));
    meta.asOf = movedAsOf(meta.asOf, p, t);
    meta.year = t.year;
    meta.quarter = t.quarter;
    delete meta.month;
    delete meta.label;
    if (t.month) meta.month = t.month;
    if (t.label) meta.label = t.label;
    const out = await s.setMeta(periodId, meta, `${periodLabel(p)} 改为 ${periodLabel(t)}`);
    return out;
  }

  /**
   * Delete a period (not the only one). The workbook as it was is kept as an automatic version
   * in the same transaction, so the period can be restored from 版本.
   */
  async function deletePeriod(periodId: string): Promise<{ state: SessionState; restore: { snapshotId: string; periodId: string; label: string } }> {
    const s = ctx.session();
    await ctx.requireSaved('删除考核期');
    await s.catchUp();
    const p = s.period(periodId);
    if (s.workbook.periods.length < 2) throw new UserError(`${periodLabel(p)} 是本工作簿唯一的考核期，不能删除。`);
    const { snapshotId } = await deletePeriodRecord(ctx.db(), s.workbook.id, periodId, `删除${periodLabel(p)}之前自动保存`);
    s.forgetPeriod(periodId);
    await s.rebase();
    return { state: s.state(), restore: { snapshotId, periodId, label: periodLabel(p) } };
  }

  /**
   * 撤销删除: put a deleted period back — only it, as the automatic version kept it, so what was
   * changed in the other periods since stays. Refused when it is back already or its name is taken.
   */
  async function restoreDeletedPeriod(snapshotId: string, periodId: string): Promise<{ state: SessionState; periodId: string }> {
    const s = ctx.session();
    await ctx.requireSaved('恢复考核期');
    await s.catchUp();
    if (s.workbook.periods.some((p) => p.id === periodId)) throw new UserError('该考核期已经恢复，未改动。');
    const snap = await readSnapshot(ctx.db(), s.workbook.id, snapshotId);
    const period = snap.workbook.periods.find((p) => p.id === periodId);
    if (!period) throw new UserError('删除前自动保存的版本中没有该考核期（可能已被删除），无法恢复。');
    const taken = s.workbook.periods.find((p) => periodLabel(p) === periodLabel(period));
    if (taken) throw new UserError(`本工作簿已有 ${periodLabel(taken)}，不能再恢复同名的考核期。请先改期或删除它，或在“版本”页恢复整个工作簿。`);
    await addPeriodRecord(ctx.db(), s.workbook.id, structuredClone(period));
    await s.rebase();
    return { state: s.state(), periodId };
  }

  async function createSnapshot(name: string): Promise<SnapshotInfo> {
    await ctx.requireSaved('保存版本');
    return saveSnapshot(ctx.db(), ctx.session().workbook, boxName(BOXES.versionName, name, '未命名版本'));
  }

  function snapshots(): Promise<SnapshotInfo[]> {
    return listSnapshots(ctx.db(), ctx.session().workbook.id);
  }

  /** Restore a version; the current state is kept as an automatic version, in the same transaction. */
  async function restoreSnapshot(id: string): Promise<SessionState> {
    const s = ctx.session();
    await ctx.requireSaved('恢复版本');
    const snap = await readSnapshot(ctx.db(), s.workbook.id, id);
    await putWorkbook(ctx.db(), { ...structuredClone(snap.workbook), id: s.workbook.id, name: s.workbook.name }, { autoSnapshot: `恢复“${snap.name}”之前自动保存` });
    const state = await open(s.workbook.id);
    return state;
  }

  function dropSnapshot(id: string): Promise<void> {
    return deleteSnapshot(ctx.db(), ctx.session().workbook.id, id);
  }

  /** Records set aside because they failed validation (with what they were and why). */
  function aside() {
    return listSetAside(ctx.db());
  }

  async function exportAside(): Promise<FileOut> {
    return { fileName: `考核工作簿-已移到一边的记录-${new Date().toISOString().slice(0, 10)}.json`, bytes: await exportSetAside(ctx.db()) };
  }

  function dropAside(ids?: string[]): Promise<void> {
    return deleteSetAside(ctx.db(), ids);
  }

  /** Poll (and the page's focus) backstop for the broadcast: the new state if another tab wrote. */
  function checkExternal(): Promise<SessionState | null> {
    return catchUp();
  }

  /** Where the page hears of other windows' commits, retried saves and conflicts found later. */
  function subscribe(cb: (ev: WorkerEvent) => void): void {
    ctx.listen(cb);
  }

  return {
    init: mutation(ctx.queue, init),
    listWorkbooks: mutation(ctx.queue, workbookList),
    openWorkbook: mutation(ctx.queue, openWorkbook),
    createWorkbook: mutation(ctx.queue, createWorkbook),
    renameWorkbook: change(ctx, rename),
    duplicateWorkbook: mutation(ctx.queue, duplicateWorkbook),
    deleteWorkbook: mutation(ctx.queue, remove),
    addPeriod: change(ctx, addPeriod),
    setPeriodTime: change(ctx, setPeriodTime),
    deletePeriod: change(ctx, deletePeriod),
    restoreDeletedPeriod: change(ctx, restoreDeletedPeriod),
    createSnapshot: mutation(ctx.queue, createSnapshot),
    listSnapshots: mutation(ctx.queue, snapshots),
    restoreSnapshot: change(ctx, restoreSnapshot),
    deleteSnapshot: mutation(ctx.queue, dropSnapshot),
    setAside: read(aside),
    exportSetAside: read(exportAside),
    deleteSetAside: mutation(ctx.queue, dropAside),
    checkExternal: mutation(ctx.queue, checkExternal),
    subscribe: read(subscribe),
  };
}
