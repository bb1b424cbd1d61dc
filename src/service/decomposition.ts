/**
 * 目标分解 in the worker: one indicator's split (by weights or by growth), the 目标分解表 of several
 * indicators, pasted columns and row orders — and a plan made the period's 任务数 in one undoable
 * step, after a preview of every target it changes (the split remembered with the period).
 */
import { UserError, cellKey, periodLabel, type CellChange, type Cell, type Period } from '../model';
import { formatPlain } from '../model/format';
import { fieldText } from '../engine/text/describe';
import { normalizeCell, periodMeta } from '../engine/workbook/commands';
import { readPastedColumn, readUnitOrder, type PastedColumn } from '../engine/import/pastedColumn';
import { decompositionTable, type DecompositionLayout, type DecompositionSource, type DecompositionTable } from '../engine/whatif/decompositionTable';

/** A page of a 目标分解表, with the table's row count. */
export type DecompositionTablePage = DecompositionTable & { rowCount: number; offset: number };
import { exportDecompositionTable } from '../xlsx/exportDecomposition';
import type { GrowthBasis } from '../engine/whatif/growth';
import type { WeightBasis } from '../engine/whatif/decompose';
import type { RoundingMode } from '../model/exact';
import { windowsFileName } from '../model';
import { growthSplit, indicatorOf, splitOf, weightSplit, type SplitForm } from './splitTargets';
import type { ServiceContext } from './context';
import { change, read } from './api';
import { PREVIEW_CHANGES_LISTED, type EditOutcome, type FileOut, type TargetsAsk, type TargetsPreview } from './protocol';
import { PreviewTokens } from './previewTokens';

/** The targets a plan gives each indicator (unit id → target), and what the step is called. */
interface PlannedTargets {
  label: string;
  byIndicator: { indicatorId: string; targets: Map<string, number> }[];
  /** The split to remember with the period (a single indicator's form). */
  remember?: { indicatorId: string; form: SplitForm };
  from: string;
}

export function decompositionApi(ctx: ServiceContext) {
  const asked = new PreviewTokens<{ periodId: string; ask: TargetsAsk }>('targets', '目标任务预览已失效，请重新操作。');

  /** What a plan asks to set, computed here from its inputs (never the page's numbers). */
  const planned = (p: Period, ask: TargetsAsk): PlannedTargets => {
    const s = ctx.session();
    if (ask?.kind === 'split') {
      const split = splitOf(p, ask.indicatorId, ask.form, (id) => s.period(id));
      if (!split.ready) throw new UserError('请先输入权重，再设为本期任务数。');
      const targets = new Map(split.rows.flatMap((r) => (r.target === null ? [] : [[r.unitId, r.target] as const])));
      return { label: `设为本期任务数：${split.indicatorName}`, byIndicator: [{ indicatorId: ask.indicatorId, targets }], remember: { indicatorId: ask.indicatorId, form: ask.form }, from: `目标分解（${split.basisLabel}）` };
    }
    if (ask?.kind === 'table') {
      // In the indicators' own units (a column shown in 亿元 is set in the unit it is kept in).
      const t = decompositionTable(p, ask.indicatorIds, ask.source, '', {});
      const byIndicator = t.columns.map((c, j) => ({ indicatorId: c.indicatorId, targets: new Map(t.rows.flatMap((r) => (r.values[j] === null ? [] : [[r.unitId, r.values[j]!] as const]))) }));
      return { label: `设为本期任务数：目标分解表（${t.columns.length} 个指标）`, byIndicator, from: '目标分解表' };
    }
    throw new UserError('设为本期任务数的内容无法识别。');
  };

  /** The cells a plan changes: a target set where it differs (a 不适用 cell is left as it is, and said). */
  const changesOf = (p: Period, plan: PlannedTargets) => {
    const changes: CellChange[] = [];
    const skipped: string[] = [];
    const unitName = new Map(p.units.map((u) => [u.id, u.name]));
    for (const { indicatorId, targets } of plan.byIndicator) {
      const ind = indicatorOf(p, indicatorId);
      for (const [unitId, target] of targets) {
        const before = normalizeCell(p.cells[cellKey(unitId, indicatorId)]);
        if (before?.state === 'na') {
          skipped.push(`${unitName.get(unitId)}「${ind.name}」`);
          continue;
        }
        if (before?.target === target) continue;
        const after: Cell = { ...(before ?? { state: 'value', target: null, actual: null }), target };
        if (after.state === 'missing') after.state = 'value';
        changes.push({ unitId, indicatorId, before, after });
      }
    }
    return { changes, skipped };
  };

  const previewOf = (token: string, periodId: string, ask: TargetsAsk): TargetsPreview => {
    const p = ctx.session().period(periodId);
    const plan = planned(p, ask);
    const { changes, skipped } = changesOf(p, plan);
    const unitName = new Map(p.units.map((u) => [u.id, u.name]));
    const indName = new Map(p.indicators.map((i) => [i.id, i.name]));
    const listed = changes.slice(0, PREVIEW_CHANGES_LISTED).map((c) => ({
      unitId: c.unitId,
      indicatorId: c.indicatorId,
      unitName: unitName.get(c.unitId) ?? c.unitId,
      indicatorName: indName.get(c.indicatorId) ?? c.indicatorId,
      field: '任务数' as const,
      oldText: fieldText(c.before, 'target'),
      newText: fieldText(c.after, 'target'),
      where: plan.from,
    }));
    return { token, periodId, label: plan.label, changes: listed, changeCount: changes.length, skipped };
  };

  /** A list of township names pasted (a plan's 乡镇 column): the units in that order, and what was not matched. */
  function unitOrder(periodId: string, text: string) {
    return readUnitOrder(text, ctx.session().period(periodId).units);
  }

  /** A block pasted into a column of entry boxes, read by township name where it has names (pastedColumn.ts). */
  function readPasted(periodId: string, text: string, from: number): PastedColumn {
    return readPastedColumn(text, ctx.session().period(periodId).units, from);
  }

  /** Growth targets (earlier period × (1 + rate %)), in the shape of a split: shown and applied alike. */
  function growthDecomposition(periodId: string, indicatorId: string, sourcePeriodId: string, basis: GrowthBasis, rateText: string, mode: RoundingMode) {
    const s = ctx.session();
    const p = s.period(periodId);
    return growthSplit(p, indicatorOf(p, indicatorId), s.period(sourcePeriodId), { rateText, growthOf: basis, rounding: mode });
  }

  /** A split of the city total by weights, from the boxes' texts as typed (splitTargets.ts). */
  function decomposition(periodId: string, indicatorId: string, totalText: string, basis: WeightBasis, sourcePeriodId: string | null, typedTexts: Record<string, string>, minimumText = '') {
    const s = ctx.session();
    const p = s.period(periodId);
    return weightSplit(p, indicatorOf(p, indicatorId), sourcePeriodId ? s.period(sourcePeriodId) : null, { basis, totalText, typed: typedTexts, minimumText });
  }

  /**
   * The 目标分解表 of several indicators (seed 001), from the period's targets, a scenario or each
   * indicator's latest 目标分解. With `page`, only its rows (`offset` kept within the table; a
   * province's 40 000 rows were sent and drawn whole); `rowCount` is the table's.
   */
  function tableOf(periodId: string, indicatorIds: string[], source: DecompositionSource, title: string, layout: DecompositionLayout = {}, page?: { offset: number; size: number }): DecompositionTablePage {
    const t = decompositionTable(ctx.session().period(periodId), indicatorIds, source, title, layout);
    const rowCount = t.rows.length;
    if (!page) return { ...t, rowCount, offset: 0 };
    const size = Number.isInteger(page.size) && page.size > 0 ? page.size : rowCount;
    const asked = Number.isInteger(page.offset) && page.offset > 0 ? page.offset : 0;
    const offset = Math.min(asked - (asked % size), Math.max(0, Math.floor((rowCount - 1) / size) * size));
    return { ...t, rows: t.rows.slice(offset, offset + size), rowCount, offset };
  }

  async function exportTable(periodId: string, indicatorIds: string[], source: DecompositionSource, title: string, layout: DecompositionLayout = {}): Promise<FileOut> {
    const p = ctx.session().period(periodId);
    const t = decompositionTable(p, indicatorIds, source, title, layout);
    return { fileName: windowsFileName(t.title, 'xlsx'), bytes: await exportDecompositionTable(t, p.issuer) };
  }

  /** 设为本期任务数: every target a plan would change, old → new; changes nothing. */
  function targetsPreview(periodId: string, ask: TargetsAsk): TargetsPreview {
    return previewOf(asked.add({ periodId, ask }), periodId, ask);
  }

  /**
   * The plan's targets as the period's 任务数: one undoable step, planned again against the period
   * as it is now and judged by the gate; a split's form is remembered with the period. A token is
   * confirmed once.
   */
  async function applyTargets(periodId: string, token: string): Promise<EditOutcome> {
    const job = asked.get(token);
    asked.drop(token);
    if (job.periodId !== periodId) throw new UserError('目标任务预览已失效，请重新点“设为本期任务数”。');
    const s = ctx.session();
    const p = s.period(periodId);
    const plan = planned(p, job.ask);
    const { changes } = changesOf(p, plan);
    const meta = periodMeta(p);
    if (plan.remember) meta.decompositions = { ...meta.decompositions, [plan.remember.indicatorId]: plan.remember.form };
    if (!changes.length && !plan.remember) throw new UserError(`${periodLabel(p)}的任务数已与之相同，没有要改的。`);
    return s.setMeta(periodId, meta, `${plan.label}（${formatPlain(changes.length)} 个单元格）`, changes);
  }

  return {
    readUnitOrder: read(unitOrder),
    readPasted: read(readPasted),
    growthDecomposition: read(growthDecomposition),
    decomposition: read(decomposition),
    decompositionTable: read(tableOf),
    exportDecompositionTable: read(exportTable),
    targetsPreview: read(targetsPreview),
    applyTargets: change(ctx, applyTargets),
  };
}
