/**
 * The worker's open workbook: the in-memory copy every view reads, undo/redo, and an outbox of
 * changes applied in memory but not yet in IndexedDB.
 *
 * A change is applied in memory, then written; the caller is answered after the write, so
 * `saved` means on disk. A write that fails keeps the change (shown, marked unsaved) and is
 * retried in order. Another window's commit is detected by the per-cell check of every write and
 * by the revision poll; either way the stored state is reloaded and this window's unsaved changes
 * are re-applied on top (a rebase). A cell another window changed after the user last saw it is a
 * conflict: both values go back to the page, and nothing is overwritten without the user's choice.
 */
import { cellKey, checkPeriodMeta, periodLabel, splitCellKey, UserError, CellSchema, check, type Cell, type CellChange, type Command, type Period, type PeriodMeta, type PeriodResult, type Workbook } from '../model';
import { applyCommand, invertCommand, normalizeCell, periodMeta, pruneCommand, sameCell, sameMeta, stableJson } from '../engine/commands';
import { ScoreModel } from '../engine/scoreModel';
import { indicatorLabel } from '../engine/describe';
import { sortedPeriods } from '../engine/periods';
import type { KaoheDatabase } from '../store/db';
import { storageError } from '../store/errors';
import { commitCommand, loadWorkbook, readRevision, type Conflict } from '../store/repository';
import type { SetAsideEntry } from '../store/setAside';
import type { CellEdit, ConflictItem, EditOptions, EditOutcome, SessionState } from './protocol';

export const UNDO_LIMIT = 200;

/** Above this many changed cells in one step, a period is rescored from scratch (one sort per order beats n moves). */
const INCREMENTAL_LIMIT = 2000;

let schemeStamps = 0;

interface OutboxEntry {
  /** What is written. */
  cmd: Command;
  /** The history entry it came from (for undo/redo: the original command), dropped if it cannot land. */
  ref: Command;
  clientId?: string;
}

/** Same units and indicators (rules, points, names): the period's scores and rows stand. */
function sameScoringScheme(a: PeriodMeta, b: PeriodMeta): boolean {
  if (a.units.length !== b.units.length || a.indicators.length !== b.indicators.length) return false;
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y) || stableJson(x) === stableJson(y);
  return same(a.indicators, b.indicators) && same(a.units, b.units);
}

export class WorkbookSession {
  private undoStack: Command[] = [];
  private redoStack: Command[] = [];
  private outbox: OutboxEntry[] = [];
  /** Each period's scores, valid at `version`; kept up to date by edits (see rescore). */
  private scored = new Map<string, { version: number; model: ScoreModel }>();
  /** The cells by column as the store read them, for each period's first scoring while nothing has changed. */
  private loadedColumns: { version: number; columns: Map<string, Map<string, (Cell | undefined)[]>> } | null = null;
  /** periodId|unitId|indicatorId (or periodId|meta) → the version at which another window changed it. */
  private externalAt = new Map<string, number>();
  private found: { conflicts: ConflictItem[]; messages: string[] } = { conflicts: [], messages: [] };
  /** Bumped by every change this window shows. */
  version = 1;
  /** New when a period's units or indicators may have changed (the page re-reads the row list); unique across sessions. */
  schemeVersion = ++schemeStamps;
  saveError: string | null = null;
  /** Records set aside while (re)loading, for the page to be told. */
  setAside: SetAsideEntry[] = [];

  private constructor(
    private readonly db: KaoheDatabase,
    public workbook: Workbook,
    /** The stored revision the in-memory copy is based on (outbox excluded). */
    public revision: number,
  ) {}

  static async open(db: KaoheDatabase, id: string): Promise<WorkbookSession> {
    const loaded = await loadWorkbook(db, id);
    if (!loaded) throw new UserError('工作簿不存在或已被删除。');
    const s = new WorkbookSession(db, loaded.workbook, loaded.revision);
    s.setAside = loaded.setAside;
    s.loadedColumns = { version: s.version, columns: loaded.columns };
    return s;
  }

  state(): SessionState {
    return {
      workbookId: this.workbook.id,
      name: this.workbook.name,
      revision: this.revision,
      version: this.version,
      // In time order, whatever order they were added in.
      periods: sortedPeriods(this.workbook.periods).map((p) => ({ id: p.id, label: periodLabel(p) })),
      undoLabel: this.undoStack.at(-1)?.label ?? null,
      redoLabel: this.redoStack.at(-1)?.label ?? null,
      unsaved: this.outbox.length,
      saveError: this.saveError,
    };
  }

  get unsaved(): number {
    return this.outbox.length;
  }

  period(id: string): Period {
    const p = this.workbook.periods.find((x) => x.id === id);
    if (!p) throw new UserError('找不到该考核期（可能已在另一窗口中删除），请重新选择考核期。');
    return p;
  }

  /** Scored once per version, shared by every view. */
  result(periodId: string): PeriodResult {
    return this.model(periodId).result();
  }

  /** The period's columnar scores at this version. */
  model(periodId: string): ScoreModel {
    const hit = this.scored.get(periodId);
    if (hit && hit.version === this.version) return hit.model;
    if (this.loadedColumns && this.loadedColumns.version !== this.version) this.loadedColumns = null;
    const columns = this.loadedColumns?.columns.get(periodId);
    this.loadedColumns?.columns.delete(periodId);
    const model = ScoreModel.build(this.period(periodId), columns);
    this.scored.set(periodId, { version: this.version, model });
    return model;
  }

  /**
   * A command was applied at version `from`: rescore the cells it changed in the periods scored at
   * that version (incrementally), forget periods whose scheme changed; untouched ones stay valid.
   */
  private rescore(cmd: Command, from: number): void {
    const cells = new Map<string, CellChange[]>();
    /** Periods whose units or indicators changed (a scenario, a date or a published total leaves the scores). */
    const meta = new Set<string>();
    const visit = (c: Command) => {
      if (c.kind === 'batch') c.commands.forEach(visit);
      else if (c.kind === 'setMeta') {
        if (!sameScoringScheme(c.before, c.after)) meta.add(c.periodId);
      }
      else cells.set(c.periodId, [...(cells.get(c.periodId) ?? []), ...c.changes]);
    };
    visit(cmd);
    if (meta.size) this.schemeVersion = ++schemeStamps;
    for (const [periodId, hit] of this.scored) {
      const changes = cells.get(periodId) ?? [];
      if (hit.version !== from || meta.has(periodId) || changes.length > INCREMENTAL_LIMIT) {
        this.scored.delete(periodId);
        continue;
      }
      const period = hit.model.period;
      for (const ch of changes) {
        const i = hit.model.unitAt(ch.unitId);
        const j = hit.model.indicatorAt(ch.indicatorId);
        if (i !== undefined && j !== undefined) hit.model.setCell(i, j, period.cells[cellKey(ch.unitId, ch.indicatorId)]);
      }
      hit.version = this.version;
    }
  }

  /** Cell keys of a period with changes not yet written. */
  unsavedKeys(periodId: string): string[] {
    const keys = new Set<string>();
    const visit = (c: Command) => {
      if (c.kind === 'batch') c.commands.forEach(visit);
      else if (c.kind === 'setCells' && c.periodId === periodId) c.changes.forEach((ch) => keys.add(cellKey(ch.unitId, ch.indicatorId)));
    };
    this.outbox.forEach((e) => visit(e.cmd));
    return [...keys];
  }

  cellOf(periodId: string, unitId: string, indicatorId: string): Cell | null {
    return this.period(periodId).cells[cellKey(unitId, indicatorId)] ?? null;
  }

  /** Conflicts and messages found while writing or reloading, since last asked. */
  takeFound(): { conflicts: ConflictItem[]; messages: string[] } {
    const f = this.found;
    this.found = { conflicts: [], messages: [] };
    return f;
  }

  // ---- changes ---------------------------------------------------------------------------------

  /**
   * Cells as the page sends them. A change whose `before` differs from the cell here is applied on
   * top when the difference is this window's own (its view was a step behind); when another
   * window changed the cell after the user saw it (or `strict`, for replayed edits), it is a
   * conflict and is not applied. The other changes of the same paste still apply.
   */
  edit(periodId: string, edits: CellEdit[], label: string, opts: EditOptions = {}): Promise<EditOutcome> {
    const p = this.period(periodId);
    const conflicts: ConflictItem[] = [];
    const messages: string[] = [];
    const changes: CellChange[] = [];
    for (const e of edits) {
      const after = e.after === null ? null : check(CellSchema, e.after);
      if (after && !after.ok) throw new UserError(`${this.where(periodId, e.unitId, e.indicatorId)}的新值格式不正确：${after.problems.join('；')}。`);
      const next = normalizeCell(after ? after.value : null);
      if (!p.units.some((u) => u.id === e.unitId) || !p.indicators.some((i) => i.id === e.indicatorId)) {
        messages.push(`${e.unitId}/${e.indicatorId} 已不在该考核期中（可能已在另一窗口中删除）`);
        continue;
      }
      const key = cellKey(e.unitId, e.indicatorId);
      const current = normalizeCell(p.cells[key]);
      if (e.before !== undefined && !sameCell(current, e.before) && !sameCell(current, next)) {
        const changedAt = this.externalAt.get(`${periodId}|${key}`);
        const external = opts.strict || (changedAt !== undefined && (opts.baseVersion === undefined || changedAt > opts.baseVersion));
        if (external) {
          conflicts.push(this.conflictItem(periodId, e.unitId, e.indicatorId, next, current, opts.clientId));
          continue;
        }
      }
      changes.push({ unitId: e.unitId, indicatorId: e.indicatorId, before: current, after: next });
    }
    const outcomeExtras = { conflicts, messages };
    return this.execute({ kind: 'setCells', periodId, changes, label }, 'do', opts.clientId, outcomeExtras);
  }

  /** Change the scheme; cells of removed units/indicators go in the same undoable step. */
  setMeta(periodId: string, after: PeriodMeta, label: string, cellChanges: CellChange[] = [], opts: EditOptions = {}): Promise<EditOutcome> {
    const checked = checkPeriodMeta(after);
    if (!checked.ok) throw new UserError(`考核期 ${periodLabel(this.period(periodId))} 的设置不正确：${checked.problems.join('；')}。`);
    const p = this.period(periodId);
    const changedAt = this.externalAt.get(`${periodId}|meta`);
    if (changedAt !== undefined && opts.baseVersion !== undefined && changedAt > opts.baseVersion) {
      return Promise.resolve(this.outcome(false, [], ['规则或考核期设置已在另一窗口中被修改，本次修改未保存。已载入最新内容，请核对后重新修改。']));
    }
    const unitIds = new Set(checked.value.units.map((u) => u.id));
    const indIds = new Set(checked.value.indicators.map((i) => i.id));
    const removed: CellChange[] = [];
    // Only when a unit or indicator goes do its cells need finding (a scan of every cell).
    const keepsAll = p.units.every((u) => unitIds.has(u.id)) && p.indicators.every((i) => indIds.has(i.id));
    for (const [key, cell] of keepsAll ? [] : Object.entries(p.cells)) {
      const ids = splitCellKey(key);
      if (ids && (!unitIds.has(ids[0]) || !indIds.has(ids[1])) && !cellChanges.some((c) => c.unitId === ids[0] && c.indicatorId === ids[1])) {
        removed.push({ unitId: ids[0], indicatorId: ids[1], before: cell, after: null });
      }
    }
    const meta: Command = { kind: 'setMeta', periodId, before: periodMeta(p), after: checked.value, label };
    const all = [...cellChanges.map((c) => ({ ...c, before: normalizeCell(p.cells[cellKey(c.unitId, c.indicatorId)]) })), ...removed];
    const cmd: Command = all.length ? { kind: 'batch', label, commands: [meta, { kind: 'setCells', periodId, changes: all, label }] } : meta;
    return this.execute(cmd, 'do');
  }

  undo(): Promise<EditOutcome> {
    const cmd = this.undoStack.at(-1);
    if (!cmd) return Promise.resolve(this.outcome(true));
    return this.execute(invertCommand(cmd), 'undo', undefined, undefined, cmd);
  }

  redo(): Promise<EditOutcome> {
    const cmd = this.redoStack.at(-1);
    if (!cmd) return Promise.resolve(this.outcome(true));
    return this.execute(cmd, 'redo', undefined, undefined, cmd);
  }

  private async execute(raw: Command, mode: 'do' | 'undo' | 'redo', clientId?: string, extras: { conflicts: ConflictItem[]; messages: string[] } = { conflicts: [], messages: [] }, ref?: Command): Promise<EditOutcome> {
    const cmd = pruneCommand(raw);
    if (!cmd) {
      if (mode !== 'do') this.moveHistory(mode);
      return this.outcome(extras.conflicts.length === 0 && extras.messages.length === 0, extras.conflicts, this.conflictMessages(extras));
    }
    if (mode !== 'do' && !this.matchesMemory(cmd)) {
      // Another window changed what this step would undo or redo: drop the step, never overwrite.
      (mode === 'undo' ? this.undoStack : this.redoStack).pop();
      const what = mode === 'undo' ? '撤销' : '重做';
      return this.outcome(false, [], [`${what}“${cmd.label}”未执行：相关内容已在另一窗口中被修改，这一步已从${what}列表中去掉。`]);
    }
    applyCommand(this.workbook, cmd);
    this.version++;
    this.rescore(cmd, this.version - 1);
    const history = ref ?? cmd;
    if (mode === 'do') {
      this.undoStack.push(cmd);
      if (this.undoStack.length > UNDO_LIMIT) this.undoStack.shift();
      this.redoStack = [];
    } else this.moveHistory(mode);
    this.outbox.push({ cmd, ref: history, ...(clientId ? { clientId } : {}) });
    await this.flush();
    const found = this.takeFound();
    const conflicts = [...extras.conflicts, ...found.conflicts];
    const messages = [...extras.messages, ...found.messages];
    return this.outcome(conflicts.length === 0 && messages.length === 0, conflicts, this.conflictMessages({ conflicts, messages }));
  }

  private moveHistory(mode: 'undo' | 'redo'): void {
    if (mode === 'undo') this.redoStack.push(this.undoStack.pop()!);
    else this.undoStack.push(this.redoStack.pop()!);
  }

  private matchesMemory(cmd: Command): boolean {
    switch (cmd.kind) {
      case 'batch':
        return cmd.commands.every((c) => this.matchesMemory(c));
      case 'setMeta':
        return sameMeta(periodMeta(this.period(cmd.periodId)), cmd.before);
      case 'setCells': {
        const p = this.workbook.periods.find((x) => x.id === cmd.periodId);
        return !!p && cmd.changes.every((c) => sameCell(p.cells[cellKey(c.unitId, c.indicatorId)], c.before));
      }
    }
  }

  /**
   * Write the outbox in order. Stops at the first failed write (kept for a retry); a change the
   * store refuses (another window changed the same cells) is dropped from the outbox and the
   * history, reported as a conflict, and the rest is rebased on what is stored.
   */
  async flush(): Promise<boolean> {
    while (this.outbox.length) {
      const entry = this.outbox[0]!;
      let res;
      try {
        res = await commitCommand(this.db, this.workbook.id, entry.cmd, this.revision);
      } catch (e) {
        const err = storageError(e);
        this.saveError = err.message;
        // The workbook or period is gone (deleted in another window): retrying cannot help.
        if (/已被删除|已在另一窗口中删除/.test(err.message)) {
          this.outbox.shift();
          this.dropHistory(entry.ref);
          this.found.messages.push(`“${entry.cmd.label}”没能保存：${err.message}`);
          await this.rebase().catch(() => undefined);
          continue;
        }
        return false;
      }
      this.outbox.shift();
      if (!res.ok) {
        this.dropHistory(entry.ref);
        this.found.conflicts.push(...this.conflictItems(res.conflicts, entry.clientId));
        if (res.conflicts.some((c) => !c.unitId)) this.found.messages.push('规则或考核期设置已在另一窗口中被修改，本次修改未保存。已载入最新内容，请核对后重新修改。');
        await this.rebase();
        continue;
      }
      if (res.previousRevision === this.revision) this.revision = res.revision;
      else await this.rebase(); // others committed other cells meanwhile: take theirs too
    }
    this.saveError = null;
    return true;
  }

  private dropHistory(ref: Command): void {
    this.undoStack = this.undoStack.filter((c) => c !== ref);
    this.redoStack = this.redoStack.filter((c) => c !== ref);
  }

  /** True when another window has committed since this copy was read. */
  async isStale(): Promise<boolean> {
    const r = await readRevision(this.db, this.workbook.id);
    return r !== null && r !== this.revision;
  }

  /** Take another window's commits; true if anything changed. */
  async catchUp(): Promise<boolean> {
    if (!(await this.isStale())) return false;
    await this.rebase();
    return true;
  }

  /** Reload what is stored and re-apply this window's unsaved changes on top. */
  async rebase(): Promise<void> {
    const loaded = await loadWorkbook(this.db, this.workbook.id);
    if (!loaded) throw new UserError('工作簿已在另一窗口中删除。');
    this.setAside.push(...loaded.setAside);
    const old = this.workbook;
    const fresh = loaded.workbook;
    const ours = new Set(this.outbox.flatMap((e) => this.touched(e.cmd)));
    const mark = this.version + 1;
    for (const p of fresh.periods) {
      const before = old.periods.find((x) => x.id === p.id);
      if (!before || !sameMeta(periodMeta(before), periodMeta(p))) this.externalAt.set(`${p.id}|meta`, mark);
      const keys = new Set([...Object.keys(p.cells), ...Object.keys(before?.cells ?? {})]);
      for (const key of keys) {
        const k = `${p.id}|${key}`;
        if (!ours.has(k) && !sameCell(before?.cells[key], p.cells[key])) this.externalAt.set(k, mark);
      }
    }
    this.workbook = fresh;
    this.revision = loaded.revision;
    for (const e of [...this.outbox]) {
      try {
        applyCommand(this.workbook, e.cmd);
      } catch {
        this.outbox.splice(this.outbox.indexOf(e), 1);
        this.dropHistory(e.ref);
        this.found.messages.push(`“${e.cmd.label}”没能保存：所属考核期已在另一窗口中删除。`);
      }
    }
    this.version = mark;
    this.schemeVersion = ++schemeStamps;
    this.scored.clear();
  }

  /** A period was deleted: the steps that would change it can no longer be undone or redone. */
  forgetPeriod(periodId: string): void {
    const touches = (c: Command): boolean => (c.kind === 'batch' ? c.commands.some(touches) : c.periodId === periodId);
    this.undoStack = this.undoStack.filter((c) => !touches(c));
    this.redoStack = this.redoStack.filter((c) => !touches(c));
    this.scored.delete(periodId);
  }

  private touched(c: Command): string[] {
    if (c.kind === 'batch') return c.commands.flatMap((x) => this.touched(x));
    if (c.kind === 'setMeta') return [`${c.periodId}|meta`];
    return c.changes.map((ch) => `${c.periodId}|${cellKey(ch.unitId, ch.indicatorId)}`);
  }

  // ---- words -----------------------------------------------------------------------------------

  private where(periodId: string, unitId: string, indicatorId: string): string {
    const p = this.workbook.periods.find((x) => x.id === periodId);
    const u = p?.units.find((x) => x.id === unitId)?.name ?? unitId;
    const i = p?.indicators.find((x) => x.id === indicatorId);
    return `${u}「${i ? indicatorLabel(i, i.unit) : indicatorId}」`;
  }

  private conflictItem(periodId: string, unitId: string, indicatorId: string, mine: Cell | null, theirs: Cell | null, clientId?: string): ConflictItem {
    return { id: crypto.randomUUID(), workbookId: this.workbook.id, periodId, unitId, indicatorId, where: this.where(periodId, unitId, indicatorId), mine, theirs, ...(clientId ? { clientId } : {}) };
  }

  private conflictItems(conflicts: Conflict[], clientId?: string): ConflictItem[] {
    return conflicts.flatMap((c) =>
      c.unitId && c.indicatorId ? [this.conflictItem(c.periodId, c.unitId, c.indicatorId, c.wanted as Cell | null, c.stored as Cell | null, clientId)] : [],
    );
  }

  private conflictMessages(f: { conflicts: ConflictItem[]; messages: string[] }): string | undefined {
    const parts: string[] = [];
    if (f.conflicts.length) {
      const names = f.conflicts.slice(0, 3).map((c) => c.where).join('、');
      parts.push(`${names}${f.conflicts.length > 3 ? ` 等 ${f.conflicts.length} 处` : ''}已在另一窗口中被修改，您的值没有覆盖它。请在“修改冲突”中选择保留哪个值。`);
    }
    parts.push(...f.messages);
    return parts.length ? parts.join(' ') : undefined;
  }

  private outcome(ok: boolean, conflicts: ConflictItem[] = [], message?: string | string[]): EditOutcome {
    const text = Array.isArray(message) ? message.join(' ') : message;
    return { ok, saved: this.outbox.length === 0, state: this.state(), conflicts, ...(text ? { message: text } : {}) };
  }
}
