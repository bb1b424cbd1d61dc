/**
 * Write transactions that are all or nothing: any error — a request that fails, a check that
 * throws, a bug — aborts the transaction, so no write before it is committed.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import type { KaoheDB, KaoheDatabase } from './db';
import { storageError } from './errors';

export type WriteTx<S extends StoreNames<KaoheDB>[]> = IDBPTransaction<KaoheDB, S, 'readwrite'>;

export async function writeTx<S extends StoreNames<KaoheDB>[], T>(db: KaoheDatabase, stores: S, fn: (tx: WriteTx<S>) => Promise<T>): Promise<T> {
  let tx: WriteTx<S>;
  try {
    tx = db.transaction(stores, 'readwrite');
  } catch (e) {
    throw storageError(e);
  }
  try {
    const out = await fn(tx);
    await tx.done;
    return out;
  } catch (e) {
    try {
      tx.abort();
    } catch {
      /* already finished or aborted */
    }
    await tx.done.catch(() => undefined);
    throw storageError(e);
  }
}

export async function readTx<S extends StoreNames<KaoheDB>[], T>(db: KaoheDatabase, stores: S, fn: (tx: IDBPTransaction<KaoheDB, S, 'readonly'>) => Promise<T>): Promise<T> {
  try {
    const tx = db.transaction(stores, 'readonly');
    const out = await fn(tx);
    await tx.done;
    return out;
  } catch (e) {
    throw storageError(e);
  }
}

/** Key range of everything stored under a workbook (periods, cells) or a period (cells). */
export const underWorkbook = (workbookId: string) => IDBKeyRange.bound([workbookId], [workbookId, []]);
export const underPeriod = (workbookId: string, periodId: string) => IDBKeyRange.bound([workbookId, periodId], [workbookId, periodId, []]);
