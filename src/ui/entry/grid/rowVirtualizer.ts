/**
 * The grid's rows in view (virtualized), made in turns when the grid first appears (see
 * shared/frameTurns.ts): the grid without rows (measured while it is small), then the rows on
 * screen, then the rows drawn beyond it (overscan). Opening 数据录入 at province scale made all ~45
 * rows of ~60 cells in the task that also measured the grid, laying every new row out at once: one
 * 74 ms task.
 */
import { createVirtualizer } from '@tanstack/solid-virtual';
import { createSignal, onCleanup, onMount } from 'solid-js';
import { ROW_HEIGHT } from './layout';
import { inTurn } from '../../shared/frameTurns';
import { observeRectAfterLayout, scrollToAfterFirst } from './afterLayout';

const OVERSCAN = 12;

/**
 * `start`: a place to come back to (gridPlace.ts) — the rows are reckoned from `top` at once and the
 * scroller is moved there (`shown`) as soon as the rows give it its height, in the same turn.
 */
export function createRowVirtualizer(count: () => number, scroller: () => HTMLElement | undefined, start?: { top: number; shown: () => void } | null) {
  /** 0: no rows yet; 1: the rows on screen; 2: with overscan. */
  const [stage, setStage] = createSignal(0);
  let withdraw = () => {};
  onMount(() => {
    withdraw = inTurn(() => {
      setStage(1);
      start?.shown();
      withdraw = inTurn(() => setStage(2));
    });
  });
  onCleanup(() => withdraw());
  return createVirtualizer({
    get count() {
      return stage() === 0 ? 0 : count();
    },
    getScrollElement: () => scroller() ?? null,
    observeElementRect: observeRectAfterLayout,
    scrollToFn: scrollToAfterFirst,
    estimateSize: () => ROW_HEIGHT,
    initialOffset: start?.top ?? 0,
    get overscan() {
      return stage() === 2 ? OVERSCAN : 0;
    },
  });
}
