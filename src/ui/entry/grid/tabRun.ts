/**
 * Tab and Enter as in a protected Excel sheet: Tab moves to the next column one can type into
 * (任务数, 实绩数, 手工得分), skipping the computed ones; Enter after a run of Tabs goes down to the
 * column the run began in. Pure; the grid keeps where the run began.
 */
import type { GridColumnSpec, Pos } from './layout';

/** The next entry column from `col` (leftwards with `back`) in the row, else the first (last) of the next (previous) row. */
export function tabFrom(columns: readonly GridColumnSpec[], at: Pos, rows: number, back: boolean): Pos {
  const step = back ? -1 : 1;
  for (let c = at.col + step; c >= 0 && c < columns.length; c += step) if (columns[c]!.field) return { row: at.row, col: c };
  const row = at.row + step;
  if (row < 0 || row >= rows) return at;
  const entry = columns.map((c, i) => (c.field ? i : -1)).filter((i) => i >= 0);
  return entry.length ? { row, col: back ? entry.at(-1)! : entry[0]! } : at;
}

/** Enter (Shift+Enter: up): to the run's starting column when Tabs came before, else straight down. */
export function enterFrom(at: Pos, runStart: number | null, rows: number, back: boolean): Pos {
  const row = Math.max(0, Math.min(rows - 1, at.row + (back ? -1 : 1)));
  return { row, col: runStart ?? at.col };
}
