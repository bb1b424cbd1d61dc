/**
 * Filling down, Excel's way, decided: Ctrl+D copies the selection's top row into the rows under it
 * (a single row copies the row above it); the fill handle repeats the selected rows down to where it
 * was dragged. Only entry columns are filled (computed ones are skipped); values are copied as
 * stored (full precision). The result goes through the same checks as a paste. Pure.
 */
import type { CellChange } from '../../../model';
import { cellEditText, changedCells, refusedInputs, type GridData } from './cellView';
import type { Range } from './layout';

export type GridFill = { kind: 'message'; text: string; level: 'info' | 'error' } | { kind: 'apply'; changes: CellChange[]; label: string; range: Range };

/** Ctrl+D on `r`: its first row copied down; a one-row selection takes the row above. */
export function fillDownRange(r: Range): { source: Range; target: Range } | null {
  if (r.bottom > r.top) return { source: { ...r, bottom: r.top }, target: { ...r, top: r.top + 1 } };
  if (r.top === 0) return null;
  return { source: { ...r, top: r.top - 1, bottom: r.top - 1 }, target: r };
}

/** The fill handle of `r` dragged to row `to` (below it): the rows of `r` repeated down to `to`. */
export function handleRange(r: Range, to: number): { source: Range; target: Range } | null {
  return to > r.bottom ? { source: r, target: { ...r, top: r.bottom + 1, bottom: to } } : null;
}

export function fill(d: GridData, source: Range, target: Range): GridFill {
  const cols: number[] = [];
  for (let col = target.left; col <= target.right; col++) if (d.columns[col]?.field) cols.push(col);
  if (!cols.length) return { kind: 'message', text: '所选的列都是计算结果，不能填充。', level: 'error' };
  const height = source.bottom - source.top + 1;
  const edits: { row: number; col: number; text: string }[] = [];
  for (let row = target.top; row <= target.bottom; row++) {
    const from = source.top + ((row - target.top) % height);
    for (const col of cols) edits.push({ row, col, text: cellEditText(d, from, col) });
  }
  const problems = refusedInputs(d, edits);
  if (problems.length) return { kind: 'message', text: `填充未执行，工作簿未改动。${problems.length} 个值不能填入：${problems.slice(0, 5).join('；')}${problems.length > 5 ? '……' : ''}。`, level: 'error' };
  const changes = changedCells(d, edits);
  if (!changes.length) return { kind: 'message', text: '填充的值与表中相同，没有改动。', level: 'info' };
  return { kind: 'apply', changes, label: `向下填充 ${target.bottom - target.top + 1} 行`, range: { ...target, top: Math.min(source.top, target.top) } };
}
