/**
 * The page's safety net in localStorage (synchronous, so it survives a tab closed the next
 * instant): every edit is journaled before it is sent to the worker and removed once the worker
 * has written it to IndexedDB; the text in an open cell editor is kept as a draft.
 *
 * localStorage is shared by every file:// page of the profile, so each entry names its owner
 * (this page), each page keeps a heartbeat, and only entries whose owner is gone are replayed or
 * offered — never a live tab's edit in flight. Everything read back is validated.
 */
import { DraftSchema, check, type Draft, type JournalEntry } from '../model';

const PREFIX = 'kaohe-gongzuobu:';
const JOURNAL = `${PREFIX}journal:`;
const DRAFT = `${PREFIX}draft:`;
/** The first build kept one draft under this key: still read, so nothing typed then is lost. */
const LEGACY_DRAFT = `${PREFIX}draft`;
const ALIVE = `${PREFIX}alive:`;
const LAST = `${PREFIX}last-workbook`;
const HEARTBEAT_MS = 3000;
const DEAD_AFTER_MS = 12000;

export type { Draft, JournalEntry };

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

/** This page's id, in its journal entries and drafts. */
export const PAGE_ID = `page-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

let sequence = 0;
/** Journal ids sort in the order the edits were made. */
export function nextJournalId(): string {
  return `${Date.now().toString().padStart(15, '0')}-${String(sequence++).padStart(6, '0')}-${PAGE_ID}`;
}

/** Keep this page's heartbeat until it closes. */
export function startHeartbeat(): () => void {
  const beat = () => safe(() => localStorage.setItem(ALIVE + PAGE_ID, String(Date.now())), undefined);
  beat();
  const timer = setInterval(beat, HEARTBEAT_MS);
  const stop = () => {
    clearInterval(timer);
    safe(() => localStorage.removeItem(ALIVE + PAGE_ID), undefined);
  };
  window.addEventListener('pagehide', stop);
  return stop;
}

/** A page that wrote an entry and is still open (its heartbeat is recent). */
function isAlive(owner: string | undefined): boolean {
  if (!owner || owner === PAGE_ID) return false;
  const at = safe(() => Number(localStorage.getItem(ALIVE + owner)), 0);
  return Number.isFinite(at) && Date.now() - at < DEAD_AFTER_MS;
}

export function journalAdd(entry: JournalEntry): void {
  safe(() => localStorage.setItem(JOURNAL + entry.id, JSON.stringify(entry)), undefined);
}

export function journalRemove(id: string): void {
  safe(() => localStorage.removeItem(JOURNAL + id), undefined);
}

/**
 * Entries of pages that are gone, oldest first, as stored (the worker validates them again);
 * entries that are not even JSON are dropped and counted.
 */
export function orphanJournal(): { entries: unknown[]; unreadable: number } {
  return safe(
    () => {
      const found: { id: string; value: unknown }[] = [];
      let unreadable = 0;
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i);
        if (!k?.startsWith(JOURNAL)) continue;
        let value: unknown;
        try {
          value = JSON.parse(localStorage.getItem(k) ?? '');
        } catch {
          unreadable++;
          localStorage.removeItem(k);
          i--;
          continue;
        }
        const owner = (value as { owner?: unknown } | null)?.owner;
        if (isAlive(typeof owner === 'string' ? owner : undefined)) continue;
        found.push({ id: k.slice(JOURNAL.length), value });
      }
      found.sort((a, b) => (a.id < b.id ? -1 : 1));
      return { entries: found.map((f) => f.value), unreadable };
    },
    { entries: [], unreadable: 0 },
  );
}

/** Remove a journal entry by the id it was stored under (also for entries that fail validation). */
export function journalRemoveRaw(entry: unknown): void {
  const id = (entry as { id?: unknown } | null)?.id;
  if (typeof id === 'string') journalRemove(id);
}

export function saveDraft(d: Draft | null): void {
  safe(() => (d ? localStorage.setItem(DRAFT + PAGE_ID, JSON.stringify({ ...d, owner: PAGE_ID })) : localStorage.removeItem(DRAFT + PAGE_ID)), undefined);
}

/** Drafts of pages that are gone (valid ones only; the rest are removed). */
export function orphanDrafts(): { key: string; draft: Draft }[] {
  return safe(() => {
    const out: { key: string; draft: Draft }[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (!k || (k !== LEGACY_DRAFT && !k.startsWith(DRAFT))) continue;
      let value: unknown;
      try {
        value = JSON.parse(localStorage.getItem(k) ?? '');
      } catch {
        value = null;
      }
      const r = check(DraftSchema, value);
      if (!r.ok) {
        localStorage.removeItem(k);
        i--;
        continue;
      }
      if (!isAlive(r.value.owner)) out.push({ key: k, draft: r.value });
    }
    return out;
  }, []);
}

export function removeDraftKey(key: string): void {
  safe(() => localStorage.removeItem(key), undefined);
}

export function rememberWorkbook(id: string): void {
  safe(() => localStorage.setItem(LAST, id), undefined);
}

export function lastWorkbook(): string | null {
  return safe(() => localStorage.getItem(LAST), null);
}
