/**
 * Columns of the data-entry grid and moving a selection over them. Pure, so keyboard behaviour
 * is unit-tested without a browser.
 */
import type { EditableField } from '../../state/cellInput';
import type { GridView } from '../../../service/protocol';

/** Height of a grid row in px; the CSS reads it as --row-h (set on the grid), never a second number. */
export const ROW_HEIGHT = 26;

export type ColumnKind = 'unit' | 'target' | 'actual' | 'rate' | 'score' | 'total' | 'rank';

export interface GridColumnSpec {
  kind: ColumnKind;
  /** Index into GridView.indicators / columns for indicator columns. */
  indicator: number;
  /** Which stored field typing here changes; null = computed, read-only. */
  field: EditableField | null;
  width: number;
}

export const COLUMN_LABELS: Record<ColumnKind, string> = {
  unit: '单位',
  target: '任务数',
  actual: '实绩数',
  rate: '完成率',
  score: '得分',
  total: '总得分',
  rank: '排名',
};

export function gridColumns(view: Pick<GridView, 'indicators'>): GridColumnSpec[] {
  // Unit, total and rank stay frozen at the left so the effect of an edit is always in view.
  const cols: GridColumnSpec[] = [
    { kind: 'unit', indicator: -1, field: null, width: 150 },
    { kind: 'total', indicator: -1, field: null, width: 74 },
    { kind: 'rank', indicator: -1, field: null, width: 52 },
  ];
  view.indicators.forEach((ind, i) => {
    cols.push({ kind: 'target', indicator: i, field: 'target', width: 92 });
    cols.push({ kind: 'actual', indicator: i, field: 'actual', width: 92 });
    cols.push({ kind: 'rate', indicator: i, field: null, width: 82 });
    cols.push({ kind: 'score', indicator: i, field: ind.ruleKind === 'manual' ? 'manualScore' : null, width: 62 });
  });
  return cols;
}

/** How many leading columns are frozen (unit, total, rank). */
export const FROZEN_COLUMNS = 3;

export function isFrozen(col: number): boolean {
  return col < FROZEN_COLUMNS;
}

export interface Pos {
  row: number;
  col: number;
}

export interface Selection {
  anchor: Pos;
  focus: Pos;
}

export interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function rangeOf(s: Selection): Range {
  return {
    top: Math.min(s.anchor.row, s.focus.row),
    bottom: Math.max(s.anchor.row, s.focus.row),
    left: Math.min(s.anchor.col, s.focus.col),
    right: Math.max(s.anchor.col, s.focus.col),
  };
}

export function inRange(r: Range, row: number, col: number): boolean {
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}

export function clampPos(p: Pos, rows: number, cols: number): Pos {
  return { row: Math.max(0, Math.min(rows - 1, p.row)), col: Math.max(0, Math.min(cols - 1, p.col)) };
}

/** Arrow/Tab/Enter/Home/End/Page moves; `extend` keeps the anchor (Shift). */
export function move(sel: Selection, dRow: number, dCol: number, rows: number, cols: number, extend: boolean): Selection {
  const focus = clampPos({ row: sel.focus.row + dRow, col: sel.focus.col + dCol }, rows, cols);
  return extend ? { anchor: sel.anchor, focus } : { anchor: focus, focus };
}
