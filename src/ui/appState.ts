/**
 * Page-side state: which workbook and period are open, the save state, messages, conflicts to
 * answer, records set aside, and the actions that send commands to the worker (journaled first,
 * see journal.ts). The worker applies them in order; the page may send the next before the last
 * is answered.
 */
import { createSignal } from 'solid-js';
import type { Remote } from 'comlink';
import { proxy } from 'comlink';
import type { Cell, CellChange, PeriodMeta, PeriodTime } from '../model';
import type { EngineApi } from '../../workers/engine.worker';
import type { ConflictItem, Draft, EditOutcome, OpenedFile, SessionState, SetAsideInfo, WorkbookListItem, WorkerEvent } from '../app/protocol';
import { draftStatus } from './draftPolicy';
import type { PendingCell } from './grid/cellView';
import { userMessage } from './errors';
import { PAGE_ID, holdPageLock, journalAdd, journalRemove, journalRemoveRaw, lastWorkbook, livePages, nextJournalId, orphanDrafts, orphanJournal, rememberWorkbook, removeDraftKey, saveDraft } from './journal';

export type SaveState = 'saved' | 'saving' | 'unsaved';

export interface Notice {
  text: string;
  kind: 'info' | 'warn' | 'error';
  /** Technical detail, shown folded. */
  detail?: string;
}

export type { PendingCell };

const keyOf = (c: { unitId: string; indicatorId: string }) => `${c.unitId}|${c.indicatorId}`;
const sameTarget = (a: ConflictItem, b: ConflictItem) => a.workbookId === b.workbookId && a.periodId === b.periodId && a.unitId === b.unitId && a.indicatorId === b.indicatorId;

export function createAppState(engine: Remote<EngineApi>) {
  const [session, setSession] = createSignal<SessionState | null>(null);
  const [workbooks, setWorkbooks] = createSignal<WorkbookListItem[]>([]);
  const [periodId, setPeriodId] = createSignal<string | null>(null);
  const [inFlight, setInFlight] = createSignal(0);
  const [message, setMessage] = createSignal<Notice | null>(null);
  /** The period just deleted, offered back (撤销删除) from the version kept before deleting it. */
  const [deletedPeriod, setDeletedPeriod] = createSignal<{ snapshotId: string; periodId: string; label: string; workbookId: string } | null>(null);
  const [pending, setPending] = createSignal<Record<string, PendingCell>>({});
  const [conflicts, setConflicts] = createSignal<ConflictItem[]>([]);
  const [setAside, setSetAside] = createSignal<SetAsideInfo[]>([]);
  const [drafts, setDrafts] = createSignal<{ key: string; draft: Draft }[]>([]);
  /** Journal entries the worker has applied but not yet written (a failed write being retried). */
  const awaitingSave = new Set<string>();

  /** Revision last saved to a workbook file, per workbook (localStorage: it is only a reminder). */
  const fileKey = (id: string) => `kaohe-gongzuobu:file-saved:${id}`;
  const [fileRevision, setFileRevision] = createSignal<number | null>(null);
  const readFileRevision = (id: string) => {
    try {
      const v = Number(localStorage.getItem(fileKey(id)));
      setFileRevision(Number.isInteger(v) && v > 0 ? v : null);
    } catch {
      setFileRevision(null);
    }
  };

  const saveState = (): SaveState => (inFlight() > 0 ? 'saving' : (session()?.unsaved ?? 0) > 0 ? 'unsaved' : 'saved');
  let dismissTimer: ReturnType<typeof setTimeout> | undefined;
  /** Show a message; plain information fades after 8 s, warnings and errors stay until closed. */
  const say = (text: string, kind: Notice['kind'] = 'info', detail?: string) => {
    const m: Notice = { text, kind, ...(detail ? { detail } : {}) };
    setMessage(m);
    clearTimeout(dismissTimer);
    if (kind === 'info') dismissTimer = setTimeout(() => setMessage((cur) => (cur === m ? null : cur)), 8000);
  };
  const fail = (e: unknown) => {
    const m = userMessage(e);
    say(m.message, 'error', m.detail);
  };

  const adopt = (s: SessionState) => {
    if (s.workbookId !== session()?.workbookId) readFileRevision(s.workbookId);
    setSession(s);
    rememberWorkbook(s.workbookId);
    const pid = periodId();
    if (!pid || !s.periods.some((p) => p.id === pid)) setPeriodId(s.periods.at(-1)?.id ?? null);
    if (s.unsaved === 0) {
      // Everything this window shows is on disk: the journal entries waiting for it are done
      // (but for edits that became conflicts: kept until answered, even across a restart).
      for (const id of awaitingSave) if (!conflicts().some((c) => c.clientId === id)) journalRemove(id);
      awaitingSave.clear();
    }
  };

  const addConflicts = (items: ConflictItem[]) => {
    if (items.length) setConflicts((cur) => [...cur.filter((c) => !items.some((i) => sameTarget(c, i))), ...items]);
  };

  /** Errors are reported here once; the caller still sees the rejection. */
  async function track<T>(fn: () => Promise<T>): Promise<T> {
    setInFlight((n) => n + 1);
    try {
      return await fn();
    } catch (e) {
      fail(e);
      throw Object.assign(e as object, { reported: true });
    } finally {
      setInFlight((n) => n - 1);
    }
  }

  const outcome = (o: EditOutcome) => {
    addConflicts(o.conflicts);
    adopt(o.state);
    if (o.message) {
      say(o.message, 'warn');
      // A message may tell of records set aside meanwhile: the list below says which.
      void engine.setAside().then(setSetAside, () => undefined);
    }
    else if (!o.saved && o.state.saveError) say(`修改已显示但尚未写入浏览器存储：${o.state.saveError} 程序会自动重试。`, 'warn');
    return o;
  };

  const refreshLists = () => {
    void engine.listWorkbooks().then(setWorkbooks, () => undefined);
    void engine.setAside().then(setSetAside, () => undefined);
  };

  const onEvent = (ev: WorkerEvent) => {
    if (ev.type === 'conflicts') addConflicts(ev.conflicts);
    adopt(ev.state);
    if (ev.type === 'external') {
      say(ev.message);
      refreshLists();
    } else if (ev.type === 'saved') say('之前没能写入的修改已全部保存。');
    else say(ev.message, 'warn');
  };

  /** Journal, show at once, send; drop the journal entry once the worker has it on disk. */
  async function editCells(pid: string, changes: CellChange[], label: string, baseVersion: number | undefined, strict = false, workbookId?: string): Promise<EditOutcome | null> {
    const s = session();
    if (!s || changes.length === 0) return null;
    // An edit belongs to the workbook it was made in: never sent to another one (the worker checks again).
    if (workbookId !== undefined && workbookId !== s.workbookId) {
      say(`“${label}”没有保存：它是在另一个工作簿中输入的，而现在打开的是“${s.name}”。为免写错地方，未作任何改动。`, 'warn');
      return null;
    }
    const id = nextJournalId();
    journalAdd({ id, owner: PAGE_ID, workbookId: s.workbookId, periodId: pid, label, changes });
    setPending((p) => {
      const next = { ...p };
      for (const c of changes) next[keyOf(c)] = { cell: c.after, until: null };
      return next;
    });
    const forget = (keys: string[], until: number | null) =>
      setPending((p) => {
        const next = { ...p };
        for (const k of keys) {
          if (until === null) delete next[k];
          else if (next[k]) next[k] = { ...next[k], until };
        }
        return next;
      });
    try {
      const o = outcome(
        await track(() =>
          engine.editCells(
            pid,
            changes.map(({ unitId, indicatorId, before, after, input }) => ({ unitId, indicatorId, before, after, ...(input?.length ? { input } : {}) })),
            label,
            { ...(baseVersion !== undefined ? { baseVersion } : {}), clientId: id, ...(strict ? { strict } : {}), workbookId: s.workbookId },
          ),
        ),
      );
      const conflicted = new Set(o.conflicts.map(keyOf));
      forget([...conflicted], null);
      forget(changes.map(keyOf).filter((k) => !conflicted.has(k)), o.state.version);
      if (o.conflicts.some((c) => c.clientId === id)) return o; // kept until the conflict is answered
      if (o.saved) journalRemove(id);
      else awaitingSave.add(id);
      return o;
    } catch {
      forget(changes.map(keyOf), null);
      journalRemove(id);
      return null;
    }
  }

  return {
    session,
    workbooks,
    periodId,
    setPeriodId,
    saveState,
    message,
    say,
    fail,
    clearMessage: () => setMessage(null),
    pending,
    conflicts,
    setAside,
    recoveredDraft: () => drafts()[0]?.draft ?? null,

    /** A grid view of this version has arrived: cells it already shows need no pending copy. */
    prunePending(version: number) {
      const p = pending();
      const stale = Object.entries(p).filter(([, v]) => v.until !== null && v.until <= version);
      if (!stale.length) return;
      const next = { ...p };
      for (const [k] of stale) delete next[k];
      setPending(next);
    },

    async start() {
      holdPageLock();
      const [info, alive] = await Promise.all([engine.init(lastWorkbook()), livePages()]);
      setWorkbooks(info.workbooks);
      setSetAside(info.setAside);
      adopt(info.state);
      // Edits a closed tab journaled but never saw saved: apply them first (conflicts are asked).
      const { entries, unreadable } = orphanJournal(alive);
      if (entries.length) {
        const r = await engine.replayJournal(entries);
        const kept = new Set(r.conflicts.map((c) => c.clientId));
        for (const e of entries) if (!kept.has((e as { id?: string }).id)) journalRemoveRaw(e);
        adopt(r.state);
        addConflicts(r.conflicts);
        if (r.applied) say(`已恢复上次关闭前未保存完的 ${r.applied} 处修改。`);
        if (r.conflicts.length) say(`上次关闭前未保存完的修改中，有 ${r.conflicts.length} 处的单元格之后已被修改。请在“修改冲突”中选择保留哪个值。`, 'warn');
        if (r.failed.length) say(`有 ${r.failed.length} 处未保存的修改无法恢复：${r.failed.join('；')}`, 'warn');
      }
      if (unreadable) say(`浏览器中有 ${unreadable} 条无法读取的修改记录（可能被其他网页改动），已忽略。`, 'warn');
      // Text left in a cell editor: offered back only over the value it was typed over.
      const stale: string[] = [];
      const offer: { key: string; draft: Draft }[] = [];
      for (const d of orphanDrafts(alive)) {
        if (d.draft.workbookId !== info.state.workbookId) continue;
        const stored = await engine.cell(d.draft.periodId, d.draft.unitId, d.draft.indicatorId).catch(() => undefined);
        if (stored === undefined) {
          removeDraftKey(d.key);
          continue;
        }
        const status = draftStatus(d.draft, stored);
        if (status === 'offer') offer.push(d);
        else {
          removeDraftKey(d.key);
          if (status === 'stale') stale.push(`${d.draft.where} = “${d.draft.text}”`);
        }
      }
      setDrafts(offer);
      if (stale.length) say(`上次关闭时未提交的输入 ${stale.join('、')} 已过时：这些单元格之后又保存了新的值，因此没有恢复。`, 'warn');
      await engine.subscribe(proxy(onEvent));
    },

    async checkExternal() {
      const s = await engine.checkExternal();
      if (s) {
        adopt(s);
        refreshLists();
      }
    },
    refreshLists,

    editCells,

    /** `baseVersion`: the version of the scheme the user changed (the whole scheme is sent). */
    async setMeta(pid: string, meta: PeriodMeta, label: string, baseVersion: number) {
      outcome(await track(() => engine.setMeta(pid, meta, label, { baseVersion })));
    },
    undo: async () => outcome(await track(() => engine.undo())),
    redo: async () => outcome(await track(() => engine.redo())),
    async retrySaves() {
      adopt(await track(() => engine.retrySaves()));
    },

    /** Answer a conflict: keep the other window's value, or write this window's over it (knowingly). */
    async resolveConflict(item: ConflictItem, choice: 'mine' | 'theirs') {
      setConflicts((cur) => cur.filter((c) => c.id !== item.id));
      if (choice === 'mine') {
        await editCells(item.periodId, [{ unitId: item.unitId, indicatorId: item.indicatorId, before: item.theirs, after: item.mine }], `保留我的值 ${item.where}`, session()?.version, true);
      }
      if (item.clientId && !conflicts().some((c) => c.clientId === item.clientId)) journalRemove(item.clientId);
    },

    async openWorkbook(id: string) {
      adopt(await track(() => engine.openWorkbook(id)));
      refreshLists();
    },
    async createWorkbook(name: string, template: 'sample' | 'scheme' | 'blank') {
      adopt(await track(() => engine.createWorkbook(name, template)));
      setWorkbooks(await engine.listWorkbooks());
    },
    async renameWorkbook(name: string) {
      adopt(await track(() => engine.renameWorkbook(name)));
      setWorkbooks(await engine.listWorkbooks());
    },
    async duplicateWorkbook(name: string) {
      adopt(await track(() => engine.duplicateWorkbook(name)));
      setWorkbooks(await engine.listWorkbooks());
    },
    async deleteWorkbook(id: string) {
      const r = await track(() => engine.deleteWorkbook(id));
      setWorkbooks(r.workbooks);
      adopt(r.state);
    },
    /** A new period, copying `copyFrom` (the selected one by default), at `at` or the next free quarter. */
    async addPeriod(copyFrom?: string, at?: PeriodTime) {
      const r = await track(() => engine.addPeriod(copyFrom ?? periodId() ?? undefined, at));
      adopt(r.state);
      setPeriodId(r.periodId);
      if (r.message) say(r.message, 'warn');
    },
    /** Delete a period (kept first as an automatic version); the latest remaining one is shown. */
    async deletePeriod(id: string) {
      const r = await track(() => engine.deletePeriod(id));
      adopt(r.state);
      setDeletedPeriod({ ...r.restore, workbookId: r.state.workbookId });
    },
    deletedPeriod: () => {
      const d = deletedPeriod();
      return d && d.workbookId === session()?.workbookId ? d : null;
    },
    dismissDeletedPeriod: () => setDeletedPeriod(null),
    /** 撤销删除: the deleted period back, alone (the other periods keep what was done since). */
    async undoDeletePeriod() {
      const d = deletedPeriod();
      if (!d) return;
      const r = await track(() => engine.restoreDeletedPeriod(d.snapshotId, d.periodId));
      setDeletedPeriod(null);
      adopt(r.state);
      setPeriodId(r.periodId);
      say(`已恢复考核期 ${d.label}。`);
    },
    /** Give a period another year and quarter (undoable). */
    async setPeriodTime(id: string, at: PeriodTime) {
      outcome(await track(() => engine.setPeriodTime(id, at)));
    },

    /** Run a worker call with the save indicator (保存中 → 已保存). */
    run: <T,>(fn: () => Promise<T>) => track(fn),
    adoptOutcome: (o: EditOutcome) => outcome(o),
    savedToFile: () => fileRevision() !== null && fileRevision() === session()?.revision && (session()?.unsaved ?? 0) === 0,
    markSavedToFile(revision: number) {
      const s = session();
      if (!s) return;
      try {
        localStorage.setItem(fileKey(s.workbookId), String(revision));
      } catch {
        /* a reminder only */
      }
      setFileRevision(revision);
    },
    async applyImport(pid: string, token: string, choices: { units: Record<string, string>; indicators: Record<string, string> }) {
      return outcome(await track(() => engine.applyImport(pid, token, choices)));
    },
    async openWorkbookFile(token: string, mode: 'replace' | 'copy', acceptMismatch: boolean, dropRefused = false): Promise<OpenedFile> {
      const r = await track(() => engine.openWorkbookFile(token, mode, { acceptMismatch, dropRefused }));
      setWorkbooks(r.workbooks);
      readFileRevision(r.state.workbookId);
      adopt(r.state);
      // Just opened from the file: the browser copy equals the file.
      this.markSavedToFile(r.state.revision);
      return r;
    },

    async exportSetAside() {
      return track(() => engine.exportSetAside());
    },
    async deleteSetAside() {
      await track(() => engine.deleteSetAside());
      setSetAside([]);
    },

    setDraft: saveDraft,
    dismissDraft() {
      const d = drafts()[0];
      if (d) removeDraftKey(d.key);
      setDrafts((list) => list.slice(1));
    },
    async restoreDraft(applyInput: (prev: Cell | null, field: Draft['field'], text: string) => Cell | null) {
      const d = drafts()[0]?.draft;
      const s = session();
      if (d && s && s.workbookId === d.workbookId) {
        // Over the value it was typed over, or not at all (strict: a changed cell is a conflict).
        await editCells(d.periodId, [{ unitId: d.unitId, indicatorId: d.indicatorId, before: d.before, after: applyInput(d.before, d.field, d.text), input: [{ field: d.field, text: d.text }] }], `恢复输入 ${d.where}`, undefined, true, d.workbookId);
      }
      this.dismissDraft();
    },
  };
}

export type AppState = ReturnType<typeof createAppState>;
