import { cellKey, type CellResult, type DataError, type Indicator, type Period, type UnitResult } from '../../src/model';
import { roundHalfUp } from '../../src/engine/decimal';
import { competitionRanks } from '../../src/engine/rank';
import { resolveCell, type ResolvedCell } from '../../src/engine/resolve';
import { proportionalScore, rankDualScores, thresholdScore } from '../../src/engine/rules';

/** The engine before it went columnar (kept as the oracle the columnar engine must agree with). */
export interface ReferenceResult {
  cells: Record<string, CellResult>;
  units: UnitResult[];
  schemePoints: number;
  errors: DataError[];
}

function schemePoints(indicators: readonly Indicator[]): number {
  return indicators.reduce((s, i) => s + i.points, 0);
}

/** Scores of one indicator, indexed like period.units. `keys[i]` is the cell key of unit i. */
function scoreIndicator(period: Period, ind: Indicator, keys: string[]): CellResult[] {
  const out: CellResult[] = new Array<CellResult>(period.units.length);
  const resolved: ResolvedCell[] = period.units.map((u, i) => resolveCell(period.cells[keys[i]!], u, ind));
  const rankDualMembers: number[] = [];

  resolved.forEach((r, i) => {
    const unit = period.units[i]!;
    const rate = r.state !== 'na' && r.actual !== null && r.target !== null ? r.actual / r.target : null;
    const res: CellResult = {
      unitId: unit.id,
      indicatorId: ind.id,
      state: r.state,
      target: r.target,
      actual: r.actual,
      rate: r.error ? null : rate,
      score: null,
    };
    if (r.error) res.error = r.error;
    else if (r.state === 'na' || r.state === 'pending') res.score = ind.points;
    else if (r.state === 'value') {
      const { actual, target } = r as { actual: number; target: number };
      switch (ind.rule.kind) {
        case 'proportional':
          res.score = proportionalScore(ind.points, actual, target);
          break;
        case 'threshold':
          res.score = thresholdScore(ind.points, actual, target);
          break;
        case 'manual':
          res.score = r.manualScore;
          break;
        case 'rankDual':
          rankDualMembers.push(i);
          break;
      }
    }
    out[i] = res;
  });

  if (ind.rule.kind === 'rankDual' && rankDualMembers.length > 0) {
    const entries = rankDualMembers.map((i) => ({ actual: resolved[i]!.actual!, rate: resolved[i]!.actual! / resolved[i]!.target! }));
    const scores = rankDualScores(ind.points, ind.rule, entries);
    rankDualMembers.forEach((i, k) => Object.assign(out[i]!, scores[k]));
  }
  return out;
}

/**
 * Score a period: every cell by its indicator's rule, then each unit's total
 * (Σ unrounded scores × 100 / scheme points), rounded half-up to 2 decimals, ranked among the
 * units whose data is complete. Never yields NaN or Infinity: bad data becomes a DataError.
 */
export function referenceScore(period: Period): ReferenceResult {
  // Keys built once: string building and hashing dominate at thousands of units.
  const keysByIndicator = period.indicators.map((ind) => period.units.map((u) => cellKey(u.id, ind.id)));
  const byIndicator = period.indicators.map((ind, j) => scoreIndicator(period, ind, keysByIndicator[j]!));
  const cells: Record<string, CellResult> = {};
  byIndicator.forEach((col, j) => col.forEach((c, i) => (cells[keysByIndicator[j]![i]!] = c)));

  const points = schemePoints(period.indicators);
  const errors: DataError[] = [];
  const units: UnitResult[] = period.units.map((u, i) => {
    let rawSum = 0;
    const missing: string[] = [];
    const unitErrors: DataError[] = [];
    for (let j = 0; j < period.indicators.length; j++) {
      const ind = period.indicators[j]!;
      const c = byIndicator[j]![i]!;
      if (c.error) unitErrors.push(c.error);
      if (c.score === null) missing.push(ind.id);
      else rawSum += c.score;
    }
    errors.push(...unitErrors);
    const complete = missing.length === 0 && points > 0;
    const total = complete ? (rawSum * 100) / points : null;
    const result: UnitResult = {
      unitId: u.id,
      rawSum,
      total,
      totalRounded: total === null ? null : roundHalfUp(total, 2),
      rank: null,
      complete,
      missingIndicatorIds: missing,
      errors: unitErrors,
    };
    const published = period.publishedTotals?.[u.id];
    if (published !== undefined) result.published = published;
    return result;
  });

  const ranked = units.filter((u) => u.complete);
  const ranks = competitionRanks(ranked.map((u) => u.totalRounded!));
  ranked.forEach((u, i) => (u.rank = ranks[i]!));

  const order = new Map(period.units.map((u, i) => [u.id, i]));
  units.sort((a, b) => {
    if (a.rank !== null && b.rank !== null) return a.rank - b.rank || order.get(a.unitId)! - order.get(b.unitId)!;
    if (a.rank !== null) return -1;
    if (b.rank !== null) return 1;
    return order.get(a.unitId)! - order.get(b.unitId)!;
  });

  return { cells, units, schemePoints: points, errors };
}
