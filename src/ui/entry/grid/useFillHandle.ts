/**
 * The fill handle: the small square at the selection's bottom-right corner. Dragged down, it shows
 * the rows it will fill (dashed) and, on release, fills them with the selected rows repeated, as one
 * step (see gridFill.ts).
 */
import { createSignal, onCleanup, onMount, type Accessor } from 'solid-js';
import { handleRange } from './gridFill';
import { FROZEN_COLUMNS, ROW_HEIGHT, type Range } from './layout';

export interface FillHandleHost {
  range: Accessor<Range>;
  rowCount: () => number;
  leftOffsets: () => readonly number[];
  widths: () => readonly number[];
  headerHeight: number;
  scroller: () => HTMLElement;
  fill: (plan: { source: Range; target: Range }) => void;
}

export function useFillHandle(host: FillHandleHost) {
  const [to, setTo] = createSignal<number | null>(null);
  // How far the grid is scrolled sideways: the handle hides under the frozen columns.
  const [scrollLeft, setScrollLeft] = createSignal(0);
  onMount(() => {
    const s = host.scroller();
    const follow = () => setScrollLeft(s.scrollLeft);
    s.addEventListener('scroll', follow, { passive: true });
    onCleanup(() => s.removeEventListener('scroll', follow));
  });
  const boxOf = (top: number, bottom: number) => {
    const r = host.range();
    const left = host.leftOffsets()[r.left] ?? 0;
    const right = (host.leftOffsets()[r.right] ?? 0) + (host.widths()[r.right] ?? 0);
    return { left, width: right - left, top: host.headerHeight + top * ROW_HEIGHT, height: (bottom - top + 1) * ROW_HEIGHT };
  };
  /** Where the handle sits (content coordinates of the grid). */
  const handle = () => {
    const r = host.range();
    const b = boxOf(r.top, r.bottom);
    return { left: b.left + b.width - 4, top: b.top + b.height - 4 };
  };
  /** Not drawn over the frozen columns when its own column is scrolled under them. */
  const inView = () => {
    const r = host.range();
    if (r.right < FROZEN_COLUMNS) return true;
    return handle().left >= scrollLeft() + (host.leftOffsets()[FROZEN_COLUMNS] ?? 0);
  };
  /** The rows a drag would fill, while dragging. */
  const target = () => {
    const t = to();
    const r = host.range();
    return t !== null && t > r.bottom ? boxOf(r.bottom + 1, t) : null;
  };
  const start = (ev: MouseEvent) => {
    ev.preventDefault();
    ev.stopPropagation();
    const r = host.range();
    setTo(r.bottom);
    const rowAt = (clientY: number) => {
      const s = host.scroller();
      const y = clientY - s.getBoundingClientRect().top + s.scrollTop - host.headerHeight;
      return Math.max(r.bottom, Math.min(host.rowCount() - 1, Math.floor(y / ROW_HEIGHT)));
    };
    const move = (e: MouseEvent) => setTo(rowAt(e.clientY));
    const up = (e: MouseEvent) => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
      const last = rowAt(e.clientY);
      setTo(null);
      const plan = handleRange(r, last);
      if (plan) host.fill(plan);
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  };
  return { handle, inView, target, start, dragging: () => to() !== null };
}
