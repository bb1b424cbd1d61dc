import { type Indicator, type Period, type PeriodResult } from '../../model';
import { STATES } from './scoreReading';

const PENDING = STATES.indexOf('pending');
import { compareQuotients, decCmp, decNumber, decQuotient, decSum, type Dec } from '../../model/exact';

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
  readonly entries: readonly CompletionEntry[];
  /** Σ actual and Σ target as decimals, exactly (a province's 合计 needs more digits than a double holds). */
  sumActualExact: Dec;
  sumTargetExact: Dec;
  /** The same, as doubles (for charts). */
  sumActual: number;
  sumTarget: number;
  /** Σ actual / Σ target rounded to 4 decimals (0.00 %) on the exact sums; null when Σ target is 0. */
  rate: number | null;
  /** Σ actual ≥ Σ target, on the exact sums. */
  sumReached: boolean | null;
  readonly completedUnitIds: readonly string[];
  readonly notCompletedUnitIds: readonly string[];
  /** Up to three units with the highest actuals (完成较高的为 …). */
  readonly topUnitIds: readonly string[];
  /** Units left out: not applicable, missing, or in error. */
  readonly excludedUnitIds: readonly string[];
}

/** The units with data (and their place in the period) and the units left out, from the columns when the result has them. */
function gather(period: Period, result: PeriodResult, ind: Indicator): { entries: (CompletionEntry & { at: number })[]; excluded: string[] } {
  const entries: (CompletionEntry & { at: number })[] = [];
  const excluded: string[] = [];
  const f = result.figures?.(ind.id);
  period.units.forEach((u, i) => {
    if (f) {
      const rate = f.rate[i]!;
      if (Number.isNaN(rate) || Number.isNaN(f.actual[i]!) || Number.isNaN(f.target[i]!) || f.errors.has(i)) excluded.push(u.id);
      else entries.push({ unitId: u.id, actual: f.actual[i]!, target: f.target[i]!, rate, pending: f.state[i] === PENDING, at: i });
      return;
    }
    const c = result.cell(u.id, ind.id);
    if (!c || c.error || c.actual === null || c.target === null || c.rate === null) excluded.push(u.id);
    else entries.push({ unitId: u.id, actual: c.actual, target: c.target, rate: c.rate, pending: c.state === 'pending', at: i });
  });
  return { entries, excluded };
}

/**
 * Summaries already made of a result (kept while the result stands, i.e. until the next change):
 * the 附件 tabs, their pages, the charts and the 通报 all ask for the same ones, and at 40 000 units
 * each costs 60 ms (a sort and exact sums). Keyed by the period object too: a change of the period
 * that keeps the result (its 截至 date, say) gets new ones.
 */
const made = new WeakMap<PeriodResult, { period: Period; byIndicator: Map<string, IndicatorSummary> }>();

export function summarizeIndicator(period: Period, result: PeriodResult, ind: Indicator): IndicatorSummary {
  let known = made.get(result);
  if (known?.period !== period) made.set(result, (known = { period, byIndicator: new Map() }));
  let s = known.byIndicator.get(ind.id);
  if (!s) known.byIndicator.set(ind.id, (s = summarize(period, result, ind)));
  return s;
}

function summarize(period: Period, result: PeriodResult, ind: Indicator): IndicatorSummary {
  const { entries, excluded } = gather(period, result, ind);
  // Actual descending; equal actuals by rate (on the decimals), then the units' own order.
  entries.sort((a, b) => b.actual - a.actual || compareQuotients(b.actual, b.target, a.actual, a.target) || a.at - b.at);
  const sumActualExact = decSum(entries.map((e) => e.actual));
  const sumTargetExact = decSum(entries.map((e) => e.target));
  const positive = sumTargetExact.m > 0n;
  // Decimals compare as doubles (a ≥ t exactly): 0.3 of a 0.3 target is completed.
  const completed = entries.filter((e) => e.actual >= e.target);
  const notCompleted = entries.filter((e) => !(e.actual >= e.target));
  return {
    indicatorId: ind.id,
    entries,
    sumActualExact,
    sumTargetExact,
    sumActual: decNumber(sumActualExact),
    sumTarget: decNumber(sumTargetExact),
    rate: positive ? decNumber(decQuotient(sumActualExact, sumTargetExact, 4)) : null,
    sumReached: positive ? decCmp(sumActualExact, sumTargetExact) >= 0 : null,
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
