/**
 * The page's safety net in localStorage (synchronous, so it survives a tab closed the next
 * instant): every edit is journaled before it is sent to the worker and removed once the worker
 * has committed it to IndexedDB; the text in an open cell editor is kept as a draft.
 */
import type { Cell } from '../model';
import type { JournalEntry } from '../store/service';

const PREFIX = 'kaohe-gongzuobu:';
const JOURNAL = `${PREFIX}journal:`;
const DRAFT = `${PREFIX}draft`;
const LAST = `${PREFIX}last-workbook`;

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

export function journalAdd(entry: JournalEntry): void {
  safe(() => localStorage.setItem(JOURNAL + entry.id, JSON.stringify(entry)), undefined);
}

export function journalRemove(id: string): void {
  safe(() => localStorage.removeItem(JOURNAL + id), undefined);
}

export function journalAll(): JournalEntry[] {
  return safe(() => {
    const out: JournalEntry[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (!k?.startsWith(JOURNAL)) continue;
      try {
        const e = JSON.parse(localStorage.getItem(k) ?? '') as JournalEntry;
        if (e && typeof e.id === 'string' && Array.isArray(e.changes)) out.push(e);
      } catch {
        /* a damaged entry is dropped below */
      }
    }
    return out;
  }, []);
}

/** Text typed into a cell editor but not yet committed. */
export interface Draft {
  workbookId: string;
  periodId: string;
  unitId: string;
  indicatorId: string;
  field: 'target' | 'actual' | 'manualScore';
  text: string;
  /** Labels for the recovery message. */
  where: string;
  before: Cell | null;
}

export function saveDraft(d: Draft | null): void {
  safe(() => (d ? localStorage.setItem(DRAFT, JSON.stringify(d)) : localStorage.removeItem(DRAFT)), undefined);
}

export function loadDraft(): Draft | null {
  return safe(() => {
    const raw = localStorage.getItem(DRAFT);
    if (!raw) return null;
    const d = JSON.parse(raw) as Draft;
    return d && typeof d.text === 'string' && typeof d.unitId === 'string' ? d : null;
  }, null);
}

export function rememberWorkbook(id: string): void {
  safe(() => localStorage.setItem(LAST, id), undefined);
}

export function lastWorkbook(): string | null {
  return safe(() => localStorage.getItem(LAST), null);
}
