/**
 * Each period's scores at the session's version, shared by every view, and the period's cells by
 * column (indicator → cell per unit position) that every full scoring reads: first the columns the
 * store read, then kept up to date by each change. An edit is rescored incrementally; a period
 * whose units or indicators changed, or a change of more than INCREMENTAL_LIMIT cells, is scored
 * again from its columns — never by 800 000 string-keyed lookups into `period.cells`.
 */
import { cellKey, cellKeysOf, unitPositionsOf, type CellChange, type CellColumns, type Command, type Period, type PeriodMeta } from '../model';
import { stableJson } from '../engine/workbook/commands';
import { ScoreModel } from '../engine/scoring/scoreModel';

/** Above this many changed cells in one step, a period is rescored from scratch (one sort per order beats n moves). */
const INCREMENTAL_LIMIT = 2000;

export type { CellColumns };

/** Same units and indicators (rules, points, names): the period's scores and rows stand. */
function sameScoringScheme(a: PeriodMeta, b: PeriodMeta): boolean {
  if (a.units.length !== b.units.length || a.indicators.length !== b.indicators.length) return false;
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y) || stableJson(x) === stableJson(y);
  return same(a.indicators, b.indicators) && same(a.units, b.units);
}

/** Same unit ids in the same order, same indicator ids in the same order: positions still hold. */
function samePositions(a: PeriodMeta, b: PeriodMeta): boolean {
  return a.units.length === b.units.length && a.indicators.length === b.indicators.length && a.units.every((u, i) => u.id === b.units[i]!.id) && a.indicators.every((x, j) => x.id === b.indicators[j]!.id);
}

interface Scored {
  version: number;
  /** Null when the period must be scored again (from `columns`). */
  model: ScoreModel | null;
  /** The period's cells by column at `version`. */
  columns: CellColumns;
}

export class PeriodScores {
  private scored = new Map<string, Scored>();

  constructor(
    /** The cells by column as the store read them, valid at `version`. */
    loaded: { version: number; columns: Map<string, CellColumns> } | null,
  ) {
    for (const [periodId, columns] of loaded?.columns ?? []) this.scored.set(periodId, { version: loaded!.version, model: null, columns });
  }

  /** The period's columnar scores at `version`. */
  model(period: Period, version: number): ScoreModel {
    const hit = this.scored.get(period.id);
    if (hit && hit.version === version && hit.model) return hit.model;
    const kept = hit && hit.version === version ? hit : null;
    const columns = kept ? kept.columns : columnsOf(period);
    const model = ScoreModel.build(period, columns);
    this.scored.set(period.id, { version, model, columns });
    return model;
  }

  /**
   * A command was applied at version `from`, making `now`: rescore the cells it changed in the
   * periods scored at `from` (incrementally), or mark them to be scored again from their columns
   * (kept up to date here); untouched ones stay valid. True when some period's units or indicators changed.
   */
  rescore(cmd: Command, from: number, now: number, periods: readonly Period[]): boolean {
    const cells = new Map<string, CellChange[]>();
    /** Periods whose units or indicators changed (a scenario, a date or a published total leaves the scores). */
    const meta = new Map<string, PeriodMeta>();
    const visit = (c: Command) => {
      if (c.kind === 'batch') c.commands.forEach(visit);
      else if (c.kind === 'setMeta') {
        if (!sameScoringScheme(c.before, c.after)) meta.set(c.periodId, c.before);
      } else cells.set(c.periodId, [...(cells.get(c.periodId) ?? []), ...c.changes]);
    };
    visit(cmd);
    for (const [periodId, hit] of this.scored) {
      const period = periods.find((p) => p.id === periodId);
      if (hit.version !== from || !period) {
        this.scored.delete(periodId);
        continue;
      }
      const changes = cells.get(periodId) ?? [];
      const before = meta.get(periodId);
      if (before && !samePositions(before, period)) {
        // Units or indicators added, removed or moved: the columns follow the ids.
        hit.columns = remap(hit.columns, before, period);
      }
      if (changes.length) {
        const positions = unitPositionsOf(period.units);
        for (const ch of changes) {
          const i = positions.get(ch.unitId);
          const col = hit.columns.get(ch.indicatorId);
          if (i !== undefined && col) col[i] = period.cells[cellKey(ch.unitId, ch.indicatorId)];
        }
      }
      if (before || changes.length > INCREMENTAL_LIMIT) hit.model = null;
      else if (hit.model) {
        for (const ch of changes) {
          const i = hit.model.unitAt(ch.unitId);
          const j = hit.model.indicatorAt(ch.indicatorId);
          if (i !== undefined && j !== undefined) hit.model.setCell(i, j, period.cells[cellKey(ch.unitId, ch.indicatorId)]);
        }
      }
      hit.version = now;
    }
    return meta.size > 0;
  }

  /** The period's cells by column at `version`, when kept (else null: read them by key). */
  columns(periodId: string, version: number): CellColumns | null {
    const hit = this.scored.get(periodId);
    return hit && hit.version === version ? hit.columns : null;
  }

  forget(periodId: string): void {
    this.scored.delete(periodId);
  }

  clear(): void {
    this.scored.clear();
  }
}

/** The period's cells by column, read by key (when no columns are kept: a period not read from the store). */
export function columnsOf(period: Period): CellColumns {
  return new Map(period.indicators.map((ind) => [ind.id, cellKeysOf(period.units, ind.id).map((key) => period.cells[key])]));
}

/** Columns laid out for `before`'s units and indicators, moved to `after`'s by id (new ones empty). */
function remap(columns: CellColumns, before: PeriodMeta, after: PeriodMeta): CellColumns {
  const oldPos = new Map(before.units.map((u, i) => [u.id, i]));
  const at = after.units.map((u) => oldPos.get(u.id));
  return new Map(
    after.indicators.map((ind) => {
      const old = columns.get(ind.id);
      return [ind.id, at.map((i) => (old && i !== undefined ? old[i] : undefined))];
    }),
  );
}
