/**
 * The grid's cell editor wired to the page: open it on a cell (typing over it, F2, double-click),
 * keep the text as a draft (it survives a closed tab), commit it to the cell it was opened on
 * (decided by editorState.ts), close it when its period or workbook goes away, and commit it when
 * the tab is hidden or closed.
 */
import { batch, createEffect, createMemo, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import { FIELD_LABELS, sameCell, type Cell, type CellChange } from '../../../model';
import { describeCell } from '../../../engine/text/describe';
import type { EditableField } from '../../state/cellInput';
import { inputProblem } from '../../state/cellInput';
import { cellEditText, cellOf, isLoaded, type GridData } from './cellView';
import { decideCommit, editorFate, editorKey, type Editing } from './editorState';
import { ROW_HEIGHT } from './layout';

export interface DraftOut {
  workbookId: string;
  periodId: string;
  unitId: string;
  indicatorId: string;
  field: EditableField;
  text: string;
  where: string;
  before: Cell | null;
}

export interface CellEditorHost {
  data: Accessor<GridData>;
  leftOffsets: Accessor<readonly number[]>;
  headerHeight: number;
  periodExists: (workbookId: string, periodId: string) => boolean;
  commit: (changes: CellChange[], label: string, baseVersion: number, at: { workbookId: string; periodId: string }) => void;
  draft: (d: DraftOut | null) => void;
  message: (text: string, kind: 'info' | 'warn' | 'error') => void;
  notReady: () => void;
  /** After a commit: move the selection and give the grid its focus back. */
  moved: (dRow: number, dCol: number) => void;
  focusGrid: () => void;
}

export function useCellEditor(host: CellEditorHost) {
  let input: HTMLInputElement | undefined;
  const [editing, setEditing] = createSignal<Editing | null>(null);
  /** Why the text in the open editor cannot be taken (shown under it; Esc cancels). */
  const [error, setError] = createSignal<string | null>(null);
  const view = () => host.data().view;
  const shown = () => ({ workbookId: view().workbookId, periodId: view().periodId, unitAt: (row: number) => view().units[row]?.id });

  /** Where an open edit goes, by its own unit and indicator (the row may show another unit after a sort). */
  const where = (e: Editing) => {
    const u = view().units[e.row];
    const name = u?.id === e.unitId ? u.name : (view().units.find((x) => x.id === e.unitId)?.name ?? e.unitId);
    const ind = view().indicators.find((i) => i.id === e.indicatorId)?.name ?? e.indicatorId;
    return `${name} ${ind} ${FIELD_LABELS[e.field]}`;
  };

  const close = (message?: string) => {
    setError(null);
    setEditing(null);
    host.draft(null);
    if (message) host.message(message, 'warn');
  };

  const onInput = (value: string) => {
    const e = editing();
    if (!e) return;
    setEditing({ ...e, text: value });
    setError(null);
    host.draft({ workbookId: e.workbookId, periodId: e.periodId, unitId: e.unitId, indicatorId: e.indicatorId, field: e.field, text: value, where: where(e), before: e.before });
  };

  const start = (row: number, col: number, initial: string | null, mode: Editing['mode']) => {
    const d = host.data();
    const spec = d.columns[col]!;
    if (!spec.field) return;
    // The cell's value must be known: it is what the edit is based on.
    if (!isLoaded(d.view, row)) return host.notReady();
    const v = d.view;
    setEditing({
      row,
      col,
      workbookId: v.workbookId,
      periodId: v.periodId,
      unitId: v.units[row]!.id,
      indicatorId: v.indicators[spec.indicator]!.id,
      field: spec.field,
      text: initial ?? cellEditText(d, row, col),
      mode,
      before: cellOf(d, row, spec.indicator),
      baseVersion: v.version,
    });
    if (initial) onInput(initial);
    queueMicrotask(() => {
      // Over a cell already on screen (the selection was scrolled to): focusing need not lay the page out to scroll.
      input?.focus({ preventScroll: true });
      if (input) input.selectionStart = input.selectionEnd = input.value.length;
    });
  };

  /** Commit (Enter, Tab, a click elsewhere); `leaving`: the tab or the row goes away, no message under the editor. */
  const commit = (dRow: number, dCol: number, leaving = false) => {
    const e = editing();
    if (!e) return;
    const ind = view().indicators.find((i) => i.id === e.indicatorId);
    const decision = decideCommit(e, shown(), host.periodExists, where, ind ? inputProblem(e.field, e.text, ind) : null);
    if (decision.kind === 'close') return close(decision.message);
    if (decision.kind === 'refuse') {
      // Refused, never stored: the editor stays open with the reason; the draft survives a closed tab.
      if (!leaving) {
        setError(decision.problem);
        queueMicrotask(() => input?.focus());
      }
      return;
    }
    // One batch: the grid takes the focus before the page changes (the editor gone, the selection
    // moved, the cell marked saving), so focusing forces no style and layout of a changed page
    // (12 ms of every Enter at 40 000 rows). In the batch editing() already reads null: the
    // editor's blur commits nothing twice.
    batch(() => {
      setError(null);
      setEditing(null);
      // Journaled before the draft is dropped: whenever the tab dies, one of the two survives. Based
      // on the cell as it was when editing began: another window's change meanwhile is asked about.
      if (decision.kind === 'commit') host.commit([decision.change], decision.label, e.baseVersion, { workbookId: e.workbookId, periodId: e.periodId });
      host.draft(null);
      host.moved(dRow, dCol);
    });
  };

  const cancel = () => {
    close();
    host.focusGrid();
  };

  const onKey = (ev: KeyboardEvent) => {
    const e = editing();
    if (!e) return;
    ev.stopPropagation();
    const action = editorKey(e, ev.key, ev.shiftKey, ev.isComposing);
    if (action.kind === 'none') return;
    ev.preventDefault();
    if (action.kind === 'cancel') cancel();
    else commit(action.dRow, action.dCol);
  };

  // The grid shows something new under an open editor: the same cell stays open (another window's
  // save, flagged); rows sorted or filtered again commit it to the unit it was begun on; a period
  // or workbook gone or switched closes it with a notice, writing nothing anywhere.
  createEffect(
    on(
      () => [view().units, view().periodId, view().workbookId] as const,
      () => {
        const e = editing();
        if (!e) return;
        const fate = editorFate(e, shown(), host.periodExists, where);
        if (fate.kind === 'close') close(fate.message);
        else if (fate.kind === 'commit') commit(0, 0, true);
      },
      { defer: true },
    ),
  );

  // Closing the tab mid-edit keeps what was typed: commit it (journaled synchronously).
  const onPageHide = () => editing() && commit(0, 0, true);
  const onHidden = () => document.visibilityState === 'hidden' && onPageHide();
  window.addEventListener('pagehide', onPageHide);
  document.addEventListener('visibilitychange', onHidden);
  onCleanup(() => {
    window.removeEventListener('pagehide', onPageHide);
    document.removeEventListener('visibilitychange', onHidden);
  });

  /** Where the editor sits, in table coordinates (it scrolls with the table). */
  const box = () => {
    const e = editing();
    if (!e) return null;
    return { top: host.headerHeight + e.row * ROW_HEIGHT, left: host.leftOffsets()[e.col]!, width: host.data().columns[e.col]!.width };
  };

  /** What another window saved into the editor's cell meanwhile, in words — only while the grid shows that cell. */
  const changedElsewhere = createMemo(() => {
    const e = editing();
    const d = host.data();
    const spec = e ? d.columns[e.col] : undefined;
    if (!e || !spec || spec.indicator < 0) return null;
    const v = d.view;
    if (v.workbookId !== e.workbookId || v.periodId !== e.periodId || v.units[e.row]?.id !== e.unitId || v.indicators[spec.indicator]?.id !== e.indicatorId) return null;
    const now = cellOf(d, e.row, spec.indicator);
    return sameCell(now, e.before) ? null : describeCell(now);
  });

  return { editing, error, start, commit, cancel, onInput, onKey, box, changedElsewhere, setInput: (el: HTMLInputElement) => (input = el) };
}
