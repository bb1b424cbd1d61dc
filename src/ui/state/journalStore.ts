/**
 * The journal's copy in IndexedDB: a database of its own (never the worker's, so neither upgrade
 * waits on the other), one record per edit, keyed by journal id.
 *
 * Why besides localStorage: Chromium writes localStorage to disk seconds late, so a browser killed
 * (or a PC switched off) right after Enter lost the entry; an IndexedDB transaction, committed at
 * once with relaxed durability, is on disk within milliseconds, before the worker has even applied
 * the edit. localStorage stays for a tab closed the next instant (synchronous, flushed on close).
 *
 * Every failure here is silent on purpose: this is a second net under the localStorage one, and a
 * browser without IndexedDB (or one whose storage is refused) keeps the first.
 */
import { openDB, type IDBPDatabase, type IDBPObjectStore } from 'idb';

const NAME = 'kaohe-gongzuobu-journal';
const STORE = 'entries';

let opened: Promise<IDBPDatabase | null> | null = null;

function open(): Promise<IDBPDatabase | null> {
  try {
    return openDB(NAME, 1, {
      upgrade(d) {
        if (!d.objectStoreNames.contains(STORE)) d.createObjectStore(STORE);
      },
      // A newer build wants to upgrade this database: let it (this page falls back to localStorage).
      blocking() {
        void opened?.then((d) => d?.close());
        opened = Promise.resolve(null);
      },
      // The browser closed it (site data cleared while the page was open): the next record opens it again.
      terminated() {
        opened = null;
      },
    }).catch(() => null);
  } catch {
    return Promise.resolve(null); // no IndexedDB at all (thrown, not rejected)
  }
}

function db(): Promise<IDBPDatabase | null> {
  opened ??= open();
  return opened;
}

/** Open the database now, so the first edit's record is not queued behind the open. */
export function openJournalStore(): void {
  void db();
}

function write(fn: (store: IDBPObjectStore<unknown, [typeof STORE], typeof STORE, 'readwrite'>) => Promise<unknown>): void {
  void db()
    .then((d) => {
      if (!d) return;
      // Relaxed: on disk once the browser process has it (a killed browser keeps it); committed at once.
      const tx = d.transaction(STORE, 'readwrite', { durability: 'relaxed' });
      const done = Promise.all([fn(tx.store), tx.done]);
      tx.commit();
      return done;
    })
    .catch(() => undefined);
}

export function storeAdd(id: string, entry: unknown): void {
  write((s) => s.put(entry, id));
}

export function storeRemove(id: string): void {
  write((s) => s.delete(id));
}

/** Every record, as stored (validated by the caller and the worker); none when IndexedDB fails. */
export async function storeEntries(): Promise<{ id: string; value: unknown }[]> {
  try {
    const d = await db();
    if (!d) return [];
    const tx = d.transaction(STORE, 'readonly');
    const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
    return keys.map((k, i) => ({ id: String(k), value: values[i] }));
  } catch {
    return [];
  }
}
