/**
 * Where the grid was in each period — the selection and the scroll — kept for as long as the page
 * lives. Leaving 数据录入 for another tab takes the grid away, and coming back put the person at the
 * top-left cell, 4 000 rows from where they were working; Excel keeps each sheet's place.
 */
import { createEffect, onCleanup, untrack } from 'solid-js';
import type { Selection } from './layout';

export interface GridPlace {
  sel: Selection;
  top: number;
  left: number;
}

/** The places of the periods seen most recently (a page that visits many keeps the last 50). */
const LIMIT = 50;
const places = new Map<string, GridPlace>();

const keyOf = (workbookId: string, periodId: string) => `${workbookId}\u0000${periodId}`;

export function rememberPlace(workbookId: string, periodId: string, place: GridPlace): void {
  const key = keyOf(workbookId, periodId);
  places.delete(key);
  places.set(key, place);
  if (places.size > LIMIT) places.delete(places.keys().next().value!);
}

/** The period's place, its selection kept inside a grid of `rows` × `cols` (units may have gone since). */
export function placeOf(workbookId: string, periodId: string, rows: number, cols: number): GridPlace | null {
  const p = places.get(keyOf(workbookId, periodId));
  if (!p || rows <= 0 || cols <= 0) return null;
  const inside = (pos: { row: number; col: number }) => ({ row: Math.min(pos.row, rows - 1), col: Math.min(pos.col, cols - 1) });
  return { sel: { anchor: inside(p.sel.anchor), focus: inside(p.sel.focus) }, top: p.top, left: p.left };
}

/**
 * A grid's memory of its place: `place` to start from (null: the top-left cell), and `keep`, which
 * stores the place when the grid goes away. The ids are followed while the grid lives: a grid going
 * away must not read its props (a stale read of the tab's <Match>, which broke the next tab).
 */
export function placeMemory(at: () => { workbookId: string; periodId: string }, rows: () => number, cols: () => number) {
  let shown = untrack(at);
  createEffect(() => (shown = at()));
  return {
    place: untrack(() => placeOf(shown.workbookId, shown.periodId, rows(), cols())),
    keep(now: () => GridPlace) {
      onCleanup(() => rememberPlace(shown.workbookId, shown.periodId, now()));
    },
  };
}
