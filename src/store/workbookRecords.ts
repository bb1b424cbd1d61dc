/**
 * Operations on one stored workbook's records: rename, delete, add or delete a period. Each is one
 * transaction that checks the workbook is there and bumps its revision (so other tabs notice).
 */
import { UserError, WorkbookRecordSchema, check, type Period, type WorkbookRecord } from '../model';
import type { KaoheDatabase } from './db';
import { now } from './ids';
import { cellBlocks, toPeriodRecord } from './periodRecords';
import { putSnapshot } from './snapshots';
import { readWithin } from './putWorkbook';
import { underPeriod, underWorkbook, writeTx, type WriteTx } from './tx';

type Stores = ('workbooks' | 'periods' | 'cellBlocks' | 'snapshots')[];

/** The stored workbook record, or a Chinese refusal when it is gone (deleted in another window). */
export async function storedWorkbook(tx: WriteTx<Stores> | WriteTx<['workbooks']> | WriteTx<['workbooks', 'periods', 'cellBlocks']>, id: string): Promise<WorkbookRecord> {
  const w = check(WorkbookRecordSchema, await (tx as WriteTx<['workbooks']>).objectStore('workbooks').get(id));
  if (!w.ok) throw new UserError('工作簿不存在或已被删除。');
  return w.value;
}

/** Write the workbook record with `patch` and the next revision; the new revision. */
export async function bumpRevision(tx: WriteTx<Stores> | WriteTx<['workbooks']> | WriteTx<['workbooks', 'periods', 'cellBlocks']>, w: WorkbookRecord, patch: Partial<WorkbookRecord> = {}): Promise<number> {
  const revision = w.revision + 1;
  await (tx as WriteTx<['workbooks']>).objectStore('workbooks').put({ ...w, ...patch, revision, updatedAt: now() });
  return revision;
}

export async function renameWorkbook(db: KaoheDatabase, id: string, name: string): Promise<number> {
  return writeTx(db, ['workbooks'], async (tx) => bumpRevision(tx, await storedWorkbook(tx, id), { name }));
}

/** Delete a workbook and only what is stored under it. */
export async function deleteWorkbook(db: KaoheDatabase, id: string): Promise<void> {
  await writeTx(db, ['workbooks', 'periods', 'cellBlocks', 'snapshots'], async (tx) => {
    await tx.objectStore('cellBlocks').delete(underWorkbook(id));
    await tx.objectStore('periods').delete(underWorkbook(id));
    for (const key of await tx.objectStore('snapshots').index('byWorkbook').getAllKeys(id)) await tx.objectStore('snapshots').delete(key);
    await tx.objectStore('workbooks').delete(id);
  });
}

/** Add a period to a stored workbook (its periods list and the period's records), bumping the revision. */
export async function addPeriodRecord(db: KaoheDatabase, workbookId: string, period: Period): Promise<number> {
  return writeTx(db, ['workbooks', 'periods', 'cellBlocks'], async (tx) => {
    const w = await storedWorkbook(tx, workbookId);
    await tx.objectStore('periods').put(toPeriodRecord(period, workbookId));
    const blocks = tx.objectStore('cellBlocks');
    await Promise.all(cellBlocks(period, workbookId).map((b) => blocks.put(b)));
    return bumpRevision(tx, w, { periodIds: [...w.periodIds, period.id] });
  });
}

/**
 * Delete a period and its cells from a stored workbook, keeping the whole workbook as it was as an
 * automatic version first, in the same transaction: a deletion can always be taken back (版本).
 */
export async function deletePeriodRecord(db: KaoheDatabase, workbookId: string, periodId: string, snapshotName: string): Promise<{ revision: number; snapshotId: string }> {
  return writeTx(db, ['workbooks', 'periods', 'cellBlocks', 'snapshots'], async (tx) => {
    const w = await storedWorkbook(tx, workbookId);
    if (!w.periodIds.includes(periodId)) throw new UserError('该考核期已在另一窗口中删除。');
    const snapshotId = await putSnapshot(tx, workbookId, snapshotName, await readWithin(tx, w), true);
    await tx.objectStore('cellBlocks').delete(underPeriod(workbookId, periodId));
    await tx.objectStore('periods').delete([workbookId, periodId]);
    const revision = await bumpRevision(tx, w, { periodIds: w.periodIds.filter((x) => x !== periodId) });
    return { revision, snapshotId };
  });
}
