/**
 * The grid's edits of many cells at once — copy, paste (with its preview above 20 cells), clear,
 * fill down (Ctrl+D, the fill handle) — each one commit, so one Ctrl+Z takes it back. Rows not yet
 * read from the worker are waited for, never guessed.
 */
import { createSignal, type Accessor } from 'solid-js';
import type { CellChange } from '../../../model';
import { changedCells, refusedInputs, type GridData } from './cellView';
import { copiedKinds, copySelection } from './clipboard';
import { fill, type GridFill } from './gridFill';
import { pasteInto } from './gridPaste';
import type { Range, Selection } from './layout';
import type { PasteChange } from './PastePreview';
import { parseTsv } from './tsv';

type At = { workbookId: string; periodId: string };

export interface GridEditsHost {
  data: Accessor<GridData>;
  sel: Accessor<Selection>;
  range: Accessor<Range>;
  setSel: (s: Selection) => void;
  editing: () => boolean;
  version: () => number;
  here: () => At;
  rowsReady: (from: number, to: number) => boolean;
  notReady: () => void;
  selectRows?: (from: number, to: number) => void;
  commit: (changes: CellChange[], label: string, baseVersion: number, at: At) => void;
  message?: (text: string, kind: 'info' | 'warn' | 'error') => void;
}

export function useGridEdits(host: GridEditsHost) {
  const [pastePreview, setPastePreview] = createSignal<{ changes: CellChange[]; rows: PasteChange[]; label: string; baseVersion: number; at: At } | null>(null);

  const copyText = (): { text: string; html: string } | null => {
    const r = host.range();
    if (!host.rowsReady(r.top, r.bottom + 1)) {
      host.notReady();
      return null;
    }
    return copySelection(host.data(), r);
  };
  const onCopy = (ev: ClipboardEvent) => {
    if (host.editing()) return;
    ev.preventDefault();
    const p = copyText();
    if (!p) return;
    ev.clipboardData?.setData('text/plain', p.text);
    ev.clipboardData?.setData('text/html', p.html);
  };

  /** A block of text pasted on the selection (`html`: what the copy said of its columns). */
  const pasteText = (text: string, html: string) => {
    const block = parseTsv(text);
    if (!block.length) return;
    const top = Math.min(host.sel().anchor.row, host.sel().focus.row);
    if (!host.rowsReady(top, top + block.length)) {
      host.selectRows?.(top, top + block.length);
      return host.notReady();
    }
    const r = pasteInto(host.data(), host.sel(), block, copiedKinds(html));
    if (r.kind === 'message') return host.message?.(r.text, r.level);
    host.setSel(r.select);
    if (r.kind === 'preview') return setPastePreview({ changes: r.changes, rows: r.cells, label: r.label, baseVersion: host.version(), at: host.here() });
    host.commit(r.changes, r.label, host.version(), host.here());
  };
  const onPaste = (ev: ClipboardEvent) => {
    if (host.editing()) return;
    ev.preventDefault();
    pasteText(ev.clipboardData?.getData('text/plain') ?? '', ev.clipboardData?.getData('text/html') ?? '');
  };

  const clearSelection = () => {
    const r = host.range();
    if (!host.rowsReady(r.top, r.bottom + 1)) return host.notReady();
    const d = host.data();
    const edits: { row: number; col: number; text: string }[] = [];
    for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) if (d.columns[col]!.field) edits.push({ row, col, text: '' });
    const changes = changedCells(d, edits);
    if (changes.length) host.commit(changes, `清除 ${changes.length} 格`, host.version(), host.here());
  };

  /**
   * One text typed into every selected cell of the `fields` asked (设为未出: 实绩数 only; 设为不适用:
   * 任务数 and 实绩数), checked as typing is, as one step.
   */
  const setAll = (text: string, fields: readonly string[], label: string) => {
    const r = host.range();
    if (!host.rowsReady(r.top, r.bottom + 1)) return host.notReady();
    const d = host.data();
    const edits: { row: number; col: number; text: string }[] = [];
    for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) if (fields.includes(d.columns[col]!.field ?? '')) edits.push({ row, col, text });
    if (!edits.length) return host.message?.(`所选单元格中没有可以${label}的${fields.includes('target') ? '任务数或实绩数' : '实绩数'}。`, 'info');
    const problems = refusedInputs(d, edits);
    if (problems.length) return host.message?.(`${label}未执行，工作簿未改动：${problems.slice(0, 5).join('；')}。`, 'error');
    const changes = changedCells(d, edits);
    if (changes.length) host.commit(changes, `${label} ${changes.length} 格`, host.version(), host.here());
  };

  /** Fill `target` from `source` (both read first), as one step; the filled block is selected. */
  const fillRange = (plan: { source: Range; target: Range } | null) => {
    if (!plan) return host.message?.('第一行上面没有可复制的行，无法向下填充。', 'info');
    const { source, target } = plan;
    if (!host.rowsReady(Math.min(source.top, target.top), Math.max(source.bottom, target.bottom) + 1)) {
      host.selectRows?.(Math.min(source.top, target.top), Math.max(source.bottom, target.bottom) + 1);
      return host.notReady();
    }
    const r: GridFill = fill(host.data(), source, target);
    if (r.kind === 'message') return host.message?.(r.text, r.level);
    host.setSel({ anchor: { row: r.range.top, col: r.range.left }, focus: { row: r.range.bottom, col: r.range.right } });
    host.commit(r.changes, r.label, host.version(), host.here());
  };

  return {
    onCopy,
    onPaste,
    copyText,
    pasteText,
    clearSelection,
    fillRange,
    setAll,
    pastePreview,
    /** Apply exactly what the preview listed (read before it closes), as one step. */
    confirmPaste() {
      const p = pastePreview();
      if (!p) return;
      setPastePreview(null);
      host.commit(p.changes, p.label, p.baseVersion, p.at);
    },
    cancelPaste: () => setPastePreview(null),
  };
}
