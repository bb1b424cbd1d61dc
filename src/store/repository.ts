/**
 * Reading and writing workbooks in IndexedDB (schema level 3: every record keyed under its
 * workbook, cells in blocks — cellBlocks.ts). Reads validate every record against the model's schema; what fails is set aside
 * (setAside.ts), never scored and never silently dropped. Writes are single transactions that
 * abort on any error. A change to cells checks, cell by cell, that what it replaces is what the
 * writer last saw, so another tab's edit is never overwritten silently.
 */
import {
  APP_MARK,
  comparePeriods,
  PeriodRecordSchema,
  SCHEMA_VERSION,
  UserError,
  WorkbookRecordSchema,
  assertChecked,
  cellKey,
  check,
  splitCellKey,
  checkWorkbook,
  type Cell,
  type CellChange,
  type Command,
  type Period,
  type PeriodMeta,
  type PeriodRecord,
  type SnapshotContent,
  type Workbook,
  type WorkbookRecord,
} from '../model';
import { normalizeCell, periodMeta, sameCell, sameMeta } from '../engine/commands';
import type { KaoheDatabase } from './db';
import { DamagedRecordError, GoneError } from './errors';
import { moveAside, type SetAsideEntry } from './setAside';
import { readTx, underPeriod, underWorkbook, writeTx } from './tx';
import { blockKey, bucketOf, decodeBlock, encodeBlock, encodePeriodBlocks, type CellBlockKey, type CellBlockRecord } from './cellBlocks';

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

const byTime = comparePeriods;

function toPeriodRecord(p: Period, workbookId: string): PeriodRecord {
  return { app: APP_MARK, workbookId, id: p.id, ...periodMeta(p) };
}

/** A period's cells as the blocks to store (empty cells are not stored). */
function cellBlocks(p: Period, workbookId: string): CellBlockRecord[] {
  function* cells(): Generator<[string, string, Cell]> {
    for (const key in p.cells) {
      const n = normalizeCell(p.cells[key]);
      const ids = splitCellKey(key);
      if (n && ids) yield [ids[0], ids[1], n];
    }
  }
  return encodePeriodBlocks(workbookId, p.id, cells());
}

// ---- workbooks --------------------------------------------------------------------------------

/**
 * The valid workbook records. A damaged record whose periods are intact is rebuilt from them (the
 * original kept aside); one with nothing to rebuild from is set aside. Returns what was set aside.
 */
export async function listWorkbooks(db: KaoheDatabase): Promise<{ items: WorkbookListItem[]; setAside: SetAsideEntry[] }> {
  const raw = (await readTx(db, ['workbooks'], (tx) => tx.objectStore('workbooks').getAll())) as unknown[];
  const items: WorkbookListItem[] = [];
  const aside: SetAsideEntry[] = [];
  const repaired: WorkbookRecord[] = [];
  for (const rec of raw) {
    const r = check(WorkbookRecordSchema, rec);
    if (r.ok) {
      items.push({ id: r.value.id, name: r.value.name, updatedAt: r.value.updatedAt, periodCount: r.value.periodIds.length });
      continue;
    }
    const o = (rec && typeof rec === 'object' ? rec : {}) as Record<string, unknown>;
    const id = typeof o.id === 'string' && o.id ? o.id : null;
    const name = typeof o.name === 'string' ? o.name : null;
    const what = `工作簿记录${name ? `“${name}”` : ''}${id ? `（编号 ${id}）` : ''}`;
    const periods = id ? await readTx(db, ['periods'], (tx) => tx.objectStore('periods').index('byWorkbook').getAll(id)) : [];
    const valid = periods.map((p) => check(PeriodRecordSchema, p)).flatMap((x) => (x.ok ? [x.value] : []));
    if (id && valid.length) {
      const listed = Array.isArray(o.periodIds) ? o.periodIds.filter((x): x is string => typeof x === 'string' && valid.some((p) => p.id === x)) : [];
      const rebuilt: WorkbookRecord = {
        app: APP_MARK,
        id,
        name: name ?? '已修复的工作簿',
        schemaVersion: SCHEMA_VERSION,
        revision: typeof o.revision === 'number' && Number.isInteger(o.revision) && o.revision >= 0 ? o.revision + 1 : 1,
        createdAt: typeof o.createdAt === 'string' ? o.createdAt : now(),
        updatedAt: now(),
        periodIds: listed.length ? listed : [...valid].sort(byTime).map((p) => p.id),
      };
      repaired.push(rebuilt);
      aside.push({ what, reason: `${r.problems.join('；')}。已根据其中的 ${valid.length} 个考核期重建该工作簿`, records: [{ store: 'workbooks', key: id, value: rec }] });
      items.push({ id, name: rebuilt.name, updatedAt: rebuilt.updatedAt, periodCount: rebuilt.periodIds.length });
    } else {
      aside.push({ what, reason: r.problems.join('；'), records: [{ store: 'workbooks', key: id ?? (o.id as IDBValidKey), value: rec }] });
    }
  }
  if (aside.length) {
    await writeTx(db, ['workbooks', 'setAside'], async (tx) => {
      await moveAside(tx, aside);
      for (const w of repaired) await tx.objectStore('workbooks').put(w);
    });
  }
  items.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
  return { items, setAside: aside };
}

export async function readRevision(db: KaoheDatabase, workbookId: string): Promise<number | null> {
  const w = await readTx(db, ['workbooks'], (tx) => tx.objectStore('workbooks').get(workbookId));
  const r = check(WorkbookRecordSchema, w);
  return r.ok ? r.value.revision : null;
}

export async function workbookExists(db: KaoheDatabase, id: string): Promise<boolean> {
  return (await readRevision(db, id)) !== null;
}

export { loadWorkbook, type LoadedWorkbook } from './loadWorkbook';

export interface PutOptions {
  /** Refuse if a workbook with this id exists (a new or copied workbook). */
  create?: boolean;
  /** Snapshots to add in the same transaction (from a workbook file, or copied). */
  snapshots?: SnapshotContent[];
  /** Keep the stored workbook as an automatic snapshot first, in the same transaction. */
  autoSnapshot?: string;
}

/**
 * Write a whole workbook (new, copied, restored or opened from a file), replacing what is stored
 * under its id, in one transaction. Validated first; on any error nothing changes.
 */
export async function putWorkbook(db: KaoheDatabase, input: Workbook, opts: PutOptions = {}): Promise<number> {
  const wb = assertChecked(checkWorkbook(input), `工作簿“${String((input as { name?: unknown })?.name ?? '')}”`);
  for (const s of opts.snapshots ?? []) assertChecked(checkWorkbook(s.workbook), `版本“${s.name}”中的工作簿`);
  return writeTx(db, ['workbooks', 'periods', 'cellBlocks', 'snapshots'], async (tx) => {
    const stored = await tx.objectStore('workbooks').get(wb.id);
    const old = stored === undefined ? null : check(WorkbookRecordSchema, stored);
    if (opts.create && stored !== undefined) throw new UserError('已有相同编号的工作簿，未写入。');
    if (opts.autoSnapshot && old?.ok) {
      const current = await readWithin(tx, old.value);
      await tx.objectStore('snapshots').put({ app: APP_MARK, id: newId('snap'), workbookId: wb.id, name: opts.autoSnapshot, createdAt: now(), auto: true, workbook: current });
    }
    await tx.objectStore('cellBlocks').delete(underWorkbook(wb.id));
    await tx.objectStore('periods').delete(underWorkbook(wb.id));
    const blocks = tx.objectStore('cellBlocks');
    for (const p of wb.periods) {
      await tx.objectStore('periods').put(toPeriodRecord(p, wb.id));
      await Promise.all(cellBlocks(p, wb.id).map((b) => blocks.put(b)));
    }
    for (const s of opts.snapshots ?? []) {
      await tx.objectStore('snapshots').put({ app: APP_MARK, id: newId('snap'), workbookId: wb.id, name: s.name, createdAt: s.createdAt, auto: s.auto, workbook: { ...structuredClone(s.workbook), id: wb.id } });
    }
    const revision = (old?.ok ? old.value.revision : 0) + 1;
    await tx.objectStore('workbooks').put({
      app: APP_MARK,
      id: wb.id,
      name: wb.name,
      schemaVersion: SCHEMA_VERSION,
      revision,
      createdAt: old?.ok ? old.value.createdAt : now(),
      updatedAt: now(),
      periodIds: wb.periods.map((p) => p.id),
    });
    return revision;
  });
}

/** The stored workbook, read inside a write transaction (for the automatic snapshot). */
async function readWithin(tx: import('./tx').WriteTx<['workbooks', 'periods', 'cellBlocks', 'snapshots']>, rec: WorkbookRecord): Promise<Workbook> {
  const periods: Period[] = [];
  for (const pid of rec.periodIds) {
    const pr = check(PeriodRecordSchema, await tx.objectStore('periods').get([rec.id, pid]));
    if (!pr.ok) continue;
    const { app: _a, workbookId: _w, id, ...meta } = pr.value;
    const cells: Record<string, Cell> = {};
    const units = new Set(pr.value.units.map((u) => u.id));
    const inds = new Set(pr.value.indicators.map((i) => i.id));
    for (const raw of await tx.objectStore('cellBlocks').getAll(underPeriod(rec.id, pid))) {
      const d = decodeBlock(raw);
      if (!d.ok || !inds.has(d.indicatorId)) continue;
      for (const [unitId, cell] of d.cells) if (units.has(unitId)) cells[cellKey(unitId, d.indicatorId)] = cell;
    }
    periods.push({ id, ...meta, cells });
  }
  return { schemaVersion: SCHEMA_VERSION, id: rec.id, name: rec.name, periods };
}

export async function renameWorkbook(db: KaoheDatabase, id: string, name: string): Promise<number> {
  return writeTx(db, ['workbooks'], async (tx) => {
    const w = check(WorkbookRecordSchema, await tx.objectStore('workbooks').get(id));
    if (!w.ok) throw new UserError('工作簿不存在或已被删除。');
    const revision = w.value.revision + 1;
    await tx.objectStore('workbooks').put({ ...w.value, name, revision, updatedAt: now() });
    return revision;
  });
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
    const w = check(WorkbookRecordSchema, await tx.objectStore('workbooks').get(workbookId));
    if (!w.ok) throw new UserError('工作簿不存在或已被删除。');
    await tx.objectStore('periods').put(toPeriodRecord(period, workbookId));
    const blocks = tx.objectStore('cellBlocks');
    await Promise.all(cellBlocks(period, workbookId).map((b) => blocks.put(b)));
    const revision = w.value.revision + 1;
    await tx.objectStore('workbooks').put({ ...w.value, periodIds: [...w.value.periodIds, period.id], revision, updatedAt: now() });
    return revision;
  });
}

/**
 * Delete a period and its cells from a stored workbook, keeping the whole workbook as it was as an
 * automatic version first, in the same transaction: a deletion can always be taken back (版本).
 */
export async function deletePeriodRecord(db: KaoheDatabase, workbookId: string, periodId: string, snapshotName: string): Promise<{ revision: number; snapshotId: string }> {
  return writeTx(db, ['workbooks', 'periods', 'cellBlocks', 'snapshots'], async (tx) => {
    const w = check(WorkbookRecordSchema, await tx.objectStore('workbooks').get(workbookId));
    if (!w.ok) throw new UserError('工作簿不存在或已被删除。');
    if (!w.value.periodIds.includes(periodId)) throw new UserError('该考核期已在另一窗口中删除。');
    const current = await readWithin(tx, w.value);
    const snapshotId = newId('snap');
    await tx.objectStore('snapshots').put({ app: APP_MARK, id: snapshotId, workbookId, name: snapshotName, createdAt: now(), auto: true, workbook: current });
    await tx.objectStore('cellBlocks').delete(underPeriod(workbookId, periodId));
    await tx.objectStore('periods').delete([workbookId, periodId]);
    const revision = w.value.revision + 1;
    await tx.objectStore('workbooks').put({ ...w.value, periodIds: w.value.periodIds.filter((x) => x !== periodId), revision, updatedAt: now() });
    return { revision, snapshotId };
  });
}

// ---- changes ----------------------------------------------------------------------------------

export interface Conflict {
  periodId: string;
  unitId?: string;
  indicatorId?: string;
  /** What the other tab stored. */
  stored: Cell | PeriodMeta | null;
  /** What this tab wanted to write. */
  wanted: Cell | PeriodMeta | null;
}

export type CommitResult = { ok: true; revision: number; previousRevision: number } | { ok: false; conflicts: Conflict[]; revision: number };

/**
 * Persist a command in one transaction. For every cell (and period scheme) it touches, what is
 * stored must be the command's `before` — or already its `after` (the same edit replayed from the
 * journal) — otherwise nothing is written and the conflicts are returned. A cell of a unit or
 * indicator the stored period no longer has is a conflict too.
 */
export async function commitCommand(db: KaoheDatabase, workbookId: string, cmd: Command, basedOnRevision?: number): Promise<CommitResult> {
  return writeTx(db, ['workbooks', 'periods', 'cellBlocks'], async (tx) => {
    const w = check(WorkbookRecordSchema, await tx.objectStore('workbooks').get(workbookId));
    if (!w.ok) throw new GoneError('工作簿已被删除或无法读取，修改没能保存。');
    // Nobody else committed since the writer's copy was read: its units and indicators are the
    // stored ones (validated when read), so a cell change needs no second look at the scheme.
    const unchanged = basedOnRevision === w.value.revision;
    const conflicts: Conflict[] = [];
    const writes: (() => Promise<unknown>)[] = [];
    /** Unit and indicator ids of each period the command touches, as they will be after it. */
    const schemes = new Map<string, { units: Set<string>; indicators: Set<string> }>();
    const cellsWritten: { periodId: string; unitId: string; indicatorId: string; after: Cell }[] = [];
    const cellChanges: { periodId: string; ch: CellChange }[] = [];
    const gone = () => new GoneError('该考核期已在另一窗口中删除或无法读取，修改没能保存。');
    const idsOf = (p: { units: { id: string }[]; indicators: { id: string }[] }) => ({ units: new Set(p.units.map((u) => u.id)), indicators: new Set(p.indicators.map((i) => i.id)) });
    /** The whole scheme, validated (a scheme change compares it field by field). */
    const fullScheme = async (periodId: string): Promise<PeriodRecord> => {
      const pr = check(PeriodRecordSchema, await tx.objectStore('periods').get([workbookId, periodId]));
      if (!pr.ok) throw gone();
      return pr.value;
    };
    /** Only the ids (a cell change needs no more, and a period of 40 000 units is big to validate per edit). */
    const scheme = async (periodId: string) => {
      const hit = schemes.get(periodId);
      if (hit) return hit;
      const raw = (await tx.objectStore('periods').get([workbookId, periodId])) as { app?: unknown; units?: unknown; indicators?: unknown } | undefined;
      const list = (x: unknown) => (Array.isArray(x) && x.every((e) => typeof (e as { id?: unknown })?.id === 'string') ? (x as { id: string }[]) : null);
      const units = list(raw?.units);
      const indicators = list(raw?.indicators);
      if (raw?.app !== APP_MARK || !units || !indicators) throw gone();
      const ids = idsOf({ units, indicators });
      schemes.set(periodId, ids);
      return ids;
    };

    const visit = async (c: Command): Promise<void> => {
      if (c.kind === 'batch') {
        for (const sub of c.commands) await visit(sub);
        return;
      }
      if (c.kind === 'setMeta') {
        const { app: _a, workbookId: _w, id: _i, ...stored } = await fullScheme(c.periodId);
        if (sameMeta(stored, c.before)) {
          const after: PeriodRecord = { app: APP_MARK, workbookId, id: c.periodId, ...structuredClone(c.after) };
          schemes.set(c.periodId, idsOf(after));
          writes.push(() => tx.objectStore('periods').put(after));
        } else if (!sameMeta(stored, c.after)) conflicts.push({ periodId: c.periodId, stored, wanted: c.after });
        return;
      }
      if (!unchanged) await scheme(c.periodId);
      for (const ch of c.changes) cellChanges.push({ periodId: c.periodId, ch });
    };

    await visit(cmd);
    // Every block the command touches, read at once (one request in flight at a time costs a round
    // trip each), then the changes applied to them in the command's order.
    const blocks = new Map<string, { key: CellBlockKey; cells: Map<string, Cell>; dirty: boolean }>();
    const blockOf = (periodId: string, unitId: string, indicatorId: string) => {
      const key = blockKey(workbookId, periodId, indicatorId, bucketOf(unitId));
      const k = JSON.stringify(key);
      let b = blocks.get(k);
      if (!b) blocks.set(k, (b = { key, cells: new Map(), dirty: false }));
      return b;
    };
    for (const { periodId, ch } of cellChanges) blockOf(periodId, ch.unitId, ch.indicatorId);
    const blockStore = tx.objectStore('cellBlocks');
    const list = [...blocks.values()];
    const raws = await Promise.all(list.map((b) => blockStore.get(b.key)));
    for (let n = 0; n < list.length; n++) {
      if (raws[n] === undefined) continue;
      const d = decodeBlock(raws[n]);
      // Written by something else since this tab read it: refuse rather than overwrite what it holds.
      if (!d.ok || d.bad.length) throw new DamagedRecordError(`浏览器中保存的数据已被其他程序改动，无法读取（指标“${list[n]!.key[2]}”的一块单元格：${d.ok ? d.bad[0]!.reason : d.problems.join('；')}），修改没能保存。请刷新页面：无法读取的记录会被移到一边并告诉您。`);
      for (const [unitId, cell] of d.cells) list[n]!.cells.set(unitId, cell);
    }
    for (const { periodId, ch } of cellChanges) {
      const b = blockOf(periodId, ch.unitId, ch.indicatorId);
      const stored = b.cells.get(ch.unitId) ?? null;
      const after = normalizeCell(ch.after);
      if (after && !unchanged) cellsWritten.push({ periodId, unitId: ch.unitId, indicatorId: ch.indicatorId, after });
      if (sameCell(stored, ch.before)) {
        if (after) b.cells.set(ch.unitId, after);
        else b.cells.delete(ch.unitId);
        b.dirty = true;
      } else if (!sameCell(stored, ch.after)) {
        conflicts.push({ periodId, unitId: ch.unitId, indicatorId: ch.indicatorId, stored, wanted: after });
      }
    }
    for (const b of list) {
      if (!b.dirty) continue;
      const [, periodId, indicatorId, bucket] = b.key;
      writes.push(() => (b.cells.size ? blockStore.put(encodeBlock(workbookId, periodId, indicatorId, bucket, [...b.cells])) : blockStore.delete(b.key)));
    }
    // Cells are only written for units and indicators the period has once the command is applied
    // (an undo restores a removed indicator's cells before its scheme entry: order is not the test).
    for (const w of cellsWritten) {
      const p = schemes.get(w.periodId)!;
      if (!p.units.has(w.unitId) || !p.indicators.has(w.indicatorId)) {
        conflicts.push({ periodId: w.periodId, unitId: w.unitId, indicatorId: w.indicatorId, stored: null, wanted: w.after });
      }
    }
    // Nothing was written yet: the transaction ends having only read.
    if (conflicts.length) {
      return { ok: false as const, conflicts, revision: w.value.revision };
    }
    // Issued in order (IndexedDB applies a transaction's requests in the order made), awaited together.
    await Promise.all(writes.map((write) => write()));
    const revision = w.value.revision + 1;
    await tx.objectStore('workbooks').put({ ...w.value, revision, updatedAt: now() });
    return { ok: true as const, revision, previousRevision: w.value.revision };
  });
}
