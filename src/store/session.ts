/**
 * The worker's open workbook: in-memory copy, undo/redo, persistence and keeping in step with
 * other tabs. Every change is committed to IndexedDB before the caller is answered, so "已保存"
 * in the page means it is on disk.
 */
import { cellKey, periodLabel, type Cell, type CellChange, type Command, type Period, type PeriodMeta, type PeriodResult, type Quarter, type Workbook } from '../model';
import { applyCommand, invertCommand, periodMeta, pruneCommand, withBefore } from '../engine/commands';
import { nextQuarter, periodFrom } from '../engine/periods';
import { scorePeriod } from '../engine/score';
import { indicatorLabel } from '../engine/describe';
import type { KaoheDatabase } from './schema';
import { addPeriodRecord, commitCommand, loadWorkbook, newId, readRevision, saveSnapshot, readSnapshot, putWorkbook, type Conflict } from './repository';

export const UNDO_LIMIT = 200;

export interface SessionState {
  workbookId: string;
  name: string;
  revision: number;
  periods: { id: string; label: string }[];
  undoLabel: string | null;
  redoLabel: string | null;
}

export type EditOutcome =
  | { ok: true; state: SessionState }
  | { ok: false; state: SessionState; message: string };

export class WorkbookSession {
  private undoStack: Command[] = [];
  private redoStack: Command[] = [];
  private scored = new Map<string, { revision: number; result: PeriodResult }>();

  private constructor(
    private readonly db: KaoheDatabase,
    public workbook: Workbook,
    public revision: number,
  ) {}

  static async open(db: KaoheDatabase, id: string): Promise<WorkbookSession> {
    const loaded = await loadWorkbook(db, id);
    if (!loaded) throw new Error('工作簿不存在或已被删除');
    return new WorkbookSession(db, loaded.workbook, loaded.revision);
  }

  state(): SessionState {
    return {
      workbookId: this.workbook.id,
      name: this.workbook.name,
      revision: this.revision,
      periods: this.workbook.periods.map((p) => ({ id: p.id, label: periodLabel(p) })),
      undoLabel: this.undoStack.at(-1)?.label ?? null,
      redoLabel: this.redoStack.at(-1)?.label ?? null,
    };
  }

  period(id: string): Period {
    const p = this.workbook.periods.find((x) => x.id === id);
    if (!p) throw new Error(`找不到考核期：${id}`);
    return p;
  }

  /** Scored once per revision, shared by every view. */
  result(periodId: string): PeriodResult {
    const hit = this.scored.get(periodId);
    if (hit && hit.revision === this.revision) return hit.result;
    const result = scorePeriod(this.period(periodId));
    this.scored.set(periodId, { revision: this.revision, result });
    return result;
  }

  /** Re-read from IndexedDB (another tab changed it). Undo history stays: its commands check their `before`. */
  async reload(): Promise<void> {
    const loaded = await loadWorkbook(this.db, this.workbook.id);
    if (!loaded) throw new Error('工作簿已在另一窗口中删除');
    this.workbook = loaded.workbook;
    this.revision = loaded.revision;
    this.scored.clear();
  }

  /** True when another tab has committed since we last read. */
  async isStale(): Promise<boolean> {
    const r = await readRevision(this.db, this.workbook.id);
    return r !== null && r !== this.revision;
  }

  editCells(periodId: string, changes: { unitId: string; indicatorId: string; after: Cell | null }[], label: string): Promise<EditOutcome> {
    const cmd: Command = { kind: 'setCells', periodId, changes: withBefore(this.workbook, periodId, changes), label };
    return this.execute(cmd, 'do');
  }

  setMeta(periodId: string, after: PeriodMeta, label: string, cellChanges: CellChange[] = []): Promise<EditOutcome> {
    const meta: Command = { kind: 'setMeta', periodId, before: periodMeta(this.period(periodId)), after, label };
    const cmd: Command = cellChanges.length ? { kind: 'batch', label, commands: [meta, { kind: 'setCells', periodId, changes: cellChanges, label }] } : meta;
    return this.execute(cmd, 'do');
  }

  async undo(): Promise<EditOutcome> {
    const cmd = this.undoStack.at(-1);
    if (!cmd) return { ok: true, state: this.state() };
    return this.execute(invertCommand(cmd), 'undo');
  }

  async redo(): Promise<EditOutcome> {
    const cmd = this.redoStack.at(-1);
    if (!cmd) return { ok: true, state: this.state() };
    return this.execute(cmd, 'redo');
  }

  private async execute(raw: Command, mode: 'do' | 'undo' | 'redo'): Promise<EditOutcome> {
    const cmd = pruneCommand(raw);
    if (!cmd) return { ok: true, state: this.state() };
    const res = await commitCommand(this.db, this.workbook.id, cmd);
    if (!res.ok) {
      await this.reload();
      if (mode !== 'do') {
        // The step no longer applies to what is stored: drop it rather than retry forever.
        (mode === 'undo' ? this.undoStack : this.redoStack).pop();
      }
      return { ok: false, state: this.state(), message: this.describeConflicts(res.conflicts, mode) };
    }
    if (res.previousRevision !== this.revision) {
      // Others wrote meanwhile (different cells): take their work and ours from the store.
      await this.reload();
    } else {
      applyCommand(this.workbook, cmd);
      this.revision = res.revision;
      this.scored.clear();
    }
    if (mode === 'do') {
      this.undoStack.push(cmd);
      if (this.undoStack.length > UNDO_LIMIT) this.undoStack.shift();
      this.redoStack = [];
    } else if (mode === 'undo') {
      this.redoStack.push(this.undoStack.pop()!);
    } else {
      this.undoStack.push(this.redoStack.pop()!);
    }
    return { ok: true, state: this.state() };
  }

  private describeConflicts(conflicts: Conflict[], mode: 'do' | 'undo' | 'redo'): string {
    const what = mode === 'do' ? '本次修改' : mode === 'undo' ? '撤销' : '重做';
    const names = conflicts.slice(0, 3).map((c) => {
      if (!c.unitId) return '规则设置';
      const p = this.workbook.periods.find((x) => x.id === c.periodId);
      const u = p?.units.find((x) => x.id === c.unitId)?.name ?? c.unitId;
      const i = p?.indicators.find((x) => x.id === c.indicatorId);
      return `${u}「${i ? indicatorLabel(i, i.unit) : c.indicatorId}」`;
    });
    const more = conflicts.length > 3 ? ` 等 ${conflicts.length} 处` : '';
    return `${what}未保存：${names.join('、')}${more}已在另一窗口中被修改。已载入最新内容，请核对后重新输入。`;
  }

  async addPeriod(copyFromId?: string): Promise<{ state: SessionState; periodId: string }> {
    const prev = copyFromId ? this.period(copyFromId) : this.workbook.periods.at(-1);
    if (!prev) throw new Error('工作簿中没有可复制的考核期');
    let { year, quarter } = nextQuarter(prev);
    while (this.workbook.periods.some((p) => p.year === year && p.quarter === quarter)) ({ year, quarter } = nextQuarter({ year, quarter }));
    const period = periodFrom(prev, newId('period'), year, quarter as Quarter);
    await addPeriodRecord(this.db, this.workbook.id, period);
    await this.reload();
    return { state: this.state(), periodId: period.id };
  }

  async snapshot(name: string, auto = false) {
    return saveSnapshot(this.db, this.workbook, name, auto);
  }

  /** Restore a snapshot; the current state is kept as an automatic snapshot first. */
  async restoreSnapshot(id: string): Promise<SessionState> {
    const snap = await readSnapshot(this.db, id);
    if (!snap || snap.workbookId !== this.workbook.id) throw new Error('版本不存在');
    await this.snapshot(`恢复“${snap.name}”之前自动保存`, true);
    await putWorkbook(this.db, { ...structuredClone(snap.workbook), id: this.workbook.id, name: this.workbook.name });
    await this.reload();
    this.undoStack = [];
    this.redoStack = [];
    return this.state();
  }

  cellOf(periodId: string, unitId: string, indicatorId: string): Cell | null {
    return this.period(periodId).cells[cellKey(unitId, indicatorId)] ?? null;
  }
}
