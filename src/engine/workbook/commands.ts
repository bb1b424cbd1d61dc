/**
 * Applying, inverting and checking commands on an in-memory workbook. Pure: the worker's store
 * layer persists what these functions decide.
 */
import { UserError } from '../../model/errors';
import { cellKey, normalizeCell, sameCell, sameCells, type Cell, type CellChange, type CellColumns, type Command, type Period, type PeriodMeta, type Workbook } from '../../model';

/**
 * A period's fields but its cells, without reading `cells`: a destructuring `{ cells: _, ...rest }`
 * reads it, and after an open reading it makes the 800 000 keyed cells of a province at once
 * (store/lazyCells.ts) — 0.5 s that every scheme view and change paid.
 */
export function withoutCells(p: Period): Omit<Period, 'cells'> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(p)) if (k !== 'cells') out[k] = (p as unknown as Record<string, unknown>)[k];
  return out as Omit<Period, 'cells'>;
}

export function periodMeta(p: Period): PeriodMeta {
  const { id: _id, ...meta } = withoutCells(p);
  return structuredClone(meta);
}

export function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : val,
  );
}

export function sameMeta(a: PeriodMeta, b: PeriodMeta): boolean {
  // The same text in the same key order is the same scheme; only when it differs is the key order
  // ruled out (sorting the keys of 40 000 units took 80 ms a side).
  return JSON.stringify(a) === JSON.stringify(b) || stableJson(a) === stableJson(b);
}

/**
 * Two workbooks hold the same: name, periods in order, each period's scheme and cells (empty cells
 * count as none). A province workbook compared generically (800 000 cell objects) took a second;
 * with both sides' cells by column (`columnsA`/`columnsB` by period id) it compares by position.
 */
export function sameWorkbook(a: Workbook, b: Workbook, columnsA?: (periodId: string) => ReadonlyMap<string, readonly (Cell | undefined)[]> | null | undefined, columnsB?: ReadonlyMap<string, CellColumns> | null): boolean {
  if (a.id !== b.id || a.name !== b.name || a.periods.length !== b.periods.length) return false;
  return a.periods.every((p, i) => {
    const q = b.periods[i]!;
    if (!sameMeta(withoutCells(p) as PeriodMeta, withoutCells(q) as PeriodMeta)) return false;
    // The same scheme: the same units and indicators in the same order, so columns line up.
    const x = columnsA?.(p.id);
    const y = columnsB?.get(q.id);
    if (!x || !y) return sameCells(p.cells, q.cells);
    return p.indicators.every((ind) => {
      const cx = x.get(ind.id);
      const cy = y.get(ind.id);
      if (!cx || !cy) return sameCells(p.cells, q.cells);
      for (let k = 0; k < p.units.length; k++) if (!sameCell(cx[k], cy[k])) return false;
      return true;
    });
  });
}

export function invertCommand(cmd: Command): Command {
  switch (cmd.kind) {
    case 'setCells':
      return { ...cmd, changes: cmd.changes.map((c) => ({ ...c, before: c.after, after: c.before })) };
    case 'setMeta':
      return { ...cmd, before: cmd.after, after: cmd.before };
    case 'batch':
      return { ...cmd, commands: cmd.commands.map(invertCommand).reverse() };
  }
}

function findPeriod(wb: Workbook, id: string): Period {
  const p = wb.periods.find((x) => x.id === id);
  if (!p) throw new UserError(`找不到考核期：${id}`);
  return p;
}

/** Apply in place. */
export function applyCommand(wb: Workbook, cmd: Command): void {
  switch (cmd.kind) {
    case 'setCells': {
      const p = findPeriod(wb, cmd.periodId);
      for (const c of cmd.changes) {
        const key = cellKey(c.unitId, c.indicatorId);
        const v = normalizeCell(c.after);
        if (v) p.cells[key] = structuredClone(v);
        else delete p.cells[key];
      }
      return;
    }
    case 'setMeta': {
      const p = findPeriod(wb, cmd.periodId);
      Object.assign(p, structuredClone(cmd.after));
      // An optional part the scheme did not have before (an undone import's 已公布总分, 报送情况,
      // a 发文单位 or a period's name) goes: whatever the scheme holds, not a list to keep up to date.
      const target = p as Record<string, unknown>;
      for (const k of Object.keys(target)) if (k !== 'id' && k !== 'cells' && !(k in cmd.after)) delete target[k];
      return;
    }
    case 'batch':
      for (const c of cmd.commands) applyCommand(wb, c);
  }
}

/** Does the workbook hold what `cmd` expects before it (its `before` values)? Else another window changed it since. */
export function matchesWorkbook(wb: Workbook, cmd: Command): boolean {
  switch (cmd.kind) {
    case 'batch':
      return cmd.commands.every((c) => matchesWorkbook(wb, c));
    case 'setMeta': {
      const p = wb.periods.find((x) => x.id === cmd.periodId);
      return !!p && sameMeta(periodMeta(p), cmd.before);
    }
    case 'setCells': {
      const p = wb.periods.find((x) => x.id === cmd.periodId);
      return !!p && cmd.changes.every((c) => sameCell(p.cells[cellKey(c.unitId, c.indicatorId)], c.before));
    }
  }
}

/** Fill each change's `before` from the workbook as it stands (the page sends only `after`). */
export function withBefore(wb: Workbook, periodId: string, changes: Omit<CellChange, 'before'>[]): CellChange[] {
  const p = findPeriod(wb, periodId);
  return changes.map((c) => ({ ...c, before: normalizeCell(p.cells[cellKey(c.unitId, c.indicatorId)]) }));
}

/** Drop changes that change nothing; null when the whole command is a no-op. */
export function pruneCommand(cmd: Command): Command | null {
  switch (cmd.kind) {
    case 'setCells': {
      const changes = cmd.changes.filter((c) => !sameCell(c.before, c.after));
      return changes.length ? { ...cmd, changes } : null;
    }
    case 'setMeta':
      return sameMeta(cmd.before, cmd.after) ? null : cmd;
    case 'batch': {
      const commands = cmd.commands.map(pruneCommand).filter((c): c is Command => c !== null);
      return commands.length ? { ...cmd, commands } : null;
    }
  }
}

export { normalizeCell, sameCell } from '../../model/cell';
