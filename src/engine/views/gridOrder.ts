/**
 * The order and filter of the data-entry grid's rows, as a list of unit positions. It never
 * changes the stored order of units (the bulletin's order): it is a way of looking at the period.
 *
 * The order is computed once, when the person sorts or filters, and then kept: editing a total
 * does not make rows jump under the cursor (as in Excel, a sort is an action, not a live view).
 */
import type { Period } from '../../model';
import { compareQuotients } from '../../model/exact';
import type { ScoreModel } from '../scoring/scoreModel';
import { findKey, isNatural, type GridOrderSpec, type GridSort } from '../text/orderWords';

export { NATURAL_ORDER, isNatural, findKey, describeOrder, type GridSortField, type GridSort, type GridFilterStatus, type GridOrderSpec } from '../text/orderWords';

// Chinese names sort by pinyin, as WPS and Excel do by default.
const collator = new Intl.Collator('zh-CN', { numeric: true });

/**
 * The rows to show, as positions into `period.units`, in display order; null = every unit in stored
 * order. Empty cells (and units without a rank) go last in either direction, as in Excel; ties keep
 * the stored order.
 */
export function gridOrder(period: Period, model: ScoreModel, spec: GridOrderSpec): Int32Array | null {
  if (isNatural(spec)) return null;
  const n = period.units.length;
  const key = findKey(spec.text);
  let rows: number[] = [];
  for (let i = 0; i < n; i++) {
    const u = period.units[i]!;
    if (key && !findKey(u.name).includes(key) && !(u.fullName && findKey(u.fullName).includes(key))) continue;
    if (spec.status === 'incomplete' && model.complete[i] === 1) continue;
    if (spec.status === 'error' && !model.columns.some((c) => c.errors.has(i))) continue;
    rows.push(i);
  }
  const s = spec.sort;
  if (s) rows = sortRows(period, model, rows, s);
  return Int32Array.from(rows);
}

function sortRows(period: Period, model: ScoreModel, rows: number[], s: GridSort): number[] {
  const sign = s.dir === 'asc' ? 1 : -1;
  if (s.field === 'unit') {
    return rows.sort((a, b) => sign * collator.compare(period.units[a]!.name, period.units[b]!.name) || a - b);
  }
  const value = numericColumn(model, s);
  const keyed = rows.map((i) => ({ i, v: value(i) }));
  // 完成率 on the decimals: 0.3/0.1 and 3/1 are the same rate (they keep the stored order between them).
  const j = s.field === 'rate' && s.indicatorId !== undefined ? model.indicatorAt(s.indicatorId) : undefined;
  const col = j === undefined ? null : model.columns[j]!;
  const diff = col ? (x: number, y: number) => compareQuotients(col.actual[x]!, col.target[x]!, col.actual[y]!, col.target[y]!) : null;
  keyed.sort((x, y) => {
    const xe = x.v === null;
    const ye = y.v === null;
    if (xe || ye) return xe === ye ? x.i - y.i : xe ? 1 : -1;
    return sign * (diff ? diff(x.i, y.i) : x.v! - y.v!) || x.i - y.i;
  });
  return keyed.map((k) => k.i);
}

/** The number a row sorts by, or null for an empty cell (or a unit without a rank). */
function numericColumn(model: ScoreModel, s: GridSort): (i: number) => number | null {
  const nan = (x: number | undefined): number | null => (x === undefined || Number.isNaN(x) ? null : x);
  if (s.field === 'total') return (i) => (model.complete[i] === 1 ? nan(model.totalRounded[i]) : null);
  if (s.field === 'rank') return (i) => (model.complete[i] === 1 ? model.totals.ranks[i]! : null);
  const j = s.indicatorId === undefined ? undefined : model.indicatorAt(s.indicatorId);
  if (j === undefined) return () => null;
  const col = model.columns[j]!;
  if (s.field === 'rate') return (i) => nan(col.rate[i]);
  if (s.field === 'score') return (i) => nan(col.score[i]);
  const field = s.field as 'target' | 'actual';
  // Stored values (a 不适用 or text cell has none to sort by).
  return (i) => {
    const v = model.storedCell(i, j)?.[field];
    return typeof v === 'number' ? v : null;
  };
}
