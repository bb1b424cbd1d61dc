/**
 * Named versions (版本) of a whole workbook. Each snapshot record is validated on read; a damaged
 * one is set aside, never restored.
 */
import { APP_MARK, SnapshotRecordSchema, UserError, assertChecked, check, checkWorkbook, type SnapshotRecord, type Workbook } from '../model';
import type { KaoheDatabase } from './db';
import { newId, now } from './ids';
import { moveAside, type SetAsideEntry } from './setAside';
import { readTx, writeTx, type WriteTx } from './tx';

export interface SnapshotInfo {
  id: string;
  name: string;
  createdAt: string;
  auto: boolean;
}

/** A version written inside another transaction (an automatic one before a restore, a deletion, a file opened). */
export async function putSnapshot(tx: WriteTx<('workbooks' | 'periods' | 'cellBlocks' | 'snapshots')[]>, workbookId: string, name: string, workbook: Workbook, auto: boolean, createdAt = now()): Promise<string> {
  const id = newId('snap');
  await tx.objectStore('snapshots').put({ app: APP_MARK, id, workbookId, name, createdAt, auto, workbook });
  return id;
}

export async function saveSnapshot(db: KaoheDatabase, wb: Workbook, name: string, auto = false): Promise<SnapshotInfo> {
  const workbook = assertChecked(checkWorkbook(structuredClone(wb)), `版本“${name}”`);
  const rec: SnapshotRecord = { app: APP_MARK, id: newId('snap'), workbookId: wb.id, name, createdAt: now(), auto, workbook };
  await writeTx(db, ['snapshots'], (tx) => tx.objectStore('snapshots').put(rec));
  return { id: rec.id, name: rec.name, createdAt: rec.createdAt, auto };
}

/** A workbook's valid snapshots, oldest first; invalid ones are set aside. */
export async function readSnapshots(db: KaoheDatabase, workbookId: string): Promise<{ snapshots: SnapshotRecord[]; setAside: SetAsideEntry[] }> {
  const raw = (await readTx(db, ['snapshots'], (tx) => tx.objectStore('snapshots').index('byWorkbook').getAll(workbookId))) as unknown[];
  const snapshots: SnapshotRecord[] = [];
  const aside: SetAsideEntry[] = [];
  for (const r of raw) {
    const c = check(SnapshotRecordSchema, r);
    const w = c.ok ? checkWorkbook(c.value.workbook) : c;
    if (c.ok && w.ok) snapshots.push(c.value);
    else {
      const o = (r ?? {}) as { id?: IDBValidKey; name?: unknown };
      aside.push({ what: `版本“${typeof o.name === 'string' ? o.name : String(o.id)}”`, reason: (w.ok ? [] : w.problems).join('；'), records: [{ store: 'snapshots', key: o.id ?? '', value: r }] });
    }
  }
  if (aside.length) await writeTx(db, ['snapshots', 'setAside'], (tx) => moveAside(tx, aside));
  snapshots.sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  return { snapshots, setAside: aside };
}

export async function listSnapshots(db: KaoheDatabase, workbookId: string): Promise<SnapshotInfo[]> {
  const { snapshots } = await readSnapshots(db, workbookId);
  return snapshots.map((s) => ({ id: s.id, name: s.name, createdAt: s.createdAt, auto: s.auto })).reverse();
}

export async function readSnapshot(db: KaoheDatabase, workbookId: string, id: string): Promise<SnapshotRecord> {
  const c = check(SnapshotRecordSchema, await readTx(db, ['snapshots'], (tx) => tx.objectStore('snapshots').get(id)));
  if (!c.ok || c.value.workbookId !== workbookId || !checkWorkbook(c.value.workbook).ok) throw new UserError('该版本不存在或已损坏，无法恢复。');
  return c.value;
}

/** Delete one of this workbook's snapshots (another workbook's is never touched). */
export async function deleteSnapshot(db: KaoheDatabase, workbookId: string, id: string): Promise<void> {
  await writeTx(db, ['snapshots'], async (tx) => {
    const s = (await tx.objectStore('snapshots').get(id)) as { workbookId?: unknown } | undefined;
    if (s && s.workbookId === workbookId) await tx.objectStore('snapshots').delete(id);
  });
}
