/**
 * Records that failed validation on read are moved into the `setAside` store, in the same
 * transaction that removes them from where they were: the app opens what is valid, the user is
 * told what was set aside and why, and can export it (a JSON file) or delete it.
 */
import { APP_MARK, SetAsideRecordSchema, check, type SetAsideRecord } from '../model';
import type { KaoheDatabase } from './db';
import { readTx, writeTx, type WriteTx } from './tx';

type AsideStore = 'workbooks' | 'periods' | 'cellBlocks' | 'snapshots';

export interface SetAsideEntry {
  what: string;
  reason: string;
  /** key null: nothing to delete (a cell taken out of a block that is written back without it). */
  records: { store: AsideStore; key: IDBValidKey | null; value: unknown }[];
}

export interface SetAsideInfo {
  id: string;
  at: string;
  what: string;
  reason: string;
}

const isKey = (k: unknown): k is IDBValidKey => typeof k === 'string' || typeof k === 'number' || (Array.isArray(k) && k.every((x) => typeof x === 'string' || typeof x === 'number'));

/** A value as JSON can hold it: whatever another page wrote (Infinity, binary data) is described. */
function jsonSafe(v: unknown, depth = 0): unknown {
  if (depth > 50) return '[嵌套过深]';
  if (v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'bigint') return v.toString();
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString();
  if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer || (typeof Blob !== 'undefined' && v instanceof Blob)) return '[二进制数据]';
  if (Array.isArray(v)) return v.map((x) => jsonSafe(x, depth + 1));
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, jsonSafe(x, depth + 1)]));
  return String(v);
}

/** Within a write transaction that covers the stores involved and `setAside`. */
export async function moveAside(tx: WriteTx<('workbooks' | 'periods' | 'cellBlocks' | 'snapshots' | 'setAside')[]>, entries: SetAsideEntry[]): Promise<void> {
  for (const e of entries) {
    const rec: SetAsideRecord = {
      app: APP_MARK,
      id: `aside-${crypto.randomUUID()}`,
      at: new Date().toISOString(),
      what: e.what,
      reason: e.reason,
      records: e.records.map((r) => ({ store: r.store, value: jsonSafe(r.value) })),
    };
    await tx.objectStore('setAside').put(rec);
    for (const r of e.records) if (isKey(r.key)) await tx.objectStore(r.store).delete(r.key as never);
  }
}

export async function listSetAside(db: KaoheDatabase): Promise<SetAsideInfo[]> {
  const all = (await readTx(db, ['setAside'], (tx) => tx.objectStore('setAside').getAll())) as unknown[];
  return all
    .map((x) => check(SetAsideRecordSchema, x))
    .flatMap((r) => (r.ok ? [{ id: r.value.id, at: r.value.at, what: r.value.what, reason: r.value.reason }] : []))
    .sort((a, b) => (a.at < b.at ? -1 : 1));
}

/** All set-aside records as one JSON document (for the user to keep or send on). */
export async function exportSetAside(db: KaoheDatabase): Promise<Uint8Array> {
  const all = (await readTx(db, ['setAside'], (tx) => tx.objectStore('setAside').getAll())) as unknown[];
  const doc = { app: APP_MARK, kind: '已移到一边的记录', exportedAt: new Date().toISOString(), entries: all.map((x) => jsonSafe(x)) };
  return new TextEncoder().encode(JSON.stringify(doc, null, 2));
}

/** Delete set-aside records (all when no ids are given). */
export async function deleteSetAside(db: KaoheDatabase, ids?: string[]): Promise<void> {
  await writeTx(db, ['setAside'], async (tx) => {
    if (!ids) await tx.objectStore('setAside').clear();
    else for (const id of ids) await tx.objectStore('setAside').delete(id);
  });
}
