/**
 * Each period's scores at the session's version, shared by every view: built once (from the
 * columns the store read, while nothing has changed), then kept up to date by edits — the changed
 * cells rescored incrementally, a period whose units or indicators changed built again.
 */
import { cellKey, type Cell, type CellChange, type Command, type Period, type PeriodMeta } from '../model';
import { stableJson } from '../engine/workbook/commands';
import { ScoreModel } from '../engine/scoring/scoreModel';

/** Above this many changed cells in one step, a period is rescored from scratch (one sort per order beats n moves). */
const INCREMENTAL_LIMIT = 2000;

/** Same units and indicators (rules, points, names): the period's scores and rows stand. */
function sameScoringScheme(a: PeriodMeta, b: PeriodMeta): boolean {
  if (a.units.length !== b.units.length || a.indicators.length !== b.indicators.length) return false;
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y) || stableJson(x) === stableJson(y);
  return same(a.indicators, b.indicators) && same(a.units, b.units);
}

export class PeriodScores {
  private scored = new Map<string, { version: number; model: ScoreModel }>();

  constructor(
    /** The cells by column as the store read them, for each period's first scoring while nothing has changed. */
    private loaded: { version: number; columns: Map<string, Map<string, (Cell | undefined)[]>> } | null,
  ) {}

  /** The period's columnar scores at `version`. */
  model(period: Period, version: number): ScoreModel {
    const hit = this.scored.get(period.id);
    if (hit && hit.version === version) return hit.model;
    if (this.loaded && this.loaded.version !== version) this.loaded = null;
    const columns = this.loaded?.columns.get(period.id);
    this.loaded?.columns.delete(period.id);
    const model = ScoreModel.build(period, columns);
    this.scored.set(period.id, { version, model });
    return model;
  }

  /**
   * A command was applied at version `from`, making `now`: rescore the cells it changed in the
   * periods scored at `from` (incrementally), forget periods whose scheme changed; untouched ones
   * stay valid. True when some period's units or indicators changed.
   */
  rescore(cmd: Command, from: number, now: number): boolean {
    const cells = new Map<string, CellChange[]>();
    /** Periods whose units or indicators changed (a scenario, a date or a published total leaves the scores). */
    const meta = new Set<string>();
    const visit = (c: Command) => {
      if (c.kind === 'batch') c.commands.forEach(visit);
      else if (c.kind === 'setMeta') {
        if (!sameScoringScheme(c.before, c.after)) meta.add(c.periodId);
      } else cells.set(c.periodId, [...(cells.get(c.periodId) ?? []), ...c.changes]);
    };
    visit(cmd);
    for (const [periodId, hit] of this.scored) {
      const changes = cells.get(periodId) ?? [];
      if (hit.version !== from || meta.has(periodId) || changes.length > INCREMENTAL_LIMIT) {
        this.scored.delete(periodId);
        continue;
      }
      const period = hit.model.period;
      for (const ch of changes) {
        const i = hit.model.unitAt(ch.unitId);
        const j = hit.model.indicatorAt(ch.indicatorId);
        if (i !== undefined && j !== undefined) hit.model.setCell(i, j, period.cells[cellKey(ch.unitId, ch.indicatorId)]);
      }
      hit.version = now;
    }
    return meta.size > 0;
  }

  forget(periodId: string): void {
    this.scored.delete(periodId);
  }

  clear(): void {
    this.scored.clear();
    this.loaded = null;
  }
}
