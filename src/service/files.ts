/**
 * Files in and out: import preview and apply, the styled export, and the workbook file (save,
 * inspect, open). Opening validates everything before anything is written, and writes in one
 * transaction; a copy gets new ids throughout.
 */
import { formatSize } from '../model/format';
import { UserError, periodLabel, windowsFileName, type CellColumns, type Period, type SnapshotContent, type WorkbookFileContent } from '../model';
import type * as XLSX from '@e965/xlsx';
import { renewIds } from '../engine/workbook/renew';
import { newId, putWorkbook, workbookExists, listWorkbooks } from '../store/repository';
import { readSnapshots } from '../store/snapshots';
import { periodMeta, sameWorkbook } from '../engine/workbook/commands';
import { exportFileName, exportTables, type ExportPart } from '../xlsx/export';
import { readImportFile } from '../xlsx/import';
import type { SheetFacts } from '../engine/import/layouts';
import { planImport } from '../engine/import/importPlan';
import { previousPeriod } from '../engine/workbook/periods';
import type { ImportPlan, Mappings } from '../engine/import/importPlan';
import { FILE_FORMAT, FILE_FORMAT_VERSION, readWorkbookFileFull, writeWorkbookFile } from '../xlsx/workbookFile';
import { editedPeriods, planDataSheet } from '../xlsx/workbookFileSheets';
import type { ServiceContext } from './context';
import { PreviewTokens } from './previewTokens';
import { namesToMap } from './mappableNames';
import { mutation, read, change } from './api';
import { PREVIEW_CHANGES_LISTED, type EditOutcome, type FileOut, type ImportPreview, type OpenedFile, type WorkbookFileInfo } from './protocol';
import { WorkbookSession } from './session';
import { refusal, withoutRefused, workbookProblems } from './gate';

const MAX_FILE_BYTES = 200 * 1024 * 1024;

/** A previewed import: how to (re)plan it against the period as it is when confirmed. */
interface PendingImport {
  fileName: string;
  periodId: string;
  plan: (mappings: Mappings) => ImportPlan;
}

/** A workbook file read and checked, waiting for 替换 or 作为副本打开. */
interface PendingWorkbookFile {
  content: WorkbookFileContent;
  integrity: 'ok' | 'legacy' | 'mismatch';
  fileName: string;
  /** Its 数据 sheets as read (kept to compare them without reading the file twice); null when it has none. */
  book: XLSX.WorkBook | null;
  /** What the value policy refuses in it, found once when it was read (the content is not changed after). */
  refused: string[];
  /** The workbook's cells by period and column as read (the same cell objects), null for older files. */
  columns: Map<string, CellColumns> | null;
}

function previewOf(token: string, period: Period, plan: ImportPlan): ImportPreview {
  const { cellChanges, ...rest } = plan;
  return {
    ...rest,
    names: namesToMap(period, plan.unmatched),
    changes: plan.changes.slice(0, PREVIEW_CHANGES_LISTED),
    changesTotal: plan.changes.length,
    totals: plan.totals.slice(0, PREVIEW_CHANGES_LISTED),
    totalsCount: plan.totals.length,
    token,
    periodId: period.id,
    changeCount: cellChanges.length + plan.totals.length + plan.cityTargets.length,
  };
}

/** The reader worker's facts, posted to this port before the page handed it over. */
function factsFrom(port: MessagePort): Promise<SheetFacts[]> {
  return new Promise((resolve, reject) => {
    port.onmessage = (e: MessageEvent<unknown>) => {
      port.close();
      if (Array.isArray(e.data)) resolve(e.data as SheetFacts[]);
      else reject(new UserError('读取导入文件的结果无法识别，请重新选择文件。'));
    };
  });
}

/** Values of a workbook file (its workbook and its versions) the value policy refuses, named. */
function fileProblems(content: WorkbookFileContent, columns: ReadonlyMap<string, CellColumns> | null): string[] {
  return [
    ...workbookProblems(content.workbook, (id) => columns?.get(id)),
    ...content.snapshots.flatMap((snap) => workbookProblems(snap.workbook).map((m) => `版本“${snap.name}”中 ${m}`)),
  ];
}

export function filesApi(ctx: ServiceContext) {
  const imports = new PreviewTokens<PendingImport>('import', '导入文件已失效，请重新选择文件。');
  // A workbook file is held whole in memory until it is opened: only the newest two.
  const files = new PreviewTokens<PendingWorkbookFile>('open', '文件已失效，请重新选择文件。', 2);

  const tooBig = (fileName: string, bytes: Uint8Array) => {
    if (bytes.byteLength > MAX_FILE_BYTES) throw new UserError(`文件“${fileName}”有 ${formatSize(bytes.byteLength)}，超过了 200 MB 的上限，未读取。`);
  };

  /** An import kept under a token; the plan of the preview is reused on 确认 when nothing changed in between. */
  const keepImport = (fileName: string, periodId: string, facts: SheetFacts[]): string => {
    // A 40 000-row plan takes seconds; otherwise it is made again against the period as it is then.
    let last: { session: object; version: number; key: string; plan: ImportPlan } | null = null;
    return imports.add({
      fileName,
      periodId,
      plan: (m) => {
        const session = ctx.session();
        const key = JSON.stringify(m);
        if (last && last.session === session && last.version === session.version && last.key === key) return last.plan;
        const plan = planImport(fileName, facts, session.period(periodId), m, previousPeriod(session.workbook.periods, periodId));
        last = { session, version: session.version, key, plan };
        return plan;
      },
    });
  };

  /**
   * Read a file and propose what importing it would change in the period; changes nothing.
   * Call again with the token (no bytes) after the user maps or skips unmatched names.
   */
  async function previewImport(periodId: string, fileName: string, input: Uint8Array | SheetFacts[] | MessagePort | null, mappings: Mappings, token?: string): Promise<ImportPreview> {
    const s = ctx.session();
    let t = token;
    if (input) {
      // Facts come read already from the page's cancellable reader worker — over a port of their
      // own, so the page never copies them (40 000 rows held its main thread for 0.3 s) — or
      // bytes are read here.
      let facts: SheetFacts[];
      if (input instanceof Uint8Array) {
        tooBig(fileName, input);
        facts = await readImportFile(input, fileName);
      } else if (Array.isArray(input)) facts = input;
      else facts = await factsFrom(input);
      t = keepImport(fileName, periodId, facts);
    }
    const pending = imports.get(t);
    return previewOf(t!, s.period(pending.periodId), pending.plan(mappings));
  }

  /** Apply a previewed import as one undoable step (re-planned against the period as it is now). */
  async function applyImport(periodId: string, token: string, mappings: Mappings): Promise<EditOutcome> {
    const s = ctx.session();
    const pending = imports.get(token);
    const plan = pending.plan(mappings);
    // The scheme only: cloning the period would copy every cell (800 000 at province scale).
    const meta = periodMeta(s.period(periodId));
    if (plan.totals.length) meta.publishedTotals = { ...(meta.publishedTotals ?? {}), ...Object.fromEntries(plan.totals.map((t) => [t.unitId, t.value])) };
    for (const c of plan.cityTargets) {
      const ind = meta.indicators.find((i) => i.id === c.indicatorId);
      if (ind) ind.cityTarget = c.value;
    }
    const out = await s.setMeta(periodId, meta, `导入 ${pending.fileName}`, plan.cellChanges);
    if (out.ok) imports.drop(token);
    return out;
  }

  function discardImport(token: string): void {
    imports.drop(token);
  }

  async function exportTablesOf(periodId: string, part: ExportPart): Promise<FileOut> {
    const s = ctx.session();
    const p = s.period(periodId);
    return { fileName: exportFileName(p, part), bytes: await exportTables(p, s.result(periodId), part) };
  }

  /** The whole workbook, versions included, as the .xlsx that lives on the share. */
  async function saveWorkbookFile(onProgress?: (step: string) => void): Promise<FileOut & { revision: number }> {
    // What this window shows, unsaved changes included: when browser storage fails, the file
    // is exactly where the work must go.
    const s = ctx.session();
    // An edit's write queued behind this save is done first: the revision the page marks as saved to
    // the file is then the one that holds the edit (it said 未保存到文件 of a file that had it). A
    // failing storage does not stop the file.
    await ctx.writePending().catch(() => undefined);
    const { snapshots } = await readSnapshots(ctx.db(), s.workbook.id);
    const content: WorkbookFileContent = {
      format: FILE_FORMAT,
      formatVersion: FILE_FORMAT_VERSION,
      savedAt: new Date().toISOString(),
      workbook: s.workbook,
      snapshots: snapshots.map(({ name, createdAt, auto, workbook }) => ({ name, createdAt, auto, workbook })),
    };
    const bytes = await writeWorkbookFile(content, { results: (p) => s.result(p.id), columnsOf: (p) => s.columns(p.id), ...(onProgress ? { onProgress } : {}) });
    return { fileName: windowsFileName(s.workbook.name, 'xlsx'), bytes, revision: s.revision };
  }

  /** Read and validate a workbook file; nothing is written. */
  async function inspectWorkbookFile(fileName: string, bytes: Uint8Array, onProgress?: (step: string) => void): Promise<WorkbookFileInfo> {
    tooBig(fileName, bytes);
    const read = await readWorkbookFileFull(bytes, fileName, onProgress);
    const refused = fileProblems(read.content, read.columns);
    const token = files.add({ content: read.content, integrity: read.integrity, fileName, book: read.book, refused, columns: read.columns });
    const edits = editedPeriods(read.book, read.content.workbook, fileName);
    const wb = read.content.workbook;
    const last = wb.periods.at(-1);
    const existing = (await listWorkbooks(ctx.db())).items.find((w) => w.id === wb.id);
    return {
      token,
      id: wb.id,
      name: wb.name,
      savedAt: read.content.savedAt,
      unitCount: last?.units.length ?? 0,
      indicatorCount: last?.indicators.length ?? 0,
      exists: existing !== undefined,
      existing: existing ? { name: existing.name, updatedAt: existing.updatedAt } : null,
      periods: read.content.workbook.periods.map((p) => periodLabel(p)),
      snapshots: read.content.snapshots.length,
      integrity: read.integrity,
      sheetEdits: edits.reduce((n, e) => n + e.changes, 0),
      refused,
    };
  }

  /**
   * Restore a workbook file: 'replace' the browser's copy of the same workbook (its current state
   * kept as an automatic version, in the same transaction) or open it as a 'copy' with new ids.
   * A file changed after saving (checksum) opens only with `acceptMismatch`.
   */
  async function openWorkbookFile(token: string, mode: 'replace' | 'copy', opts: { acceptMismatch?: boolean; dropRefused?: boolean } = {}, onProgress: (step: string) => void = () => undefined): Promise<OpenedFile> {
    const pending = files.get(token);
    if (pending.integrity === 'mismatch' && !opts.acceptMismatch) {
      throw new UserError(`文件“${pending.fileName}”的模型数据与保存时的校验码不一致：文件在保存后被改动过，未打开。`);
    }
    // The model passed the schema (its shape); the gate judges what its values mean.
    const refused = pending.refused;
    if (refused.length && !opts.dropRefused) throw refusal(refused, `打开文件“${pending.fileName}”`);
    await ctx.requireSaved('打开文件');
    const db = ctx.db();
    const content = pending.content;
    // Only a file with refused values is copied without them (a province workbook is 800 000 cells).
    let workbook = refused.length ? withoutRefused(content.workbook).workbook : content.workbook;
    let snapshots: SnapshotContent[] = refused.length ? content.snapshots.map((x) => ({ ...x, workbook: withoutRefused(x.workbook).workbook })) : content.snapshots;
    // The cells by column as read: written from them, and the session starts from them (not for a
    // copy, whose cells are cloned, nor a file without its refused values).
    const columns = mode === 'replace' && !refused.length ? pending.columns : null;
    let revision: number;
    if (mode === 'copy') {
      onProgress('正在写入浏览器存储');
      const copy = renewIds(workbook, snapshots, newId, `${workbook.name}（文件副本）`);
      workbook = copy.workbook;
      snapshots = copy.snapshots;
      revision = await putWorkbook(db, workbook, { create: true, snapshots });
    } else {
      const exists = await workbookExists(db, workbook.id);
      const known = exists ? new Set((await readSnapshots(db, workbook.id)).snapshots.map((x) => `${x.name}|${x.createdAt}`)) : new Set<string>();
      // The browser's copy kept as a version first — unless it is the file's own content (the same
      // file opened again): nothing would be lost, and a version per open made the stored workbook
      // and every file saved after it grow by a whole copy each time.
      const open = ctx.hasSession ? ctx.session().workbook : null;
      const unchanged = exists && open !== null && sameWorkbook(open, workbook, (id) => ctx.session().columns(id), columns);
      onProgress(exists && !unchanged ? '正在写入浏览器存储（替换前先把原内容保存为一个版本）' : '正在写入浏览器存储');
      revision = await putWorkbook(db, workbook, { columns, snapshots: snapshots.filter((x) => !known.has(`${x.name}|${x.createdAt}`)), ...(exists && !unchanged ? { autoSnapshot: '打开文件前自动保存' } : {}) });
    }
    files.drop(token);
    onProgress('正在载入工作簿');
    // A format-3 file replacing: what was just written (its cells unpacked as the store keeps them)
    // is what the store holds, so the session starts from it, not from a re-read. An older file's
    // cells (an empty cell, a blank remark) are read back as the store normalised them.
    const session = columns ? WorkbookSession.ofWritten(db, workbook, revision, columns) : await WorkbookSession.open(db, workbook.id);
    ctx.setSession(session);
    // Values edited in the visible sheets: offered as imports, each planned against the period
    // as it is when previewed and again when confirmed.
    const previews = editedPeriods(pending.book, content.workbook, pending.fileName).map(({ index, sheet }) => {
      const periodId = session.workbook.periods[index]!.id;
      const plan = () => planDataSheet(pending.book, sheet, ctx.session().period(periodId), pending.fileName)!;
      const t = imports.add({ fileName: pending.fileName, periodId, plan });
      return previewOf(t, session.period(periodId), plan());
    });
    return { workbooks: (await listWorkbooks(db)).items, state: session.state(), sheetEditPreviews: previews };
  }

  return {
    previewImport: read(previewImport),
    applyImport: change(ctx, applyImport),
    discardImport: read(discardImport),
    exportTables: read(exportTablesOf),
    saveWorkbookFile: mutation(ctx.queue, saveWorkbookFile),
    inspectWorkbookFile: read(inspectWorkbookFile),
    openWorkbookFile: change(ctx, openWorkbookFile),
  };
}
