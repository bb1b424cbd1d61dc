/**
 * The data-entry grid: units × (任务数, 实绩数, 完成率, 得分) per indicator, then 总得分 and 排名.
 * Excel habits: arrows, Enter/Shift+Enter, Tab/Shift+Tab, F2 or double-click to edit, typing
 * replaces, Esc cancels, Delete clears, Ctrl+C/Ctrl+V as tab-separated text, Shift to extend.
 * Rows are virtualized (@tanstack/solid-virtual); header rows and the unit column are frozen.
 */
import { createVirtualizer } from '@tanstack/solid-virtual';
import { createEffect, createMemo, createResource, createSignal, For, on, onCleanup, Show } from 'solid-js';
import type { LoadedGrid } from './gridWindow';
import type { Explanation } from '../../engine/explain';
import type { Goal, GoalSeekResult, Vary } from '../../engine/goalseek';
import { formatPlain, formatRate, formatScore, formatTotal } from '../../engine/format';
import { FIELD_LABELS, type Cell, type CellChange } from '../../model';
import { sameCell } from '../../engine/commands';
import { describeCell } from '../../engine/describe';
import type { PendingCell } from '../appState';
import { applyInput, inputProblem, setRemark, setState, type EditableField } from './cellInput';
import { editorChange, editorFate, type Editing } from './editorState';
import { copiedKinds, copyPayload, pasteCells, planPaste } from './clipboard';
import { COLUMN_LABELS, FROZEN_COLUMNS, gridColumns, inRange, isFrozen, move, rangeOf, ROW_HEIGHT, type GridColumnSpec, type Selection } from './layout';
import { PastePreview, type PasteChange } from './PastePreview';
import { parseTsv } from './tsv';
import { FindBar } from './FindBar';
import { clampWidth, loadColumnWidths, saveColumnWidths } from './columnWidths';
import { NATURAL_ORDER, type GridOrderSpec, type GridSort } from '../../engine/gridOrder';
import { GridOrderBar } from './GridOrderBar';

const HEADER_HEIGHT = 2 * ROW_HEIGHT;
/** A paste changing more cells than this is shown first and applied on 确认. */
const PREVIEW_PASTE_OVER = 20;

export interface DataGridProps {
  /** A window of rows (see gridWindow.ts): rows outside it show empty until read. */
  view: LoadedGrid;
  /** Rows [from, to) are on screen. */
  onRows?: (from: number, to: number) => void;
  /** The selection covers rows [from, to) (read them for copy, clear and paste). */
  onSelectRows?: (from: number, to: number) => void;
  /** Are rows [from, to) read? (Without it, every row is taken as read: a whole view.) */
  hasRows?: (from: number, to: number) => boolean;
  /** Cells edited here and not yet in `view` (shown as typed). */
  pending: Record<string, PendingCell>;
  /**
   * `baseVersion`: the view version the user saw when the edit began; `at`: the workbook and period
   * the changes belong to (an open editor stays bound to the cell it was opened on).
   */
  onCommit: (changes: CellChange[], label: string, baseVersion: number, at: { workbookId: string; periodId: string }) => void;
  onDraft: (draft: { workbookId: string; periodId: string; unitId: string; indicatorId: string; field: EditableField; text: string; where: string; before: Cell | null } | null) => void;
  /** Is this period still in the open workbook? (An editor whose period is gone closes, writing nothing.) */
  periodExists?: (workbookId: string, periodId: string) => boolean;
  /** The rule and arithmetic of a score (indicatorId) or a total (null), in words. */
  onExplain?: (unitId: string, indicatorId: string | null) => Promise<Explanation>;
  onGoalSeek?: (unitId: string, indicatorId: string, goal: Goal, vary: Vary) => Promise<GoalSeekResult>;
  /** A refused paste or input, in words naming the cells. */
  onMessage?: (text: string, kind: 'info' | 'warn' | 'error') => void;
  /** Sort or filter the rows (a header clicked, the 筛选 bar): the worker keeps the order (see gridOrder.ts). */
  onOrder?: (spec: GridOrderSpec) => void;
}

const STATE_LABELS: Record<Cell['state'], string> = { value: '数值', na: '不适用（/）', pending: '数据未出（暂取任务数）', missing: '无数据' };

export function DataGrid(props: DataGridProps) {
  let scroller!: HTMLDivElement;
  let editor: HTMLInputElement | undefined;
  // Column widths dragged by the person, remembered in this browser (by column, not by position).
  const [widths, setWidths] = createSignal<Record<string, number>>(loadColumnWidths());
  const widthKey = (c: GridColumnSpec) => `${c.kind}:${c.indicator >= 0 ? (props.view.indicators[c.indicator]?.id ?? '') : ''}`;
  // Same layout, same array: a new view after each edit must not rebuild every cell.
  const columns = createMemo(() => gridColumns(props.view).map((c) => ({ ...c, width: widths()[widthKey(c)] ?? c.width })), undefined, {
    equals: (a, b) => a.length === b.length && a.every((c, i) => c.kind === b[i]!.kind && c.field === b[i]!.field && c.indicator === b[i]!.indicator && c.width === b[i]!.width),
  });
  const indicatorIds = createMemo(() => props.view.indicators.map((i) => i.id), undefined, { equals: (a, b) => a.join('|') === b.join('|') });
  const rowCount = () => props.view.units.length;
  const colCount = () => columns().length;
  const [sel, setSel] = createSignal<Selection>({ anchor: { row: 0, col: FROZEN_COLUMNS }, focus: { row: 0, col: FROZEN_COLUMNS } });
  const [editing, setEditing] = createSignal<Editing | null>(null);
  const [dragging, setDragging] = createSignal(false);
  /** Why the value in the open editor cannot be taken (shown under it; Esc cancels). */
  const [editError, setEditError] = createSignal<string | null>(null);
  const [pastePreview, setPastePreview] = createSignal<{ changes: CellChange[]; rows: PasteChange[]; label: string; baseVersion: number; at: { workbookId: string; periodId: string } } | null>(null);
  const range = createMemo(() => rangeOf(sel()));
  const leftOffsets = createMemo(() => {
    const out: number[] = [];
    let x = 0;
    for (const c of columns()) {
      out.push(x);
      x += c.width;
    }
    return out;
  });
  const totalWidth = () => columns().reduce((s, c) => s + c.width, 0);

  /** Drag a header's right edge to size its column; double-click it for the default width. */
  const startResize = (col: number, ev: MouseEvent) => {
    ev.preventDefault();
    ev.stopPropagation();
    const spec = columns()[col]!;
    const key = widthKey(spec);
    const startX = ev.clientX;
    const startW = spec.width;
    const move = (e: MouseEvent) => setWidths((w) => ({ ...w, [key]: clampWidth(startW + e.clientX - startX) }));
    const up = () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
      saveColumnWidths(widths());
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  };
  const resetWidth = (col: number) => {
    const key = widthKey(columns()[col]!);
    setWidths((w) => {
      const { [key]: _gone, ...rest } = w;
      return rest;
    });
    saveColumnWidths(widths());
  };
  const ResizeHandle = (p: { col: number }) => (
    <span
      class="col-resize no-print"
      aria-hidden="true"
      data-col={p.col}
      onMouseDown={(e) => startResize(p.col, e)}
      onClick={(e) => e.stopPropagation()}
      onDblClick={() => resetWidth(p.col)}
    />
  );

  // ---- sorting by a header ------------------------------------------------------------------
  /** The sort a column header stands for, with this column's current direction (or null). */
  const sortOf = (col: number): { field: GridSort['field']; indicatorId?: string; dir: GridSort['dir'] | null } => {
    const spec = columns()[col]!;
    const indicatorId = spec.indicator >= 0 ? props.view.indicators[spec.indicator]!.id : undefined;
    const cur = props.view.order?.sort;
    const dir = cur && cur.field === spec.kind && cur.indicatorId === indicatorId ? cur.dir : null;
    return { field: spec.kind, ...(indicatorId ? { indicatorId } : {}), dir };
  };
  const sortMark = (col: number) => {
    const d = sortOf(col).dir;
    return d === 'asc' ? ' ▲' : d === 'desc' ? ' ▼' : '';
  };
  const ariaSort = (col: number) => {
    const d = sortOf(col).dir;
    return d === 'asc' ? 'ascending' : d === 'desc' ? 'descending' : undefined;
  };
  /** First click: names and ranks ascending, figures highest first; a second click turns it round. */
  const sortBy = (col: number) => {
    if (!props.onOrder) return;
    const { dir, ...key } = sortOf(col);
    const first: GridSort['dir'] = key.field === 'unit' || key.field === 'rank' ? 'asc' : 'desc';
    const next = dir ? (dir === 'asc' ? 'desc' : 'asc') : first;
    // An open edit is committed first, on the row it was begun on.
    if (editing()) commitEdit(0, 0, true);
    props.onOrder({ ...(props.view.order ?? NATURAL_ORDER), sort: { ...key, dir: next } });
  };
  const SORT_TITLE = '点击按此列排序，再点一次反向（只改变显示顺序，不改变单位的排列顺序）';

  const virtualizer = createVirtualizer({
    get count() {
      return rowCount();
    },
    getScrollElement: () => scroller,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  // Columns are virtualized too (16 indicators × 4 = 64 columns): only those in view are in the DOM.
  const colVirtualizer = createVirtualizer({
    horizontal: true,
    get count() {
      return Math.max(0, colCount() - FROZEN_COLUMNS);
    },
    getScrollElement: () => scroller,
    estimateSize: (i) => columns()[i + FROZEN_COLUMNS]?.width ?? 80,
    get scrollMargin() {
      return leftOffsets()[FROZEN_COLUMNS] ?? 0;
    },
    overscan: 3,
  });
  createEffect(on(columns, () => colVirtualizer.measure(), { defer: true }));

  /** The columns in the DOM: the frozen ones, then those in view. */
  const visibleCols = createMemo(() => {
    const out: number[] = [];
    for (let c = 0; c < Math.min(FROZEN_COLUMNS, colCount()); c++) out.push(c);
    for (const item of colVirtualizer.getVirtualItems()) out.push(item.index + FROZEN_COLUMNS);
    return out;
  });
  // Item starts include the scroll margin (the frozen columns' width); the pad is only what lies between.
  const padLeft = () => {
    const first = colVirtualizer.getVirtualItems()[0];
    return first ? first.start - (leftOffsets()[FROZEN_COLUMNS] ?? 0) : 0;
  };
  /** Runs of visible columns belonging to one indicator, for the merged first header row. */
  const headerGroups = createMemo(() => {
    const groups: { indicator: number; span: number; first: boolean; width: number }[] = [];
    for (const col of visibleCols()) {
      const spec = columns()[col]!;
      if (spec.indicator < 0) continue;
      const g = groups.at(-1);
      if (g && g.indicator === spec.indicator) {
        g.span++;
        g.width += spec.width;
      } else groups.push({ indicator: spec.indicator, span: 1, first: spec.kind === 'target', width: spec.width });
    }
    return groups;
  });

  // Tell the window which rows are on screen and which the selection covers.
  createEffect(() => {
    const items = virtualizer.getVirtualItems();
    if (items.length) props.onRows?.(items[0]!.index, items.at(-1)!.index + 1);
  });
  createEffect(() => {
    const r = range();
    props.onSelectRows?.(r.top, r.bottom + 1);
  });

  // Keep the selection inside the grid when the units or indicators change.
  createEffect(
    on(
      () => [rowCount(), colCount()] as const,
      ([rows, cols]) => {
        const s = sel();
        if (s.focus.row >= rows || s.focus.col >= cols) {
          const p = { row: Math.max(0, Math.min(rows - 1, s.focus.row)), col: Math.max(0, Math.min(cols - 1, s.focus.col)) };
          setSel({ anchor: p, focus: p });
        }
      },
    ),
  );

  /** Is the row in the window read from the worker? */
  const loaded = (row: number) => row >= props.view.from && row < props.view.from + props.view.total.length;
  const rowsReady = (from: number, to: number) => (props.hasRows ? props.hasRows(from, to) : true);
  const notReady = () => props.onMessage?.('所选区域还在读取中（或超过 20 000 行），请稍候再操作，或分批选择。', 'warn');

  const cellAt = (row: number, ind: number): Cell | null => {
    const v = props.view;
    const key = `${v.units[row]!.id}|${v.indicators[ind]!.id}`;
    const p = props.pending[key];
    if (p && (p.until === null || v.version < p.until)) return p.cell;
    if (!loaded(row)) return null;
    const k = row - v.from;
    const col = v.columns[ind]!;
    const state = col.state[k]!;
    const target = col.target[k] ?? null;
    const actual = col.actual[k] ?? null;
    const manual = col.manual[k] ?? null;
    const remark = col.remark[k];
    if (state === 'missing' && target === null && actual === null && manual === null && !remark) return null;
    const c: Cell = { state, target, actual };
    if (manual !== null) c.manualScore = manual;
    if (remark) c.remark = remark;
    return c;
  };

  const isPending = (row: number, ind: number) => {
    const p = props.pending[`${props.view.units[row]!.id}|${props.view.indicators[ind]!.id}`];
    return !!p && p.until === null;
  };
  const unsaved = createMemo(() => new Set(props.view.unsaved));
  const isUnsaved = (row: number, ind: number) => unsaved().has(`${props.view.units[row]!.id}|${props.view.indicators[ind]!.id}`);

  const raw = (v: number | string | null | undefined) => (v === null || v === undefined ? '' : typeof v === 'number' ? formatPlain(v) : v);

  /** Text shown (and copied) for a cell. */
  const text = (row: number, col: number): string => {
    const spec = columns()[col]!;
    const v = props.view;
    switch (spec.kind) {
      case 'unit':
        return v.units[row]!.name;
      case 'total': {
        const t = v.total[row - v.from];
        return t === null || t === undefined ? '' : formatTotal(t);
      }
      case 'rank': {
        const r = v.rank[row - v.from];
        return r === null || r === undefined ? '' : String(r);
      }
      default:
        break;
    }
    const cell = cellAt(row, spec.indicator);
    const stale = isPending(row, spec.indicator);
    const c = v.columns[spec.indicator]!;
    if (spec.kind === 'target') return cell?.state === 'na' ? '/' : raw(cell?.target);
    if (spec.kind === 'actual') return cell?.state === 'na' ? '/' : cell?.state === 'pending' ? '未出' : raw(cell?.actual);
    if (stale) return '…';
    if (spec.kind === 'rate') {
      const r = c.rate[row - v.from];
      return r === null || r === undefined ? '' : formatRate(r);
    }
    if (spec.field === 'manualScore') return raw(cell?.manualScore);
    const s = c.score[row - v.from];
    return s === null || s === undefined ? '' : formatScore(s);
  };

  /** Text the editor opens with (F2): the stored value, not its display. */
  const editText = (row: number, col: number): string => {
    const spec = columns()[col]!;
    const cell = cellAt(row, spec.indicator);
    if (!spec.field) return '';
    if (cell?.state === 'na') return '/';
    if (spec.field === 'actual' && cell?.state === 'pending') return '未出';
    const v = spec.field === 'manualScore' ? cell?.manualScore : cell?.[spec.field];
    return v === null || v === undefined ? '' : String(v);
  };

  /**
   * Everything a row shows, as plain strings, computed in one pass: cheap to re-run while
   * scrolling (one memo per rendered row instead of reactive work per cell).
   */
  const rowModel = (row: number): { text: string; cls: string; title: string | undefined }[] => {
    const v = props.view;
    // A filter can leave fewer rows than the virtualizer still lays out, for one update.
    if (row >= v.units.length) return [];
    const r = range();
    const f = sel().focus;
    // Sparse, indexed by column: cells keep their identity while columns scroll in and out.
    const out: { text: string; cls: string; title: string | undefined }[] = [];
    for (const col of visibleCols()) {
      const spec = columns()[col]!;
      const cls: string[] = ['cell', spec.kind];
      if (!spec.field && spec.kind !== 'unit') cls.push('computed');
      if (spec.kind !== 'unit') cls.push('num');
      if (isFrozen(col)) cls.push('frozen');
      if (col === FROZEN_COLUMNS - 1) cls.push('frozen-last');
      if (spec.kind === 'target') cls.push('group-start');
      if (inRange(r, row, col)) cls.push('selected');
      if (f.row === row && f.col === col) cls.push('active');
      let title: string | undefined;
      if (spec.indicator >= 0) {
        const c = v.columns[spec.indicator]!;
        const cell = cellAt(row, spec.indicator);
        const entry = spec.kind === 'target' || spec.kind === 'actual';
        const k = row - v.from;
        if (c.error[k] && (entry || spec.kind === 'score')) cls.push('error');
        if (spec.kind === 'rate' && c.reached[k] === false) cls.push('behind');
        if (cell?.state === 'na' && entry) cls.push('na');
        if (cell?.state === 'pending' && spec.kind === 'actual') cls.push('pendingState');
        if (isPending(row, spec.indicator)) cls.push('saving');
        if (entry && isUnsaved(row, spec.indicator)) cls.push('unsaved');
        if (entry && typeof (spec.kind === 'target' ? cell?.target : cell?.actual) === 'string') cls.push('text');
        title = c.error[k] ?? c.remark[k] ?? (entry && isUnsaved(row, spec.indicator) ? '尚未写入浏览器存储（正在重试）' : undefined);
      } else if (spec.kind === 'total' && v.complete[row - v.from] === false) {
        cls.push('incomplete');
        title = '数据不全，未计总分';
      }
      out[col] = { text: text(row, col), cls: cls.join(' '), title };
    }
    return out;
  };

  /** Attributes of a column that do not change from row to row. */
  const attrsByCol = createMemo(() =>
    columns().map((_spec, col) => ({
      col,
      kind: columns()[col]!.kind,
      ind: indicatorIds()[columns()[col]!.indicator],
      style: `width:${columns()[col]!.width}px${isFrozen(col) ? `;left:${leftOffsets()[col]}px` : ''}`,
    })),
  );
  const columnAttrs = createMemo(() => visibleCols().map((col) => attrsByCol()[col]!));

  /** Where the cell editor sits, in table coordinates (it scrolls with the table). */
  const editorBox = () => {
    const e = editing();
    if (!e) return null;
    return { top: HEADER_HEIGHT + e.row * ROW_HEIGHT, left: leftOffsets()[e.col]!, width: columns()[e.col]!.width };
  };

  /** While the editor is open: what another window saved into its cell meanwhile (never silent). */
  const changedUnderEditor = createMemo(() => {
    const e = editing();
    const spec = e ? columns()[e.col] : undefined;
    if (!e || !spec || spec.indicator < 0) return null;
    // Only while the grid still shows the editor's own cell (it closes or commits once it does not).
    const v = props.view;
    if (v.workbookId !== e.workbookId || v.periodId !== e.periodId || v.units[e.row]?.id !== e.unitId || v.indicators[spec.indicator]?.id !== e.indicatorId) return null;
    const now = cellAt(e.row, spec.indicator);
    return sameCell(now, e.before) ? null : { text: describeCell(now) };
  });

  const cellFromEvent = (ev: MouseEvent): { row: number; col: number } | null => {
    const cell = (ev.target as HTMLElement).closest('[data-col]') as HTMLElement | null;
    const row = cell?.parentElement;
    if (!cell || !row?.dataset.row) return null;
    return { row: Number(row.dataset.row), col: Number(cell.dataset.col) };
  };

  // ---- editing -------------------------------------------------------------------------------

  /** Where an open edit goes, by its own unit and indicator (the row may show another unit after a sort). */
  const whereEdit = (e: Editing) => {
    const u = props.view.units[e.row];
    const name = u?.id === e.unitId ? u.name : (props.view.units.find((x) => x.id === e.unitId)?.name ?? e.unitId);
    const ind = props.view.indicators.find((i) => i.id === e.indicatorId)?.name ?? e.indicatorId;
    return `${name} ${ind} ${FIELD_LABELS[e.field]}`;
  };

  /** Turn (row, col, text) edits into cell changes, folding several edits of one cell together. */
  const changesFor = (edits: { row: number; col: number; text: string; before?: Cell | null; unitId?: string }[]): CellChange[] => {
    const byKey = new Map<string, CellChange>();
    for (const e of edits) {
      const spec = columns()[e.col];
      if (!spec?.field) continue;
      const unitId = e.unitId ?? props.view.units[e.row]!.id;
      const indicatorId = props.view.indicators[spec.indicator]!.id;
      const key = `${unitId}|${indicatorId}`;
      const existing = byKey.get(key);
      const before = existing ? existing.before : e.before !== undefined ? e.before : cellAt(e.row, spec.indicator);
      const base = existing ? existing.after : before;
      const input = [...(existing?.input ?? []), { field: spec.field, text: e.text }];
      byKey.set(key, { unitId, indicatorId, before, after: applyInput(base, spec.field, e.text), input });
    }
    return [...byKey.values()];
  };

  const startEdit = (row: number, col: number, initial: string | null, mode: Editing['mode']) => {
    const spec = columns()[col]!;
    if (!spec.field) return;
    // The cell's value must be known: it is what the edit is based on.
    if (!loaded(row)) return notReady();
    setEditing({
      row,
      col,
      workbookId: props.view.workbookId,
      periodId: props.view.periodId,
      unitId: props.view.units[row]!.id,
      indicatorId: props.view.indicators[spec.indicator]!.id,
      field: spec.field,
      text: initial ?? editText(row, col),
      mode,
      before: cellAt(row, spec.indicator),
      baseVersion: props.view.version,
    });
    if (initial) onEditorInput(initial);
    queueMicrotask(() => {
      editor?.focus();
      if (editor) editor.selectionStart = editor.selectionEnd = editor.value.length;
    });
  };

  /** Close an editor without writing anything (its period or workbook went away), saying so. */
  const closeEditor = (message: string) => {
    setEditError(null);
    setEditing(null);
    props.onDraft(null);
    props.onMessage?.(message, 'warn');
  };

  /** Why `text` cannot go into (row, col), or null. */
  const problemAt = (row: number, col: number, text: string): string | null => {
    const spec = columns()[col]!;
    if (!spec.field) return null;
    const ind = props.view.indicators[spec.indicator]!;
    return inputProblem(spec.field, text, ind);
  };

  const commitEdit = (dRow: number, dCol: number, leaving = false) => {
    const e = editing();
    if (!e) return;
    // Bound to its cell: a period deleted meanwhile is never written, nor another one instead.
    const fate = editorFate(e, shownGrid(), periodExists, whereEdit);
    if (fate.kind === 'close') return closeEditor(fate.message);
    const ind = props.view.indicators.find((i) => i.id === e.indicatorId);
    const problem = ind ? inputProblem(e.field, e.text, ind) : null;
    if (problem) {
      // Refused, never stored: the editor stays open with the reason; the draft survives a closed tab.
      if (!leaving) {
        setEditError(problem);
        queueMicrotask(() => editor?.focus());
      }
      return;
    }
    setEditError(null);
    setEditing(null);
    // Journal the edit before dropping the draft: whenever the tab dies, one of the two survives.
    // Based on the cell as it was when editing began: if another window changed it meanwhile, the
    // worker asks which value to keep instead of writing over it.
    const change = editorChange(e);
    if (!sameCell(change.before, change.after)) props.onCommit([change], `输入 ${whereEdit(e)}`, e.baseVersion, { workbookId: e.workbookId, periodId: e.periodId });
    props.onDraft(null);
    go(dRow, dCol, false);
    scroller.focus();
  };

  /** The workbook and period the grid shows: where a paste, a clear or a formula-bar change goes. */
  const here = () => ({ workbookId: props.view.workbookId, periodId: props.view.periodId });
  const periodExists = (workbookId: string, periodId: string) => (props.periodExists ? props.periodExists(workbookId, periodId) : true);
  const shownGrid = () => ({ workbookId: props.view.workbookId, periodId: props.view.periodId, unitAt: (row: number) => props.view.units[row]?.id });

  // The grid shows something new under an open editor: the same cell stays open (another window's
  // save, flagged); rows sorted or filtered again commit it to the unit it was begun on; a period
  // or workbook gone or switched closes it with a notice, writing nothing anywhere.
  createEffect(
    on(
      () => [props.view.units, props.view.periodId, props.view.workbookId] as const,
      () => {
        const e = editing();
        if (!e) return;
        const fate = editorFate(e, shownGrid(), periodExists, whereEdit);
        if (fate.kind === 'close') closeEditor(fate.message);
        else if (fate.kind === 'commit') commitEdit(0, 0, true);
      },
      { defer: true },
    ),
  );

  const cancelEdit = () => {
    setEditError(null);
    setEditing(null);
    props.onDraft(null);
    scroller.focus();
  };

  const onEditorInput = (value: string) => {
    const e = editing();
    if (!e) return;
    setEditing({ ...e, text: value });
    setEditError(null);
    props.onDraft({ workbookId: e.workbookId, periodId: e.periodId, unitId: e.unitId, indicatorId: e.indicatorId, field: e.field, text: value, where: whereEdit(e), before: e.before });
  };

  const onEditorKey = (ev: KeyboardEvent) => {
    const e = editing();
    if (!e) return;
    ev.stopPropagation();
    if (ev.isComposing) return;
    const arrows: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (ev.key === 'Enter') {
      ev.preventDefault();
      commitEdit(ev.shiftKey ? -1 : 1, 0);
    } else if (ev.key === 'Tab') {
      ev.preventDefault();
      commitEdit(0, ev.shiftKey ? -1 : 1);
    } else if (ev.key === 'Escape') {
      ev.preventDefault();
      cancelEdit();
    } else if (e.mode === 'enter' && arrows[ev.key]) {
      ev.preventDefault();
      commitEdit(...arrows[ev.key]!);
    }
  };

  // Closing the tab mid-edit keeps what was typed: commit it (journaled synchronously).
  const onPageHide = () => editing() && commitEdit(0, 0, true);
  const onHidden = () => document.visibilityState === 'hidden' && onPageHide();
  window.addEventListener('pagehide', onPageHide);
  document.addEventListener('visibilitychange', onHidden);
  onCleanup(() => {
    window.removeEventListener('pagehide', onPageHide);
    document.removeEventListener('visibilitychange', onHidden);
  });

  // ---- selection and keys ----------------------------------------------------------------------

  const scrollIntoView = (row: number, col: number) => {
    virtualizer.scrollToIndex(row, { align: 'auto' });
    const frozen = leftOffsets()[FROZEN_COLUMNS] ?? 0;
    const left = leftOffsets()[col]!;
    const right = left + columns()[col]!.width;
    if (!isFrozen(col) && left < scroller.scrollLeft + frozen) scroller.scrollLeft = left - frozen;
    else if (right > scroller.scrollLeft + scroller.clientWidth) scroller.scrollLeft = right - scroller.clientWidth;
    const top = HEADER_HEIGHT + row * ROW_HEIGHT;
    if (top - HEADER_HEIGHT < scroller.scrollTop) scroller.scrollTop = top - HEADER_HEIGHT;
    else if (top + ROW_HEIGHT > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = top + ROW_HEIGHT - scroller.clientHeight;
  };

  const go = (dRow: number, dCol: number, extend: boolean) => {
    const next = move(sel(), dRow, dCol, rowCount(), colCount(), extend);
    setSel(next);
    scrollIntoView(next.focus.row, next.focus.col);
  };

  const jump = (row: number, col: number, extend: boolean) => {
    const focus = { row: Math.max(0, Math.min(rowCount() - 1, row)), col: Math.max(0, Math.min(colCount() - 1, col)) };
    setSel(extend ? { anchor: sel().anchor, focus } : { anchor: focus, focus });
    scrollIntoView(focus.row, focus.col);
  };

  const clearSelection = () => {
    const r = range();
    if (!rowsReady(r.top, r.bottom + 1)) return notReady();
    const edits: { row: number; col: number; text: string }[] = [];
    for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) if (columns()[col]!.field) edits.push({ row, col, text: '' });
    const changes = changesFor(edits).filter((c) => !sameCell(c.before, c.after));
    if (changes.length) props.onCommit(changes, `清除 ${changes.length} 格`, props.view.version, here());
  };

  const pageRows = () => Math.max(1, Math.floor((scroller.clientHeight - HEADER_HEIGHT) / ROW_HEIGHT) - 1);

  // ---- 查找 (Ctrl+F): see FindBar.tsx ----------------------------------------------------------
  const [finding, setFinding] = createSignal(false);
  const openFind = () => {
    // Opened again while open: the bar is made anew, focused and selected.
    setFinding(false);
    setFinding(true);
  };
  const closeFind = () => {
    setFinding(false);
    scroller.focus();
  };
  /** A found row, in the column selected (or the first one right of the frozen columns). */
  const jumpToRow = (row: number) => jump(row, sel().focus.col >= FROZEN_COLUMNS ? sel().focus.col : FROZEN_COLUMNS, false);

  const onKeyDown = (ev: KeyboardEvent) => {
    if (editing()) return;
    const ctrl = ev.ctrlKey || ev.metaKey;
    const f = sel().focus;
    const shift = ev.shiftKey;
    const handled = () => ev.preventDefault();
    if (ctrl && (ev.key === 'f' || ev.key === 'F')) {
      handled();
      return openFind();
    }
    switch (ev.key) {
      case 'ArrowUp':
        handled();
        return ctrl ? jump(0, f.col, shift) : go(-1, 0, shift);
      case 'ArrowDown':
        handled();
        return ctrl ? jump(rowCount() - 1, f.col, shift) : go(1, 0, shift);
      case 'ArrowLeft':
        handled();
        return ctrl ? jump(f.row, 0, shift) : go(0, -1, shift);
      case 'ArrowRight':
        handled();
        return ctrl ? jump(f.row, colCount() - 1, shift) : go(0, 1, shift);
      case 'Enter':
        handled();
        return go(shift ? -1 : 1, 0, false);
      case 'Tab':
        handled();
        return go(0, shift ? -1 : 1, false);
      case 'Home':
        handled();
        // As Excel does with frozen panes: the first cell right of the frozen columns, scrolled home.
        scroller.scrollLeft = 0;
        return ctrl ? jump(0, FROZEN_COLUMNS, shift) : jump(f.row, FROZEN_COLUMNS, shift);
      case 'End':
        handled();
        return ctrl ? jump(rowCount() - 1, colCount() - 1, shift) : jump(f.row, colCount() - 1, shift);
      case 'PageDown':
        handled();
        return go(pageRows(), 0, shift);
      case 'PageUp':
        handled();
        return go(-pageRows(), 0, shift);
      case 'F2':
        handled();
        return startEdit(f.row, f.col, null, 'edit');
      case 'Delete':
      case 'Backspace':
        handled();
        return clearSelection();
      case 'Escape':
        return setSel({ anchor: f, focus: f });
      default:
        break;
    }
    if (ctrl && (ev.key === 'a' || ev.key === 'A')) {
      handled();
      setSel({ anchor: { row: 0, col: 0 }, focus: { row: rowCount() - 1, col: colCount() - 1 } });
      return;
    }
    if (!ctrl && !ev.altKey && ev.key.length === 1) {
      if (!columns()[f.col]!.field) return;
      handled();
      startEdit(f.row, f.col, ev.key, 'enter');
    } else if (ev.key === 'Process' && columns()[f.col]!.field) {
      // An input method is starting: open the editor so the composition lands in it.
      startEdit(f.row, f.col, '', 'enter');
    }
  };

  /** The selection as copied: stored values (full precision) for entry columns, shown text for the rest. */
  const selectionPayload = () => {
    const r = range();
    const rows: string[][] = [];
    for (let row = r.top; row <= r.bottom; row++) {
      const line: string[] = [];
      for (let col = r.left; col <= r.right; col++) line.push(columns()[col]!.field ? editText(row, col) : text(row, col));
      rows.push(line);
    }
    return copyPayload(columns().slice(r.left, r.right + 1).map((c) => c.kind), rows);
  };

  const onCopy = (ev: ClipboardEvent) => {
    if (editing()) return;
    ev.preventDefault();
    const r = range();
    if (!rowsReady(r.top, r.bottom + 1)) return notReady();
    const p = selectionPayload();
    ev.clipboardData?.setData('text/plain', p.text);
    ev.clipboardData?.setData('text/html', p.html);
  };

  const onPaste = (ev: ClipboardEvent) => {
    if (editing()) return;
    ev.preventDefault();
    const data = ev.clipboardData?.getData('text/plain') ?? '';
    const block = parseTsv(data);
    if (!block.length) return;
    const top = Math.min(sel().anchor.row, sel().focus.row);
    if (!rowsReady(top, top + block.length)) {
      props.onSelectRows?.(top, top + block.length);
      return notReady();
    }
    const plan = planPaste(columns(), sel(), block, rowCount(), copiedKinds(ev.clipboardData?.getData('text/html') ?? ''), text);
    if (!plan.ok) return props.onMessage?.(plan.message, 'error');
    const problems = plan.targets.map((t) => ({ t, why: problemAt(t.row, t.col, t.text) })).filter((x) => x.why);
    if (problems.length) {
      // The reason names the column (实绩数“101.99%”…): the place is the unit and the indicator.
      const list = problems.slice(0, 5).map((x) => `${props.view.units[x.t.row]!.name} ${props.view.indicators[columns()[x.t.col]!.indicator]!.name}：${x.why}`);
      return props.onMessage?.(`粘贴未执行，工作簿未改动。${problems.length} 个值不能填入：${list.join('；')}${problems.length > 5 ? '……' : ''}。`, 'error');
    }
    const changes = changesFor(plan.targets).filter((c) => !sameCell(c.before, c.after));
    // Select what was pasted, as Excel does.
    const rows = plan.targets.map((t) => t.row);
    const cols = plan.targets.map((t) => t.col);
    setSel({ anchor: { row: Math.min(...rows), col: Math.min(...cols) }, focus: { row: Math.max(...rows), col: Math.max(...cols) } });
    if (!changes.length) return props.onMessage?.('粘贴的值与表中相同，没有改动。', 'info');
    const label = `粘贴 ${block.length} 行 × ${Math.max(...block.map((r) => r.length))} 列`;
    // Counted in grid cells (a unit's 任务数 and 实绩数 are two), as the person sees them.
    const unitName = new Map(props.view.units.map((u) => [u.id, u.name]));
    const indName = new Map(props.view.indicators.map((i) => [i.id, i.name]));
    const cells = pasteCells(changes, (id) => unitName.get(id) ?? id, (id) => indName.get(id) ?? id);
    if (cells.length > PREVIEW_PASTE_OVER) return setPastePreview({ changes, rows: cells, label, baseVersion: props.view.version, at: here() });
    props.onCommit(changes, label, props.view.version, here());
  };

  const onMouseDown = (ev: MouseEvent, row: number, col: number) => {
    if (editing()) commitEdit(0, 0);
    if (ev.button !== 0) return;
    ev.preventDefault();
    scroller.focus();
    setSel(ev.shiftKey ? { anchor: sel().anchor, focus: { row, col } } : { anchor: { row, col }, focus: { row, col } });
    setDragging(true);
    const up = () => {
      setDragging(false);
      window.removeEventListener('mouseup', up);
    };
    window.addEventListener('mouseup', up);
  };

  // ---- formula bar -------------------------------------------------------------------------------

  const active = createMemo(() => {
    const f = sel().focus;
    const spec = columns()[f.col];
    if (!spec || f.row >= rowCount()) return null;
    const unit = props.view.units[f.row]!;
    const ind = spec.indicator >= 0 ? props.view.indicators[spec.indicator]! : null;
    return { f, spec, unit, ind, cell: ind ? cellAt(f.row, spec.indicator) : null };
  });

  // Explanation of the active score / rate / total cell, refreshed with each new view.
  const [explanation] = createResource(
    () => {
      const a = active();
      if (!a || !props.onExplain) return null;
      const k = a.spec.kind;
      if (k !== 'score' && k !== 'rate' && k !== 'total') return null;
      return { unitId: a.unit.id, indicatorId: a.ind?.id ?? null, view: props.view, explain: props.onExplain };
    },
    async (k) => ({ unitId: k.unitId, indicatorId: k.indicatorId, ...(await k.explain(k.unitId, k.indicatorId)) }),
  );
  /**
   * The explanation of the cell selected now, or null: a resource keeps its last value when its
   * source turns null, and a target or actual cell showed the previous score's explanation.
   */
  const currentExplanation = () => {
    const a = active();
    const e = explanation.latest;
    const k = a?.spec.kind;
    if (!a || !e || (k !== 'score' && k !== 'rate' && k !== 'total')) return null;
    return e.unitId === a.unit.id && e.indicatorId === (a.ind?.id ?? null) ? e : null;
  };
  const [goalKind, setGoalKind] = createSignal<'upOne' | 'complete' | 'rank' | 'total'>('upOne');
  const [goalValue, setGoalValue] = createSignal('');
  const [seek, setSeek] = createSignal<GoalSeekResult | null>(null);
  createEffect(on(() => `${sel().focus.row}:${sel().focus.col}:${props.view.version}`, () => setSeek(null), { defer: true }));
  const runSeek = async () => {
    const a = active();
    if (!a?.ind || !props.onGoalSeek || (a.spec.kind !== 'target' && a.spec.kind !== 'actual')) return;
    const n = Number(goalValue());
    const goal: Goal = goalKind() === 'rank' ? { kind: 'rank', rank: n } : goalKind() === 'total' ? { kind: 'total', total: n } : { kind: goalKind() as 'upOne' | 'complete' };
    setSeek(await props.onGoalSeek(a.unit.id, a.ind.id, goal, a.spec.kind));
  };
  const applySeek = () => {
    const a = active();
    const r = seek();
    if (!a?.ind || !r?.ok || r.value === null || !a.spec.field) return;
    props.onCommit([{ unitId: a.unit.id, indicatorId: a.ind.id, before: a.cell, after: applyInput(a.cell, a.spec.field, String(r.value)) }], `求解 ${a.unit.name} ${a.ind.name}`, props.view.version, here());
  };

  const changeActive = (after: (c: Cell | null) => Cell | null, label: string) => {
    const a = active();
    if (!a?.ind) return;
    const before = a.cell;
    props.onCommit([{ unitId: a.unit.id, indicatorId: a.ind.id, before, after: after(before) }], label, props.view.version, here());
  };

  return (
    <>
    {/* A browser prints only the rows and columns on screen: the sheet is printed from Excel. */}
    <p class="print-only" data-testid="grid-print-note">
      数据录入表较宽，浏览器只能打印屏幕上的部分。请用“导出 Excel”（通报附件）或“保存为文件”（含全部数据），在 Excel 中打印。
    </p>
    <div class="data-grid" style={{ '--row-h': `${ROW_HEIGHT}px` }}>
      <Show when={props.onOrder}>
        {(onOrder) => <GridOrderBar view={props.view} onOrder={onOrder()} />}
      </Show>
      <div class="formula-bar">
        <Show when={active()} fallback={<span class="where">—</span>}>
          {(a) => (
            <>
              <span class="where" data-testid="active-cell">
                {a().unit.name}
                {a().ind ? ` · ${a().ind!.name}` : ''} · {COLUMN_LABELS[a().spec.kind]}
              </span>
              <span class="value">{text(a().f.row, a().f.col)}</span>
              <Show when={a().ind}>
                <label>
                  状态
                  <select
                    value={a().cell?.state ?? 'missing'}
                    onChange={(e) => changeActive((c) => setState(c, e.currentTarget.value as Cell['state']), `设置状态 ${a().unit.name} ${a().ind!.name}`)}
                  >
                    <For each={Object.entries(STATE_LABELS)}>{([k, v]) => <option value={k}>{v}</option>}</For>
                  </select>
                </label>
                <label class="remark">
                  备注
                  <input
                    type="text"
                    value={a().cell?.remark ?? ''}
                    placeholder="如：迟报材料"
                    onChange={(e) => changeActive((c) => setRemark(c, e.currentTarget.value), `备注 ${a().unit.name} ${a().ind!.name}`)}
                  />
                </label>
              </Show>
              <Show when={currentExplanation()}>
                {(e) => (
                  <span class="explain" data-testid="explanation">
                    {e().text}
                  </span>
                )}
              </Show>
              <Show when={props.onGoalSeek && a().ind && (a().spec.kind === 'target' || a().spec.kind === 'actual')}>
                <span class="goal-seek no-print">
                  求解：{a().spec.kind === 'actual' ? '实绩数至少多少才能' : '任务数至多多少才能'}
                  <select aria-label="求解目标" value={goalKind()} onChange={(e) => setGoalKind(e.currentTarget.value as 'upOne')}>
                    <option value="upOne">排名上升一位</option>
                    <option value="complete">完成率达到 100%</option>
                    <option value="rank">排名达到第…名</option>
                    <option value="total">总得分达到…</option>
                  </select>
                  <Show when={goalKind() === 'rank' || goalKind() === 'total'}>
                    <input aria-label="求解目标值" class="narrow-input" value={goalValue()} onInput={(e) => setGoalValue(e.currentTarget.value)} />
                  </Show>
                  <button type="button" onClick={() => void runSeek()}>
                    求解
                  </button>
                  <Show when={seek()}>
                    {(r) => (
                      <>
                        <span data-testid="goal-seek-result" classList={{ explain: r().ok, flag: !r().ok }}>
                          {r().message}
                        </span>
                        <Show when={r().ok}>
                          <button type="button" onClick={applySeek}>
                            采用
                          </button>
                        </Show>
                      </>
                    )}
                  </Show>
                </span>
              </Show>
            </>
          )}
        </Show>
      </div>
      <Show when={finding()}>
        <FindBar units={props.view.units} focusRow={() => sel().focus.row} filtered={props.view.rowCount < props.view.unitCount} onJump={jumpToRow} onClose={closeFind} />
      </Show>
      <div
        class="grid-scroll"
        ref={scroller}
        tabIndex={0}
        role="grid"
        aria-label="数据录入"
        aria-rowcount={rowCount() + 2}
        aria-colcount={colCount()}
        onKeyDown={onKeyDown}
        onCopy={onCopy}
        onPaste={onPaste}
      >
        <div class="entry" style={{ width: `${totalWidth()}px`, height: `${HEADER_HEIGHT + virtualizer.getTotalSize()}px` }}>
          <div class="entry-head" role="rowgroup" style={{ width: `${totalWidth()}px` }}>
            <div class="head-row h1" role="row">
              <div
                class="hcell corner tall sortable"
                role="columnheader"
                aria-sort={ariaSort(0)}
                title={SORT_TITLE}
                data-sort-col={0}
                onClick={() => sortBy(0)}
                style={{ left: '0px', width: `${columns()[0]!.width}px` }}
              >
                单位{sortMark(0)}
                <ResizeHandle col={0} />
              </div>
              <div
                class="hcell corner tall sortable"
                role="columnheader"
                aria-sort={ariaSort(1)}
                title={SORT_TITLE}
                data-sort-col={1}
                onClick={() => sortBy(1)}
                style={{ left: `${leftOffsets()[1]}px`, width: `${columns()[1]!.width}px` }}
              >
                总得分{sortMark(1)}
              </div>
              <div
                class="hcell corner tall frozen-last sortable"
                role="columnheader"
                aria-sort={ariaSort(2)}
                title={SORT_TITLE}
                data-sort-col={2}
                onClick={() => sortBy(2)}
                style={{ left: `${leftOffsets()[2]}px`, width: `${columns()[2]!.width}px` }}
              >
                排名{sortMark(2)}
              </div>
              <div class="pad" style={{ width: `${padLeft()}px` }} />
              <For each={headerGroups()}>
                {(g) => {
                  const ind = () => props.view.indicators[g.indicator]!;
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
              <div class="pad" style={{ width: `${(leftOffsets()[FROZEN_COLUMNS] ?? 0) + padLeft()}px` }} />
              <For each={visibleCols().filter((c) => !isFrozen(c))}>
                {(c) => {
                  // Read through columns() each time: a dragged width changes the spec, not the index.
                  const spec = () => columns()[c]!;
                  return (
                    <div
                      class="hcell sortable"
                      classList={{ 'group-start': spec().kind === 'target' }}
                      role="columnheader"
                      aria-sort={ariaSort(c)}
                      title={SORT_TITLE}
                      style={{ width: `${spec().width}px` }}
                      data-col={c}
                      data-sort-col={c}
                      onClick={() => sortBy(c)}
                    >
                      {spec().kind === 'score' ? `得分/${props.view.indicators[spec().indicator]!.points}` : COLUMN_LABELS[spec().kind]}
                      {sortMark(c)}
                      <ResizeHandle col={c} />
                    </div>
                  );
                }}
              </For>
            </div>
          </div>
          <div
            class="entry-body"
            role="rowgroup"
            onMouseDown={(e) => {
              const at = cellFromEvent(e);
              if (at) onMouseDown(e, at.row, at.col);
            }}
            onMouseOver={(e) => {
              const at = cellFromEvent(e);
              if (at && dragging()) setSel({ anchor: sel().anchor, focus: at });
            }}
            onDblClick={(e) => {
              const at = cellFromEvent(e);
              if (at) startEdit(at.row, at.col, null, 'edit');
            }}
          >
            <For each={virtualizer.getVirtualItems()}>
              {(item) => {
                // Keyed by unit index: scrolling by a row creates one row and moves the others.
                const row = () => item.index;
                const cells = createMemo(() => rowModel(row()));
                return (
                  <div
                    class="row"
                    role="row"
                    aria-rowindex={row() + 3}
                    data-row={row()}
                    data-unit={props.view.units[row()]?.id}
                    style={{ transform: `translateY(${HEADER_HEIGHT + item.start}px)`, width: `${totalWidth()}px` }}
                  >
                    <For each={columnAttrs()}>
                      {(attrs) => (
                        <>
                          <div role="gridcell" data-col={attrs.col} data-kind={attrs.kind} data-ind={attrs.ind} style={attrs.style} class={cells()[attrs.col]?.cls} title={cells()[attrs.col]?.title}>
                            {cells()[attrs.col]?.text}
                          </div>
                          {attrs.col === FROZEN_COLUMNS - 1 ? <div class="pad" style={{ width: `${padLeft()}px` }} /> : null}
                        </>
                      )}
                    </For>
                  </div>
                );
              }}
            </For>
          </div>
        </div>
        <Show when={editorBox()}>
          {(box) => (
            <input
              ref={editor}
              class="cell-editor"
              classList={{ 'changed-elsewhere': !!changedUnderEditor() }}
              title={changedUnderEditor() ? `另一窗口已把此格改为：${changedUnderEditor()!.text}` : undefined}
              aria-label="编辑单元格"
              style={{ top: `${box().top}px`, left: `${box().left}px`, width: `${box().width}px` }}
              value={editing()?.text ?? ''}
              onInput={(e) => onEditorInput(e.currentTarget.value)}
              onKeyDown={onEditorKey}
              onBlur={() => editing() && commitEdit(0, 0)}
            />
          )}
        </Show>
        <Show when={editError() ? editorBox() : null}>
          {(box) => (
            <div class="editor-note" role="alert" data-testid="editor-error" style={{ top: `${box().top + ROW_HEIGHT}px`, left: `${box().left}px` }}>
              {editError()}。请改正，或按 Esc 取消。
            </div>
          )}
        </Show>
        {/* Said right under the cell being typed into: another window saved a value there meanwhile. */}
        <Show when={changedUnderEditor() && editorBox()}>
          {(box) => (
            <div class="editor-note" role="alert" data-testid="editor-conflict" style={{ top: `${box().top + ROW_HEIGHT}px`, left: `${box().left}px` }}>
              另一窗口已把此格改为：{changedUnderEditor()!.text}。按 Enter 后会请您选择保留哪个值。
            </div>
          )}
        </Show>
      </div>
      <Show when={pastePreview()}>
        {(p) => (
          <PastePreview
            rows={p().rows}
            onConfirm={() => {
              // Read what was listed before closing the preview (its accessor is gone once closed):
              // exactly those changes are applied, as one step.
              const { changes, label, baseVersion, at } = p();
              setPastePreview(null);
              props.onCommit(changes, label, baseVersion, at);
              scroller.focus();
            }}
            onCancel={() => {
              setPastePreview(null);
              scroller.focus();
            }}
          />
        )}
      </Show>
      <p class="hint no-print">
        方向键/Tab/Enter 移动，直接输入即覆盖，F2 或双击修改，Esc 取消，Delete 清除，Ctrl+C/Ctrl+V 复制粘贴（可直接粘贴从 Excel/WPS 复制的区域，按列位置对应，计算列不能粘贴），
        Ctrl+Z/Ctrl+Y 撤销/重做。输入“/”表示不适用，实绩数输入“未出”表示数据未出（暂取任务数）。灰底为计算结果，不可编辑。
      </p>
    </div>
    </>
  );
}
