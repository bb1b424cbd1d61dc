/**
 * The grid's rows in view: one element per visible row (keyed by its index, so scrolling by a row
 * makes one and moves the others), each with the cells of the columns in the DOM. What a cell shows
 * comes from `look` (cellView.ts) in one pass per row.
 */
import { createMemo, For } from 'solid-js';
import type { VirtualItem } from '@tanstack/solid-virtual';
import type { CellLook } from './cellView';
import { FROZEN_COLUMNS } from './layout';

export interface GridBodyProps {
  items: VirtualItem[];
  /** Attributes of the columns in the DOM, in order. */
  columns: { col: number; kind: string; ind: string | undefined; style: string }[];
  unitIdAt: (row: number) => string | undefined;
  look: (row: number) => CellLook[];
  top: number;
  width: number;
  padLeft: number;
  onMouseDown: (ev: MouseEvent, row: number, col: number) => void;
  onMouseOver: (row: number, col: number) => void;
  onDblClick: (row: number, col: number) => void;
}

const cellFromEvent = (ev: MouseEvent): { row: number; col: number } | null => {
  const cell = (ev.target as HTMLElement).closest('[data-col]') as HTMLElement | null;
  const row = cell?.parentElement;
  if (!cell || !row?.dataset.row) return null;
  return { row: Number(row.dataset.row), col: Number(cell.dataset.col) };
};

export function GridBody(props: GridBodyProps) {
  return (
    <div
      class="entry-body"
      role="rowgroup"
      onMouseDown={(e) => {
        const at = cellFromEvent(e);
        if (at) props.onMouseDown(e, at.row, at.col);
      }}
      onMouseOver={(e) => {
        const at = cellFromEvent(e);
        if (at) props.onMouseOver(at.row, at.col);
      }}
      onDblClick={(e) => {
        const at = cellFromEvent(e);
        if (at) props.onDblClick(at.row, at.col);
      }}
    >
      <For each={props.items}>
        {(item) => {
          const row = () => item.index;
          const cells = createMemo(() => props.look(row()));
          return (
            <div class="row" role="row" aria-rowindex={row() + 3} data-row={row()} data-unit={props.unitIdAt(row())} style={{ transform: `translateY(${props.top + item.start}px)`, width: `${props.width}px` }}>
              <For each={props.columns}>
                {(attrs) => (
                  <>
                    {/* The column's style is set once: as a binding it shared the cell's effect, and Solid sets a
                        style string each time the effect runs — every cell of every row restyled per Enter (30 ms). */}
                    <div role="gridcell" ref={(el) => el.setAttribute('style', attrs.style)} data-col={attrs.col} data-kind={attrs.kind} data-ind={attrs.ind} class={cells()[attrs.col]?.cls} title={cells()[attrs.col]?.title}>
                      {cells()[attrs.col]?.text}
                    </div>
                    {attrs.col === FROZEN_COLUMNS - 1 ? <div class="pad" style={{ width: `${props.padLeft}px` }} /> : null}
                  </>
                )}
              </For>
            </div>
          );
        }}
      </For>
    </div>
  );
}
