/**
 * What the worker exposes to the page (through comlink): open/create/rename/duplicate/delete
 * workbooks, edit cells and rules with undo/redo, snapshots, views, and staying in step with other
 * tabs. Kept free of the worker globals so Node tests can drive it over fake-indexeddb.
 */
import { cellKey, type Cell, type CellChange, type PeriodMeta, type Scenario, type Workbook, SCHEMA_VERSION } from '../model';
import { buildGridView, type GridView } from '../engine/grid';
import { applyScenario, compareScenarios, type CompareView } from '../engine/scenario';
import { decompositionDecimals, largestRemainder, weightsFor, type WeightBasis } from '../engine/decompose';
import { explainCell, explainTotal } from '../engine/explain';
import { goalSeek, type Goal, type Vary } from '../engine/goalseek';
import { bulletinDraft } from '../engine/bulletin';
import { scorePeriod } from '../engine/score';
import { exportCompare } from '../xlsx/exportCompare';
import { buildPeriodViewFrom, type PeriodView, type ViewPart } from '../engine/view';
import { sampleWorkbook } from '../sample/daye-2023q1';
import { openKaoheDB, type KaoheDatabase } from './schema';
import { commitCommand, deleteSnapshot, deleteWorkbook, listSnapshots, listWorkbooks, newId, putSnapshot, putWorkbook, readSnapshots, renameWorkbook, workbookExists, type SnapshotInfo, type WorkbookListItem } from './repository';
import { previewImport } from '../xlsx/import';
import type { ImportPlan, Mappings } from '../xlsx/importPlan';
import { exportFileName, exportTables, type ExportPart } from '../xlsx/export';
import { FILE_FORMAT, FILE_FORMAT_VERSION, readWorkbookFile, writeWorkbookFile, type WorkbookFileContent } from '../xlsx/workbookFile';
import { WorkbookSession, type EditOutcome, type SessionState } from './session';

/** An edit the page recorded (in localStorage) before sending it, replayed if the tab died first. */
export interface JournalEntry {
  id: string;
  workbookId: string;
  periodId: string;
  label: string;
  changes: CellChange[];
}

export interface ChannelLike {
  postMessage(msg: unknown): void;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

/** What the import preview shows (the cell-level changes stay in the worker). */
export type ImportPreview = Omit<ImportPlan, 'cellChanges'> & { token: string; changeCount: number };

export interface FileOut {
  fileName: string;
  bytes: Uint8Array;
}

export interface WorkbookFileInfo {
  token: string;
  id: string;
  name: string;
  exists: boolean;
  periods: string[];
  snapshots: number;
}

export type ExternalChangeListener = (state: SessionState, message: string) => void;

export interface ServiceOptions {
  indexedDB?: IDBFactory;
  channel?: ChannelLike | null;
}

type ChangedMessage = { type: 'changed'; workbookId: string; revision: number; from: string };

export function createService(options: ServiceOptions = {}) {
  const instance = newId('tab');
  let db: KaoheDatabase | null = null;
  let session: WorkbookSession | null = null;
  let listener: ExternalChangeListener | null = null;
  const channel = options.channel ?? null;

  const requireDb = () => {
    if (!db) throw new Error('存储尚未打开');
    return db;
  };
  const requireSession = () => {
    if (!session) throw new Error('尚未打开工作簿');
    return session;
  };

  /** Files being previewed (import) or opened, by token, so the user's choices need no re-upload. */
  const pendingFiles = new Map<string, { fileName: string; bytes: Uint8Array }>();
  const pendingWorkbooks = new Map<string, WorkbookFileContent>();

  const announce = () => {
    if (channel && session) channel.postMessage({ type: 'changed', workbookId: session.workbook.id, revision: session.revision, from: instance } satisfies ChangedMessage);
  };

  /** Another tab committed: re-read and tell the page. */
  const catchUp = async (message: string): Promise<SessionState | null> => {
    if (!session || !(await session.isStale())) return null;
    await session.reload();
    const state = session.state();
    listener?.(state, message);
    return state;
  };

  if (channel) {
    channel.onmessage = (ev) => {
      const m = ev.data as ChangedMessage;
      if (m?.type === 'changed' && m.from !== instance && session && m.workbookId === session.workbook.id && m.revision > session.revision) {
        void catchUp('另一窗口修改了此工作簿，已载入最新内容。');
      }
    };
  }

  const afterEdit = (o: EditOutcome): EditOutcome => {
    if (o.ok) announce();
    return o;
  };

  const open = async (id: string): Promise<SessionState> => {
    session = await WorkbookSession.open(requireDb(), id);
    return session.state();
  };

  const createFrom = async (wb: Workbook): Promise<SessionState> => {
    await putWorkbook(requireDb(), wb);
    return open(wb.id);
  };

  return {
    /** Open storage; on a first run, store the sample workbook. Opens `preferredId` or the most recent. */
    async init(preferredId?: string | null): Promise<{ workbooks: WorkbookListItem[]; state: SessionState }> {
      db ??= await openKaoheDB(options.indexedDB);
      let list = await listWorkbooks(db);
      if (list.length === 0) {
        const wb = sampleWorkbook();
        await putWorkbook(db, wb);
        list = await listWorkbooks(db);
      }
      const id = list.find((w) => w.id === preferredId)?.id ?? list[0]!.id;
      return { workbooks: list, state: await open(id) };
    },

    listWorkbooks: () => listWorkbooks(requireDb()),
    openWorkbook: open,
    state: () => requireSession().state(),

    async createWorkbook(name: string, template: 'sample' | 'scheme' | 'blank'): Promise<SessionState> {
      let wb: Workbook;
      if (template === 'sample') wb = { ...sampleWorkbook(), id: newId('wb'), name };
      else {
        const src = session?.workbook.periods.at(-1) ?? sampleWorkbook().periods[0]!;
        const period = { ...structuredClone(src), id: newId('period'), cells: {}, publishedTotals: {} };
        if (template === 'blank') {
          period.units = [];
          period.indicators = [];
        }
        delete (period as { publishedTotals?: unknown }).publishedTotals;
        wb = { schemaVersion: SCHEMA_VERSION, id: newId('wb'), name, periods: [period] };
      }
      return createFrom(wb);
    },

    async renameWorkbook(name: string): Promise<SessionState> {
      const s = requireSession();
      const trimmed = name.trim();
      if (!trimmed) throw new Error('工作簿名称不能为空');
      await renameWorkbook(requireDb(), s.workbook.id, trimmed);
      await s.reload();
      announce();
      return s.state();
    },

    async duplicateWorkbook(name: string): Promise<SessionState> {
      const s = requireSession();
      const copy: Workbook = structuredClone(s.workbook);
      copy.id = newId('wb');
      copy.name = name.trim() || `${s.workbook.name}（副本）`;
      return createFrom(copy);
    },

    async deleteWorkbook(id: string): Promise<{ workbooks: WorkbookListItem[]; state: SessionState }> {
      await deleteWorkbook(requireDb(), id);
      let list = await listWorkbooks(requireDb());
      if (list.length === 0) {
        await putWorkbook(requireDb(), { ...sampleWorkbook(), id: newId('wb') });
        list = await listWorkbooks(requireDb());
      }
      const state = session && session.workbook.id !== id ? session.state() : await open(list[0]!.id);
      return { workbooks: list, state };
    },

    async addPeriod(copyFromId?: string) {
      const r = await requireSession().addPeriod(copyFromId);
      announce();
      return r;
    },

    async editCells(periodId: string, changes: { unitId: string; indicatorId: string; after: Cell | null }[], label: string): Promise<EditOutcome> {
      return afterEdit(await requireSession().editCells(periodId, changes, label));
    },

    /** Change the scheme; cells of removed units/indicators go in the same undoable step. */
    async setMeta(periodId: string, after: PeriodMeta, label: string): Promise<EditOutcome> {
      const s = requireSession();
      const p = s.period(periodId);
      const unitIds = new Set(after.units.map((u) => u.id));
      const indIds = new Set(after.indicators.map((i) => i.id));
      const removed: CellChange[] = [];
      for (const [key, cell] of Object.entries(p.cells)) {
        const [unitId, indicatorId] = key.split('|') as [string, string];
        if (!unitIds.has(unitId) || !indIds.has(indicatorId)) removed.push({ unitId, indicatorId, before: cell, after: null });
      }
      return afterEdit(await s.setMeta(periodId, after, label, removed));
    },

    undo: async () => afterEdit(await requireSession().undo()),
    redo: async () => afterEdit(await requireSession().redo()),

    gridView(periodId: string): GridView {
      const s = requireSession();
      return buildGridView(s.period(periodId), s.result(periodId), s.revision);
    },
    periodView(periodId: string, part: ViewPart = 'all'): PeriodView {
      const s = requireSession();
      return buildPeriodViewFrom(s.period(periodId), s.result(periodId), part);
    },
    periodMeta(periodId: string): PeriodMeta {
      const { id: _i, cells: _c, ...meta } = requireSession().period(periodId);
      return structuredClone(meta);
    },

    createSnapshot: (name: string): Promise<SnapshotInfo> => requireSession().snapshot(name.trim() || '未命名版本'),
    listSnapshots: () => listSnapshots(requireDb(), requireSession().workbook.id),
    async restoreSnapshot(id: string): Promise<SessionState> {
      const state = await requireSession().restoreSnapshot(id);
      announce();
      return state;
    },
    deleteSnapshot: (id: string) => deleteSnapshot(requireDb(), id),

    /** Poll (and the page's focus) backstop for the broadcast: returns the new state if another tab wrote. */
    checkExternal: () => catchUp('另一窗口修改了此工作簿，已载入最新内容。'),
    onExternalChange(cb: ExternalChangeListener) {
      listener = cb;
    },

    /**
     * Edits the page journaled but never saw acknowledged (tab closed mid-save). Each applies only
     * over what its author saw; already-applied ones are no-ops.
     */
    async replayJournal(entries: JournalEntry[]): Promise<{ applied: number; failed: string[] }> {
      const failed: string[] = [];
      let applied = 0;
      for (const e of entries) {
        try {
          const res = await commitCommand(requireDb(), e.workbookId, { kind: 'setCells', periodId: e.periodId, changes: e.changes, label: e.label });
          if (res.ok) applied++;
          else failed.push(`${e.label}（已被另一窗口修改）`);
        } catch (err) {
          failed.push(`${e.label}（${(err as Error).message}）`);
        }
      }
      if (session && applied) {
        await session.reload();
        announce();
      }
      return { applied, failed };
    },

    /**
     * Read a file and propose what importing it would change in the period; changes nothing.
     * Call again with the token (no bytes) after the user maps or skips unmatched names.
     */
    previewImport(periodId: string, fileName: string, bytes: Uint8Array | null, mappings: Mappings, token?: string): ImportPreview {
      const s = requireSession();
      let t = token;
      if (bytes) {
        t = newId('import');
        pendingFiles.set(t, { fileName, bytes });
      }
      const file = t ? pendingFiles.get(t) : undefined;
      if (!t || !file) throw new Error('导入文件已失效，请重新选择文件');
      const { cellChanges, ...plan } = previewImport(file.bytes, file.fileName, s.period(periodId), mappings);
      return { ...plan, token: t, changeCount: cellChanges.length + plan.totals.length + plan.cityTargets.length };
    },

    /** Apply a previewed import as one undoable step (re-planned against the period as it is now). */
    async applyImport(periodId: string, token: string, mappings: Mappings): Promise<EditOutcome> {
      const s = requireSession();
      const file = pendingFiles.get(token);
      if (!file) throw new Error('导入文件已失效，请重新选择文件');
      const plan = previewImport(file.bytes, file.fileName, s.period(periodId), mappings);
      const { id: _id, cells: _cells, ...meta } = structuredClone(s.period(periodId));
      if (plan.totals.length) meta.publishedTotals = { ...(meta.publishedTotals ?? {}), ...Object.fromEntries(plan.totals.map((t) => [t.unitId, t.value])) };
      for (const c of plan.cityTargets) {
        const ind = meta.indicators.find((i) => i.id === c.indicatorId);
        if (ind) ind.cityTarget = c.value;
      }
      const out = await s.setMeta(periodId, meta, `导入 ${file.fileName}`, plan.cellChanges);
      if (out.ok) pendingFiles.delete(token);
      return afterEdit(out);
    },

    discardImport(token: string) {
      pendingFiles.delete(token);
    },

    async exportTables(periodId: string, part: ExportPart): Promise<FileOut> {
      const s = requireSession();
      const p = s.period(periodId);
      return { fileName: exportFileName(p, part), bytes: await exportTables(p, s.result(periodId), part) };
    },

    /** The whole workbook, snapshots included, as the .xlsx that lives on the share. */
    async saveWorkbookFile(): Promise<FileOut & { revision: number }> {
      const s = requireSession();
      const snapshots = (await readSnapshots(requireDb(), s.workbook.id)).map(({ name, createdAt, auto, workbook }) => ({ name, createdAt, auto, workbook }));
      const content: WorkbookFileContent = { format: FILE_FORMAT, formatVersion: FILE_FORMAT_VERSION, savedAt: new Date().toISOString(), workbook: s.workbook, snapshots };
      return { fileName: `${s.workbook.name}.xlsx`, bytes: await writeWorkbookFile(content), revision: s.revision };
    },

    async inspectWorkbookFile(fileName: string, bytes: Uint8Array): Promise<WorkbookFileInfo> {
      const content = readWorkbookFile(bytes, fileName);
      const token = newId('open');
      pendingWorkbooks.set(token, content);
      return {
        token,
        id: content.workbook.id,
        name: content.workbook.name,
        exists: await workbookExists(requireDb(), content.workbook.id),
        periods: content.workbook.periods.map((p) => `${p.year}年${['一', '二', '三', '四'][p.quarter - 1]}季度`),
        snapshots: content.snapshots.length,
      };
    },

    /**
     * Restore a workbook file: 'replace' the browser's copy of the same workbook (its current state
     * is kept as an automatic snapshot first) or open it as a 'copy' beside it.
     */
    async openWorkbookFile(token: string, mode: 'replace' | 'copy'): Promise<{ workbooks: WorkbookListItem[]; state: SessionState }> {
      const content = pendingWorkbooks.get(token);
      if (!content) throw new Error('文件已失效，请重新选择文件');
      const db = requireDb();
      const wb = structuredClone(content.workbook);
      if (mode === 'copy') {
        wb.id = newId('wb');
        wb.name = `${wb.name}（文件副本）`;
      } else if (await workbookExists(db, wb.id)) {
        const current = await WorkbookSession.open(db, wb.id);
        await current.snapshot('打开文件前自动保存', true);
      }
      const existing = new Set((await readSnapshots(db, wb.id)).map((x) => `${x.name}|${x.createdAt}`));
      await putWorkbook(db, wb);
      for (const snap of content.snapshots) if (!existing.has(`${snap.name}|${snap.createdAt}`)) await putSnapshot(db, wb.id, snap);
      pendingWorkbooks.delete(token);
      const state = await open(wb.id);
      announce();
      return { workbooks: await listWorkbooks(db), state };
    },

    // ---- what-if: scenarios, decomposition, explanations, goal seek, bulletin ----------------------

    /** Change the period's scenarios as one undoable step (they live in the period, so files and versions keep them). */
    async updateScenarios(periodId: string, label: string, fn: (list: Scenario[]) => Scenario[]): Promise<EditOutcome> {
      const s = requireSession();
      const { id: _id, cells: _cells, ...meta } = structuredClone(s.period(periodId));
      meta.scenarios = fn(meta.scenarios ?? []);
      return afterEdit(await s.setMeta(periodId, meta, label));
    },

    scenarios(periodId: string): Scenario[] {
      return structuredClone(requireSession().period(periodId).scenarios ?? []);
    },

    async createScenario(periodId: string, name: string, overrides: Scenario['overrides'] = {}, note?: string): Promise<{ outcome: EditOutcome; id: string }> {
      const id = newId('scn');
      const outcome = await this.updateScenarios(periodId, `新建情景 ${name}`, (l) => [...l, { id, name, overrides, ...(note ? { note } : {}) }]);
      return { outcome, id };
    },

    renameScenario(periodId: string, id: string, name: string) {
      return this.updateScenarios(periodId, `重命名情景 ${name}`, (l) => l.map((x) => (x.id === id ? { ...x, name } : x)));
    },

    async duplicateScenario(periodId: string, id: string): Promise<{ outcome: EditOutcome; id: string }> {
      const src = (requireSession().period(periodId).scenarios ?? []).find((x) => x.id === id);
      if (!src) throw new Error('情景不存在');
      const copyId = newId('scn');
      const outcome = await this.updateScenarios(periodId, `复制情景 ${src.name}`, (l) => [...l, { ...structuredClone(src), id: copyId, name: `${src.name}（副本）` }]);
      return { outcome, id: copyId };
    },

    deleteScenario(periodId: string, id: string) {
      return this.updateScenarios(periodId, '删除情景', (l) => l.filter((x) => x.id !== id));
    },

    /** One target of a scenario; null puts the baseline back. */
    setScenarioTarget(periodId: string, id: string, unitId: string, indicatorId: string, target: number | null) {
      const key = cellKey(unitId, indicatorId);
      return this.updateScenarios(periodId, '修改情景任务数', (l) =>
        l.map((x) => {
          if (x.id !== id) return x;
          const overrides = { ...x.overrides };
          if (target === null) delete overrides[key];
          else overrides[key] = { ...overrides[key], target };
          return { ...x, overrides };
        }),
      );
    },

    /** Make a scenario's values the baseline (one undoable step; the scenario stays for reference). */
    async applyScenarioToBaseline(periodId: string, id: string): Promise<EditOutcome> {
      const s = requireSession();
      const p = s.period(periodId);
      const sc = (p.scenarios ?? []).find((x) => x.id === id);
      if (!sc) throw new Error('情景不存在');
      const applied = applyScenario(p, sc);
      const changes: CellChange[] = Object.keys(sc.overrides).map((key) => {
        const [unitId, indicatorId] = key.split('|') as [string, string];
        return { unitId, indicatorId, before: p.cells[key] ?? null, after: applied.cells[key] ?? null };
      });
      const { id: _id, cells: _cells, ...meta } = structuredClone(applied);
      meta.scenarios = structuredClone(p.scenarios ?? []);
      return afterEdit(await s.setMeta(periodId, meta, `应用情景 ${sc.name} 到基准`, changes));
    },

    compare(periodId: string, scenarioIds: string[]): CompareView {
      const s = requireSession();
      const p = s.period(periodId);
      const list = scenarioIds.map((id) => (p.scenarios ?? []).find((x) => x.id === id)).filter((x): x is Scenario => !!x);
      return compareScenarios(p, list, s.result(periodId));
    },

    /** One indicator of a scenario, unit by unit: baseline and scenario target and score. */
    scenarioIndicator(periodId: string, id: string, indicatorId: string) {
      const s = requireSession();
      const p = s.period(periodId);
      const sc = (p.scenarios ?? []).find((x) => x.id === id);
      if (!sc) throw new Error('情景不存在');
      const sp = applyScenario(p, sc);
      const sr = scorePeriod(sp);
      const base = s.result(periodId);
      return p.units.map((u) => {
        const key = cellKey(u.id, indicatorId);
        return {
          unitId: u.id,
          name: u.name,
          baseTarget: base.cells[key]?.target ?? null,
          target: sc.overrides[key]?.target ?? null,
          actual: sr.cells[key]?.actual ?? null,
          baseScore: base.cells[key]?.score ?? null,
          score: sr.cells[key]?.score ?? null,
          baseRate: base.cells[key]?.rate ?? null,
          rate: sr.cells[key]?.rate ?? null,
        };
      });
    },

    async exportCompare(periodId: string, scenarioIds: string[]): Promise<FileOut> {
      const s = requireSession();
      const p = s.period(periodId);
      const view = this.compare(periodId, scenarioIds);
      return { fileName: `${p.area}${p.year}年情景对比.xlsx`, bytes: await exportCompare(view) };
    },

    decomposition(periodId: string, indicatorId: string, total: number, basis: WeightBasis, sourcePeriodId: string | null, typed: Record<string, number>) {
      const s = requireSession();
      const p = s.period(periodId);
      const ind = p.indicators.find((i) => i.id === indicatorId);
      if (!ind) throw new Error('指标不存在');
      const source = sourcePeriodId ? s.period(sourcePeriodId) : null;
      const weights = weightsFor(p, indicatorId, basis, source, typed);
      const decimals = decompositionDecimals(ind.unit, ind.decimals);
      const parts = largestRemainder(total, weights, decimals);
      return { indicatorName: ind.name, unit: ind.unit, decimals, rows: p.units.map((u, i) => ({ unitId: u.id, name: u.fullName ?? u.name, weight: weights[i]!, target: parts[i]! })), sum: parts.reduce((a, b) => a + Math.round(b * 10 ** decimals), 0) / 10 ** decimals };
    },

    explain(periodId: string, unitId: string, indicatorId: string | null) {
      const s = requireSession();
      const p = s.period(periodId);
      return indicatorId ? explainCell(p, s.result(periodId), unitId, indicatorId) : explainTotal(p, s.result(periodId), unitId);
    },

    goalSeek(periodId: string, unitId: string, indicatorId: string, goal: Goal, vary: Vary) {
      return goalSeek(requireSession().period(periodId), unitId, indicatorId, goal, vary);
    },

    bulletin(periodId: string) {
      const s = requireSession();
      return bulletinDraft(s.period(periodId), s.result(periodId));
    },

    /** For the page's optimistic display and journaling: the stored cell as this worker knows it. */
    cell(periodId: string, unitId: string, indicatorId: string): Cell | null {
      return requireSession().period(periodId).cells[cellKey(unitId, indicatorId)] ?? null;
    },
  };
}

export type Service = ReturnType<typeof createService>;
