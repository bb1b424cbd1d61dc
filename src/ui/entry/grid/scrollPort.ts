/**
 * Where the grid's scroller is and how big, kept from its own scroll and resize events, so that
 * keyboard moves decide "in view or not" without reading the element (each read after an edit
 * changed the DOM forced a layout: 20 ms per Enter at 40 000 rows).
 */
import { onCleanup, onMount } from 'solid-js';
import type { Viewport } from './useGridNavigation';

export function createScrollPort(element: () => HTMLElement) {
  const port: Viewport = { top: 0, left: 0, width: 0, height: 0 };
  onMount(() => {
    const el = element();
    const read = () => {
      port.top = el.scrollTop;
      port.left = el.scrollLeft;
    };
    // Resize callbacks run after layout: reading the sizes there forces nothing.
    const sizes = new ResizeObserver(() => {
      port.width = el.clientWidth;
      port.height = el.clientHeight;
      read();
    });
    sizes.observe(el);
    el.addEventListener('scroll', read, { passive: true });
    onCleanup(() => {
      sizes.disconnect();
      el.removeEventListener('scroll', read);
    });
  });
  return {
    /** Before the first resize callback (the grid just shown) the element is read once. */
    viewport(): Viewport {
      if (port.height === 0) {
        const el = element();
        Object.assign(port, { top: el.scrollTop, left: el.scrollLeft, width: el.clientWidth, height: el.clientHeight });
      }
      return port;
    },
    /** Where the scroller was last seen (kept from its events: reading it forces nothing). */
    position(): { top: number; left: number } {
      return { top: port.top, left: port.left };
    },
    scrollTo(to: { top?: number; left?: number }) {
      const el = element();
      if (to.top !== undefined) el.scrollTop = port.top = Math.max(0, to.top);
      if (to.left !== undefined) el.scrollLeft = port.left = Math.max(0, to.left);
    },
  };
}
