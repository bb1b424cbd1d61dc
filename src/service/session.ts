/**
 * The worker's open workbook: the in-memory copy every view reads, undo/redo, and an outbox of
 * changes applied in memory but not yet in IndexedDB.
 *
 * A change is applied in memory, then written. Cells typed or pasted (`writeLater`) are answered
 * from memory at once and written as the queue's next task — the page keeps them in its journal
 * until a `written` event names them; every other change (the scheme, imports, undo) is answered
 * after its write, so its `saved` means on disk. A write that fails keeps the change (shown,
 * marked unsaved) and is retried in order. Another window's commit is detected by the per-cell check of every write and
 * by the revision poll; either way the stored state is reloaded and this window's unsaved changes
 * are re-applied on top (a rebase). A cell another window changed after the user last saw it is a
 * conflict: both values go back to the page, and nothing is overwritten without the user's choice.
 */
import { SCHEMA_VERSION, cellKey, checkPeriodMeta, periodLabel, splitCellKey, UserError, type Cell, type CellChange, type CellColumns, type Command, type Period, type PeriodMeta, type PeriodResult, type Workbook } from '../model';
import { applyCommand, invertCommand, matchesWorkbook, normalizeCell, periodMeta, pruneCommand, sameCell, sameMeta } from '../engine/workbook/commands';
import type { ScoreModel } from '../engine/scoring/scoreModel';
import { sortedPeriods } from '../engine/workbook/periods';
import { mergeThreeWay } from '../engine/workbook/mergeThreeWay';
import type { KaoheDatabase } from '../store/db';
import { DamagedRecordError, GoneError, storageError } from '../store/errors';
import { commitCommand, loadWorkbook, readRevision } from '../store/repository';
import { fillLater, type Fill } from '../store/lazyCells';
import type { SetAsideEntry } from '../store/setAside';
import type { CellEdit, ConflictItem, EditOptions, EditOutcome, SessionState } from './protocol';
import { commandProblems, refusal } from './gate';
import { PeriodScores } from './periodScores';
import { conflictItems, conflictMessages } from './conflictWords';
import { judgeEdits } from './judgeEdits';
import type { ExecuteOptions, Found, OutboxEntry } from './sessionTypes';

export const UNDO_LIMIT = 200;

let schemeStamps = 0;

export class WorkbookSession {
  private undoStack: Command[] = [];
  private redoStack: Command[] = [];
  private outbox: OutboxEntry[] = [];
  /** Each period's scores, valid at `version`; kept up to date by edits. */
  private scores = new PeriodScores(null);
  /** periodId|unitId|indicatorId (or periodId|meta) → the version at which another window changed it. */
  private externalAt = new Map<string, number>();
  private found: Found = { conflicts: [], messages: [], written: [] };
  /** Bumped by every change this window shows. */
  version = 1;
  /** New when a period's units or indicators may have changed (the page re-reads the row list); unique across sessions. */
  schemeVersion = ++schemeStamps;
  saveError: string | null = null;
  /** Records set aside while (re)loading, for the page to be told. */
  setAside: SetAsideEntry[] = [];
  /** The keyed cells made after an open (store/lazyCells.ts): `viewShown` starts them. */
  private fill: Fill | null = null;

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
    s.scores = new PeriodScores({ version: s.version, columns: loaded.columns });
    s.fill = fillLater(loaded.fillCells);
    return s;
  }

  /**
   * A session of a workbook just written whole (a file opened): the store holds exactly it, so it
   * is not read back — at province scale that re-read and re-check of 800 000 cells took 2–3 s.
   * `columns` are the cells by column as read from the file (the same cell objects), when known.
   */
  static ofWritten(db: KaoheDatabase, workbook: Workbook, revision: number, columns: Map<string, CellColumns> | null): WorkbookSession {
    const s = new WorkbookSession(db, { ...workbook, schemaVersion: SCHEMA_VERSION }, revision);
    if (columns) s.scores = new PeriodScores({ version: s.version, columns });
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
      schemeVersion: this.schemeVersion,
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

  /** A view has been answered: the keyed cells may be made now, between the page's next requests. */
  viewShown(): void {
    this.fill?.start();
  }

  /** The period's columnar scores at this version. */
  model(periodId: string): ScoreModel {
    return this.scores.model(this.period(periodId), this.version);
  }

  /** The period's cells by column as the scores keep them (null when not kept at this version). */
  columns(periodId: string): ReadonlyMap<string, readonly (Cell | undefined)[]> | null {
    return this.scores.columns(periodId, this.version);
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

  /** Conflicts and messages found while writing or reloading, and the page's edits written, since last asked. */
  takeFound(): Found {
    const f = this.found;
    this.found = { conflicts: [], messages: [], written: [] };
    return f;
  }

  // ---- changes ---------------------------------------------------------------------------------

  /**
   * Cells as the page sends them. A change whose `before` differs from the cell here is applied on
   * top when the difference is this window's own (its view was a step behind); when another
   * window changed the cell after the user saw it (or `strict`, for replayed edits), it is a
   * conflict and is not applied. The other changes of the same paste still apply.
   */
  edit(periodId: string, edits: CellEdit[], label: string, opts: EditOptions & { writeLater?: boolean } = {}): Promise<EditOutcome> {
    if (opts.workbookId !== undefined && opts.workbookId !== this.workbook.id) {
      throw new UserError(`“${label}”没有保存：它是在另一个工作簿中输入的，而现在打开的是“${this.workbook.name}”。为免写错地方，未作任何改动。`);
    }
    const { changes, conflicts, messages, inputs } = judgeEdits(this.workbook, this.period(periodId), edits, opts, (key) => this.externalAt.get(`${periodId}|${key}`));
    return this.execute({ kind: 'setCells', periodId, changes, label }, 'do', {
      ...(opts.clientId ? { clientId: opts.clientId } : {}),
      extras: { conflicts, messages },
      gate: { source: opts.source ?? `“${label}”`, inputs },
      writeLater: opts.writeLater === true,
    });
  }

  /** Change the scheme; cells of removed units/indicators go in the same undoable step. */
  setMeta(periodId: string, after: PeriodMeta, label: string, cellChanges: CellChange[] = [], opts: EditOptions = {}): Promise<EditOutcome> {
    const p = this.period(periodId);
    const checked = checkPeriodMeta(opts.seenMeta ? mergeThreeWay(opts.seenMeta, after, periodMeta(p)) : after);
    if (!checked.ok) throw new UserError(`考核期 ${periodLabel(p)} 的设置不正确：${checked.problems.join('；')}。`);
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

  /** Several periods' settings in one undoable step (行动名称 for a whole year). */
  setMetas(changes: { periodId: string; after: PeriodMeta }[], label: string): Promise<EditOutcome> {
    const commands: Command[] = changes.map(({ periodId, after }) => {
      const checked = checkPeriodMeta(after);
      if (!checked.ok) throw new UserError(`考核期 ${periodLabel(this.period(periodId))} 的设置不正确：${checked.problems.join('；')}。`);
      return { kind: 'setMeta', periodId, before: periodMeta(this.period(periodId)), after: checked.value, label };
    });
    return this.execute({ kind: 'batch', label, commands }, 'do');
  }

  undo(): Promise<EditOutcome> {
    const cmd = this.undoStack.at(-1);
    if (!cmd) return Promise.resolve(this.outcome(true));
    return this.execute(invertCommand(cmd), 'undo', { ref: cmd });
  }

  redo(): Promise<EditOutcome> {
    const cmd = this.redoStack.at(-1);
    if (!cmd) return Promise.resolve(this.outcome(true));
    return this.execute(cmd, 'redo', { ref: cmd });
  }

  private async execute(raw: Command, mode: 'do' | 'undo' | 'redo', o: ExecuteOptions = {}): Promise<EditOutcome> {
    const { clientId, ref } = o;
    const extras = o.extras ?? { conflicts: [], messages: [] };
    const gate = o.gate ?? { source: `“${raw.label}”` };
    const cmd = pruneCommand(raw);
    if (!cmd) {
      if (mode !== 'do') this.moveHistory(mode);
      return this.outcome(extras.conflicts.length === 0 && extras.messages.length === 0, extras.conflicts, conflictMessages(extras));
    }
    // The one gate: every value this command would write passes the value policy first.
    const problems = commandProblems(this.workbook, cmd, gate.inputs);
    if (problems.length) {
      if (mode === 'do') throw refusal(problems, gate.source);
      // An undo or redo that would put back a value the policy refuses (stored by an older build or
      // another page): the step goes from the list rather than writing it.
      (mode === 'undo' ? this.undoStack : this.redoStack).pop();
      const what = mode === 'undo' ? '撤销' : '重做';
      return this.outcome(false, [], `${refusal(problems, `${what}“${cmd.label}”`).message}这一步已从${what}列表中去掉。`);
    }
    if (mode !== 'do' && !matchesWorkbook(this.workbook, cmd)) {
      // Another window changed what this step would undo or redo: drop the step, never overwrite.
      (mode === 'undo' ? this.undoStack : this.redoStack).pop();
      const what = mode === 'undo' ? '撤销' : '重做';
      return this.outcome(false, [], [`${what}“${cmd.label}”未执行：相关内容已在另一窗口中被修改，这一步已从${what}列表中去掉。`]);
    }
    applyCommand(this.workbook, cmd);
    this.version++;
    if (this.scores.rescore(cmd, this.version - 1, this.version, this.workbook.periods)) this.schemeVersion = ++schemeStamps;
    const history = ref ?? cmd;
    if (mode === 'do') {
      this.undoStack.push(cmd);
      if (this.undoStack.length > UNDO_LIMIT) this.undoStack.shift();
      this.redoStack = [];
    } else this.moveHistory(mode);
    this.outbox.push({ cmd, ref: history, ...(clientId ? { clientId } : {}) });
    // An edit is answered from memory; its write is the queue's next task (ServiceContext.writeSoon).
    if (!o.writeLater) await this.flush();
    const found = this.takeFound();
    const conflicts = [...extras.conflicts, ...found.conflicts];
    const messages = [...extras.messages, ...found.messages];
    return this.outcome(conflicts.length === 0 && messages.length === 0, conflicts, conflictMessages({ conflicts, messages }));
  }

  private moveHistory(mode: 'undo' | 'redo'): void {
    if (mode === 'undo') this.redoStack.push(this.undoStack.pop()!);
    else this.undoStack.push(this.redoStack.pop()!);
  }

  /**
   * Write the outbox in order. Stops at the first failed write (kept for a retry); a change the
   * store refuses (another window changed the same cells) is dropped from the outbox and the
   * history, reported as a conflict, and the rest is rebased on what is stored.
   */
  async flush(): Promise<boolean> {
    let reloaded = false;
    while (this.outbox.length) {
      const entry = this.outbox[0]!;
      let res;
      try {
        res = await commitCommand(this.db, this.workbook.id, entry.cmd, this.revision);
      } catch (e) {
        const err = storageError(e);
        this.saveError = err.message;
        // A block another page overwrote: reload (it is set aside, its lost cells named from what
        // this window had), re-apply what is unsaved, and write again — once.
        if (e instanceof DamagedRecordError && !reloaded) {
          reloaded = true;
          const { lost, setAside } = await this.rebase();
          // The lost cells are set aside (named); this window's changes to them now write over nothing.
          const visit = (c: Command) => {
            if (c.kind === 'batch') c.commands.forEach(visit);
            else if (c.kind === 'setCells') for (const ch of c.changes) if (lost.has(`${c.periodId}|${ch.unitId}|${ch.indicatorId}`)) ch.before = null;
          };
          this.outbox.forEach((o) => visit(o.cmd));
          if (setAside.length) this.found.messages.push(`浏览器中保存的数据有一部分被其他程序改动，无法读取，已移到一边（没有删除）：${setAside.map((x) => `${x.what}（${x.reason}）`).join('；')}。请核对这些单元格；您刚才的修改照常保存。`);
          continue;
        }
        // The workbook or period is gone (deleted in another window): retrying cannot help.
        if (e instanceof GoneError) {
          this.outbox.shift();
          this.dropHistory(entry.ref);
          this.found.messages.push(`“${entry.cmd.label}”没能保存：${err.message}`);
          await this.rebase().catch(() => undefined);
          continue;
        }
        return false;
      }
      this.outbox.shift();
      if (res.ok && entry.clientId) this.found.written.push(entry.clientId);
      if (!res.ok) {
        this.dropHistory(entry.ref);
        this.found.conflicts.push(...conflictItems(this.workbook, res.conflicts, entry.clientId));
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

  /** Reload what is stored and re-apply this window's unsaved changes on top; what was set aside meanwhile. */
  async rebase(): Promise<{ lost: Set<string>; setAside: SetAsideEntry[] }> {
    const loaded = await loadWorkbook(this.db, this.workbook.id, this.workbook);
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
    this.scores.clear();
    return { lost: loaded.lost, setAside: loaded.setAside };
  }

  /** A period was deleted: the steps that would change it can no longer be undone or redone. */
  forgetPeriod(periodId: string): void {
    const touches = (c: Command): boolean => (c.kind === 'batch' ? c.commands.some(touches) : c.periodId === periodId);
    this.undoStack = this.undoStack.filter((c) => !touches(c));
    this.redoStack = this.redoStack.filter((c) => !touches(c));
    this.scores.forget(periodId);
  }

  private touched(c: Command): string[] {
    if (c.kind === 'batch') return c.commands.flatMap((x) => this.touched(x));
    if (c.kind === 'setMeta') return [`${c.periodId}|meta`];
    return c.changes.map((ch) => `${c.periodId}|${cellKey(ch.unitId, ch.indicatorId)}`);
  }

  private outcome(ok: boolean, conflicts: ConflictItem[] = [], message?: string | string[]): EditOutcome {
    const text = Array.isArray(message) ? message.join(' ') : message;
    return { ok, saved: this.outbox.length === 0, state: this.state(), conflicts, ...(text ? { message: text } : {}) };
  }
}
