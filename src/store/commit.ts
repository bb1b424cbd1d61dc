/**
 * Persisting a command in one transaction, checked cell by cell: what it replaces must be what the
 * writer last saw, so another tab's edit is never overwritten silently (a conflict comes back).
 */
import { APP_MARK, PeriodRecordSchema, WorkbookRecordSchema, check, type Cell, type CellChange, type Command, type PeriodMeta, type PeriodRecord } from '../model';
import { normalizeCell, sameCell, sameMeta } from '../engine/workbook/commands';
import type { KaoheDatabase } from './db';
import { DamagedRecordError, GoneError } from './errors';
import { now } from './ids';
import { writeTx } from './tx';
import { blockKey, bucketOf, decodeBlock, encodeBlock, type CellBlockKey } from './cellBlocks';

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
      d.unitIds.forEach((unitId, k) => list[n]!.cells.set(unitId, d.cells[k]!));
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
