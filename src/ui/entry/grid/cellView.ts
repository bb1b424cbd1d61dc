/**
 * What the data-entry grid shows, as pure functions of the window of rows the worker sent, the
 * columns, and the edits not yet in that window (shown as typed): each cell's stored value, its
 * text, the text an editor opens with, and a row's look (text, CSS classes, tooltip) in one pass.
 * No DOM and no signals, so every rule is unit-tested in Node.
 */
import type { Cell, CellChange } from '../../../model';
import { sameCell } from '../../../model';
import { formatPlain, formatRate, formatScore, formatTotal } from '../../../model/format';
import { applyInput, inputProblem } from '../../state/cellInput';
import type { PendingCell } from '../../state/edits';
import type { LoadedGrid } from './gridWindow';
import { FROZEN_COLUMNS, inRange, isFrozen, type GridColumnSpec, type Pos, type Range } from './layout';

/** A cell edited on this page, shown at once until a view with `until` (the worker's version) arrives. */
export type { PendingCell };

export interface GridData {
  view: LoadedGrid;
  columns: readonly GridColumnSpec[];
  pending: Readonly<Record<string, PendingCell>>;
  /** Cell keys changed but not yet written to IndexedDB. */
  unsaved: ReadonlySet<string>;
}

export interface CellLook {
  text: string;
  cls: string;
  title: string | undefined;
}

const keyAt = (d: GridData, row: number, ind: number) => `${d.view.units[row]!.id}|${d.view.indicators[ind]!.id}`;

/** Is the row in the window read from the worker? */
export const isLoaded = (view: LoadedGrid, row: number) => row >= view.from && row < view.from + view.total.length;

/** The cell as stored (or as just typed, until the worker's view shows it); null when empty or not read yet. */
export function cellOf(d: GridData, row: number, ind: number): Cell | null {
  const v = d.view;
  const p = d.pending[keyAt(d, row, ind)];
  if (p && (p.until === null || v.version < p.until)) return p.cell;
  if (!isLoaded(v, row)) return null;
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
}

/** Typed here and not yet answered by the worker (its computed cells show "…" meanwhile). */
export function isSaving(d: GridData, row: number, ind: number): boolean {
  const p = d.pending[keyAt(d, row, ind)];
  return !!p && p.until === null;
}

const raw = (v: number | string | null | undefined) => (v === null || v === undefined ? '' : typeof v === 'number' ? formatPlain(v) : v);

/** Text shown (and copied) for a cell. */
export function cellText(d: GridData, row: number, col: number): string {
  const spec = d.columns[col]!;
  const v = d.view;
  const k = row - v.from;
  switch (spec.kind) {
    case 'unit':
      return v.units[row]!.name;
    case 'total': {
      const t = v.total[k];
      return t === null || t === undefined ? '' : formatTotal(t);
    }
    case 'rank': {
      const r = v.rank[k];
      return r === null || r === undefined ? '' : String(r);
    }
    default:
      break;
  }
  const cell = cellOf(d, row, spec.indicator);
  const c = v.columns[spec.indicator]!;
  if (spec.kind === 'target') return cell?.state === 'na' ? '/' : raw(cell?.target);
  if (spec.kind === 'actual') return cell?.state === 'na' ? '/' : cell?.state === 'pending' ? '未出' : raw(cell?.actual);
  if (isSaving(d, row, spec.indicator)) return '…';
  if (spec.kind === 'rate') {
    const r = c.rate[k];
    return r === null || r === undefined ? '' : formatRate(r);
  }
  if (spec.field === 'manualScore') return raw(cell?.manualScore);
  const s = c.score[k];
  return s === null || s === undefined ? '' : formatScore(s);
}

/** Text the editor opens with (F2): the stored value, not its display. */
export function cellEditText(d: GridData, row: number, col: number): string {
  const spec = d.columns[col]!;
  if (!spec.field) return '';
  const cell = cellOf(d, row, spec.indicator);
  if (cell?.state === 'na') return '/';
  if (spec.field === 'actual' && cell?.state === 'pending') return '未出';
  const v = spec.field === 'manualScore' ? cell?.manualScore : cell?.[spec.field];
  return v === null || v === undefined ? '' : String(v);
}

/**
 * Everything a row shows for the columns in the DOM, in one pass: cheap to re-run while scrolling.
 * Sparse, indexed by column: cells keep their identity while columns scroll in and out.
 */
export function rowLook(d: GridData, row: number, cols: readonly number[], range: Range, focus: Pos): CellLook[] {
  const v = d.view;
  // A filter can leave fewer rows than the virtualizer still lays out, for one update.
  if (row >= v.units.length) return [];
  const out: CellLook[] = [];
  const k = row - v.from;
  for (const col of cols) {
    const spec = d.columns[col]!;
    const cls: string[] = ['cell', spec.kind];
    if (!spec.field && spec.kind !== 'unit') cls.push('computed');
    if (spec.kind !== 'unit') cls.push('num');
    if (isFrozen(col)) cls.push('frozen');
    if (col === FROZEN_COLUMNS - 1) cls.push('frozen-last');
    if (spec.kind === 'target') cls.push('group-start');
    if (inRange(range, row, col)) cls.push('selected');
    if (focus.row === row && focus.col === col) cls.push('active');
    let title: string | undefined;
    if (spec.indicator >= 0) {
      const c = v.columns[spec.indicator]!;
      const cell = cellOf(d, row, spec.indicator);
      const entry = spec.kind === 'target' || spec.kind === 'actual';
      const unsaved = entry && d.unsaved.has(keyAt(d, row, spec.indicator));
      if (c.error[k] && (entry || spec.kind === 'score')) cls.push('error');
      if (spec.kind === 'rate' && c.reached[k] === false) cls.push('behind');
      if (cell?.state === 'na' && entry) cls.push('na');
      if (cell?.state === 'pending' && spec.kind === 'actual') cls.push('pendingState');
      if (isSaving(d, row, spec.indicator)) cls.push('saving');
      if (unsaved) cls.push('unsaved');
      if (entry && typeof (spec.kind === 'target' ? cell?.target : cell?.actual) === 'string') cls.push('text');
      title = c.error[k] ?? c.remark[k] ?? (unsaved ? '尚未写入浏览器存储（正在重试）' : undefined);
    } else if (spec.kind === 'total' && v.complete[k] === false) {
      cls.push('incomplete');
      title = '数据不全，未计总分';
    }
    out[col] = { text: cellText(d, row, col), cls: cls.join(' '), title };
  }
  return out;
}

/** Texts typed or pasted at (row, col), as cell changes: several edits of one cell folded together. */
export function changesFor(d: GridData, edits: readonly { row: number; col: number; text: string }[]): CellChange[] {
  const byKey = new Map<string, CellChange>();
  for (const e of edits) {
    const spec = d.columns[e.col];
    if (!spec?.field) continue;
    const unitId = d.view.units[e.row]!.id;
    const indicatorId = d.view.indicators[spec.indicator]!.id;
    const key = `${unitId}|${indicatorId}`;
    const existing = byKey.get(key);
    const before = existing ? existing.before : cellOf(d, e.row, spec.indicator);
    const base = existing ? existing.after : before;
    const input = [...(existing?.input ?? []), { field: spec.field, text: e.text }];
    byKey.set(key, { unitId, indicatorId, before, after: applyInput(base, spec.field, e.text), input });
  }
  return [...byKey.values()];
}

/** The texts of `edits` a cell would refuse, each named by its unit and indicator (the same check as typing). */
export function refusedInputs(d: GridData, edits: readonly { row: number; col: number; text: string }[]): string[] {
  return edits.flatMap((e) => {
    const spec = d.columns[e.col]!;
    const why = spec.field ? inputProblem(spec.field, e.text, d.view.indicators[spec.indicator]!) : null;
    return why ? [`${d.view.units[e.row]!.name} ${d.view.indicators[spec.indicator]!.name}：${why}`] : [];
  });
}

/** `changesFor`, less the cells left as they were. */
export function changedCells(d: GridData, edits: readonly { row: number; col: number; text: string }[]): CellChange[] {
  return changesFor(d, edits).filter((c) => !sameCell(c.before, c.after));
}
