/**
 * Every record of every object store of the app's database, keys included, in key order: what
 * "storage is byte-identical" is checked on (typed arrays as lists, so a changed number shows).
 */
import { openDB } from 'idb';

export const DB_NAME = 'kaohe-gongzuobu-scoring-workbook';

const plain = (_k: string, v: unknown) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? { typed: Array.from(v as unknown as ArrayLike<number>, (x) => (Number.isNaN(x) ? 'NaN' : x)) } : v);

export async function dumpDb(factory: IDBFactory): Promise<string> {
  const saved = globalThis.indexedDB;
  globalThis.indexedDB = factory;
  try {
    const db = await openDB(DB_NAME);
    const out: Record<string, unknown> = { version: db.version };
    for (const name of Array.from(db.objectStoreNames).sort()) {
      const keys = await db.getAllKeys(name);
      const values = await db.getAll(name);
      out[name] = keys.map((k, i) => [k, values[i]]);
    }
    db.close();
    return JSON.stringify(out, plain);
  } finally {
    globalThis.indexedDB = saved;
  }
}

/** Write into the database as another local page would (no app code in between). */
export async function withRawDb<T>(factory: IDBFactory, fn: (db: Awaited<ReturnType<typeof openDB>>) => Promise<T>): Promise<T> {
  const saved = globalThis.indexedDB;
  globalThis.indexedDB = factory;
  try {
    const db = await openDB(DB_NAME);
    try {
      return await fn(db);
    } finally {
      db.close();
    }
  } finally {
    globalThis.indexedDB = saved;
  }
}
