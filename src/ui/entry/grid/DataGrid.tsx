/**
 * The data-entry grid: units × (任务数, 实绩数, 完成率, 得分) per indicator, then 总得分 and 排名.
 * Excel habits: arrows, Enter/Shift+Enter, Tab/Shift+Tab, F2 or double-click to edit, typing
 * replaces, Esc cancels, Delete clears, Ctrl+C/Ctrl+V as tab-separated text, Shift to extend.
 * Rows and columns are virtualized (@tanstack/solid-virtual); header rows and the unit column are
 * frozen. This module wires the parts together: what cells show (cellView.ts), keys (gridKeys.ts),
 * the editor (useCellEditor.ts, editorState.ts), paste (gridPaste.ts), the header, find and formula bars.
 */
import { createVirtualizer } from '@tanstack/solid-virtual';
import { createEffect, createMemo, createSignal, on, Show } from 'solid-js';
import type { Cell, CellChange } from '../../../model';
import { NATURAL_ORDER, type GridOrderSpec } from '../../../engine/text/orderWords';
import type { LoadedGrid } from './gridWindow';
import { applyInput, type EditableField } from '../../state/cellInput';
import { cellOf, cellText, rowLook, type GridData, type PendingCell } from './cellView';
import { GridHelp } from './GridHelp';
import { COLUMN_LABELS, FROZEN_COLUMNS, rangeOf, ROW_HEIGHT, type Selection } from './layout';
import { gridKey } from './gridKeys';
import { fillDownRange } from './gridFill';
import { useGridEdits } from './useGridEdits';
import { useFillHandle } from './useFillHandle';
import { GridContextMenu } from './GridContextMenu';
import { useGridMenu } from './useGridMenu';
import { useGridNavigation } from './useGridNavigation';
import { createScrollPort } from './scrollPort';
import { gridSort } from './gridSort';
import { PastePreview } from './PastePreview';
import { FindBar } from './FindBar';
import { createRowVirtualizer } from './rowVirtualizer';
import { placeMemory } from './gridPlace';
import { observeRectAfterLayout, scrollToAfterFirst } from './afterLayout';
import { FormulaBar, type ActiveCell } from './FormulaBar';
import { GridHeader } from './GridHeader';
import { GridOrderBar } from './GridOrderBar';
import { CellEditor } from './CellEditor';
import { GridBody } from './GridBody';
import { useColumns } from './useColumns';
import { useCellEditor, type DraftOut } from './useCellEditor';
import type { Explanation, Goal, GoalSeekResult, Vary } from '../../../service/protocol';

const HEADER_HEIGHT = 2 * ROW_HEIGHT;

export interface DataGridProps {
  /** A window of rows (see gridWindow.ts): rows outside it show empty until read. */
  view: LoadedGrid;
  /** The sort and filter last asked for (it may not be in `view` yet); the view's when none. */
  order?: GridOrderSpec | null | undefined;
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
  onDraft: (draft: DraftOut | null) => void;
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

export function DataGrid(props: DataGridProps) {
  let scroller!: HTMLDivElement;
  const { columns, leftOffsets, totalWidth, startResize, resetWidth } = useColumns(() => props.view);
  const rowCount = () => props.view.units.length;
  const colCount = () => columns().length;
  /** The workbook and period the grid shows: where a paste, a clear or a formula-bar change goes. */
  const here = () => ({ workbookId: props.view.workbookId, periodId: props.view.periodId });
  // eslint-disable-next-line solid/reactivity -- where the person was in this period when back from another tab (gridPlace.ts): read at mount
  const { place, keep } = placeMemory(here, rowCount, colCount);
  const [sel, setSel] = createSignal<Selection>(place?.sel ?? { anchor: { row: 0, col: FROZEN_COLUMNS }, focus: { row: 0, col: FROZEN_COLUMNS } });
  const [dragging, setDragging] = createSignal(false);
  const [finding, setFinding] = createSignal(false);
  const range = createMemo(() => rangeOf(sel()));
  const unsaved = createMemo(() => new Set(props.view.unsaved));
  const data = createMemo((): GridData => ({ view: props.view, columns: columns(), pending: props.pending, unsaved: unsaved() }));
  const order = () => props.order ?? props.view.order ?? NATURAL_ORDER;
  const rowsReady = (from: number, to: number) => (props.hasRows ? props.hasRows(from, to) : true);
  const notReady = () => props.onMessage?.('所选区域还在读取中（或超过 20 000 行），请稍候再操作，或分批选择。', 'warn');

  const virtualizer = createRowVirtualizer(rowCount, () => scroller, place && { top: place.top, shown: () => port.scrollTo(place) });
  // Columns are virtualized too (16 indicators × 4 = 64 columns): only those in view are in the DOM.
  const colVirtualizer = createVirtualizer({
    horizontal: true,
    get count() {
      return Math.max(0, colCount() - FROZEN_COLUMNS);
    },
    getScrollElement: () => scroller,
    observeElementRect: observeRectAfterLayout,
    scrollToFn: scrollToAfterFirst,
    estimateSize: (i) => columns()[i + FROZEN_COLUMNS]?.width ?? 80,
    get scrollMargin() {
      return leftOffsets()[FROZEN_COLUMNS] ?? 0;
    },
    overscan: 3,
    initialOffset: place?.left ?? 0,
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
  // The same indicators in each new window: the same attributes, so no cell is made again after an edit.
  const indicatorIds = createMemo(() => props.view.indicators.map((i) => i.id), undefined, { equals: (a, b) => a.join('\u0000') === b.join('\u0000') });
  /** Attributes of a column that do not change from row to row. */
  const attrsByCol = createMemo(() =>
    columns().map((spec, col) => ({
      col,
      kind: spec.kind,
      ind: indicatorIds()[spec.indicator],
      style: `width:${spec.width}px${col < FROZEN_COLUMNS ? `;left:${leftOffsets()[col]}px` : ''}`,
    })),
  );
  const columnAttrs = createMemo(() => visibleCols().map((col) => attrsByCol()[col]!));

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

  // ---- selection -------------------------------------------------------------------------------
  const port = createScrollPort(() => scroller);
  keep(() => ({ sel: sel(), ...port.position() })); // eslint-disable-line solid/reactivity -- read when the grid goes away
  const nav = useGridNavigation({
    sel,
    setSel,
    columns,
    leftOffsets,
    rowCount,
    colCount,
    headerHeight: HEADER_HEIGHT,
    ...port,
  });
  const { go, jump, tab, enter } = nav;
  const pageRows = () => Math.max(1, Math.floor((scroller.clientHeight - HEADER_HEIGHT) / ROW_HEIGHT) - 1);

  // ---- editing ---------------------------------------------------------------------------------
  const editor = useCellEditor({
    data,
    leftOffsets,
    headerHeight: HEADER_HEIGHT,
    periodExists: (w, p) => (props.periodExists ? props.periodExists(w, p) : true),
    commit: (changes, label, baseVersion, at) => props.onCommit(changes, label, baseVersion, at),
    draft: (d) => props.onDraft(d),
    message: (text, kind) => props.onMessage?.(text, kind),
    notReady,
    // Committed with Tab or Enter: moved as those keys move without an editor.
    moved: (dRow, dCol) => {
      if (dCol) tab(dCol < 0);
      else if (dRow) enter(dRow < 0);
      // The grid is on screen: no scrolling it into view (that made Enter lay the page out at once, ~3 ms).
      scroller.focus({ preventScroll: true });
    },
    focusGrid: () => scroller.focus({ preventScroll: true }),
  });

  const edits = useGridEdits({
    data,
    sel,
    range,
    setSel,
    editing: () => !!editor.editing(),
    version: () => props.view.version,
    here,
    rowsReady,
    notReady,
    selectRows: (from, to) => props.onSelectRows?.(from, to),
    commit: (changes, label, baseVersion, at) => props.onCommit(changes, label, baseVersion, at),
    message: (text, kind) => props.onMessage?.(text, kind),
  });

  // ---- fill handle and right-click menu ------------------------------------------------------
  const fillHandle = useFillHandle({
    range,
    rowCount,
    leftOffsets,
    widths: () => columns().map((c) => c.width),
    headerHeight: HEADER_HEIGHT,
    scroller: () => scroller,
    fill: (plan) => edits.fillRange(plan),
  });
  const menu = useGridMenu({
    field: () => columns()[sel().focus.col]?.field ?? null,
    scroller: () => scroller,
    editing: () => !!editor.editing(),
    edits,
    fillDown: () => edits.fillRange(fillDownRange(range())),
    message: (text) => props.onMessage?.(text, 'info'),
  });

  const onKeyDown = (ev: KeyboardEvent) => {
    if (editor.editing()) return;
    const f = sel().focus;
    const editable = !!columns()[f.col]?.field;
    const action = gridKey({ key: ev.key, ctrl: ev.ctrlKey || ev.metaKey, shift: ev.shiftKey, alt: ev.altKey }, f, rowCount(), colCount(), pageRows(), editable);
    if (action.kind !== 'none' && action.kind !== 'collapse' && action.kind !== 'compose') ev.preventDefault();
    switch (action.kind) {
      case 'find':
        setFinding(false); // opened again while open: the bar is made anew, focused
        return setFinding(true);
      case 'go':
        return go(action.dRow, action.dCol, action.extend);
      case 'tab':
        return tab(action.back);
      case 'enter':
        return enter(action.back);
      case 'computed':
        return props.onMessage?.(`“${COLUMN_LABELS[columns()[f.col]!.kind]}”列${columns()[f.col]!.kind === 'unit' ? '是单位名称' : '由程序计算'}，不能输入。请在任务数或实绩数中填写（Tab 键会跳过计算列）。`, 'info');
      case 'jump':
        if (action.scrollHome) scroller.scrollLeft = 0;
        return jump(action.row, action.col, action.extend);
      case 'edit':
        return editor.start(f.row, f.col, null, 'edit');
      case 'clear':
        return edits.clearSelection();
      case 'fillDown':
        return edits.fillRange(fillDownRange(range()));
      case 'collapse':
        return setSel({ anchor: f, focus: f });
      case 'selectAll':
        return setSel({ anchor: { row: 0, col: 0 }, focus: { row: rowCount() - 1, col: colCount() - 1 } });
      case 'type':
        return editor.start(f.row, f.col, action.text, 'enter');
      case 'compose':
        return editor.start(f.row, f.col, '', 'enter');
      case 'none':
        return;
    }
  };

  // ---- sorting by a header (an open edit is committed first, on the row it was begun on) --------
  const sorting = gridSort({ columns, indicatorId: (i) => props.view.indicators[i]?.id, order });
  const sortDir = sorting.dirOf;
  const sortBy = (col: number) => {
    if (!props.onOrder) return;
    if (editor.editing()) editor.commit(0, 0, true);
    props.onOrder(sorting.next(col));
  };

  // ---- mouse -----------------------------------------------------------------------------------
  const onMouseDown = (ev: MouseEvent, row: number, col: number) => {
    if (editor.editing()) editor.commit(0, 0);
    nav.endRun();
    // A right click outside the selection selects that cell first, as Excel does.
    if (ev.button === 2) {
      const r = range();
      if (row < r.top || row > r.bottom || col < r.left || col > r.right) setSel({ anchor: { row, col }, focus: { row, col } });
      return;
    }
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

  // ---- formula bar -----------------------------------------------------------------------------
  const active = createMemo((): ActiveCell | null => {
    const f = sel().focus;
    const spec = columns()[f.col];
    if (!spec || f.row >= rowCount()) return null;
    const ind = spec.indicator >= 0 ? props.view.indicators[spec.indicator]! : null;
    return { f, spec, unit: props.view.units[f.row]!, ind, cell: ind ? cellOf(data(), f.row, spec.indicator) : null, text: cellText(data(), f.row, f.col) };
  });
  const changeActive = (after: (c: Cell | null) => Cell | null, label: string) => {
    const a = active();
    if (a?.ind) props.onCommit([{ unitId: a.unit.id, indicatorId: a.ind.id, before: a.cell, after: after(a.cell) }], label, props.view.version, here());
  };
  const applyAnswer = (value: number, label: string) => {
    const a = active();
    const field = a?.spec.field as EditableField | null | undefined;
    if (a?.ind && field) props.onCommit([{ unitId: a.unit.id, indicatorId: a.ind.id, before: a.cell, after: applyInput(a.cell, field, String(value)), input: [{ field, text: String(value) }] }], label, props.view.version, here());
  };

  return (
    <>
      {/* A browser prints only the rows and columns on screen: the sheet is printed from Excel. */}
      <p class="print-only" data-testid="grid-print-note">
        数据录入表较宽，浏览器只能打印屏幕上的部分。请用“导出 Excel”（通报附件）或“保存为文件”（含全部数据），在 Excel 中打印。
      </p>
      <div class="data-grid" style={{ '--row-h': `${ROW_HEIGHT}px` }}>
        <Show when={props.onOrder}>{(onOrder) => <GridOrderBar view={props.view} order={order()} onOrder={onOrder()} />}</Show>
        <FormulaBar active={active()} version={props.view.version} onExplain={props.onExplain} onGoalSeek={props.onGoalSeek} onChange={changeActive} onApply={applyAnswer} />
        <Show when={finding()}>
          <FindBar units={props.view.units} indicators={props.view.indicators} focusRow={() => sel().focus.row} filtered={props.view.rowCount < props.view.unitCount} onJump={nav.jumpTo} onClose={() => (setFinding(false), scroller.focus())} />
        </Show>
        <div class="grid-scroll" ref={scroller} tabIndex={0} role="grid" aria-label="数据录入" aria-rowcount={rowCount() + 2} aria-colcount={colCount()} onKeyDown={onKeyDown} onCopy={edits.onCopy} onPaste={edits.onPaste} onContextMenu={menu.open}>
          <div class="entry" style={{ width: `${totalWidth()}px`, height: `${HEADER_HEIGHT + virtualizer.getTotalSize()}px` }}>
            <GridHeader
              columns={columns()}
              leftOffsets={leftOffsets()}
              visibleCols={visibleCols()}
              padLeft={padLeft()}
              totalWidth={totalWidth()}
              indicators={props.view.indicators}
              sortDir={sortDir}
              onSort={sortBy}
              onResizeStart={startResize}
              onResizeReset={resetWidth}
            />
            <GridBody
              items={virtualizer.getVirtualItems()}
              columns={columnAttrs()}
              unitIdAt={(row) => props.view.units[row]?.id}
              look={(row) => rowLook(data(), row, visibleCols(), range(), sel().focus)}
              top={HEADER_HEIGHT}
              width={totalWidth()}
              padLeft={padLeft()}
              onMouseDown={onMouseDown}
              onMouseOver={(row, col) => dragging() && setSel({ anchor: sel().anchor, focus: { row, col } })}
              onDblClick={(row, col) => editor.start(row, col, null, 'edit')}
            />
            <Show when={!editor.editing() && fillHandle.inView()}>
              <div class="fill-handle no-print" data-testid="fill-handle" title="拖动可向下填充（Ctrl+D）" style={{ left: `${fillHandle.handle().left}px`, top: `${fillHandle.handle().top}px` }} onMouseDown={fillHandle.start} />
            </Show>
            <Show when={fillHandle.target()}>{(t) => <div class="fill-target" style={{ left: `${t().left}px`, top: `${t().top}px`, width: `${t().width}px`, height: `${t().height}px` }} />}</Show>
          </div>
          <Show when={rowCount() === 0}>
            <p class="grid-empty" data-testid="grid-empty">
              {props.view.unitCount > 0 ? `没有符合筛选条件的单位（共 ${props.view.unitCount} 个单位）。请修改或清除上方的筛选。` : '本考核期还没有单位。'}
            </p>
          </Show>
          <Show when={editor.box()}>
            {(box) => (
              <CellEditor
                box={box()}
                text={editor.editing()?.text ?? ''}
                error={editor.error()}
                changedElsewhere={editor.changedElsewhere()}
                ref={editor.setInput}
                onInput={editor.onInput}
                onKey={editor.onKey}
                onBlur={() => editor.editing() && editor.commit(0, 0)}
              />
            )}
          </Show>
        </div>
        <Show when={edits.pastePreview()}>
          {(p) => (
            <PastePreview
              rows={p().rows}
              onConfirm={() => {
                edits.confirmPaste();
                scroller.focus();
              }}
              onCancel={() => {
                edits.cancelPaste();
                scroller.focus();
              }}
            />
          )}
        </Show>
        <Show when={menu.at()}>{(m) => <GridContextMenu x={m().x} y={m().y} items={menu.items()} onClose={menu.close} />}</Show>
        <GridHelp />
      </div>
    </>
  );
}
