/**
 * Whole workbooks written (new, copied, restored or opened from a file), replacing what is stored
 * under the id, in one transaction: validated first; on any error nothing changes.
 */
import { APP_MARK, PeriodRecordSchema, SCHEMA_VERSION, UserError, WorkbookRecordSchema, assertChecked, cellKey, check, checkWorkbook, wasValidated, type Cell, type CellColumns, type Period, type SnapshotContent, type Workbook, type WorkbookRecord } from '../model';
import type { KaoheDatabase } from './db';
import { decodeBlock } from './cellBlocks';
import { now } from './ids';
import { cellBlocks, toPeriodRecord } from './periodRecords';
import { putSnapshot } from './snapshots';
import { underPeriod, underWorkbook, writeTx, type WriteTx } from './tx';

export interface PutOptions {
  /** Refuse if a workbook with this id exists (a new or copied workbook). */
  create?: boolean;
  /** Snapshots to add in the same transaction (from a workbook file, or copied). */
  snapshots?: SnapshotContent[];
  /** Keep the stored workbook as an automatic snapshot first, in the same transaction. */
  autoSnapshot?: string;
  /** The workbook's cells by period and column, when the caller holds them so (a file just read). */
  columns?: ReadonlyMap<string, CellColumns> | null;
}

/**
 * Write a whole workbook (new, copied, restored or opened from a file), replacing what is stored
 * under its id, in one transaction. Validated first; on any error nothing changes.
 */
export async function putWorkbook(db: KaoheDatabase, input: Workbook, opts: PutOptions = {}): Promise<number> {
  const wb = wasValidated(input) ? input : assertChecked(checkWorkbook(input), `工作簿“${String((input as { name?: unknown })?.name ?? '')}”`);
  for (const s of opts.snapshots ?? []) if (!wasValidated(s.workbook)) assertChecked(checkWorkbook(s.workbook), `版本“${s.name}”中的工作簿`);
  return writeTx(db, ['workbooks', 'periods', 'cellBlocks', 'snapshots'], async (tx) => {
    const stored = await tx.objectStore('workbooks').get(wb.id);
    const old = stored === undefined ? null : check(WorkbookRecordSchema, stored);
    if (opts.create && stored !== undefined) throw new UserError('已有相同编号的工作簿，未写入。');
    if (opts.autoSnapshot && old?.ok) await putSnapshot(tx, wb.id, opts.autoSnapshot, await readWithin(tx, old.value), true);
    await tx.objectStore('cellBlocks').delete(underWorkbook(wb.id));
    await tx.objectStore('periods').delete(underWorkbook(wb.id));
    const blocks = tx.objectStore('cellBlocks');
    for (const p of wb.periods) {
      await tx.objectStore('periods').put(toPeriodRecord(p, wb.id));
      await Promise.all(cellBlocks(p, wb.id, opts.columns?.get(p.id)).map((b) => blocks.put(b)));
    }
    for (const s of opts.snapshots ?? []) await putSnapshot(tx, wb.id, s.name, { ...structuredClone(s.workbook), id: wb.id }, s.auto, s.createdAt);
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

/** The stored workbook, read inside a write transaction (for an automatic snapshot). */
export async function readWithin(tx: WriteTx<('workbooks' | 'periods' | 'cellBlocks' | 'snapshots')[]>, rec: WorkbookRecord): Promise<Workbook> {
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
      d.unitIds.forEach((unitId, k) => {
        if (units.has(unitId)) cells[cellKey(unitId, d.indicatorId)] = d.cells[k]!;
      });
    }
    periods.push({ id, ...meta, cells });
  }
  return { schemaVersion: SCHEMA_VERSION, id: rec.id, name: rec.name, periods };
}
