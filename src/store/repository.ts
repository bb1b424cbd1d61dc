/**
 * Reading and writing workbooks in IndexedDB (schema level 2: every record keyed under its
 * workbook). Reads validate every record against the model's schema; what fails is set aside
 * (setAside.ts), never scored and never silently dropped. Writes are single transactions that
 * abort on any error. A change to cells checks, cell by cell, that what it replaces is what the
 * writer last saw, so another tab's edit is never overwritten silently.
 */
import {
  APP_MARK,
  CellRecordSchema,
  PeriodRecordSchema,
  SCHEMA_VERSION,
  UserError,
  WorkbookRecordSchema,
  assertChecked,
  cellKey,
  check,
  checkWorkbook,
  periodLabel,
  periodProblems,
  type Cell,
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
import { moveAside, type SetAsideEntry } from './setAside';
import { readTx, underPeriod, underWorkbook, writeTx } from './tx';
import { readCellRecordFast } from './fastCell';

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

const byTime = (a: Pick<Period, 'year' | 'quarter'>, b: Pick<Period, 'year' | 'quarter'>) => a.year - b.year || a.quarter - b.quarter;

function toPeriodRecord(p: Period, workbookId: string): PeriodRecord {
  return { app: APP_MARK, workbookId, id: p.id, ...periodMeta(p) };
}

function cellRecords(p: Period, workbookId: string) {
  return Object.entries(p.cells).flatMap(([key, c]) => {
    const n = normalizeCell(c);
    if (!n) return [];
    const [unitId, indicatorId] = key.split('|') as [string, string];
    return [{ ...n, workbookId, periodId: p.id, unitId, indicatorId }];
  });
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

export interface LoadedWorkbook {
  workbook: Workbook;
  revision: number;
  /** Records that failed validation, now set aside. */
  setAside: SetAsideEntry[];
}

/**
 * A workbook with every record validated. Invalid periods and cells (and cells of units or
 * indicators the period no longer has) are set aside; the periods list is repaired to what exists.
 */
export async function loadWorkbook(db: KaoheDatabase, id: string): Promise<LoadedWorkbook | null> {
  const read = await readTx(db, ['workbooks', 'periods', 'cells'], async (tx) => {
    const w = await tx.objectStore('workbooks').get(id);
    const periods = await tx.objectStore('periods').getAll(underWorkbook(id));
    const cells = await tx.objectStore('cells').getAll(underWorkbook(id));
    return { w, periods, cells };
  });
  const wr = check(WorkbookRecordSchema, read.w);
  if (!wr.ok) return null;
  const record = wr.value;
  const aside: SetAsideEntry[] = [];
  const periods = new Map<string, Period>();
  const rawCellsByPeriod = new Map<string, unknown[]>();
  for (const c of read.cells as unknown[]) {
    const pid = (c as { periodId?: unknown })?.periodId;
    const list = rawCellsByPeriod.get(String(pid)) ?? [];
    list.push(c);
    rawCellsByPeriod.set(String(pid), list);
  }
  for (const raw of read.periods as unknown[]) {
    const pr = check(PeriodRecordSchema, raw);
    const pid = String((raw as { id?: unknown })?.id);
    const problems = pr.ok ? periodProblems(pr.value, null) : pr.problems;
    if (!pr.ok || problems.length) {
      const cells = rawCellsByPeriod.get(pid) ?? [];
      rawCellsByPeriod.delete(pid);
      const label = pr.ok ? periodLabel(pr.value) : pid;
      aside.push({
        what: `工作簿“${record.name}”的考核期 ${label}（及其 ${cells.length} 个单元格）`,
        reason: problems.join('；'),
        records: [{ store: 'periods', key: [id, pid], value: raw }, ...cells.map((value) => ({ store: 'cells' as const, key: cellKeyOf(value), value }))],
      });
      continue;
    }
    const { app: _a, workbookId: _w, id: pId, ...meta } = pr.value;
    periods.set(pId, { id: pId, ...meta, cells: {} });
  }
  for (const [pid, list] of rawCellsByPeriod) {
    const p = periods.get(pid);
    const units = new Set(p?.units.map((u) => u.id));
    const inds = new Set(p?.indicators.map((i) => i.id));
    const bad: { value: unknown; reason: string }[] = [];
    for (const raw of list) {
      const fast = readCellRecordFast(raw);
      if (fast && p && units.has(fast.unitId) && inds.has(fast.indicatorId)) {
        if (fast.cell) p.cells[cellKey(fast.unitId, fast.indicatorId)] = fast.cell;
        continue;
      }
      const cr = check(CellRecordSchema, raw);
      if (!cr.ok) bad.push({ value: raw, reason: cr.problems.join('；') });
      else if (!p) bad.push({ value: raw, reason: '所属考核期不存在' });
      else if (!units.has(cr.value.unitId) || !inds.has(cr.value.indicatorId)) bad.push({ value: raw, reason: `所属单位“${cr.value.unitId}”或指标“${cr.value.indicatorId}”已不在该考核期中` });
      else {
        const { workbookId: _w, periodId: _p, unitId, indicatorId, ...cell } = cr.value;
        const n = normalizeCell(cell);
        if (n) p.cells[cellKey(unitId, indicatorId)] = n;
      }
    }
    if (bad.length) {
      aside.push({
        what: `工作簿“${record.name}”${p ? `考核期 ${periodLabel(p)} ` : ''}的 ${bad.length} 个单元格`,
        reason: [...new Set(bad.map((b) => b.reason))].slice(0, 3).join('；'),
        records: bad.map((b) => ({ store: 'cells' as const, key: cellKeyOf(b.value), value: b.value })),
      });
    }
  }
  // The list of periods, repaired to what is stored: listed ones in order, then any unlisted.
  const listed = record.periodIds.filter((pid) => periods.has(pid));
  const unlisted = [...periods.values()].filter((p) => !listed.includes(p.id)).sort(byTime).map((p) => p.id);
  const periodIds = [...new Set([...listed, ...unlisted])];
  const needsRepair = periodIds.length !== record.periodIds.length || periodIds.some((x, i) => x !== record.periodIds[i]);
  let revision = record.revision;
  if (aside.length || needsRepair) {
    revision = await writeTx(db, ['workbooks', 'periods', 'cells', 'setAside'], async (tx) => {
      await moveAside(tx, aside);
      const cur = check(WorkbookRecordSchema, await tx.objectStore('workbooks').get(id));
      if (!cur.ok) return record.revision;
      const next = cur.value.revision + 1;
      await tx.objectStore('workbooks').put({ ...cur.value, periodIds, revision: next, updatedAt: now() });
      return next;
    });
  }
  return { workbook: { schemaVersion: SCHEMA_VERSION, id: record.id, name: record.name, periods: periodIds.map((pid) => periods.get(pid)!) }, revision, setAside: aside };
}

function cellKeyOf(v: unknown): IDBValidKey {
  const o = (v ?? {}) as Record<string, unknown>;
  return [o.workbookId, o.periodId, o.unitId, o.indicatorId] as IDBValidKey;
}

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
  return writeTx(db, ['workbooks', 'periods', 'cells', 'snapshots'], async (tx) => {
    const stored = await tx.objectStore('workbooks').get(wb.id);
    const old = stored === undefined ? null : check(WorkbookRecordSchema, stored);
    if (opts.create && stored !== undefined) throw new UserError('已有相同编号的工作簿，未写入。');
    if (opts.autoSnapshot && old?.ok) {
      const current = await readWithin(tx, old.value);
      await tx.objectStore('snapshots').put({ app: APP_MARK, id: newId('snap'), workbookId: wb.id, name: opts.autoSnapshot, createdAt: now(), auto: true, workbook: current });
    }
    await tx.objectStore('cells').delete(underWorkbook(wb.id));
    await tx.objectStore('periods').delete(underWorkbook(wb.id));
    for (const p of wb.periods) {
      await tx.objectStore('periods').put(toPeriodRecord(p, wb.id));
      for (const c of cellRecords(p, wb.id)) await tx.objectStore('cells').put(c);
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
async function readWithin(tx: import('./tx').WriteTx<['workbooks', 'periods', 'cells', 'snapshots']>, rec: WorkbookRecord): Promise<Workbook> {
  const periods: Period[] = [];
  for (const pid of rec.periodIds) {
    const pr = check(PeriodRecordSchema, await tx.objectStore('periods').get([rec.id, pid]));
    if (!pr.ok) continue;
    const { app: _a, workbookId: _w, id, ...meta } = pr.value;
    const cells: Record<string, Cell> = {};
    for (const raw of await tx.objectStore('cells').getAll(underPeriod(rec.id, pid))) {
      const cr = check(CellRecordSchema, raw);
      if (!cr.ok) continue;
      const { workbookId: _x, periodId: _p, unitId, indicatorId, ...cell } = cr.value;
      const n = normalizeCell(cell);
      if (n) cells[cellKey(unitId, indicatorId)] = n;
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
  await writeTx(db, ['workbooks', 'periods', 'cells', 'snapshots'], async (tx) => {
    await tx.objectStore('cells').delete(underWorkbook(id));
    await tx.objectStore('periods').delete(underWorkbook(id));
    for (const key of await tx.objectStore('snapshots').index('byWorkbook').getAllKeys(id)) await tx.objectStore('snapshots').delete(key);
    await tx.objectStore('workbooks').delete(id);
  });
}

/** Add a period to a stored workbook (its periods list and the period's records), bumping the revision. */
export async function addPeriodRecord(db: KaoheDatabase, workbookId: string, period: Period): Promise<number> {
  return writeTx(db, ['workbooks', 'periods', 'cells'], async (tx) => {
    const w = check(WorkbookRecordSchema, await tx.objectStore('workbooks').get(workbookId));
    if (!w.ok) throw new UserError('工作簿不存在或已被删除。');
    await tx.objectStore('periods').put(toPeriodRecord(period, workbookId));
    for (const c of cellRecords(period, workbookId)) await tx.objectStore('cells').put(c);
    const revision = w.value.revision + 1;
    await tx.objectStore('workbooks').put({ ...w.value, periodIds: [...w.value.periodIds, period.id], revision, updatedAt: now() });
    return revision;
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
  return writeTx(db, ['workbooks', 'periods', 'cells'], async (tx) => {
    const w = check(WorkbookRecordSchema, await tx.objectStore('workbooks').get(workbookId));
    if (!w.ok) throw new UserError('工作簿已被删除或无法读取，修改没能保存。');
    // Nobody else committed since the writer's copy was read: its units and indicators are the
    // stored ones (validated when read), so a cell change needs no second look at the scheme.
    const unchanged = basedOnRevision === w.value.revision;
    const conflicts: Conflict[] = [];
    const writes: (() => Promise<unknown>)[] = [];
    /** Unit and indicator ids of each period the command touches, as they will be after it. */
    const schemes = new Map<string, { units: Set<string>; indicators: Set<string> }>();
    const cellsWritten: { periodId: string; unitId: string; indicatorId: string; after: Cell }[] = [];
    const gone = () => new UserError('该考核期已在另一窗口中删除或无法读取，修改没能保存。');
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
      // All reads issued at once, answered in order: one request in flight at a time costs a round
      // trip each (40 000 cells of an import took 12 s that way in Chromium).
      const cellStore = tx.objectStore('cells');
      const keys = c.changes.map((ch): [string, string, string, string] => [workbookId, c.periodId, ch.unitId, ch.indicatorId]);
      const raws = await Promise.all(keys.map((k) => cellStore.get(k)));
      for (let n = 0; n < c.changes.length; n++) {
        const ch = c.changes[n]!;
        const key = keys[n]!;
        const raw = raws[n];
        let stored: Cell | null = null;
        if (raw !== undefined) {
          const cr = check(CellRecordSchema, raw);
          // A damaged stored cell was never shown as a value: replacing it is not a conflict.
          if (cr.ok) {
            const { workbookId: _w, periodId: _p, unitId: _u, indicatorId: _i, ...cell } = cr.value;
            stored = normalizeCell(cell);
          }
        }
        const after = normalizeCell(ch.after);
        if (after && !unchanged) cellsWritten.push({ periodId: c.periodId, unitId: ch.unitId, indicatorId: ch.indicatorId, after });
        if (sameCell(stored, ch.before)) {
          writes.push(() => (after ? tx.objectStore('cells').put({ ...after, workbookId, periodId: c.periodId, unitId: ch.unitId, indicatorId: ch.indicatorId }) : tx.objectStore('cells').delete(key)));
        } else if (!sameCell(stored, ch.after)) {
          conflicts.push({ periodId: c.periodId, unitId: ch.unitId, indicatorId: ch.indicatorId, stored, wanted: after });
        }
      }
    };

    await visit(cmd);
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
