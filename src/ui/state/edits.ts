/**
 * Sending the person's edits: journaled first (journal.ts: a closed tab or a killed browser loses
 * nothing), shown at once as typed (pending), sent with the rows the grid shows so the reply
 * repaints them, and dropped from the journal when the worker says the write landed ('written').
 */
import { batch, createSignal, type Accessor } from 'solid-js';
import type { Cell, CellChange } from '../../model';
import type { ConflictItem, EditOutcome, GridView, SessionState } from '../../service/protocol';
import type { Engine } from '../../worker-client/client';
import { PAGE_ID, journalAdd, journalRemove, nextJournalId } from './journal';

const keyOf = (c: { unitId: string; indicatorId: string }) => `${c.unitId}|${c.indicatorId}`;

/** The grid's window: which rows it shows (sent with an edit), and where the reply's rows go. */
/** A cell edited here and not yet answered by the worker: shown as typed until then (or until it expires). */
export interface PendingCell {
  cell: Cell | null;
  until: number | null;
}

export interface GridLink {
  window(periodId: string): { from: number; to: number } | null;
  /** True when the rows were taken (this version's, over the rows the page holds). */
  accept(view: GridView): boolean;
}

export interface EditDeps {
  engine: Engine;
  session: Accessor<SessionState | null>;
  periodId: Accessor<string | null>;
  conflicts: Accessor<ConflictItem[]>;
  say: (text: string, kind?: 'info' | 'warn' | 'error') => void;
  /** Run with the save indicator; errors reported once. */
  track: <T>(fn: () => Promise<T>) => Promise<T>;
  /** Conflicts to answer, the new state, the message. */
  outcome: (o: EditOutcome) => EditOutcome;
}

export function createEdits(d: EditDeps) {
  const [pending, setPending] = createSignal<Record<string, PendingCell>>({});
  /** Journal ids of edits the worker has applied but not yet written (or whose write is being retried). */
  const awaitingSave = new Set<string>();
  /** Journal ids the worker said were written, in case that word came before the edit's reply. */
  const written = new Set<string>();
  let grid: GridLink | null = null;

  const forget = (keys: string[], until: number | null) => {
    if (!keys.length) return; // a new map for nothing re-draws every row in view
    setPending((p) => {
      const next = { ...p };
      for (const k of keys) {
        if (until === null) delete next[k];
        else if (next[k]) next[k] = { ...next[k], until };
      }
      return next;
    });
  };
  const done = (id: string) => {
    awaitingSave.delete(id);
    if (!d.conflicts().some((c) => c.clientId === id)) journalRemove(id);
  };

  /** Journal, show at once, send; drop the journal entry once the worker has it on disk. */
  async function editCells(pid: string, changes: CellChange[], label: string, baseVersion: number | undefined, strict = false, workbookId?: string): Promise<EditOutcome | null> {
    const s = d.session();
    if (!s || changes.length === 0) return null;
    // An edit belongs to the workbook it was made in: never sent to another one (the worker checks again).
    if (workbookId !== undefined && workbookId !== s.workbookId) {
      d.say(`“${label}”没有保存：它是在另一个工作簿中输入的，而现在打开的是“${s.name}”。为免写错地方，未作任何改动。`, 'warn');
      return null;
    }
    const id = nextJournalId();
    journalAdd({ id, owner: PAGE_ID, workbookId: s.workbookId, periodId: pid, label, changes });
    setPending((p) => {
      const next = { ...p };
      for (const c of changes) next[keyOf(c)] = { cell: c.after, until: null };
      return next;
    });
    const window = grid?.window(pid) ?? null;
    try {
      const sent = changes.map(({ unitId, indicatorId, before, after, input }) => ({ unitId, indicatorId, before, after, ...(input?.length ? { input } : {}) }));
      const reply = await d.track(() =>
        d.engine.editCells(pid, sent, label, { ...(baseVersion !== undefined ? { baseVersion } : {}), clientId: id, ...(strict ? { strict } : {}), workbookId: s.workbookId, ...(window ? { window } : {}) }),
      );
      // The rows first, then the new state: the grid shows this version's cells without asking again.
      // One batch: the rows in view are drawn once for the reply, not once per signal it sets (three
      // times, ~6 ms each at province scale).
      const o = batch(() => {
        const taken = !!reply.grid && !!grid?.accept(reply.grid);
        const o = d.outcome(reply);
        const conflicted = new Set(o.conflicts.map(keyOf));
        forget([...conflicted], null);
        // Rows of this version taken: they show the cells, so the copies go now (not at the next view).
        forget(changes.map(keyOf).filter((k) => !conflicted.has(k)), taken && reply.grid!.version >= o.state.version ? null : o.state.version);
        return o;
      });
      if (o.conflicts.some((c) => c.clientId === id)) return o; // kept until the conflict is answered
      const wroteFirst = written.delete(id);
      if (o.saved || wroteFirst) journalRemove(id);
      else awaitingSave.add(id);
      return o;
    } catch {
      forget(changes.map(keyOf), null);
      journalRemove(id);
      return null;
    }
  }

  /** Ctrl+Z / Ctrl+Y, with the rows in view in the reply. */
  async function step(which: 'undo' | 'redo'): Promise<EditOutcome> {
    const pid = d.session() && grid ? d.periodId() : null;
    const w = pid ? grid?.window(pid) : null;
    const reply = await d.track(() => d.engine[which](w && pid ? { periodId: pid, ...w } : undefined));
    return batch(() => {
      if (reply.grid) grid?.accept(reply.grid);
      return d.outcome(reply);
    });
  }

  return {
    pending,
    editCells,
    undo: () => step('undo'),
    redo: () => step('redo'),
    /** The grid window registers here (one grid per page). */
    linkGrid(link: GridLink | null) {
      grid = link;
    },
    /** The worker wrote these edits: their journal entries can go (unless a conflict keeps one). */
    onWritten(ids: string[]) {
      for (const id of ids) {
        if (awaitingSave.has(id)) done(id);
        else written.add(id);
      }
    },
    /** Everything shown is on disk: every entry waiting for a write is done. */
    allWritten() {
      for (const id of [...awaitingSave]) done(id);
      written.clear();
    },
    /** A grid view of this version has arrived: cells it already shows need no pending copy. */
    prunePending(version: number) {
      const p = pending();
      const stale = Object.entries(p).filter(([, v]) => v.until !== null && v.until <= version);
      if (!stale.length) return;
      const next = { ...p };
      for (const [k] of stale) delete next[k];
      setPending(next);
    },
  };
}
