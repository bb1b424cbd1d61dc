/**
 * Reading and writing workbooks in IndexedDB. Every change is one transaction that checks, cell
 * by cell, that what it replaces is what the writer last saw: another tab's edit is never
 * overwritten silently (a stale write is refused and reported as a conflict).
 */
import { cellKey, type Cell, type Command, type Period, type PeriodMeta, type Workbook, SCHEMA_VERSION } from '../model';
import { normalizeCell, periodMeta, sameCell, sameMeta } from '../engine/commands';
import { APP_MARK, type CellRecord, type KaoheDatabase, type PeriodRecord, type SnapshotRecord, type WorkbookRecord } from './schema';
import { isCell, isIndicator, isUnit } from './validate';

export interface WorkbookListItem {
  id: string;
  name: string;
  updatedAt: string;
  periodCount: number;
}

const now = () => new Date().toISOString();

export function newId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID()}`;
}

export async function listWorkbooks(db: KaoheDatabase): Promise<WorkbookListItem[]> {
  const all = await db.getAll('workbooks');
  return all
    .filter((w) => w.app === APP_MARK && typeof w.name === 'string')
    .map((w) => ({ id: w.id, name: w.name, updatedAt: w.updatedAt, periodCount: w.periodIds.length }))
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
}

export async function readRevision(db: KaoheDatabase, workbookId: string): Promise<number | null> {
  const w = await db.get('workbooks', workbookId);
  return w && w.app === APP_MARK ? w.revision : null;
}

function toPeriodRecord(p: Period, workbookId: string): PeriodRecord {
  return { app: APP_MARK, id: p.id, workbookId, ...periodMeta(p) };
}

function cellRecords(p: Period): CellRecord[] {
  return Object.entries(p.cells).flatMap(([key, c]) => {
    const n = normalizeCell(c);
    if (!n) return [];
    const [unitId, indicatorId] = key.split('|') as [string, string];
    return [{ ...n, periodId: p.id, unitId, indicatorId }];
  });
}

/** Write a whole workbook (new, duplicated, restored or opened from a file). */
export async function putWorkbook(db: KaoheDatabase, wb: Workbook, revision = 1): Promise<void> {
  const tx = db.transaction(['workbooks', 'periods', 'cells'], 'readwrite');
  const old = await tx.objectStore('workbooks').get(wb.id);
  for (const pid of old?.periodIds ?? []) {
    await tx.objectStore('cells').delete(IDBKeyRange.bound([pid], [pid, []]));
    await tx.objectStore('periods').delete(pid);
  }
  const record: WorkbookRecord = {
    app: APP_MARK,
    id: wb.id,
    name: wb.name,
    schemaVersion: SCHEMA_VERSION,
    revision: Math.max(revision, (old?.revision ?? 0) + 1),
    createdAt: old?.createdAt ?? now(),
    updatedAt: now(),
    periodIds: wb.periods.map((p) => p.id),
  };
  for (const p of wb.periods) {
    await tx.objectStore('periods').put(toPeriodRecord(p, wb.id));
    for (const c of cellRecords(p)) await tx.objectStore('cells').put(c);
  }
  await tx.objectStore('workbooks').put(record);
  await tx.done;
}

export interface LoadedWorkbook {
  workbook: Workbook;
  revision: number;
  /** Records that failed validation and were left out. */
  skipped: string[];
}

export async function loadWorkbook(db: KaoheDatabase, id: string): Promise<LoadedWorkbook | null> {
  const tx = db.transaction(['workbooks', 'periods', 'cells'], 'readonly');
  const w = await tx.objectStore('workbooks').get(id);
  if (!w || w.app !== APP_MARK) return null;
  const skipped: string[] = [];
  const periods: Period[] = [];
  for (const pid of w.periodIds) {
    const pr = await tx.objectStore('periods').get(pid);
    if (!pr || pr.app !== APP_MARK || !pr.units.every(isUnit) || !pr.indicators.every(isIndicator)) {
      skipped.push(`考核期 ${pid}`);
      continue;
    }
    const { app: _a, workbookId: _w, id: pId, ...meta } = pr;
    const cells: Record<string, Cell> = {};
    for (const c of await tx.objectStore('cells').index('byPeriod').getAll(pid)) {
      const { periodId: _p, unitId, indicatorId, ...cell } = c;
      if (isCell(cell)) cells[cellKey(unitId, indicatorId)] = cell;
      else skipped.push(`单元格 ${unitId}/${indicatorId}`);
    }
    periods.push({ id: pId, ...meta, cells });
  }
  await tx.done;
  return { workbook: { schemaVersion: SCHEMA_VERSION, id: w.id, name: w.name, periods }, revision: w.revision, skipped };
}

export interface Conflict {
  periodId: string;
  unitId?: string;
  indicatorId?: string;
  /** What the other tab stored. */
  stored: Cell | PeriodMeta | null;
  /** What this tab wanted to write. */
  wanted: Cell | PeriodMeta | null;
}

export type CommitResult =
  | { ok: true; revision: number; previousRevision: number }
  | { ok: false; conflicts: Conflict[]; revision: number };

/**
 * Persist a command in one transaction. For every cell (and period scheme) it touches, what is
 * stored must be the command's `before` — or already its `after` (the same edit replayed from the
 * journal) — otherwise nothing is written and the conflicts are returned.
 */
export async function commitCommand(db: KaoheDatabase, workbookId: string, cmd: Command): Promise<CommitResult> {
  const tx = db.transaction(['workbooks', 'periods', 'cells'], 'readwrite');
  const wbStore = tx.objectStore('workbooks');
  const w = await wbStore.get(workbookId);
  if (!w || w.app !== APP_MARK) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw new Error('工作簿已被删除或无法读取');
  }
  const conflicts: Conflict[] = [];
  const writes: (() => Promise<unknown>)[] = [];

  const visit = async (c: Command): Promise<void> => {
    if (c.kind === 'batch') {
      for (const sub of c.commands) await visit(sub);
      return;
    }
    if (c.kind === 'setMeta') {
      const pr = await tx.objectStore('periods').get(c.periodId);
      if (!pr) throw new Error(`找不到考核期：${c.periodId}`);
      const { app: _a, workbookId: _w, id: _i, ...stored } = pr;
      if (sameMeta(stored, c.before)) {
        const after: PeriodRecord = { app: APP_MARK, id: c.periodId, workbookId, ...structuredClone(c.after) };
        writes.push(() => tx.objectStore('periods').put(after));
      } else if (!sameMeta(stored, c.after)) conflicts.push({ periodId: c.periodId, stored, wanted: c.after });
      return;
    }
    for (const ch of c.changes) {
      const key: [string, string, string] = [c.periodId, ch.unitId, ch.indicatorId];
      const rec = await tx.objectStore('cells').get(key);
      let stored: Cell | null = null;
      if (rec) {
        const { periodId: _p, unitId: _u, indicatorId: _i, ...cell } = rec;
        stored = normalizeCell(cell);
      }
      if (sameCell(stored, ch.before)) {
        const after = normalizeCell(ch.after);
        writes.push(() =>
          after ? tx.objectStore('cells').put({ ...after, periodId: c.periodId, unitId: ch.unitId, indicatorId: ch.indicatorId }) : tx.objectStore('cells').delete(key),
        );
      } else if (!sameCell(stored, ch.after)) {
        conflicts.push({ periodId: c.periodId, unitId: ch.unitId, indicatorId: ch.indicatorId, stored, wanted: ch.after });
      }
    }
  };

  try {
    await visit(cmd);
  } catch (e) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw e;
  }
  if (conflicts.length) {
    tx.abort();
    await tx.done.catch(() => undefined);
    return { ok: false, conflicts, revision: w.revision };
  }
  for (const write of writes) await write();
  const revision = w.revision + 1;
  await wbStore.put({ ...w, revision, updatedAt: now() });
  await tx.done;
  return { ok: true, revision, previousRevision: w.revision };
}

export async function renameWorkbook(db: KaoheDatabase, id: string, name: string): Promise<number> {
  const tx = db.transaction('workbooks', 'readwrite');
  const w = await tx.store.get(id);
  if (!w) throw new Error('工作簿不存在');
  const revision = w.revision + 1;
  await tx.store.put({ ...w, name, revision, updatedAt: now() });
  await tx.done;
  return revision;
}

export async function deleteWorkbook(db: KaoheDatabase, id: string): Promise<void> {
  const tx = db.transaction(['workbooks', 'periods', 'cells', 'snapshots'], 'readwrite');
  const w = await tx.objectStore('workbooks').get(id);
  for (const pid of w?.periodIds ?? []) {
    await tx.objectStore('cells').delete(IDBKeyRange.bound([pid], [pid, []]));
    await tx.objectStore('periods').delete(pid);
  }
  for (const key of await tx.objectStore('snapshots').index('byWorkbook').getAllKeys(id)) await tx.objectStore('snapshots').delete(key);
  await tx.objectStore('workbooks').delete(id);
  await tx.done;
}

/** Add a period to a stored workbook (its periods list and the period's records), bumping the revision. */
export async function addPeriodRecord(db: KaoheDatabase, workbookId: string, period: Period): Promise<number> {
  const tx = db.transaction(['workbooks', 'periods', 'cells'], 'readwrite');
  const w = await tx.objectStore('workbooks').get(workbookId);
  if (!w) throw new Error('工作簿不存在');
  await tx.objectStore('periods').put(toPeriodRecord(period, workbookId));
  for (const c of cellRecords(period)) await tx.objectStore('cells').put(c);
  const revision = w.revision + 1;
  await tx.objectStore('workbooks').put({ ...w, periodIds: [...w.periodIds, period.id], revision, updatedAt: now() });
  await tx.done;
  return revision;
}

export interface SnapshotInfo {
  id: string;
  name: string;
  createdAt: string;
  auto: boolean;
}

export async function saveSnapshot(db: KaoheDatabase, wb: Workbook, name: string, auto = false): Promise<SnapshotInfo> {
  const rec: SnapshotRecord = { app: APP_MARK, id: newId('snap'), workbookId: wb.id, name, createdAt: now(), auto, workbook: structuredClone(wb) };
  await db.put('snapshots', rec);
  return { id: rec.id, name: rec.name, createdAt: rec.createdAt, auto };
}

export async function listSnapshots(db: KaoheDatabase, workbookId: string): Promise<SnapshotInfo[]> {
  const all = await db.getAllFromIndex('snapshots', 'byWorkbook', workbookId);
  return all
    .filter((s) => s.app === APP_MARK)
    .map((s) => ({ id: s.id, name: s.name, createdAt: s.createdAt, auto: s.auto }))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
}

export async function readSnapshot(db: KaoheDatabase, id: string): Promise<SnapshotRecord | null> {
  const s = await db.get('snapshots', id);
  return s && s.app === APP_MARK ? s : null;
}

export async function deleteSnapshot(db: KaoheDatabase, id: string): Promise<void> {
  await db.delete('snapshots', id);
}

/** Full snapshot records of a workbook, oldest first (for the workbook file). */
export async function readSnapshots(db: KaoheDatabase, workbookId: string): Promise<SnapshotRecord[]> {
  const all = await db.getAllFromIndex('snapshots', 'byWorkbook', workbookId);
  return all.filter((s) => s.app === APP_MARK).sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
}

export async function putSnapshot(db: KaoheDatabase, workbookId: string, s: { name: string; createdAt: string; auto: boolean; workbook: Workbook }): Promise<void> {
  await db.put('snapshots', { app: APP_MARK, id: newId('snap'), workbookId, name: s.name, createdAt: s.createdAt, auto: s.auto, workbook: structuredClone(s.workbook) });
}

export async function workbookExists(db: KaoheDatabase, id: string): Promise<boolean> {
  const w = await db.get('workbooks', id);
  return !!w && w.app === APP_MARK;
}
