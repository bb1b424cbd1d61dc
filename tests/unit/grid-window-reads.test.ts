/**
 * The page's grid window (gridWindow.ts): which reads it asks the worker for. A selection far from
 * the rows in view once made it read the same window over and over (the 40 000-unit grid churned
 * its rows until the test's click found them detached).
 */
import { describe, expect, it } from 'vitest';
import { createEffect, createRoot, createSignal } from 'solid-js';
import { createGridWindow, type GridWindowKey } from '../../src/ui/entry/grid/gridWindow';
import type { GridView } from '../../src/engine/views/grid';

const ROWS = 40_000;
const settle = () => new Promise((r) => setTimeout(r, 20));

/** A worker that answers any window of a ROWS-row grid (only what gridWindow reads). */
function fakeFetch(log: { from: number; to: number }[]) {
  return async (periodId: string, from: number, to: number, withUnits: boolean): Promise<GridView> => {
    log.push({ from, to });
    // A loop is stopped here (never answered) so that the test fails on its count, not by hanging.
    if (log.length > 50) return new Promise<GridView>(() => {});
    const end = Math.min(to, ROWS);
    return {
      periodId,
      from,
      rowCount: ROWS,
      rowsStamp: 's',
      total: new Array(Math.max(0, end - from)).fill(0),
      units: withUnits ? Array.from({ length: ROWS }, (_, i) => ({ id: `u${i + 1}`, name: `单位${i + 1}` })) : null,
    } as unknown as GridView;
  };
}

describe('the grid window reads each window once', () => {
  it('scrolled to the last row with the selection on the first: one read, not a loop', async () => {
    const log: { from: number; to: number }[] = [];
    await createRoot(async (dispose) => {
      const [key] = createSignal<GridWindowKey | null>({ workbookId: 'w', periodId: 'p', version: 1 });
      const grid = createGridWindow(key, fakeFetch(log), (e) => {
        throw e;
      });
      // The grid's own effects call these as it renders (DataGrid.tsx): rows in view, rows selected.
      createEffect(() => {
        grid.view();
        grid.showRows(ROWS - 30, ROWS);
      });
      createEffect(() => {
        grid.view();
        grid.needRows(0, 1);
      });
      for (let i = 0; i < 20; i++) await settle();
      expect(grid.view()?.from).toBe(ROWS - 30 - 150);
      dispose();
    });
    // The first read (rows 0–60 before the grid scrolled), then the rows at the end: no more.
    expect(log.length).toBeLessThanOrEqual(3);
    expect(log.at(-1)).toEqual({ from: ROWS - 180, to: ROWS + 150 });
  });
});
