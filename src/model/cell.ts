import type * as v from 'valibot';
import type { CellInputSchema, CellSchema, CellStateSchema, RawValueSchema } from './schema';

/**
 * One unit × indicator entry as staff typed or imported it.
 *
 * `target` / `actual` hold a number, or the raw text when it could not be read as one (kept so the
 * engine can report it with unit and indicator instead of silently dropping it), or null when empty.
 */
export type RawValue = v.InferOutput<typeof RawValueSchema>;

/**
 * value    — target and actual are data (missing if either is empty)
 * na       — "/" in the sheet: not applicable, full points, left out of every ranking
 * pending  — "数据未出，完成任务数暂取目标任务数": actual := target, full points
 * missing  — no data for this cell yet
 */
export type CellState = v.InferOutput<typeof CellStateSchema>;

export type Cell = v.InferOutput<typeof CellSchema>;

/** Text typed or pasted into one field of a cell (the worker checks it again). */
export type CellInput = v.InferOutput<typeof CellInputSchema>;

/** A period's cells by indicator id → unit position (the same cell objects as its keyed cells). */
export type CellColumns = Map<string, (Cell | undefined)[]>;

export function cellKey(unitId: string, indicatorId: string): string {
  return `${unitId}|${indicatorId}`;
}

/** The two ids of a cell key; null when the key is not "unit|indicator". */
export function splitCellKey(key: string): [string, string] | null {
  const bar = key.indexOf('|');
  if (bar <= 0 || bar === key.length - 1 || key.indexOf('|', bar + 1) >= 0) return null;
  return [key.slice(0, bar), key.slice(bar + 1)];
}

export const EMPTY_CELL: Readonly<Cell> = Object.freeze({ state: 'missing', target: null, actual: null });

/** Cells compare by content; an absent cell equals a missing one with no data. Field by field: it runs per cell. */
export function sameCell(a: Cell | null | undefined, b: Cell | null | undefined): boolean {
  const x = a && !isEmptyCell(a) ? a : null;
  const y = b && !isEmptyCell(b) ? b : null;
  if (!x || !y) return x === y;
  return x.state === y.state && (x.target ?? null) === (y.target ?? null) && (x.actual ?? null) === (y.actual ?? null) && (x.manualScore ?? null) === (y.manualScore ?? null) && (x.remark || '') === (y.remark || '');
}

/** Two periods' cells hold the same (by sameCell; empty cells count as none). */
export function sameCells(a: Readonly<Record<string, Cell>>, b: Readonly<Record<string, Cell>>): boolean {
  let held = 0;
  for (const key in a) {
    const x = a[key]!;
    if (isEmptyCell(x)) continue;
    if (!sameCell(x, b[key])) return false;
    held++;
  }
  for (const key in b) if (!isEmptyCell(b[key]!)) held--;
  return held === 0;
}

/** A cell that holds nothing (not stored, equal to no cell). */
export function isEmptyCell(c: Cell): boolean {
  return c.state === 'missing' && (c.target ?? null) === null && (c.actual ?? null) === null && !c.remark && (c.manualScore ?? null) === null;
}

export function normalizeCell(c: Cell | null | undefined): Cell | null {
  if (!c) return null;
  const out: Cell = { state: c.state, target: c.target ?? null, actual: c.actual ?? null };
  if (c.manualScore !== undefined && c.manualScore !== null) out.manualScore = c.manualScore;
  if (c.remark) out.remark = c.remark;
  return isEmptyCell(out) ? null : out;
}
