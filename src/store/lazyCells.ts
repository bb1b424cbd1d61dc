/**
 * A period's keyed cells (`cells["unit|indicator"]`) made from its columns after the period is
 * shown, not while it is loaded: at 40 000 units × 20 indicators filling 800 000 keys took ~0.8 s
 * of every open, and the ranking, the grid and the charts read the columns. They are filled an
 * indicator at a time between the worker's other tasks; a reader that comes first (an edit's
 * check, an export, a copy) has the rest filled at once. After that `cells` is a plain property.
 *
 * Every change of a cell goes through `cells` (applyCommand) before the columns, so the columns
 * read here never hold a value the keyed cells would not.
 */
import type { Cell, CellColumns, Period } from '../model';

/** Fills one more indicator; false once the period's cells are whole. */
export type FillStep = () => boolean;

export function cellsWhenRead(p: Period, columns: CellColumns): FillStep {
  const units = p.units.map((u) => u.id);
  const indicators = p.indicators.map((i) => i.id);
  const cells: Record<string, Cell> = {};
  let next = 0;
  let settled = false;
  const fill = (ind: string) => {
    const column = columns.get(ind);
    if (!column) return;
    for (let i = 0; i < units.length; i++) {
      const c = column[i];
      if (c) cells[`${units[i]}|${ind}`] = c;
    }
  };
  const settle = (value: Record<string, Cell>) => {
    settled = true;
    Object.defineProperty(p, 'cells', { value, writable: true, configurable: true, enumerable: true });
  };
  Object.defineProperty(p, 'cells', {
    configurable: true,
    enumerable: true,
    get(): Record<string, Cell> {
      while (next < indicators.length) fill(indicators[next++]!);
      settle(cells);
      return cells;
    },
    set: settle,
  });
  return () => {
    if (settled) return false;
    if (next < indicators.length) fill(indicators[next++]!);
    if (next >= indicators.length) settle(cells);
    return !settled;
  };
}

/**
 * The fill starts once the page has been answered its first view (`start`), or after FILL_START_MS
 * if no view is asked: started at once, its first steps stood between the open's reply and the
 * page's first request (~90 ms at province scale); started late, an edit made meanwhile would
 * make every keyed cell at once (~0.5 s).
 */
export const FILL_START_MS = 1000;

export interface Fill {
  /** Begin now (one step per task), unless begun. */
  start(): void;
}

/** Run the steps one per task until all are done (each a few tens of ms at province scale). */
export function fillLater(steps: FillStep[], startMs = FILL_START_MS): Fill {
  const pending = [...steps];
  let begun = false;
  const run = () => {
    while (pending.length && !pending[0]!()) pending.shift();
    if (pending.length) setTimeout(run, 0);
  };
  const start = () => {
    if (begun || !pending.length) return;
    begun = true;
    clearTimeout(fallback);
    setTimeout(run, 0);
  };
  const fallback = pending.length ? setTimeout(start, startMs) : undefined;
  return { start };
}
