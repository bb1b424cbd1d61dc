/**
 * The grid's rows in view (virtualized), with the rows drawn beyond the screen (overscan): none
 * while the grid first appears, the full count from the task after its first frame. Opening
 * 数据录入 at province scale drew ~45 rows of ~60 cells in one 55–63 ms task; now the rows on
 * screen come first and the others in a turn of their own (shared/frameTurns.ts).
 */
import { createVirtualizer } from '@tanstack/solid-virtual';
import { createSignal, onCleanup, onMount } from 'solid-js';
import { ROW_HEIGHT } from './layout';
import { inTurn } from '../../shared/frameTurns';

const OVERSCAN = 12;

export function createRowVirtualizer(count: () => number, scroller: () => HTMLElement | undefined) {
  const [overscan, setOverscan] = createSignal(0);
  let withdraw = () => {};
  onMount(() => (withdraw = inTurn(() => setOverscan(OVERSCAN))));
  onCleanup(() => withdraw());
  return createVirtualizer({
    get count() {
      return count();
    },
    getScrollElement: () => scroller() ?? null,
    estimateSize: () => ROW_HEIGHT,
    get overscan() {
      return overscan();
    },
  });
}
