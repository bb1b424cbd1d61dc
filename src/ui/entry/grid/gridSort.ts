/**
 * Sorting by a header click: the key a column sorts by, its current direction, and the next order
 * asked of the worker (first click: names and ranks ascending, figures highest first; a second
 * click turns it round).
 */
import type { GridOrderSpec, GridSort } from '../../../engine/text/orderWords';
import type { GridColumnSpec } from './layout';

export function gridSort(host: { columns: () => readonly GridColumnSpec[]; indicatorId: (index: number) => string | undefined; order: () => GridOrderSpec }) {
  const keyOf = (col: number): Omit<GridSort, 'dir'> => {
    const spec = host.columns()[col]!;
    const indicatorId = spec.indicator >= 0 ? host.indicatorId(spec.indicator) : undefined;
    return { field: spec.kind, ...(indicatorId ? { indicatorId } : {}) };
  };
  const dirOf = (col: number) => {
    const key = keyOf(col);
    const cur = host.order().sort;
    return cur && cur.field === key.field && cur.indicatorId === key.indicatorId ? cur.dir : null;
  };
  const next = (col: number): GridOrderSpec => {
    const key = keyOf(col);
    const dir = dirOf(col);
    const d: GridSort['dir'] = dir ? (dir === 'asc' ? 'desc' : 'asc') : key.field === 'unit' || key.field === 'rank' ? 'asc' : 'desc';
    return { ...host.order(), sort: { ...key, dir: d } };
  };
  return { dirOf, next };
}
