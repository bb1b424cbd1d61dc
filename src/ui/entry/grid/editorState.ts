/**
 * The cell editor's state, bound to its cell: the workbook, period, unit, indicator and field it was
 * opened on. Pure (no DOM), so what happens to an open editor when the grid changes under it is
 * tested in Node: a re-sort, another window's save, a period or workbook deleted or switched.
 */
import type { Cell } from '../../../model';
import { applyInput, type EditableField } from '../../state/cellInput';
import { sameCell } from '../../../model';

export interface Editing {
  /** Where it sits on screen now. */
  row: number;
  col: number;
  /** The cell it writes to, fixed when editing began. */
  workbookId: string;
  periodId: string;
  unitId: string;
  indicatorId: string;
  field: EditableField;
  text: string;
  /** 'enter': started by typing, arrows commit and move; 'edit': F2/double-click, arrows move the caret. */
  mode: 'enter' | 'edit';
  /** The cell as it was when editing began, and the view version then: what the edit is based on. */
  before: Cell | null;
  baseVersion: number;
}

/** What the grid shows now. */
export interface ShownGrid {
  workbookId: string;
  periodId: string;
  /** The unit of a row (after a sort or filter a row may show another). */
  unitAt(row: number): string | undefined;
}

export type EditorFate =
  /** Same cell on the same row: stay open (another window's save is flagged under it). */
  | { kind: 'keep' }
  /** The rows were re-sorted or filtered: the edit is committed to the cell it was begun on. */
  | { kind: 'commit' }
  /** Its workbook or period went away (or another one is shown): closed, nothing written anywhere. */
  | { kind: 'close'; message: string };

/** The cell's place in words: 高新区 规上企业新招引科技人才 实绩数. */
export type Describe = (e: Editing) => string;

/**
 * An open editor after the grid changed. `periodExists(workbookId, periodId)` says whether its
 * period is still in the open workbook.
 */
export function editorFate(e: Editing, shown: ShownGrid, periodExists: (workbookId: string, periodId: string) => boolean, where: Describe): EditorFate {
  const typed = e.text.trim() ? `您正在输入的“${e.text.trim()}”（${where(e)}）没有保存` : `正在编辑的单元格（${where(e)}）已关闭`;
  if (shown.workbookId !== e.workbookId) return { kind: 'close', message: `${typed}：表格已换成另一个工作簿（原工作簿可能已在另一窗口中删除）。为免写错地方，未作任何改动。` };
  if (shown.periodId !== e.periodId) {
    if (!periodExists(e.workbookId, e.periodId)) return { kind: 'close', message: `${typed}：该考核期已在另一窗口中删除。为免写进别的考核期，未作任何改动。` };
    return { kind: 'close', message: `${typed}：表格已切换到另一考核期。为免写进别的考核期，未作任何改动；如需要，请回到原考核期重新输入。` };
  }
  return shown.unitAt(e.row) === e.unitId ? { kind: 'keep' } : { kind: 'commit' };
}

/** The change an editor commits: its own cell, from the value it was based on. */
export function editorChange(e: Editing): { unitId: string; indicatorId: string; before: Cell | null; after: Cell | null; input: { field: EditableField; text: string }[] } {
  return { unitId: e.unitId, indicatorId: e.indicatorId, before: e.before, after: applyInput(e.before, e.field, e.text), input: [{ field: e.field, text: e.text }] };
}

/** What a key does in the open editor. */
export type EditorKeyAction = { kind: 'commit'; dRow: number; dCol: number } | { kind: 'cancel' } | { kind: 'none' };

const ARROWS: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

/**
 * Enter / Shift+Enter commit and move down / up, Tab / Shift+Tab right / left, Esc cancels; arrows
 * commit and move only in 'enter' mode (typing over a cell), in 'edit' mode (F2) they move the caret.
 */
export function editorKey(e: Editing, key: string, shift: boolean, composing = false): EditorKeyAction {
  if (composing) return { kind: 'none' };
  if (key === 'Enter') return { kind: 'commit', dRow: shift ? -1 : 1, dCol: 0 };
  if (key === 'Tab') return { kind: 'commit', dRow: 0, dCol: shift ? -1 : 1 };
  if (key === 'Escape') return { kind: 'cancel' };
  const arrow = ARROWS[key];
  if (e.mode === 'enter' && arrow) return { kind: 'commit', dRow: arrow[0], dCol: arrow[1] };
  return { kind: 'none' };
}

export type CommitDecision =
  /** Its period or workbook went away (or another is shown): closed with this notice, nothing written. */
  | { kind: 'close'; message: string }
  /** The text cannot be taken (the value policy's reason): the editor stays open, the draft is kept. */
  | { kind: 'refuse'; problem: string }
  /** Write this change (to the editor's own cell, from the value it began on). */
  | { kind: 'commit'; change: ReturnType<typeof editorChange>; label: string }
  /** Nothing changed: just close. */
  | { kind: 'unchanged' };

/**
 * What Enter (or leaving: a click elsewhere, a re-sort, the tab closing) does with an open editor.
 * `problem` is the value policy's reason for the text, or null.
 */
export function decideCommit(e: Editing, shown: ShownGrid, periodExists: (workbookId: string, periodId: string) => boolean, where: Describe, problem: string | null): CommitDecision {
  const fate = editorFate(e, shown, periodExists, where);
  if (fate.kind === 'close') return fate;
  if (problem) return { kind: 'refuse', problem };
  const change = editorChange(e);
  if (sameCell(change.before, change.after)) return { kind: 'unchanged' };
  return { kind: 'commit', change, label: `输入 ${where(e)}` };
}
