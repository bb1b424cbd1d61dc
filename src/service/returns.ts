/**
 * Township returns (报送) in the worker: the fill-in templates, many returned files previewed as
 * one, applied as one undoable step (through the queue), and who has reported for the period.
 */
import { formatSize } from '../model/format';
import { UserError, cellKey, periodLabel, type CellChange, type Period } from '../model';
import { previousPeriod } from '../engine/workbook/periods';
import { readReturnFile, type ReturnFileRead } from '../xlsx/import';
import { planReturns, reportedIndicators, type ReturnFileFacts } from '../engine/import/returnsPlan';
import type { Mappings } from '../engine/import/importPlan';
import { returnTemplateFileName, writeReturnTemplate } from '../xlsx/returnTemplate';
import { writeReturnTemplateZip } from '../xlsx/returnTemplateZip';
import { periodMeta } from '../engine/workbook/commands';
import type { ServiceContext } from './context';
import { PreviewTokens } from './previewTokens';
import { namesToMap } from './mappableNames';
import { change, read } from './api';
import { PREVIEW_CHANGES_LISTED, type EditOutcome, type FileOut, type ReturnsPreview } from './protocol';

/** Files one returns import reads at most (a county has a few dozen townships). */
const MAX_RETURN_FILES = 200;
const MAX_RETURN_BYTES = 20 * 1024 * 1024;
const MAX_RETURN_TOTAL = 60 * 1024 * 1024;

/** Returned files read, with the person's choices so far, kept until 确认导入 or 取消. */
interface ReturnsJob {
  periodId: string;
  files: ReturnFileFacts[];
  picks: Record<string, string>;
  mappings: Mappings;
  unreadable: string[];
  warnings: string[];
}

export interface ReturnStatusRow {
  unitId: string;
  unitName: string;
  /** The last return taken in, or null. */
  fileName: string | null;
  at: string | null;
  /** Indicators the township reports, and how many have a figure now. */
  filled: number;
  expected: number;
}

/**
 * Why a returned file is not this period's return (what the file is, in words), or null. Only the
 * template downloaded for this period (its mark) is taken: not a 附件 export, a workbook file, last
 * quarter's template or a table typed elsewhere. The same period of a copy of the workbook is taken, with a word.
 */
function notThisReturn(fileName: string, r: ReturnFileRead, period: Period): { refused?: string; warning?: string } {
  const own = periodLabel(period);
  const file = `文件“${fileName}”`;
  if (r.workbookFile) return { refused: `${file}是考核工作簿保存的工作簿文件，不是乡镇的报送表，未导入。如需打开它，请用“工作簿操作 › 打开文件”。` };
  const m = r.mark;
  if (m?.kind === 'export') return { refused: `${file}是从考核工作簿导出的${m.label ? ` ${m.label} ` : ''}${m.what || '表格'}，不是乡镇的报送表，未导入。如需导入其中的数据，请用“导入 Excel”。` };
  if (m?.kind === 'return') {
    if (m.periodId === period.id) return {};
    if (m.label === own) return { warning: `${file}是另一个工作簿（或其副本）中 ${own} 的报送模板，已按本期读取，请核对。` };
    return { refused: `${file}是 ${m.label || '另一考核期'} 的报送模板，而当前考核期是 ${own}，未导入。请让乡镇填写本期的模板。` };
  }
  return { refused: `${file}不是本期下发的报送模板（文件中没有 ${own} 报送模板的标记：可能是自行制作的表格，或内容被复制到了别的文件），未导入。请让乡镇在“报送情况”下载的模板中填写后报送。` };
}

export function returnsApi(ctx: ServiceContext) {
  const jobs = new PreviewTokens<ReturnsJob>('returns', '报送文件已失效，请重新选择文件。', 4);
  const planFor = (job: ReturnsJob) => {
    const s = ctx.session();
    return planReturns(job.files, s.period(job.periodId), previousPeriod(s.workbook.periods, job.periodId), job.picks, job.mappings);
  };
  const previewOf = (token: string): ReturnsPreview => {
    const job = jobs.get(token);
    const { cellChanges, overwrites, changes, ...rest } = planFor(job);
    return {
      ...rest,
      names: namesToMap(ctx.session().period(job.periodId), rest.unmatched),
      errors: [...job.unreadable, ...rest.errors],
      warnings: [...job.warnings, ...rest.warnings],
      changes: changes.slice(0, PREVIEW_CHANGES_LISTED),
      changesTotal: changes.length,
      takeCount: cellChanges.length,
      overwriteCount: overwrites.length,
      token,
      periodId: job.periodId,
    };
  };

  /** One workbook with a sheet per township asked for (all when empty). */
  async function exportReturnTemplate(periodId: string, unitIds: string[]): Promise<FileOut> {
    const p = ctx.session().period(periodId);
    const ids = unitIds.length ? unitIds : p.units.map((u) => u.id);
    return { fileName: returnTemplateFileName(p, ids), bytes: await writeReturnTemplate(p, ids, ctx.session().workbook.id) };
  }

  /** A .zip with one file per township (乡镇-期次.xlsx), each with only its own sheet. */
  async function exportReturnTemplateZip(periodId: string): Promise<FileOut> {
    const p = ctx.session().period(periodId);
    return writeReturnTemplateZip(p, p.units.map((u) => u.id), ctx.session().workbook.id);
  }

  /** Read every returned file and plan them together; changes nothing. A bad file is named and the rest still read. */
  async function previewReturns(periodId: string, files: { name: string; bytes: Uint8Array; lastModified?: number }[]): Promise<ReturnsPreview> {
    if (!files.length) throw new UserError('没有选择文件。');
    if (files.length > MAX_RETURN_FILES) throw new UserError(`一次最多导入 ${MAX_RETURN_FILES} 个报送文件，这次选择了 ${files.length} 个。`);
    const period = ctx.session().period(periodId);
    // Read here, in the engine worker, one after another: township returns are small, and a pile
    // of big files would hold every other request meanwhile.
    const total = files.reduce((n, f) => n + f.bytes.byteLength, 0);
    if (total > MAX_RETURN_TOTAL) throw new UserError(`所选的 ${files.length} 个文件共 ${formatSize(total)}，超过了一次导入报送 ${MAX_RETURN_TOTAL / 1024 / 1024} MB 的上限。请分批导入，或用“导入 Excel”导入大文件。`);
    const read: ReturnFileFacts[] = [];
    const unreadable: string[] = [];
    const warnings: string[] = [];
    for (const f of files) {
      if (f.bytes.byteLength > MAX_RETURN_BYTES) {
        unreadable.push(`文件“${f.name}”有 ${formatSize(f.bytes.byteLength)}，不像乡镇的报送表（上限 20 MB），未读取。`);
        continue;
      }
      try {
        const r = await readReturnFile(f.bytes, f.name);
        const why = notThisReturn(f.name, r, period);
        if (why.refused) unreadable.push(why.refused);
        else read.push({ fileName: f.name, facts: r.facts, ...(typeof f.lastModified === 'number' && Number.isFinite(f.lastModified) ? { lastModified: f.lastModified } : {}) });
        if (why.warning) warnings.push(why.warning);
      } catch (e) {
        unreadable.push(`文件“${f.name}”无法读取：${(e as Error).message}`);
      }
    }
    return previewOf(jobs.add({ periodId, files: read, picks: {}, mappings: { units: {}, indicators: {} }, unreadable, warnings }));
  }

  /** A township in several files: count this file for it; the preview as it now is. Changes nothing. */
  async function chooseReturnFile(token: string, unitId: string, fileName: string): Promise<ReturnsPreview> {
    const job = jobs.get(token);
    if (!job.files.some((f) => f.fileName === fileName)) throw new UserError(`没有选择过文件“${fileName}”。`);
    job.picks = { ...job.picks, [unitId]: fileName };
    return previewOf(token);
  }

  /**
   * A name in the files that no township goes by (金湖新区, when the period has 金湖街道): the person
   * maps it to a township, or skips it; the preview as it now is. Changes nothing.
   */
  async function mapReturnNames(token: string, mappings: Mappings): Promise<ReturnsPreview> {
    const job = jobs.get(token);
    const p = ctx.session().period(job.periodId);
    const known = (ids: Record<string, string>, list: { id: string }[]) =>
      Object.fromEntries(Object.entries(ids ?? {}).filter(([k, v]) => typeof k === 'string' && k.length <= 200 && (v === 'skip' || list.some((x) => x.id === v))));
    job.mappings = { units: known(mappings?.units, p.units), indicators: known(mappings?.indicators, p.indicators) };
    return previewOf(token);
  }

  /**
   * Take the returns in as one undoable step, planned again against the period as it is now;
   * figures over different ones already there only when `overwrite`. Records who reported.
   */
  async function applyReturns(periodId: string, token: string, overwrite: boolean): Promise<EditOutcome> {
    const job = jobs.get(token);
    if (job.periodId !== periodId) throw new UserError('报送文件已失效，请重新选择文件。');
    const s = ctx.session();
    const plan = planFor(job);
    const changes: CellChange[] = [...plan.cellChanges, ...(overwrite ? plan.overwrites : [])];
    const meta = periodMeta(s.period(periodId));
    const at = new Date().toISOString();
    // Who reported is recorded only when someone did (an import that takes nothing writes nothing).
    if (plan.reported.length) {
      const returns = { ...(meta.returns ?? {}) };
      for (const r of plan.reported) returns[r.unitId] = { fileName: r.fileNames.join('、'), at, values: r.values };
      meta.returns = returns;
    }
    const out = await s.setMeta(periodId, meta, `导入报送 ${job.files.length} 个文件`, changes);
    if (out.ok) jobs.drop(token);
    return out;
  }

  function discardReturns(token: string): void {
    jobs.drop(token);
  }

  /** 报送情况: every unit, whether a return came in, and how many of its figures are filled. */
  function returnsStatus(periodId: string): ReturnStatusRow[] {
    const p = ctx.session().period(periodId);
    const inds = reportedIndicators(p);
    return p.units.map((u) => {
      let filled = 0;
      let expected = 0;
      for (const ind of inds) {
        const c = p.cells[cellKey(u.id, ind.id)];
        if (c?.state === 'na') continue;
        expected++;
        if (c && (c.state === 'pending' || (c.state === 'value' && c.actual !== null))) filled++;
      }
      const r = p.returns?.[u.id];
      return { unitId: u.id, unitName: u.name, fileName: r?.fileName ?? null, at: r?.at ?? null, filled, expected };
    });
  }

  return {
    exportReturnTemplate: read(exportReturnTemplate),
    exportReturnTemplateZip: read(exportReturnTemplateZip),
    previewReturns: read(previewReturns),
    chooseReturnFile: read(chooseReturnFile),
    mapReturnNames: read(mapReturnNames),
    applyReturns: change(ctx, applyReturns),
    discardReturns: read(discardReturns),
    returnsStatus: read(returnsStatus),
  };
}
