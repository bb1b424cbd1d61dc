/**
 * Page-side state: which workbook and period are open, the save state, messages, conflicts to
 * answer, records set aside, and the actions that send commands to the worker (journaled first,
 * see journal.ts). The worker applies them in order; the page may send the next before the last
 * is answered.
 */
import type { BulletinPatch } from '../../service/protocol';
import { batch, createEffect, createMemo, createSignal, untrack } from 'solid-js';
import * as v from 'valibot';
import { preference } from '../shared/preference';
import type { Cell, PeriodMeta, PeriodTime } from '../../model';
import { progress, subscribe, type Engine } from '../../worker-client/client';
import type { ConflictItem, Draft, EditOutcome, OpenedFile, SessionState, SetAsideInfo, WorkbookListItem, WorkerEvent } from '../../service/protocol';
import type { PendingCell } from './edits';
import { createEdits } from './edits';
import { userMessage } from '../shared/errors';
import { journalRemove, rememberWorkbook, removeDraftKey, saveDraft } from './journal';
import { lastPeriod, rememberPeriod } from './lastPlace';
import { recover } from './recover';

export type SaveState = 'saved' | 'saving' | 'unsaved';

export interface Notice {
  text: string;
  kind: 'info' | 'warn' | 'error';
  /** Technical detail, shown folded. */
  detail?: string;
}

export type { PendingCell };

const sameTarget = (a: ConflictItem, b: ConflictItem) => a.workbookId === b.workbookId && a.periodId === b.periodId && a.unitId === b.unitId && a.indicatorId === b.indicatorId;

/** The workbook's revision last saved to a file, per workbook (kaohe-gongzuobu:file-saved:<id>). */
const fileSaved = preference('file-saved', v.pipe(v.number(), v.integer(), v.minValue(1)));

export function createAppState(engine: Engine) {
  const [session, setSession] = createSignal<SessionState | null>(null);
  const [workbooks, setWorkbooks] = createSignal<WorkbookListItem[]>([]);
  const [periodId, setPeriodId] = createSignal<string | null>(null);
  const [inFlight, setInFlight] = createSignal(0);
  // The period viewed is remembered per workbook, so the app reopens on it.
  const place = createMemo(() => {
    const s = session();
    const p = periodId();
    return s && p && s.periods.some((x) => x.id === p) ? `${s.workbookId}\u0000${p}` : null;
  });
  createEffect(() => {
    const at = place();
    if (at) rememberPeriod(at.split('\u0000')[0]!, at.split('\u0000')[1]!);
  });
  const [message, setMessage] = createSignal<Notice | null>(null);
  /** The period just deleted, offered back (撤销删除) from the version kept before deleting it. */
  const [deletedPeriod, setDeletedPeriod] = createSignal<{ snapshotId: string; periodId: string; label: string; workbookId: string } | null>(null);
  const [conflicts, setConflicts] = createSignal<ConflictItem[]>([]);
  const [setAside, setSetAside] = createSignal<SetAsideInfo[]>([]);
  const [storageRefused, setStorageRefused] = createSignal<string | null>(null);
  const [drafts, setDrafts] = createSignal<{ key: string; draft: Draft }[]>([]);

  /** Revision last saved to a workbook file, per workbook (a preference: it is only a reminder). */
  const [fileRevision, setFileRevision] = createSignal<number | null>(null);
  const readFileRevision = (id: string) => setFileRevision(fileSaved.read(id) ?? null);

  // An edit is answered before its write lands: 保存中 until it does, 未保存 only when a write failed.
  const saveState = (): SaveState => {
    const s = session();
    const waiting = (s?.unsaved ?? 0) > 0;
    if (inFlight() > 0 || (waiting && !s?.saveError)) return 'saving';
    return waiting ? 'unsaved' : 'saved';
  };
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

  // One batch: views never see the new workbook with the old one's period (a copy has new ids).
  const adopt = (s: SessionState) => batch(() => {
    if (s.workbookId !== session()?.workbookId) readFileRevision(s.workbookId);
    setSession(s);
    rememberWorkbook(s.workbookId);
    const pid = untrack(periodId);
    if (!pid || !s.periods.some((p) => p.id === pid)) setPeriodId(lastPeriod(s.workbookId, s.periods.map((p) => p.id)) ?? s.periods.at(-1)?.id ?? null);
    // Everything this window shows is on disk: the journal entries waiting for it are done
    // (but for edits that became conflicts: kept until answered, even across a restart).
    if (s.unsaved === 0) edits.allWritten();
  });

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

  /** A change asked for from a box that shows its own refusal (shared/CheckedBox): not told again as a notice. */
  async function trackAtBox<T>(fn: () => Promise<T>): Promise<T> {
    setInFlight((n) => n + 1);
    try {
      return await fn();
    } finally {
      setInFlight((n) => n - 1);
    }
  }

  /** The last write failure told: said once, not at every retry. */
  let toldError: string | null = null;
  const outcome = (o: EditOutcome) => {
    addConflicts(o.conflicts);
    adopt(o.state);
    if (o.message) {
      say(o.message, 'warn');
      // A message may tell of records set aside meanwhile: the list below says which.
      void engine.setAside().then(setSetAside, () => undefined);
    }
    else if (!o.saved && o.state.saveError && o.state.saveError !== toldError) {
      say(`修改已显示但尚未写入浏览器存储：${o.state.saveError} 程序会自动重试。`, 'warn');
      toldError = o.state.saveError;
    }
    return o;
  };
  const edits = createEdits({ engine, session, periodId, conflicts, say, track, outcome });

  const refreshLists = () => {
    void engine.listWorkbooks().then(setWorkbooks, () => undefined);
    void engine.setAside().then(setSetAside, () => undefined);
  };

  const onEvent = (ev: WorkerEvent) => {
    if (ev.type === 'conflicts') addConflicts(ev.conflicts);
    if (ev.type === 'written') edits.onWritten(ev.written);
    adopt(ev.state);
    if (ev.type === 'external') {
      say(ev.message);
      refreshLists();
    } else if (ev.type === 'saved') say('之前没能写入的修改已全部保存。');
    else if (ev.type === 'conflicts') say(ev.message, 'warn');
    const failing = ev.state.unsaved > 0 ? ev.state.saveError : null;
    if (failing && failing !== toldError) say(`修改已显示但尚未写入浏览器存储：${failing} 程序会自动重试。`, 'warn');
    toldError = failing;
  };

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
    pending: edits.pending,
    prunePending: edits.prunePending,
    linkGrid: edits.linkGrid,
    conflicts,
    setAside,
    /** Why the browser's data is left alone (a newer build wrote it), or null. */
    storageRefused,
    recoveredDraft: () => drafts()[0]?.draft ?? null,

    /** Open the last workbook, then what a closed tab left: journaled edits, then drafts; then listen. */
    async start() {
      await recover({ engine, adopt, setWorkbooks, setSetAside, addConflicts, say, setDrafts, setStorageRefused });
      await subscribe(onEvent);
    },

    async checkExternal() {
      const s = await engine.checkExternal();
      if (s) {
        adopt(s);
        refreshLists();
      }
    },
    refreshLists,

    editCells: edits.editCells,

    /**
     * A setting changed at its box (规则, 目标分解表): the whole scheme is sent with the one the user
     * saw (`seenMeta`, at `baseVersion`), and the worker applies only what changed — a second box
     * kept before the first one's reply does not undo it. A refusal is the box's to show.
     */
    async setMetaAtBox(pid: string, meta: PeriodMeta, label: string, baseVersion: number, seenMeta: PeriodMeta) {
      outcome(await trackAtBox(() => engine.setMeta(pid, meta, label, { baseVersion, seenMeta })));
    },
    /** 行动名称 for every period of the year (one undoable step); a refusal is the box's to show. */
    async setActionName(pid: string, name: string) {
      outcome(await trackAtBox(() => engine.setActionName(pid, name)));
    },
    async saveBulletinAtBox(pid: string, patch: BulletinPatch, label: string) {
      outcome(await trackAtBox(() => engine.saveBulletin(pid, patch, label)));
    },
    /** Keep the 通报 as edited (one undoable step). */
    async saveBulletin(pid: string, patch: BulletinPatch, label: string) {
      outcome(await track(() => engine.saveBulletin(pid, patch, label)));
    },
    undo: edits.undo,
    redo: edits.redo,
    async retrySaves() {
      adopt(await track(() => engine.retrySaves()));
    },

    /** Answer a conflict: keep the other window's value, or write this window's over it (knowingly). */
    async resolveConflict(item: ConflictItem, choice: 'mine' | 'theirs') {
      setConflicts((cur) => cur.filter((c) => c.id !== item.id));
      if (choice === 'mine') {
        await edits.editCells(item.periodId, [{ unitId: item.unitId, indicatorId: item.indicatorId, before: item.theirs, after: item.mine }], `保留我的值 ${item.where}`, session()?.version, true);
      }
      if (item.clientId && !conflicts().some((c) => c.clientId === item.clientId)) journalRemove(item.clientId);
    },

    async openWorkbook(id: string) {
      adopt(await track(() => engine.openWorkbook(id)));
      refreshLists();
    },
    async createWorkbook(name: string, template: 'sample' | 'scheme' | 'blank') {
      const r = await track(() => engine.createWorkbook(name, template));
      setWorkbooks(r.workbooks);
      adopt(r.state);
    },
    async renameWorkbook(name: string) {
      const r = await track(() => engine.renameWorkbook(name));
      setWorkbooks(r.workbooks);
      adopt(r.state);
    },
    async duplicateWorkbook(name: string) {
      const r = await track(() => engine.duplicateWorkbook(name));
      setWorkbooks(r.workbooks);
      adopt(r.state);
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
    /** A change asked for at a box (年度计划): its outcome adopted, a refusal left for the box to show. */
    async changeAtBox(fn: () => Promise<EditOutcome>) {
      outcome(await trackAtBox(fn));
    },
    adoptOutcome: (o: EditOutcome) => outcome(o),
    savedToFile: () => fileRevision() !== null && fileRevision() === session()?.revision && (session()?.unsaved ?? 0) === 0,
    markSavedToFile(revision: number) {
      const s = session();
      if (!s) return;
      fileSaved.write(s.workbookId, revision);
      setFileRevision(revision);
    },
    async applyImport(pid: string, token: string, choices: { units: Record<string, string>; indicators: Record<string, string> }) {
      return outcome(await track(() => engine.applyImport(pid, token, choices)));
    },
    async openWorkbookFile(token: string, mode: 'replace' | 'copy', acceptMismatch: boolean, dropRefused = false, onProgress?: (step: string) => void): Promise<OpenedFile> {
      const r = await track(() => engine.openWorkbookFile(token, mode, { acceptMismatch, dropRefused }, onProgress && progress(onProgress)));
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
        await edits.editCells(d.periodId, [{ unitId: d.unitId, indicatorId: d.indicatorId, before: d.before, after: applyInput(d.before, d.field, d.text), input: [{ field: d.field, text: d.text }] }], `恢复输入 ${d.where}`, undefined, true, d.workbookId);
      }
      this.dismissDraft();
    },
  };
}

export type AppState = ReturnType<typeof createAppState>;
