/** A sheet as plain data, independent of the library that read it (so detection is unit-testable). */
export type RawKind = 'number' | 'text' | 'bool' | 'error' | 'date' | 'empty';

export interface RawCell {
  kind: RawKind;
  /** number for 'number', text otherwise ('' for empty). */
  value: number | string;
  /** Formatted text as Excel shows it (error code for 'error'). */
  text: string;
  /** Part of a merged range but not its top-left cell (value copied from the top-left). */
  mergedCopy?: boolean;
  /** The merged range this cell belongs to, as Excel writes it ("C5:C7"). */
  merge?: string;
  formula?: string;
}

export interface MergeRange {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

export interface SheetGrid {
  name: string;
  /** Rows may be sparse (holes read as empty): a table may start at column 500. */
  rows: RawCell[][];
  /** Hidden in Excel (right-click → 隐藏): read only when the user chooses it. */
  hidden?: boolean;
  merges?: MergeRange[];
  /** Widest row, computed once (see gridWidth). */
  width?: number;
}

export const EMPTY: RawCell = Object.freeze({ kind: 'empty', value: '', text: '' }) as RawCell;

export function cellAt(g: SheetGrid, r: number, c: number): RawCell {
  return g.rows[r]?.[c] ?? EMPTY;
}

export function gridWidth(g: SheetGrid): number {
  if (g.width === undefined) g.width = g.rows.reduce((m, row) => Math.max(m, row?.length ?? 0), 0);
  return g.width;
}

/** Excel column letters: 0 → A, 27 → AB. */
export function colName(c: number): string {
  let s = '';
  let n = c + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function rangeName(m: MergeRange): string {
  return `${colName(m.s.c)}${m.s.r + 1}:${colName(m.e.c)}${m.e.r + 1}`;
}

/** 「文件“a.xlsx”工作表“附件1”第 7 行 C 列」 */
export function where(file: string, sheet: string, r: number, c?: number): string {
  return `文件“${file}”工作表“${sheet}”第 ${r + 1} 行${c === undefined ? '' : ` ${colName(c)} 列`}`;
}
