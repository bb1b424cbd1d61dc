/**
 * One unit × indicator entry as staff typed or imported it.
 *
 * `target` / `actual` hold a number, or the raw text when it could not be read as one (kept so the
 * engine can report it with unit and indicator instead of silently dropping it), or null when empty.
 */
export type RawValue = number | string | null;

/**
 * value    — target and actual are data (missing if either is empty)
 * na       — "/" in the sheet: not applicable, full points, left out of every ranking
 * pending  — "数据未出，完成任务数暂取目标任务数": actual := target, full points
 * missing  — no data for this cell yet
 */
export type CellState = 'value' | 'na' | 'pending' | 'missing';

export interface Cell {
  state: CellState;
  target: RawValue;
  actual: RawValue;
  /** Points typed in by staff, for indicators with the manual rule. */
  manualScore?: RawValue;
  remark?: string;
}

export function cellKey(unitId: string, indicatorId: string): string {
  return `${unitId}|${indicatorId}`;
}

export const EMPTY_CELL: Readonly<Cell> = Object.freeze({ state: 'missing', target: null, actual: null });
