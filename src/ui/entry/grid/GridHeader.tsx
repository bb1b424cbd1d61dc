/**
 * The grid's two frozen header rows: the unit, total and rank corner, one merged cell per
 * indicator over its columns in view, and 任务数 | 实绩数 | 完成率 | 得分 below. Click a header to
 * sort by it (again to turn it round); drag its right edge to size the column (double-click: default).
 */
import { For } from 'solid-js';
import type { GridSort } from '../../../engine/text/orderWords';
import { COLUMN_LABELS, FROZEN_COLUMNS, isFrozen, type GridColumnSpec } from './layout';

export interface GridHeaderProps {
  columns: readonly GridColumnSpec[];
  leftOffsets: readonly number[];
  /** Columns in the DOM: the frozen ones, then those in view. */
  visibleCols: readonly number[];
  padLeft: number;
  totalWidth: number;
  indicators: readonly { id: string; name: string; unit: string; points: number }[];
  /** This column's sort direction now, or null. */
  sortDir: (col: number) => GridSort['dir'] | null;
  onSort: (col: number) => void;
  onResizeStart: (col: number, ev: MouseEvent) => void;
  onResizeReset: (col: number) => void;
}

const SORT_TITLE = '点击按此列排序，再点一次反向（只改变显示顺序，不改变单位的排列顺序）';

export function GridHeader(props: GridHeaderProps) {
  const mark = (col: number) => {
    const d = props.sortDir(col);
    return d === 'asc' ? ' ▲' : d === 'desc' ? ' ▼' : '';
  };
  const aria = (col: number) => {
    const d = props.sortDir(col);
    return d === 'asc' ? 'ascending' : d === 'desc' ? 'descending' : undefined;
  };
  const Resize = (p: { col: number }) => (
    <span
      class="col-resize no-print"
      aria-hidden="true"
      data-col={p.col}
      onMouseDown={(e) => props.onResizeStart(p.col, e)}
      onClick={(e) => e.stopPropagation()}
      onDblClick={() => props.onResizeReset(p.col)}
    />
  );
  /** Runs of visible columns belonging to one indicator, for the merged first row. */
  const groups = () => {
    const out: { indicator: number; first: boolean; width: number }[] = [];
    for (const col of props.visibleCols) {
      const spec = props.columns[col]!;
      if (spec.indicator < 0) continue;
      const g = out.at(-1);
      if (g && g.indicator === spec.indicator) g.width += spec.width;
      else out.push({ indicator: spec.indicator, first: spec.kind === 'target', width: spec.width });
    }
    return out;
  };
  const Corner = (p: { col: number; label: string; last?: boolean; resizable?: boolean }) => (
    <div
      class="hcell corner tall sortable"
      classList={{ 'frozen-last': !!p.last }}
      role="columnheader"
      aria-sort={aria(p.col)}
      title={SORT_TITLE}
      data-sort-col={p.col}
      onClick={() => props.onSort(p.col)}
      style={{ left: `${props.leftOffsets[p.col] ?? 0}px`, width: `${props.columns[p.col]!.width}px` }}
    >
      {p.label}
      {mark(p.col)}
      {p.resizable ? <Resize col={p.col} /> : null}
    </div>
  );
  return (
    <div class="entry-head" role="rowgroup" style={{ width: `${props.totalWidth}px` }}>
      <div class="head-row h1" role="row">
        <Corner col={0} label="单位" resizable />
        <Corner col={1} label="总得分" />
        <Corner col={2} label="排名" last />
        <div class="pad" style={{ width: `${props.padLeft}px` }} />
        <For each={groups()}>
          {(g) => {
            const ind = () => props.indicators[g.indicator]!;
            return (
              <div class="hcell" classList={{ 'group-start': g.first }} role="columnheader" style={{ width: `${g.width}px` }} title={`${ind().name}（${ind().points} 分）`}>
                {ind().name}
                {ind().unit ? `（${ind().unit}）` : ''}
              </div>
            );
          }}
        </For>
      </div>
      <div class="head-row h2" role="row">
        <div class="pad" style={{ width: `${(props.leftOffsets[FROZEN_COLUMNS] ?? 0) + props.padLeft}px` }} />
        <For each={props.visibleCols.filter((c) => !isFrozen(c))}>
          {(c) => {
            // Read through the columns each time: a dragged width changes the spec, not the index.
            const spec = () => props.columns[c]!;
            return (
              <div
                class="hcell sortable"
                classList={{ 'group-start': spec().kind === 'target' }}
                role="columnheader"
                aria-sort={aria(c)}
                title={SORT_TITLE}
                style={{ width: `${spec().width}px` }}
                data-col={c}
                data-sort-col={c}
                onClick={() => props.onSort(c)}
              >
                {spec().kind === 'score' ? `得分/${props.indicators[spec().indicator]!.points}` : COLUMN_LABELS[spec().kind]}
                {mark(c)}
                <Resize col={c} />
              </div>
            );
          }}
        </For>
      </div>
    </div>
  );
}
