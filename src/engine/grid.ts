import { cellKey, type CellState, type Period, type PeriodResult, type RawValue, type RuleKind } from '../model';

/** One indicator's column group of the data-entry grid, indexed like `GridView.units`. */
export interface GridColumn {
  indicatorId: string;
  target: RawValue[];
  actual: RawValue[];
  manual: RawValue[];
  state: CellState[];
  rate: (number | null)[];
  score: (number | null)[];
  error: (string | null)[];
  remark: (string | null)[];
}

/** Columnar (cheap to clone across the worker boundary) data for the data-entry grid. */
export interface GridView {
  periodId: string;
  /** The worker's in-memory version this view shows (sent back with edits). */
  version: number;
  /** Cell keys changed but not yet written to IndexedDB. */
  unsaved: string[];
  schemePoints: number;
  units: { id: string; name: string }[];
  indicators: { id: string; name: string; unit: string; points: number; ruleKind: RuleKind; decimals: number }[];
  columns: GridColumn[];
  total: (number | null)[];
  rank: (number | null)[];
  complete: boolean[];
}

export function buildGridView(period: Period, result: PeriodResult, version: number, unsaved: string[] = []): GridView {
  const unitResults = new Map(result.units.map((u) => [u.unitId, u]));
  return {
    periodId: period.id,
    version,
    unsaved,
    schemePoints: result.schemePoints,
    units: period.units.map((u) => ({ id: u.id, name: u.name })),
    indicators: period.indicators.map((i) => ({ id: i.id, name: i.name, unit: i.unit, points: i.points, ruleKind: i.rule.kind, decimals: i.decimals })),
    columns: period.indicators.map((ind) => {
      const col: GridColumn = { indicatorId: ind.id, target: [], actual: [], manual: [], state: [], rate: [], score: [], error: [], remark: [] };
      for (const u of period.units) {
        const key = cellKey(u.id, ind.id);
        const cell = period.cells[key];
        const r = result.cells[key]!;
        col.target.push(cell?.target ?? null);
        col.actual.push(cell?.actual ?? null);
        col.manual.push(cell?.manualScore ?? null);
        col.state.push(cell?.state ?? 'missing');
        col.rate.push(r.rate);
        col.score.push(r.score);
        col.error.push(r.error?.message ?? null);
        col.remark.push(cell?.remark ?? null);
      }
      return col;
    }),
    total: period.units.map((u) => unitResults.get(u.id)!.totalRounded),
    rank: period.units.map((u) => unitResults.get(u.id)!.rank),
    complete: period.units.map((u) => unitResults.get(u.id)!.complete),
  };
}
