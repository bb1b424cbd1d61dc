/**
 * The page's safety net in localStorage (synchronous, so it survives a tab closed the next
 * instant) and IndexedDB (on disk within milliseconds, so it survives a killed browser): every
 * edit is journaled before it is sent to the worker and removed once the worker has written it to
 * its own database; the text in an open cell editor is kept as a draft (localStorage only).
 *
 * localStorage is shared by every file:// page of the profile, so each entry names its owner
 * (this page), each page holds a Web Lock for as long as it lives (released by the browser when the
 * page closes or crashes), and only entries whose owner holds no lock are replayed or offered —
 * never a live tab's edit in flight. Everything read back is validated.
 */
import { DraftSchema, check, type Draft, type JournalEntry } from '../../model';
import { storeAdd, storeEntries, storeRemove } from './journalStore';

const PREFIX = 'kaohe-gongzuobu:';
const JOURNAL = `${PREFIX}journal:`;
const DRAFT = `${PREFIX}draft:`;
/** The first build kept one draft under this key: still read, so nothing typed then is lost. */
const LEGACY_DRAFT = `${PREFIX}draft`;
const LOCK = `${PREFIX}page:`;
const LAST = `${PREFIX}last-workbook`;

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

/** Hold this page's lock for as long as it lives: other pages then know its entries are in use. */
export function holdPageLock(): void {
  safe(() => void navigator.locks?.request(LOCK + PAGE_ID, () => new Promise<void>(() => undefined)).catch(() => undefined), undefined);
}

/**
 * The pages that are open now (their locks are held). Without Web Locks (an old browser) none is
 * known, and every other page's entries count as left behind: replaying them is harmless (an edit
 * already applied is a no-op, one over a changed cell becomes a conflict to answer).
 */
export async function livePages(): Promise<Set<string>> {
  try {
    const q = await navigator.locks.query();
    return new Set((q.held ?? []).map((l) => l.name ?? '').filter((n) => n.startsWith(LOCK)).map((n) => n.slice(LOCK.length)));
  } catch {
    return new Set();
  }
}

/** Kept twice: localStorage for a tab closed the next instant, IndexedDB for a killed browser (journalStore.ts). */
export function journalAdd(entry: JournalEntry): void {
  safe(() => localStorage.setItem(JOURNAL + entry.id, JSON.stringify(entry)), undefined);
  storeAdd(entry.id, entry);
}

export function journalRemove(id: string): void {
  safe(() => localStorage.removeItem(JOURNAL + id), undefined);
  storeRemove(id);
}

/**
 * Entries of pages that are gone, oldest first, as stored (the worker validates them again), from
 * both copies (one entry once); entries that are not even JSON, not an object or not filed under
 * their own id are dropped and counted.
 */
export async function orphanJournal(alive: Set<string>): Promise<{ entries: unknown[]; unreadable: number }> {
  const found = new Map<string, unknown>();
  let unreadable = 0;
  const consider = (id: string, value: unknown, drop: () => void) => {
    // Not an object, or filed under another id (it could never be removed by its own): dropped.
    if (typeof value !== 'object' || value === null || (value as { id?: unknown }).id !== id) {
      unreadable++;
      drop();
      return;
    }
    const owner = (value as { owner?: unknown }).owner;
    if (typeof owner === 'string' && owner !== PAGE_ID && alive.has(owner)) return;
    if (!found.has(id)) found.set(id, value);
  };
  safe(() => {
    // The keys first: dropping an entry while walking the indices would skip the next one.
    const keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i) ?? '').filter((k) => k.startsWith(JOURNAL));
    for (const k of keys) {
      let value: unknown;
      try {
        value = JSON.parse(localStorage.getItem(k) ?? '');
      } catch {
        value = undefined;
      }
      consider(k.slice(JOURNAL.length), value, () => localStorage.removeItem(k));
    }
  }, undefined);
  for (const { id, value } of await storeEntries()) consider(id, value, () => storeRemove(id));
  const ids = [...found.keys()].sort();
  return { entries: ids.map((id) => found.get(id)), unreadable };
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
export function orphanDrafts(alive: Set<string>): { key: string; draft: Draft }[] {
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
      if (!(r.value.owner && r.value.owner !== PAGE_ID && alive.has(r.value.owner))) out.push({ key: k, draft: r.value });
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
