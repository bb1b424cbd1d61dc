/**
 * What a key does in the grid when no editor is open, Excel's way: arrows move (Shift extends,
 * Ctrl jumps to the edge), Tab/Enter move right/down (Shift: back), Home/End, PageUp/PageDown,
 * F2 edits, Delete clears, Ctrl+A selects all, Ctrl+D fills down, Ctrl+F finds, a printable key types over the cell.
 * Pure: unit-tested without a browser.
 */
import { FROZEN_COLUMNS, type Pos } from './layout';

export type GridKeyAction =
  | { kind: 'go'; dRow: number; dCol: number; extend: boolean }
  | { kind: 'jump'; row: number; col: number; extend: boolean; scrollHome?: boolean }
  | { kind: 'edit' }
  | { kind: 'type'; text: string }
  /** An input method starts composing: open an empty editor so the composition lands in it. */
  | { kind: 'compose' }
  | { kind: 'clear' }
  /** Ctrl+D: the selection's first row copied into the rows under it. */
  | { kind: 'fillDown' }
  | { kind: 'collapse' }
  | { kind: 'selectAll' }
  | { kind: 'find' }
  /** Tab / Enter: to the next entry column, or down (to where a run of Tabs began); see tabRun.ts. */
  | { kind: 'tab'; back: boolean }
  | { kind: 'enter'; back: boolean }
  /** A key typed on a computed column: refused, with the reason. */
  | { kind: 'computed' }
  | { kind: 'none' };

export interface KeyPress {
  key: string;
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
}

/** `editable`: the focused column takes typing (target, actual, manual points). */
export function gridKey(k: KeyPress, focus: Pos, rows: number, cols: number, pageRows: number, editable: boolean): GridKeyAction {
  const { key, ctrl, shift } = k;
  if (ctrl && (key === 'f' || key === 'F')) return { kind: 'find' };
  switch (key) {
    case 'ArrowUp':
      return ctrl ? { kind: 'jump', row: 0, col: focus.col, extend: shift } : { kind: 'go', dRow: -1, dCol: 0, extend: shift };
    case 'ArrowDown':
      return ctrl ? { kind: 'jump', row: rows - 1, col: focus.col, extend: shift } : { kind: 'go', dRow: 1, dCol: 0, extend: shift };
    case 'ArrowLeft':
      return ctrl ? { kind: 'jump', row: focus.row, col: 0, extend: shift } : { kind: 'go', dRow: 0, dCol: -1, extend: shift };
    case 'ArrowRight':
      return ctrl ? { kind: 'jump', row: focus.row, col: cols - 1, extend: shift } : { kind: 'go', dRow: 0, dCol: 1, extend: shift };
    case 'Enter':
      return { kind: 'enter', back: shift };
    case 'Tab':
      return { kind: 'tab', back: shift };
    case 'Home':
      // As Excel does with frozen panes: the first cell right of the frozen columns, scrolled home.
      return { kind: 'jump', row: ctrl ? 0 : focus.row, col: FROZEN_COLUMNS, extend: shift, scrollHome: true };
    case 'End':
      return { kind: 'jump', row: ctrl ? rows - 1 : focus.row, col: cols - 1, extend: shift };
    case 'PageDown':
      return { kind: 'go', dRow: pageRows, dCol: 0, extend: shift };
    case 'PageUp':
      return { kind: 'go', dRow: -pageRows, dCol: 0, extend: shift };
    case 'F2':
      return { kind: 'edit' };
    case 'Delete':
    case 'Backspace':
      return { kind: 'clear' };
    case 'Escape':
      return { kind: 'collapse' };
    default:
      break;
  }
  if (ctrl && (key === 'a' || key === 'A')) return { kind: 'selectAll' };
  if (ctrl && (key === 'd' || key === 'D')) return { kind: 'fillDown' };
  if (!ctrl && !k.alt && key.length === 1) return editable ? { kind: 'type', text: key } : { kind: 'computed' };
  if (key === 'Process' && editable) return { kind: 'compose' };
  return { kind: 'none' };
}
