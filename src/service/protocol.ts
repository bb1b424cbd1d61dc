/**
 * What the page and the worker say to each other: the one module of protocol types the page
 * imports (besides the model), and how errors cross the boundary (with their folded detail).
 */
import type { Cell, CellInput, PeriodMeta, PlanProgress, YearPlan } from '../model';
import type { Ledger } from '../engine/plan/ledger';
import type { PlanReport } from '../engine/plan/report';
import type { BulletinDocument } from '../engine/bulletin/document';
import type { ImportPlan, PreviewChange } from '../engine/import/importPlan';
import type { SplitForm } from './splitTargets';
import type { ReturnsPlan } from '../engine/import/returnsPlan';
import type { GridView } from '../engine/views/grid';
import type { WorkbookListItem } from '../store/repository';
import type { SetAsideInfo } from '../store/setAside';
import type { SnapshotInfo } from '../store/snapshots';

export type { WorkbookListItem, SetAsideInfo, SnapshotInfo };
export type { JournalEntry, Draft } from '../model';
// What the worker's views and answers hold, as the page receives them (built by the engine).
export type { PeriodView, ViewPart } from '../engine/views/view';
export type { GridView, GridUnit } from '../engine/views/grid';
export type { CompletionTable } from '../engine/views/tables';
export type { RankPoint } from '../engine/views/rankHistory';
export type { Explanation } from '../engine/views/explain';
export type { Goal, GoalSeekResult, Vary } from '../engine/whatif/goalseek';
export type { CompareSortKey } from '../engine/whatif/scenario';
export type { DecompositionLayout, DecompositionSource } from '../engine/whatif/decompositionTable';
export type { Mappings, PreviewChange, Unmatched } from '../engine/import/importPlan';
export type { PastedColumn, PastedLine } from '../engine/import/pastedColumn';
export type { SplitForm };

/** 报送导入预览: the plan of many returned files, with what the page needs to list and apply it. */
export type ReturnsPreview = Omit<ReturnsPlan, 'cellChanges' | 'overwrites' | 'changes'> & {
  token: string;
  periodId: string;
  /** What its unmatched names can be mapped to. */
  names: MappableNames;
  changes: ReturnsPlan['changes'];
  changesTotal: number;
  /** Cells taken as they are, and cells over a different figure (taken only if chosen). */
  takeCount: number;
  overwriteCount: number;
};

/** Worker names: one script, two roles (the engine, and a file reader that can be terminated). */
export const ENGINE_NAME = 'kaohe-engine';
export const READER_NAME = 'kaohe-reader';

export interface SessionState {
  workbookId: string;
  name: string;
  /** Stored revision: bumped by every committed change, from any tab. */
  revision: number;
  /** This worker's in-memory state: bumped by every change it shows, saved or not. */
  version: number;
  periods: { id: string; label: string }[];
  undoLabel: string | null;
  redoLabel: string | null;
  /** Changes shown but not yet written to IndexedDB (being written, or a failed write being retried). */
  unsaved: number;
  /** Why the last write failed, in Chinese; null when everything is saved or the write is under way. */
  saveError: string | null;
  /** New when some period's units or indicators may have changed (the tabs of the 附件 are read again). */
  schemeVersion: number;
}

/** Two windows changed the same cell: both values, for the user to choose. */
export interface ConflictItem {
  id: string;
  workbookId: string;
  periodId: string;
  unitId: string;
  indicatorId: string;
  /** 高新区「规上企业新招引科技人才(人)」 */
  where: string;
  /** What this window wanted to write. */
  mine: Cell | null;
  /** What is stored now (the other window's value). */
  theirs: Cell | null;
  /** The page's journal entry this came from, kept until the conflict is answered. */
  clientId?: string;
}

export interface EditOutcome {
  /** False when some change could not be applied (conflicts, or a step that no longer applies). */
  ok: boolean;
  /** Everything this window shows is in IndexedDB. */
  saved: boolean;
  state: SessionState;
  conflicts: ConflictItem[];
  message?: string;
  /** The rows of the caller's grid window after the change (asked for with `window`): repainted at once. */
  grid?: GridView;
}

/** The grid rows a page shows, sent with a change so that the reply carries them. */
export interface GridWindowAsk {
  periodId: string;
  from: number;
  to: number;
}

export interface EditOptions {
  /** The grid rows the page shows ([from, to) in its display order): the reply carries them. */
  window?: { from: number; to: number };
  /** The `version` of the view the user saw when the edit began. */
  baseVersion?: number;
  /**
   * A scheme change: the scheme as the page showed it. The change is rebased on the worker's
   * (what the user did not touch keeps its value), so a second box kept before the first one's
   * reply came back does not write the first one back.
   */
  seenMeta?: PeriodMeta;
  /** The page's journal id for this edit. */
  clientId?: string;
  /**
   * Any difference between `before` and the cell now is a conflict (replayed edits, restored
   * drafts, "keep mine" after a conflict); otherwise a difference this window made itself is not.
   */
  strict?: boolean;
  /**
   * The workbook the edit was made in (an editor is bound to its cell): refused when another
   * workbook is open now, so a copy or the next workbook is never written by an old editor.
   */
  workbookId?: string;
  /** Where the values come from, for a refusal's message (默认：“输入”). */
  source?: string;
}

/** A change as the page sends it: `before` is what the user saw (omitted: whatever is there now). */
export interface CellEdit {
  unitId: string;
  indicatorId: string;
  before?: Cell | null;
  after: Cell | null;
  /** What was typed or pasted, field by field: read again by the value policy in the worker's gate. */
  input?: CellInput[];
}

/**
 * What the import preview shows (the cell-level changes stay in the worker): `changes` holds the
 * first PREVIEW_CHANGES_LISTED of `changesTotal`, `totals` as many of `totalsCount`.
 */
/** The period's units and indicators a preview's unmatched names can be mapped to (empty when none is needed). */
export interface MappableNames {
  units: { id: string; name: string }[];
  indicators: { id: string; name: string }[];
}

export type ImportPreview = Omit<ImportPlan, 'cellChanges'> & { token: string; changeCount: number; changesTotal: number; totalsCount: number; periodId: string; names: MappableNames };

/** Changes listed in the preview (a province file changes 40 000 cells; the rest are counted). */
export const PREVIEW_CHANGES_LISTED = 500;

/** A chart for the Word 通报, drawn in the page: a PNG and its size in CSS pixels. */
export interface BulletinPicture {
  title: string;
  png: Uint8Array;
  width: number;
  height: number;
}

export interface FileOut {
  fileName: string;
  bytes: Uint8Array;
}

export interface WorkbookFileInfo {
  token: string;
  id: string;
  name: string;
  /** When the file was saved (ISO), from the file. */
  savedAt: string;
  /** The last period's units and indicators. */
  unitCount: number;
  indicatorCount: number;
  exists: boolean;
  /** The browser's workbook of the same id (to replace), when there is one. */
  existing: { name: string; updatedAt: string } | null;
  periods: string[];
  snapshots: number;
  /** ok: checksum matches; legacy: saved by a build without checksums; mismatch: changed after saving. */
  integrity: 'ok' | 'legacy' | 'mismatch';
  /** Cells whose values in the visible 数据 sheets differ from the model (edited in Excel). */
  sheetEdits: number;
  /**
   * Values of the file's model the value policy refuses (named): the file opens only when the person
   * chooses to leave them out (`dropRefused`).
   */
  refused: string[];
}

export interface OpenedFile {
  workbooks: WorkbookListItem[];
  state: SessionState;
  /** Edits found in the visible sheets, one preview per period, to confirm like an import. */
  sheetEditPreviews: ImportPreview[];
}

export interface StartInfo {
  workbooks: WorkbookListItem[];
  state: SessionState;
  /** Records that failed validation and were moved aside (all of them, not only this time's). */
  setAside: SetAsideInfo[];
  /**
   * Why the browser's data is left untouched (a newer build wrote it): the app works in a
   * workspace of its own — open a workbook file, save it as a file. Absent normally.
   */
  storageRefused?: string;
}

/** Pushed from the worker: another window's commit, a retried save, a conflict found on retry. */
export type WorkerEvent =
  | { type: 'external'; state: SessionState; message: string }
  | { type: 'saved'; state: SessionState }
  /** An edit answered from memory is on disk (`written`: the page's journal ids), or its write failed (state.saveError). */
  | { type: 'written'; state: SessionState; written: string[] }
  | { type: 'conflicts'; state: SessionState; conflicts: ConflictItem[]; message: string };

// ---- errors across the boundary ---------------------------------------------------------------

export interface WireError {
  name: string;
  message: string;
  detail?: string;
}

export function toWireError(e: unknown): WireError {
  const err = e as { name?: string; message?: string; detail?: string } | null;
  return { name: err?.name ?? 'Error', message: err?.message ?? String(e), ...(err?.detail ? { detail: err.detail } : {}) };
}

export function fromWireError(w: WireError): Error {
  return Object.assign(new Error(w.message), { name: w.name, detail: w.detail });
}

/** The 通报 page: the document without its 附件 tables (those are on their own tabs). */
export type BulletinPage = Omit<BulletinDocument, 'completion' | 'ranking'>;
/** What the person changed of the 通报: '' or null removes a field (`body: null`: back to the draft). */
export type BulletinPatch = Partial<Record<keyof NonNullable<PeriodMeta['bulletin']>, string | null>>;

/** 设为本期任务数: from one indicator's 目标分解 form, or from the 目标分解表's indicators. */
export type TargetsAsk =
  | { kind: 'split'; indicatorId: string; form: SplitForm }
  | { kind: 'table'; indicatorIds: string[]; source: string };

/** The targets a plan would set, old → new (the first PREVIEW_CHANGES_LISTED listed). */
export interface TargetsPreview {
  token: string;
  periodId: string;
  label: string;
  changes: PreviewChange[];
  changeCount: number;
  /** Cells not changed because they are 不适用, named. */
  skipped: string[];
}

/** 年度计划's page: the year's plan, this period's progress, the ledger and the report drafted from it. */
export interface PlanPage {
  periodLabel: string;
  year: number;
  plan: YearPlan | null;
  progress: PlanProgress;
  ledger: Ledger;
  report: PlanReport;
  /** The township indicators a task may add up: id, name, unit. */
  indicators: { id: string; name: string; unit: string }[];
}

export interface PlanPreview {
  token: string;
  title: string;
  tasks: YearPlan['tasks'];
  projects: number;
  keyWork: number;
  /** Figures and 进展 read with the tasks (the ledger's export read back). */
  progress: number;
  /** Rows refused, each naming its place; 确认 is refused while there are any. */
  problems: string[];
  /** The table's year is not the period's (2024年目标任务 pasted into 2023年). */
  yearNote: string;
}
