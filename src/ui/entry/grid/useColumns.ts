/**
 * The grid's columns with the widths the person dragged (remembered in this browser, by column kind
 * and indicator, not by position), their left offsets, and the drag and double-click that set them.
 */
import { createMemo, createSignal, type Accessor } from 'solid-js';
import { clampWidth, loadColumnWidths, saveColumnWidths } from './columnWidths';
import { gridColumns, type GridColumnSpec } from './layout';
import type { LoadedGrid } from './gridWindow';

export function useColumns(view: Accessor<LoadedGrid>) {
  const [widths, setWidths] = createSignal<Record<string, number>>(loadColumnWidths());
  const widthKey = (c: GridColumnSpec) => `${c.kind}:${c.indicator >= 0 ? (view().indicators[c.indicator]?.id ?? '') : ''}`;
  // Same layout, same array: a new view after each edit must not rebuild every cell.
  const columns = createMemo(() => gridColumns(view()).map((c) => ({ ...c, width: widths()[widthKey(c)] ?? c.width })), undefined, {
    equals: (a, b) => a.length === b.length && a.every((c, i) => c.kind === b[i]!.kind && c.field === b[i]!.field && c.indicator === b[i]!.indicator && c.width === b[i]!.width),
  });
  const leftOffsets = createMemo(() => {
    const out: number[] = [];
    let x = 0;
    for (const c of columns()) {
      out.push(x);
      x += c.width;
    }
    return out;
  });
  const totalWidth = () => columns().reduce((s, c) => s + c.width, 0);

  /** Drag a header's right edge to size its column. */
  const startResize = (col: number, ev: MouseEvent) => {
    ev.preventDefault();
    ev.stopPropagation();
    const spec = columns()[col]!;
    const key = widthKey(spec);
    const startX = ev.clientX;
    const startW = spec.width;
    const move = (e: MouseEvent) => setWidths((w) => ({ ...w, [key]: clampWidth(startW + e.clientX - startX) }));
    const up = () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
      saveColumnWidths(widths());
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  };
  /** Double-click the edge: the default width back. */
  const resetWidth = (col: number) => {
    const key = widthKey(columns()[col]!);
    setWidths((w) => {
      const { [key]: _gone, ...rest } = w;
      return rest;
    });
    saveColumnWidths(widths());
  };
  return { columns, leftOffsets, totalWidth, startResize, resetWidth };
}
