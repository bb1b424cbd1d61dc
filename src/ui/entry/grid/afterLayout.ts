/**
 * The grid's virtualizers (rows and columns) made without forcing a layout. TanStack's defaults
 * read the scroller's size at once and scroll the new scroller to 0 when the grid is made; each
 * forced the layout of the whole new tab inside the task that received the grid's first view
 * (17–23 ms of a 47–68 ms task at province scale). Here the size comes from a ResizeObserver,
 * which reports it after the frame's own layout (until then the grid has no rows, see
 * rowVirtualizer.ts, and few columns), and the first scroll to 0 of a new scroller is skipped:
 * it is at 0 already, so no scroll event was to come of it either.
 */
import { elementScroll, type Rect, type Virtualizer, type VirtualizerOptions } from '@tanstack/solid-virtual';

export function observeRectAfterLayout<T extends HTMLElement>(instance: Virtualizer<T, Element>, cb: (rect: Rect) => void): (() => void) | undefined {
  const el = instance.scrollElement;
  if (!el) return undefined;
  // Read in the observer's callback, after layout: the same numbers the default reads.
  const sizes = new ResizeObserver(() => cb({ width: el.clientWidth, height: el.clientHeight }));
  sizes.observe(el, { box: 'content-box' });
  return () => sizes.disconnect();
}

/** The scroller each virtualizer has scrolled (the row and column virtualizers share one). */
const scrolledBefore = new WeakMap<object, Element>();

export const scrollToAfterFirst = <T extends HTMLElement>(...[offset, options, instance]: Parameters<VirtualizerOptions<T, Element>['scrollToFn']>): void => {
  const el = instance.scrollElement;
  if (el && scrolledBefore.get(instance) !== el) {
    scrolledBefore.set(instance, el);
    if (offset + (options.adjustments ?? 0) === 0) return;
  }
  elementScroll(offset, options, instance);
};
