import { type Indicator, type Period, type PeriodResult } from '../model';
import { approxGreaterOrEqual } from './decimal';

/** One unit's line in a completion table (附件1–5). */
export interface CompletionEntry {
  unitId: string;
  actual: number;
  target: number;
  rate: number;
  pending: boolean;
}

/** What the bulletin says of one indicator: totals, who completed, the top three. */
export interface IndicatorSummary {
  indicatorId: string;
  /** Units with data, sorted by actual descending (ties: higher rate, then unit order). */
  entries: CompletionEntry[];
  sumActual: number;
  sumTarget: number;
  /** Σ actual / Σ target; null when Σ target is 0. */
  rate: number | null;
  completedUnitIds: string[];
  notCompletedUnitIds: string[];
  /** Up to three units with the highest actuals (完成较高的为 …). */
  topUnitIds: string[];
  /** Units left out: not applicable, missing, or in error. */
  excludedUnitIds: string[];
}

export function summarizeIndicator(period: Period, result: PeriodResult, ind: Indicator): IndicatorSummary {
  const entries: CompletionEntry[] = [];
  const excluded: string[] = [];
  const unitOrder = new Map(period.units.map((u, i) => [u.id, i]));
  for (const u of period.units) {
    const c = result.cell(u.id, ind.id);
    if (!c || c.error || c.actual === null || c.target === null || c.rate === null) {
      excluded.push(u.id);
      continue;
    }
    entries.push({ unitId: u.id, actual: c.actual, target: c.target, rate: c.rate, pending: c.state === 'pending' });
  }
  entries.sort((a, b) => b.actual - a.actual || b.rate - a.rate || unitOrder.get(a.unitId)! - unitOrder.get(b.unitId)!);
  const sumActual = entries.reduce((s, e) => s + e.actual, 0);
  const sumTarget = entries.reduce((s, e) => s + e.target, 0);
  const completed = entries.filter((e) => approxGreaterOrEqual(e.actual, e.target));
  const notCompleted = entries.filter((e) => !approxGreaterOrEqual(e.actual, e.target));
  return {
    indicatorId: ind.id,
    entries,
    sumActual,
    sumTarget,
    rate: sumTarget > 0 ? sumActual / sumTarget : null,
    completedUnitIds: completed.map((e) => e.unitId),
    notCompletedUnitIds: notCompleted.map((e) => e.unitId),
    topUnitIds: entries.slice(0, 3).map((e) => e.unitId),
    excludedUnitIds: excluded,
  };
}

/** The indicators that have a completion table, in annex order. */
export function annexIndicators(period: Period): Indicator[] {
  return period.indicators.filter((i) => i.annex).sort((a, b) => a.annex!.no - b.annex!.no);
}
