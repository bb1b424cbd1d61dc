/**
 * Page-side state: which workbook and period are open, the save state, messages, and the
 * actions that send commands to the worker (journaled first, see journal.ts).
 */
import { createSignal } from 'solid-js';
import type { Remote } from 'comlink';
import { proxy } from 'comlink';
import type { Cell, CellChange, PeriodMeta } from '../model';
import type { EngineApi } from '../../workers/engine.worker';
import type { EditOutcome, SessionState } from '../store/session';
import type { WorkbookListItem } from '../store/repository';
import { journalAdd, journalAll, journalRemove, lastWorkbook, loadDraft, rememberWorkbook, saveDraft, type Draft } from './journal';

export type SaveState = 'saved' | 'saving' | 'error';

export function createAppState(engine: Remote<EngineApi>) {
  const [session, setSession] = createSignal<SessionState | null>(null);
  const [workbooks, setWorkbooks] = createSignal<WorkbookListItem[]>([]);
  const [periodId, setPeriodId] = createSignal<string | null>(null);
  const [inFlight, setInFlight] = createSignal(0);
  const [failed, setFailed] = createSignal(false);
  const [message, setMessage] = createSignal<{ text: string; kind: 'info' | 'warn' | 'error' } | null>(null);
  const [recoveredDraft, setRecoveredDraft] = createSignal<Draft | null>(null);
  /** Cells edited but not yet back from the worker, shown at once (key: unitId|indicatorId). */
  const [pending, setPending] = createSignal<Record<string, Cell | null>>({});

  /** Revision last saved to a workbook file, per workbook (localStorage: it is only a reminder). */
  const fileKey = (id: string) => `kaohe-gongzuobu:file-saved:${id}`;
  const [fileRevision, setFileRevision] = createSignal<number | null>(null);
  const readFileRevision = (id: string) => {
    try {
      const v = localStorage.getItem(fileKey(id));
      setFileRevision(v === null ? null : Number(v));
    } catch {
      setFileRevision(null);
    }
  };

  const saveState = (): SaveState => (failed() ? 'error' : inFlight() > 0 ? 'saving' : 'saved');
  let dismissTimer: ReturnType<typeof setTimeout> | undefined;
  /** Show a message; plain information fades after 8 s, warnings and errors stay until closed. */
  const say = (text: string, kind: 'info' | 'warn' | 'error' = 'info') => {
    const m = { text, kind };
    setMessage(m);
    clearTimeout(dismissTimer);
    if (kind === 'info') dismissTimer = setTimeout(() => setMessage((cur) => (cur === m ? null : cur)), 8000);
  };

  const adopt = (s: SessionState) => {
    if (s.workbookId !== session()?.workbookId) readFileRevision(s.workbookId);
    setSession(s);
    rememberWorkbook(s.workbookId);
    const pid = periodId();
    if (!pid || !s.periods.some((p) => p.id === pid)) setPeriodId(s.periods.at(-1)?.id ?? null);
  };

  async function track<T>(fn: () => Promise<T>): Promise<T> {
    setInFlight((n) => n + 1);
    try {
      const r = await fn();
      setFailed(false);
      return r;
    } catch (e) {
      setFailed(true);
      say(`保存失败：${(e as Error).message}`, 'error');
      throw e;
    } finally {
      setInFlight((n) => n - 1);
    }
  }

  const outcome = (o: EditOutcome) => {
    adopt(o.state);
    if (!o.ok) say(o.message, 'warn');
    return o;
  };

  return {
    session,
    workbooks,
    periodId,
    setPeriodId,
    saveState,
    message,
    say,
    clearMessage: () => setMessage(null),
    pending,
    recoveredDraft,

    async start() {
      // Edits a closed tab journaled but never saw saved: apply them first.
      const { workbooks: list, state } = await engine.init(lastWorkbook());
      const entries = journalAll();
      if (entries.length) {
        const r = await engine.replayJournal(entries);
        entries.forEach((e) => journalRemove(e.id));
        if (r.applied) say(`已恢复上次关闭前未保存完的 ${r.applied} 处修改。`);
        if (r.failed.length) say(`有 ${r.failed.length} 处未保存的修改无法恢复：${r.failed.join('；')}`, 'warn');
      }
      setWorkbooks(list);
      adopt(await engine.state());
      void state;
      // A draft whose text the store already holds (its edit was journaled and replayed) is done with.
      const draft = loadDraft();
      if (draft && draft.workbookId === state.workbookId) {
        const stored = await engine.cell(draft.periodId, draft.unitId, draft.indicatorId).catch(() => null);
        const raw = stored?.[draft.field];
        if (raw !== undefined && raw !== null && String(raw) === draft.text.trim()) saveDraft(null);
        else setRecoveredDraft(draft);
      } else setRecoveredDraft(draft);
      await engine.onExternalChange(
        proxy((s: SessionState, msg: string) => {
          adopt(s);
          say(msg);
        }),
      );
    },

    async checkExternal() {
      const s = await engine.checkExternal();
      if (s) {
        adopt(s);
        say('另一窗口修改了此工作簿，已载入最新内容。');
      }
    },

    /** Journal, show at once, commit in the worker, then drop the journal entry. */
    async editCells(pid: string, changes: CellChange[], label: string) {
      const s = session();
      if (!s || changes.length === 0) return;
      const id = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
      journalAdd({ id, workbookId: s.workbookId, periodId: pid, label, changes });
      setPending((p) => {
        const next = { ...p };
        for (const c of changes) next[`${c.unitId}|${c.indicatorId}`] = c.after;
        return next;
      });
      try {
        outcome(await track<EditOutcome>(() => engine.editCells(pid, changes.map(({ unitId, indicatorId, after }) => ({ unitId, indicatorId, after })), label)));
        journalRemove(id);
      } finally {
        setPending((p) => {
          const next = { ...p };
          for (const c of changes) delete next[`${c.unitId}|${c.indicatorId}`];
          return next;
        });
      }
    },

    async setMeta(pid: string, meta: PeriodMeta, label: string) {
      outcome(await track<EditOutcome>(() => engine.setMeta(pid, meta, label)));
    },
    undo: async () => outcome(await track<EditOutcome>(() => engine.undo())),
    redo: async () => outcome(await track<EditOutcome>(() => engine.redo())),

    async openWorkbook(id: string) {
      setPeriodId(null);
      adopt(await engine.openWorkbook(id));
    },
    async createWorkbook(name: string, template: 'sample' | 'scheme' | 'blank') {
      setPeriodId(null);
      adopt(await track(() => engine.createWorkbook(name, template)));
      setWorkbooks(await engine.listWorkbooks());
    },
    async renameWorkbook(name: string) {
      adopt(await track(() => engine.renameWorkbook(name)));
      setWorkbooks(await engine.listWorkbooks());
    },
    async duplicateWorkbook(name: string) {
      setPeriodId(null);
      adopt(await track(() => engine.duplicateWorkbook(name)));
      setWorkbooks(await engine.listWorkbooks());
    },
    async deleteWorkbook(id: string) {
      const r = await track(() => engine.deleteWorkbook(id));
      setPeriodId(null);
      setWorkbooks(r.workbooks);
      adopt(r.state);
    },
    async addPeriod() {
      const r = await track(() => engine.addPeriod(periodId() ?? undefined));
      adopt(r.state);
      setPeriodId(r.periodId);
    },

    /** Run a worker call with the save indicator (保存中 → 已保存). */
    run: <T,>(fn: () => Promise<T>) => track(fn),
    adoptOutcome: (o: EditOutcome) => outcome(o),
    savedToFile: () => fileRevision() !== null && fileRevision() === session()?.revision,
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
      return outcome(await track<EditOutcome>(() => engine.applyImport(pid, token, choices)));
    },
    async openWorkbookFile(token: string, mode: 'replace' | 'copy') {
      const r = await track(() => engine.openWorkbookFile(token, mode));
      setPeriodId(null);
      setWorkbooks(r.workbooks);
      readFileRevision(r.state.workbookId);
      adopt(r.state);
      // Just opened from the file: the browser copy equals the file.
      this.markSavedToFile(r.state.revision);
    },

    setDraft: saveDraft,
    dismissDraft() {
      saveDraft(null);
      setRecoveredDraft(null);
    },
    async restoreDraft(applyInput: (prev: Cell | null, field: Draft['field'], text: string) => Cell | null) {
      const d = recoveredDraft();
      if (!d) return;
      const s = session();
      if (s && s.workbookId === d.workbookId) {
        const current = await engine.cell(d.periodId, d.unitId, d.indicatorId);
        await this.editCells(d.periodId, [{ unitId: d.unitId, indicatorId: d.indicatorId, before: current, after: applyInput(current, d.field, d.text) }], `恢复输入 ${d.where}`);
      }
      this.dismissDraft();
    },
  };
}

export type AppState = ReturnType<typeof createAppState>;
