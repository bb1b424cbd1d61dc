/**
 * Editing the open workbook: cells, the scheme, undo/redo, retrying failed writes, replaying the
 * page's journal — all through the one queue — and the views the page reads.
 */
import { DEFAULT_ACTION, JournalEntrySchema, UserError, actionProblem, cellKey, check, periodLabel, type Cell, type PeriodMeta } from '../model';
import { normalizeCell, sameCell } from '../model/cell';
import { periodMeta } from '../engine/workbook/commands';
import { previousPeriod } from '../engine/workbook/periods';
import { rankHistory, type RankPoint } from '../engine/views/rankHistory';
import { buildGridView, type GridView } from '../engine/views/grid';
import { gridOrder, isNatural, type GridOrderSpec } from '../engine/views/gridOrder';
import { buildPeriodViewFrom, type PeriodView, type ViewPart } from '../engine/views/view';
import { commitCommand } from '../store/repository';
import { readPeriodScheme } from '../store/periodScheme';
import { cellsProblems, refusal } from './gate';
import type { ServiceContext } from './context';
import { mutation, read, change } from './api';
import type { CellEdit, ConflictItem, EditOptions, EditOutcome, GridWindowAsk, SessionState } from './protocol';

/** The grid's sort and filter of one period, frozen when set (see gridOrder.ts). */
interface KeptOrder {
  spec: GridOrderSpec;
  rows: Int32Array;
  stamp: string;
  /** The units it was computed for: a change of units computes it again with the same spec. */
  schemeVersion: number;
}

let orderStamps = 0;

export function editingApi(ctx: ServiceContext) {
  const orders = new Map<string, KeptOrder>();
  const orderKey = (periodId: string) => `${ctx.session().workbook.id}|${periodId}`;
  /** The period's display order, recomputed over the new units after a scheme change. */
  const orderOf = (periodId: string): KeptOrder | null => {
    const s = ctx.session();
    const kept = orders.get(orderKey(periodId));
    if (!kept || kept.schemeVersion === s.schemeVersion) return kept ?? null;
    return keepOrder(periodId, kept.spec);
  };
  const keepOrder = (periodId: string, spec: GridOrderSpec): KeptOrder | null => {
    const s = ctx.session();
    const rows = gridOrder(s.period(periodId), s.model(periodId), spec);
    if (!rows) {
      orders.delete(orderKey(periodId));
      return null;
    }
    const kept = { spec: structuredClone(spec), rows, stamp: `o${++orderStamps}`, schemeVersion: s.schemeVersion };
    orders.set(orderKey(periodId), kept);
    return kept;
  };

  const windowOf = (periodId: string, from: number | undefined, to: number | undefined, withUnits: boolean): GridView => {
    const s = ctx.session();
    const model = s.model(periodId);
    return buildGridView(s.period(periodId), model, s.version, {
      order: orderOf(periodId),
      cells: s.columns(periodId),
      // Marked only while a write is failing (a write under way lands in a moment).
      unsaved: s.saveError ? s.unsavedKeys(periodId) : [],
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      withUnits,
      schemeVersion: s.schemeVersion,
    });
  };

  /** The outcome with the rows of the caller's window at the new version (when the period is still there). */
  const withRows = (out: EditOutcome, window: GridWindowAsk | undefined): EditOutcome =>
    window && ctx.session().workbook.periods.some((p) => p.id === window.periodId) ? { ...out, grid: windowOf(window.periodId, window.from, window.to, false) } : out;

  /**
   * Cells typed, pasted or cleared: answered as soon as they are applied and scored, with the rows
   * of the caller's window (`opts.window`); the write to disk is the queue's next task, and the page
   * hears of it by a 'written' event (its journal keeps the edit until then).
   */
  async function editCells(periodId: string, edits: CellEdit[], label: string, opts: EditOptions = {}): Promise<EditOutcome> {
    const s = ctx.session();
    const out = await s.edit(periodId, edits, label, { ...opts, writeLater: true });
    ctx.writeSoon();
    return withRows(out, opts.window && { periodId, ...opts.window });
  }

  /** Change the scheme (rules, units, indicators); cells of removed ones go in the same step. */
  function setMeta(periodId: string, after: PeriodMeta, label: string, opts: EditOptions = {}) {
    return ctx.session().setMeta(periodId, after, label, [], opts);
  }

  /**
   * 行动名称 (科技创新赋能行动): every period of the period's year at once, as one undoable step
   * (the name changes by year, and every title of the year names it).
   */
  async function setActionName(periodId: string, name: string) {
    const s = ctx.session();
    const why = actionProblem(name);
    if (why) throw new UserError(`${why}。`);
    const year = s.period(periodId).year;
    const changes = s.workbook.periods
      .filter((p) => p.year === year)
      .map((p) => {
        const after = periodMeta(p);
        if (name.trim() === DEFAULT_ACTION) delete after.action;
        else after.action = name.trim();
        return { periodId: p.id, after };
      });
    return s.setMetas(changes, `${year}年的行动名称改为“${name.trim()}”`);
  }

  /** Ctrl+Z / Ctrl+Y: with the rows of the caller's window in the reply, as for an edit. */
  async function undo(window?: GridWindowAsk) {
    return withRows(await ctx.session().undo(), window);
  }

  async function redo(window?: GridWindowAsk) {
    return withRows(await ctx.session().redo(), window);
  }

  /** Answered once every write queued before it has landed (or failed): the state then. */
  function whenWritten(): SessionState {
    return ctx.session().state();
  }

  /** Try the writes that failed again now (the page's 重试保存, focus, or coming back online). */
  async function retrySaves(): Promise<SessionState> {
    await ctx.retry();
    return ctx.session().state();
  }

  /**
   * Edits the page journaled but never saw saved (the tab closed mid-save). Each applies only over
   * what its author saw: already-applied ones are no-ops, and one whose cell was changed since is a
   * conflict for the user to answer (kept in the journal until then).
   */
  async function replayJournal(entries: unknown[]): Promise<{ applied: number; conflicts: ConflictItem[]; failed: string[]; state: SessionState }> {
    const s = ctx.session();
    let applied = 0;
    const conflicts: ConflictItem[] = [];
    const failed: string[] = [];
    for (const raw of entries) {
      const r = check(JournalEntrySchema, raw);
      if (!r.ok) {
        failed.push(`一条无法读取的记录（${r.problems[0] ?? '格式不正确'}）`);
        continue;
      }
      const e = r.value;
      try {
        if (e.workbookId === s.workbook.id) {
          if (!s.workbook.periods.some((p) => p.id === e.periodId)) {
            failed.push(`${e.label}（所属考核期已删除）`);
            continue;
          }
          // Already on disk (its removal from the journal was cut short): nothing to restore or say.
          const cells = s.period(e.periodId).cells;
          if (e.changes.every((c) => sameCell(normalizeCell(cells[cellKey(c.unitId, c.indicatorId)]), normalizeCell(c.after)))) continue;
          const out = await s.edit(e.periodId, e.changes, e.label, { strict: true, clientId: e.id, source: `未保存完的修改“${e.label}”` });
          conflicts.push(...out.conflicts);
          if (out.conflicts.length === 0 && out.ok) applied++;
          else if (out.message && !out.conflicts.length) failed.push(`${e.label}（${out.message}）`);
        } else {
          // Another workbook's edit: judged by the same gate against that period's stored scheme.
          const scheme = await readPeriodScheme(ctx.db(), e.workbookId, e.periodId);
          if (!scheme) {
            failed.push(`${e.label}（所属工作簿或考核期已删除）`);
            continue;
          }
          const problems = cellsProblems(scheme, e.changes, null);
          if (problems.length) {
            failed.push(`${e.label}（${refusal(problems, '这条修改').message}）`);
            continue;
          }
          const res = await commitCommand(ctx.db(), e.workbookId, { kind: 'setCells', periodId: e.periodId, changes: e.changes.map(({ input: _i, ...c }) => c), label: e.label });
          if (res.ok) applied++;
          else failed.push(`${e.label}（已在另一窗口中被修改）`);
        }
      } catch (err) {
        failed.push(`${e.label}（${(err as Error).message}）`);
      }
    }
    return { applied, conflicts, failed, state: s.state() };
  }

  /**
   * Sort or filter the grid's rows (null or an empty spec: stored order). Computed now over the
   * scores as they are, and kept until the next sort: rows do not move while the person edits.
   */
  function setGridOrder(periodId: string, spec: GridOrderSpec | null): void {
    if (!spec || isNatural(spec)) orders.delete(orderKey(periodId));
    else keepOrder(periodId, spec);
  }

  /** Rows [from, to) of the data-entry grid in its display order (all rows when omitted); `units` only when asked for. */
  function gridView(periodId: string, from?: number, to?: number, withUnits = true): GridView {
    const view = windowOf(periodId, from, to, withUnits);
    ctx.session().viewShown();
    return view;
  }

  /** One page of a screen's tables (see PAGE_SIZE): only the rows shown cross to the page. */
  function periodView(periodId: string, part: ViewPart = 'all', offset = 0): PeriodView {
    const s = ctx.session();
    // 总览 and 考核得分明细 show each unit's move against the period before in time.
    const prev = part === 'ranking' || part === 'detail' || part === 'all' ? previousPeriod(s.workbook.periods, periodId) : null;
    const view = buildPeriodViewFrom(s.period(periodId), s.result(periodId), part, offset, prev ? { label: periodLabel(prev), result: s.result(prev.id) } : null);
    s.viewShown();
    return view;
  }

  /** A unit's rank and total in every period, in time order (图表 › 名次变化). */
  function history(unitId: string): RankPoint[] {
    const s = ctx.session();
    return rankHistory(s.workbook.periods, (id) => s.result(id), unitId);
  }

  function metaOf(periodId: string): PeriodMeta {
    return periodMeta(ctx.session().period(periodId));
  }

  /** The 附件 numbers of a period's bulletin tables, in order (the tabs; cheaper than the whole scheme). */
  function annexNos(periodId: string): number[] {
    return ctx.session().period(periodId).indicators.flatMap((i) => (i.annex ? [i.annex.no] : [])).sort((a, b) => a - b);
  }

  function state(): SessionState {
    return ctx.session().state();
  }

  /** The cell as this worker shows it (for the page's journal and drafts). */
  function cell(periodId: string, unitId: string, indicatorId: string): Cell | null {
    return ctx.session().cellOf(periodId, unitId, indicatorId);
  }

  return {
    editCells: mutation(ctx.queue, editCells),
    setMeta: change(ctx, setMeta),
    setActionName: change(ctx, setActionName),
    undo: change(ctx, undo),
    redo: change(ctx, redo),
    whenWritten: mutation(ctx.queue, whenWritten),
    retrySaves: mutation(ctx.queue, retrySaves),
    replayJournal: change(ctx, replayJournal),
    setGridOrder: read(setGridOrder),
    gridView: read(gridView),
    periodView: read(periodView),
    rankHistory: read(history),
    periodMeta: read(metaOf),
    annexNos: read(annexNos),
    state: read(state),
    cell: read(cell),
  };
}
