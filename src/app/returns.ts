/**
 * Township returns (报送) in the worker: the fill-in templates, many returned files previewed as
 * one, applied as one undoable step (through the queue), and who has reported for the period.
 */
import { UserError, cellKey, type CellChange, type PeriodMeta } from '../model';
import { previousPeriod } from '../engine/periods';
import { newId } from '../store/repository';
import { readImportFile } from '../xlsx/import';
import { planReturns, type ReturnFileFacts, type ReturnsPlan } from '../xlsx/returnsPlan';
import { reportedIndicators, returnTemplateFileName, writeReturnTemplate } from '../xlsx/returnTemplate';
import type { ServiceContext } from './context';
import { PREVIEW_CHANGES_LISTED, type EditOutcome, type FileOut } from './protocol';

/** Files one returns import reads at most (a county has a few dozen townships). */
const MAX_RETURN_FILES = 200;
const MAX_RETURN_BYTES = 20 * 1024 * 1024;
const MAX_RETURN_TOTAL = 60 * 1024 * 1024;

export type ReturnsPreview = Omit<ReturnsPlan, 'cellChanges' | 'overwrites' | 'changes'> & {
  token: string;
  periodId: string;
  changes: ReturnsPlan['changes'];
  changesTotal: number;
  /** Cells taken as they are, and cells over a different figure (taken only if chosen). */
  takeCount: number;
  overwriteCount: number;
};

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

export function returnsApi(ctx: ServiceContext) {
  const pending = new Map<string, { periodId: string; files: ReturnFileFacts[] }>();
  const planFor = (periodId: string, files: ReturnFileFacts[]) => {
    const s = ctx.session();
    return planReturns(files, s.period(periodId), previousPeriod(s.workbook.periods, periodId));
  };

  return {
    /** One workbook with a sheet per township asked for (all when empty). */
    async exportReturnTemplate(periodId: string, unitIds: string[]): Promise<FileOut> {
      const p = ctx.session().period(periodId);
      const ids = unitIds.length ? unitIds : p.units.map((u) => u.id);
      return { fileName: returnTemplateFileName(p, ids), bytes: await writeReturnTemplate(p, ids) };
    },

    /** Read every returned file and plan them together; changes nothing. A bad file is named and the rest still read. */
    async previewReturns(periodId: string, files: { name: string; bytes: Uint8Array }[]): Promise<ReturnsPreview> {
      if (!files.length) throw new UserError('没有选择文件。');
      if (files.length > MAX_RETURN_FILES) throw new UserError(`一次最多导入 ${MAX_RETURN_FILES} 个报送文件，这次选择了 ${files.length} 个。`);
      ctx.session().period(periodId);
      // Read here, in the engine worker, one after another: township returns are small, and a pile
      // of big files would hold every other request meanwhile.
      const total = files.reduce((n, f) => n + f.bytes.byteLength, 0);
      if (total > MAX_RETURN_TOTAL) throw new UserError(`所选的 ${files.length} 个文件共 ${(total / 1024 / 1024).toFixed(0)} MB，超过了一次导入报送 ${MAX_RETURN_TOTAL / 1024 / 1024} MB 的上限。请分批导入，或用“导入 Excel”导入大文件。`);
      const read: ReturnFileFacts[] = [];
      const unreadable: string[] = [];
      for (const f of files) {
        if (f.bytes.byteLength > MAX_RETURN_BYTES) {
          unreadable.push(`文件“${f.name}”有 ${(f.bytes.byteLength / 1024 / 1024).toFixed(0)} MB，不像乡镇的报送表（上限 20 MB），未读取。`);
          continue;
        }
        try {
          read.push({ fileName: f.name, facts: await readImportFile(f.bytes, f.name) });
        } catch (e) {
          unreadable.push(`文件“${f.name}”无法读取：${(e as Error).message}`);
        }
      }
      const plan = planFor(periodId, read);
      const token = newId('returns');
      pending.set(token, { periodId, files: read });
      const { cellChanges, overwrites, changes, ...rest } = plan;
      return {
        ...rest,
        errors: [...unreadable, ...rest.errors],
        changes: changes.slice(0, PREVIEW_CHANGES_LISTED),
        changesTotal: changes.length,
        takeCount: cellChanges.length,
        overwriteCount: overwrites.length,
        token,
        periodId,
      };
    },

    /**
     * Take the returns in as one undoable step, planned again against the period as it is now;
     * figures over different ones already there only when `overwrite`. Records who reported.
     */
    applyReturns: (periodId: string, token: string, overwrite: boolean): Promise<EditOutcome> =>
      ctx.queue.run(async () => {
        const job = pending.get(token);
        if (!job || job.periodId !== periodId) throw new UserError('报送文件已失效，请重新选择文件。');
        const s = ctx.session();
        const plan = planFor(periodId, job.files);
        const changes: CellChange[] = [...plan.cellChanges, ...(overwrite ? plan.overwrites : [])];
        const { id: _id, cells: _cells, ...shallow } = s.period(periodId);
        const meta: PeriodMeta = structuredClone(shallow);
        const at = new Date().toISOString();
        const returns = { ...(meta.returns ?? {}) };
        for (const r of plan.reported) returns[r.unitId] = { fileName: r.fileNames.join('、'), at, values: r.values };
        meta.returns = returns;
        const out = await s.setMeta(periodId, meta, `导入报送 ${job.files.length} 个文件`, changes);
        if (out.ok) pending.delete(token);
        ctx.afterChange();
        return out;
      }),

    discardReturns(token: string): void {
      pending.delete(token);
    },

    /** 报送情况: every unit, whether a return came in, and how many of its figures are filled. */
    returnsStatus(periodId: string): ReturnStatusRow[] {
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
    },
  };
}
