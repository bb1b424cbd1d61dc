/**
 * Moving the selection and keeping it in view: arrows and their jumps, Tab and Enter (a run of
 * Tabs remembered so Enter goes back to where it began; see tabRun.ts), a found place (Ctrl+F).
 */
import type { Accessor } from 'solid-js';
import { enterFrom, tabFrom } from './tabRun';
import { FROZEN_COLUMNS, move, ROW_HEIGHT, type GridColumnSpec, type Pos, type Selection } from './layout';

export interface NavigationHost {
  sel: Accessor<Selection>;
  setSel: (s: Selection) => void;
  columns: Accessor<readonly GridColumnSpec[]>;
  leftOffsets: Accessor<readonly number[]>;
  rowCount: () => number;
  colCount: () => number;
  headerHeight: number;
  /** Where the scroller is and how big, as last laid out (reading the element would force a layout). */
  viewport: () => Viewport;
  /** Scroll the grid (and note where it is now). */
  scrollTo: (to: { top?: number; left?: number }) => void;
}

export interface Viewport {
  top: number;
  left: number;
  width: number;
  height: number;
}

export function useGridNavigation(host: NavigationHost) {
  /**
   * Rows are all ROW_HEIGHT high: whether the cell is in view is arithmetic on where the scroller
   * was last laid out — Enter to a row already on screen scrolls nothing and forces no layout (at
   * 40 000 rows a forced layout cost 20 ms of every edit).
   */
  const scrollIntoView = (row: number, col: number) => {
    const v = host.viewport();
    const frozen = host.leftOffsets()[FROZEN_COLUMNS] ?? 0;
    const left = host.leftOffsets()[col]!;
    const right = left + host.columns()[col]!.width;
    if (col >= FROZEN_COLUMNS && left < v.left + frozen) host.scrollTo({ left: left - frozen });
    else if (right > v.left + v.width) host.scrollTo({ left: right - v.width });
    const top = host.headerHeight + row * ROW_HEIGHT;
    if (top - host.headerHeight < v.top) host.scrollTo({ top: top - host.headerHeight });
    else if (top + ROW_HEIGHT > v.top + v.height) host.scrollTo({ top: top + ROW_HEIGHT - v.height });
  };
  /** Where a run of Tabs began (Enter goes back to it); any other move ends the run. */
  let tabRunStart: number | null = null;
  const to = (p: Pos, runStart: number | null) => {
    host.setSel({ anchor: p, focus: p });
    scrollIntoView(p.row, p.col);
    tabRunStart = runStart;
  };
  const jump = (row: number, col: number, extend: boolean) => {
    tabRunStart = null;
    const focus = { row: Math.max(0, Math.min(host.rowCount() - 1, row)), col: Math.max(0, Math.min(host.colCount() - 1, col)) };
    host.setSel(extend ? { anchor: host.sel().anchor, focus } : { anchor: focus, focus });
    scrollIntoView(focus.row, focus.col);
  };
  return {
    tab: (back: boolean) => to(tabFrom(host.columns(), host.sel().focus, host.rowCount(), back), tabRunStart ?? host.sel().focus.col),
    enter: (back: boolean) => to(enterFrom(host.sel().focus, tabRunStart, host.rowCount(), back), null),
    go(dRow: number, dCol: number, extend: boolean) {
      tabRunStart = null;
      const next = move(host.sel(), dRow, dCol, host.rowCount(), host.colCount(), extend);
      host.setSel(next);
      scrollIntoView(next.focus.row, next.focus.col);
    },
    jump,
    /** A found row and/or an indicator's column; otherwise the column (row) selected stays. */
    jumpTo(row: number | null, column: { indicator: number; kind: string } | null) {
      const col = column ? host.columns().findIndex((c) => c.indicator === column.indicator && c.kind === column.kind) : -1;
      const f = host.sel().focus;
      jump(row ?? f.row, col >= 0 ? col : f.col >= FROZEN_COLUMNS ? f.col : FROZEN_COLUMNS, false);
    },
    /** A click or a drag: the run of Tabs ends. */
    endRun: () => (tabRunStart = null),
  };
}
