/**
 * Reading a ScoreModel: one cell's or one unit's result, the ranking order, the data errors, and
 * the PeriodResult every view reads (its cells and units built only when first asked for).
 */
import { cellKey, type CellResult, type CellState, type DataError, type PeriodResult, type UnitResult } from '../../model';
import { roundQuotient } from '../../model/exact';
import { roundHalfUp } from './decimal';
import { rankDualParts } from './rules';
import type { IndicatorColumns, ScoredPeriod } from './columns';

/** The column's state codes (scoreModel.ts), by code. */
export const STATES: readonly CellState[] = ['missing', 'value', 'na', 'pending'];
const VALUE_CODE = 1;

const num = (x: number): number | null => (Number.isNaN(x) ? null : x);

/** A cell's 完成率 rounded to 4 decimals (0.00%) on its decimals; NaN when it has none. */
export function columnRate(col: IndicatorColumns, i: number): number {
  return Number.isNaN(col.rate[i]!) ? NaN : roundQuotient(col.actual[i]!, col.target[i]!, 4);
}

/** A cell's score rounded to 2 decimals as printed; 按比例 from actual / target exactly. NaN when it has none. */
export function columnScore(col: IndicatorColumns, i: number): number {
  const score = col.score[i]!;
  if (Number.isNaN(score)) return NaN;
  if (col.state[i] === VALUE_CODE && col.ind.rule.kind === 'proportional') {
    const a = col.actual[i]!;
    const t = col.target[i]!;
    return a >= t ? roundHalfUp(col.ind.points, 2) : roundQuotient(Math.max(a, 0), t, 2, col.ind.points);
  }
  return roundHalfUp(score, 2);
}

/** Has the cell's actual reached its target (完成率 ≥ 100 %), on the decimals? null when it has no rate. */
export function columnReached(col: IndicatorColumns, i: number): boolean | null {
  return Number.isNaN(col.rate[i]!) ? null : col.actual[i]! >= col.target[i]!;
}

export function cellResult(m: ScoredPeriod, i: number, j: number): CellResult {
  const col = m.columns[j]!;
  const res: CellResult = {
    unitId: m.period.units[i]!.id,
    indicatorId: col.ind.id,
    state: STATES[col.state[i]!]!,
    target: num(col.target[i]!),
    actual: num(col.actual[i]!),
    rate: num(col.rate[i]!),
    rateRounded: num(m.rateRounded(i, j)),
    score: num(col.score[i]!),
    scoreRounded: num(m.scoreRounded(i, j)),
  };
  const err = col.errors.get(i);
  if (err) res.error = err;
  if (col.byActual && m.isMember(col, i)) {
    res.rankByActual = col.byActual.ranks[i]!;
    res.rankByRate = col.byRate!.ranks[i]!;
    const parts = rankDualParts(col.ind.points, col.ind.rule as { actualShare: number; step: number }, res.rankByActual, res.rankByRate);
    res.actualPart = parts.actualPart;
    res.ratePart = parts.ratePart;
  }
  return res;
}

export function unitResult(m: ScoredPeriod, i: number): UnitResult {
  const missing: string[] = [];
  const errors: DataError[] = [];
  for (const col of m.columns) {
    const e = col.errors.get(i);
    if (e) errors.push(e);
    if (Number.isNaN(col.score[i]!)) missing.push(col.ind.id);
  }
  const u = m.period.units[i]!;
  const r: UnitResult = {
    unitId: u.id,
    rawSum: m.rawSum[i]!,
    total: num(m.total[i]!),
    totalRounded: num(m.totalRounded[i]!),
    rank: m.complete[i] ? m.totals.ranks[i]! : null,
    complete: m.complete[i] === 1,
    missingIndicatorIds: missing,
    errors,
  };
  const published = m.period.publishedTotals?.[u.id];
  if (published !== undefined) r.published = published;
  return r;
}

/** Units in ranking order: ranked first (rank, then unit order), then the others in unit order. */
export function rankingOrder(m: ScoredPeriod): number[] {
  const ranks = m.totals.ranks;
  const ranked = Array.from(m.totals.members());
  ranked.sort((a, b) => ranks[a]! - ranks[b]! || a - b);
  for (let i = 0; i < m.n; i++) if (!m.complete[i]) ranked.push(i);
  return ranked;
}

/** Data errors in unit order, each unit's in scheme order. */
export function dataErrors(m: ScoredPeriod): DataError[] {
  if (m.columns.every((c) => c.errors.size === 0)) return [];
  const out: DataError[] = [];
  for (let i = 0; i < m.n; i++) for (const col of m.columns) {
    const e = col.errors.get(i);
    if (e) out.push(e);
  }
  return out;
}

export function periodResult(m: ScoredPeriod): PeriodResult {
  let cells: Record<string, CellResult> | null = null;
  let units: UnitResult[] | null = null;
  const allCells = () => {
    cells ??= {};
    for (let j = 0; j < m.columns.length; j++) {
      for (let i = 0; i < m.n; i++) cells[cellKey(m.period.units[i]!.id, m.columns[j]!.ind.id)] = m.cell(i, j);
    }
    return cells;
  };
  let order: number[] | null = null;
  const rankedUnits = () => (units ??= (order ??= rankingOrder(m)).map((i) => m.unit(i)));
  // A page of the ranking builds only its own units (all 40 000 took ~0.1 s of every open).
  const unitsIn = (offset: number, limit: number): UnitResult[] => (units ? units.slice(offset, offset + limit) : (order ??= rankingOrder(m)).slice(offset, offset + limit).map((i) => m.unit(i)));
  const cellOf = (unitId: string, indicatorId: string): CellResult | undefined => {
    const i = m.unitAt(unitId);
    const j = m.indicatorAt(indicatorId);
    return i === undefined || j === undefined ? undefined : m.cell(i, j);
  };
  const unitOf = (unitId: string): UnitResult | undefined => {
    const i = m.unitAt(unitId);
    return i === undefined ? undefined : m.unit(i);
  };
  const figures = (indicatorId: string) => {
    const j = m.indicatorAt(indicatorId);
    return j === undefined ? undefined : m.columns[j]!;
  };
  return {
    schemePoints: m.schemePoints,
    errors: dataErrors(m),
    cell: cellOf,
    stored: (unitId, indicatorId) => {
      const i = m.unitAt(unitId);
      const j = m.indicatorAt(indicatorId);
      return i === undefined || j === undefined ? undefined : m.storedCell(i, j);
    },
    unitResult: unitOf,
    unitsIn,
    figures,
    get cells() {
      return cells ?? allCells();
    },
    get units() {
      return rankedUnits();
    },
  };
}
