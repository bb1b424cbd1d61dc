import { cellKey, type Cell, type CellState, type Period, type RawValue, type RuleKind } from '../../model';
import type { ScoreModel } from '../scoring/scoreModel';
import type { GridOrderSpec } from './gridOrder';

/** One indicator's column group of the data-entry grid, for the rows of the window (index 0 = row `from`). */
export interface GridColumn {
  indicatorId: string;
  target: RawValue[];
  actual: RawValue[];
  manual: RawValue[];
  state: CellState[];
  /** 完成率 rounded to 4 decimals (0.00 %) on the decimals, and whether it reached 100 %. */
  rate: (number | null)[];
  reached: (boolean | null)[];
  /** Scores rounded to 2 decimals as printed. */
  score: (number | null)[];
  error: (string | null)[];
  remark: (string | null)[];
}

export interface GridUnit {
  id: string;
  name: string;
}

/**
 * The data-entry grid as it crosses the worker boundary: the rows in view (`from`, then as many as
 * the arrays hold), never the whole period — at 40 000 units × 20 indicators the whole grid is
 * 47 MB of JSON. The row identities (`units`) come only when asked for (they change with the scheme).
 */
export interface GridView {
  periodId: string;
  /** The worker's in-memory version this view shows (sent back with edits). */
  version: number;
  /** Bumped when units or indicators change: the page keeps `units` until then. */
  schemeVersion: number;
  /**
   * Which row order `units` and every row are in (see gridOrder.ts): the page keeps `units` only
   * while this is the same, so a row index never names one unit in one view and another in the next.
   */
  rowsStamp: string;
  /** The sort and filter shown (null = every unit in stored order). */
  order: GridOrderSpec | null;
  /** Units in the period, filtered or not. */
  unitCount: number;
  /** Cell keys changed but not yet written to IndexedDB. */
  unsaved: string[];
  schemePoints: number;
  /** Rows shown (the units the filter lets through). */
  rowCount: number;
  /** All units in row order; null when the page did not ask (it has them for this schemeVersion). */
  units: GridUnit[] | null;
  indicators: { id: string; name: string; unit: string; points: number; ruleKind: RuleKind; decimals: number }[];
  /** First row of the window. */
  from: number;
  columns: GridColumn[];
  total: (number | null)[];
  rank: (number | null)[];
  complete: boolean[];
}

const num = (x: number | undefined): number | null => (x === undefined || Number.isNaN(x) ? null : x);

/** Rows [from, to) of the grid, read from the period and its scores (no per-cell result objects). */
export function buildGridView(
  period: Period,
  model: ScoreModel,
  version: number,
  opts: {
    unsaved?: string[];
    from?: number;
    to?: number;
    withUnits?: boolean;
    schemeVersion?: number;
    /** Display order: positions into period.units (see gridOrder), with its stamp and spec. */
    order?: { rows: Int32Array; stamp: string; spec: GridOrderSpec } | null;
    /** The period's cells by column (indicator → cell per unit position), when held: read instead of `period.cells`. */
    cells?: ReadonlyMap<string, readonly (Cell | undefined)[]> | null;
  } = {},
): GridView {
  const order = opts.order ?? null;
  const n = order ? order.rows.length : period.units.length;
  const from = Math.max(0, Math.min(n, Math.floor(opts.from ?? 0)));
  const to = Math.max(from, Math.min(n, Math.floor(opts.to ?? n)));
  // Unit positions of the rows in the window.
  const at: number[] = [];
  for (let r = from; r < to; r++) at.push(order ? order.rows[r]! : r);
  const rows = at.map((i) => period.units[i]!);
  return {
    periodId: period.id,
    version,
    schemeVersion: opts.schemeVersion ?? 0,
    rowsStamp: `${opts.schemeVersion ?? 0}|${order?.stamp ?? ''}`,
    order: order?.spec ?? null,
    unitCount: period.units.length,
    unsaved: opts.unsaved ?? [],
    schemePoints: model.schemePoints,
    rowCount: n,
    units:
      opts.withUnits === false
        ? null
        : order
          ? Array.from(order.rows, (i) => ({ id: period.units[i]!.id, name: period.units[i]!.name }))
          : period.units.map((u) => ({ id: u.id, name: u.name })),
    indicators: period.indicators.map((i) => ({ id: i.id, name: i.name, unit: i.unit, points: i.points, ruleKind: i.rule.kind, decimals: i.decimals })),
    from,
    columns: period.indicators.map((ind, j) => {
      const m = model.columns[j]!;
      const col: GridColumn = { indicatorId: ind.id, target: [], actual: [], manual: [], state: [], rate: [], reached: [], score: [], error: [], remark: [] };
      // An indicator without a column held has no cells.
      const held = opts.cells ? (opts.cells.get(ind.id) ?? []) : null;
      rows.forEach((u, k) => {
        const i = at[k]!;
        const cell = held ? held[i] : period.cells[cellKey(u.id, ind.id)];
        col.target.push(cell?.target ?? null);
        col.actual.push(cell?.actual ?? null);
        col.manual.push(cell?.manualScore ?? null);
        col.state.push(cell?.state ?? 'missing');
        col.rate.push(num(model.rateRounded(i, j)));
        col.reached.push(model.reached(i, j));
        col.score.push(num(model.scoreRounded(i, j)));
        col.error.push(m.errors.get(i)?.message ?? null);
        col.remark.push(cell?.remark ?? null);
      });
      return col;
    }),
    total: at.map((i) => num(model.totalRounded[i])),
    rank: at.map((i) => (model.complete[i] ? model.totals.ranks[i]! : null)),
    complete: at.map((i) => model.complete[i] === 1),
  };
}
