/**
 * The engine at scale: one period scored into columns (typed arrays per indicator, NaN = none),
 * ranks kept by sorted orders, and an edit rescored incrementally — the edited indicator's scores
 * (re-ranked when it is rank-dual), the totals of the units whose scores moved, the total ranks.
 *
 * Results are the same numbers, in the same order of operations, as scoring from scratch: a unit's
 * raw sum is always re-added over its indicators in scheme order (never adjusted by a difference),
 * so incremental and full rescoring agree to the bit (tests/unit/score-model.test.ts). Reading
 * results is in scoreReading.ts.
 */
import { actualAccepted, targetAccepted, cellKeysOf, unitPositionsOf, minTarget, type Cell, type CellResult, type CellState, type DataError, type Period, type PeriodResult, type UnitResult } from '../../model';
import { TOTAL_SLACK, cleanDecimal, clearOfHalf, compareQuotients, dec, fracAdd, fracOfDec, fracQuotient, fracRound, type Frac } from '../../model/exact';
import { RankOrder } from './rankOrder';
import { resolveCell } from './resolve';
import { proportionalScore, rankParts, thresholdScore } from './rules';
import { cellResult, columnRate, columnReached, columnScore, dataErrors, periodResult, rankingOrder, unitResult } from './scoreReading';
import type { IndicatorColumns, ScoredPeriod } from './columns';

const MISSING = 0;
const VALUE = 1;
const NA = 2;
const PENDING = 3;
const STATE_CODE: Record<CellState, number> = { missing: MISSING, value: VALUE, na: NA, pending: PENDING };

/** Totals out of place after a rank shift beyond which the order is sorted again, not repaired. */
const REPAIR_LIMIT = 2048;

/** The manual column of a rule without manual points: never read, never written. */
const NO_MANUAL = new Float64Array(0);

export type { IndicatorColumns };

export class ScoreModel implements ScoredPeriod {
  readonly n: number;
  readonly columns: IndicatorColumns[];
  readonly schemePoints: number;
  readonly rawSum: Float64Array;
  readonly total: Float64Array;
  readonly totalRounded: Float64Array;
  readonly complete: Uint8Array;
  /** Ranked (complete) units by rounded total. */
  readonly totals: RankOrder;
  private readonly unitIndex: ReadonlyMap<string, number>;
  private readonly indIndex: Map<string, number>;
  private cachedResult: PeriodResult | null = null;
  /**
   * The columns scored from, when given (PeriodScores keeps them current, each change before the
   * model's): a view reads stored cells here, not through `period.cells`, whose keyed form may not
   * be made yet after an open (store/lazyCells.ts).
   */
  private source: ReadonlyMap<string, readonly (Cell | undefined)[]> | null = null;

  private constructor(readonly period: Period) {
    const n = (this.n = period.units.length);
    // Shared by every model of the same units list: a 40 000-entry map per score was a large object
    // the collector had to reclaim (a full collection every other score at province scale).
    this.unitIndex = unitPositionsOf(period.units);
    this.indIndex = new Map(period.indicators.map((ind, j) => [ind.id, j]));
    this.schemePoints = period.indicators.reduce((s, i) => s + i.points, 0);
    this.columns = period.indicators.map((ind) => {
      const dual = ind.rule.kind === 'rankDual';
      const actual = new Float64Array(n);
      const rate = new Float64Array(n);
      const target = new Float64Array(n);
      // 完成率 are ordered on their decimals where their doubles are near (see RankOrder).
      const byQuotient = (a: number, b: number) => compareQuotients(actual[a]!, target[a]!, actual[b]!, target[b]!);
      return {
        ind,
        minTarget: minTarget(ind),
        state: new Uint8Array(n),
        target,
        actual,
        rate,
        score: new Float64Array(n),
        // Only the 手工打分 rule has manual points: the other columns share an empty one.
        manual: ind.rule.kind === 'manual' ? new Float64Array(n) : NO_MANUAL,
        errors: new Map<number, DataError>(),
        byActual: dual ? new RankOrder(actual, n) : null,
        byRate: dual ? new RankOrder(rate, n, byQuotient) : null,
      };
    });
    this.rawSum = new Float64Array(n);
    this.total = new Float64Array(n);
    this.totalRounded = new Float64Array(n);
    this.complete = new Uint8Array(n);
    this.totals = new RankOrder(this.totalRounded, n);
  }

  /**
   * Score a period from scratch. `columns`, when given, must hold exactly the period's cells by indicator id → unit position
   * (what the store just read): it spares a string-keyed lookup per cell.
   */
  static build(period: Period, columns?: ReadonlyMap<string, readonly (Cell | undefined)[]>): ScoreModel {
    const m = new ScoreModel(period);
    m.source = columns ?? null;
    const units = period.units;
    m.columns.forEach((col) => {
      const id = col.ind.id;
      if (columns) {
        const cells = columns.get(id);
        for (let i = 0; i < m.n; i++) m.resolveInto(col, i, cells?.[i], true);
      } else {
        const keys = cellKeysOf(units, id);
        for (let i = 0; i < m.n; i++) m.resolveInto(col, i, period.cells[keys[i]!], true);
      }
      if (col.byActual) m.scoreRankDual(col, null);
      else for (let i = 0; i < m.n; i++) m.scoreCell(col, i);
    });
    for (let i = 0; i < m.n; i++) m.sumUnit(i);
    m.totals.rebuildWhere(m.n, (i) => m.complete[i] === 1);
    m.totals.rerank();
    return m;
  }

  /**
   * An independent copy to try changes on with setCell (what-if: goal seek, scenarios): a few
   * milliseconds of copying instead of a full score per trial. The period is shared and must not
   * be changed through the copy.
   */
  clone(): ScoreModel {
    const m = new ScoreModel(this.period);
    m.source = this.source;
    this.columns.forEach((c, j) => {
      const d = m.columns[j]!;
      d.state.set(c.state);
      d.target.set(c.target);
      d.actual.set(c.actual);
      d.rate.set(c.rate);
      d.score.set(c.score);
      d.manual.set(c.manual);
      for (const [i, e] of c.errors) d.errors.set(i, e);
      if (c.byActual) d.byActual!.copyFrom(c.byActual);
      if (c.byRate) d.byRate!.copyFrom(c.byRate);
    });
    m.rawSum.set(this.rawSum);
    m.total.set(this.total);
    m.totalRounded.set(this.totalRounded);
    m.complete.set(this.complete);
    m.totals.copyFrom(this.totals);
    return m;
  }

  /** The cells by column this model was scored from, when it was given them (else null). */
  sourceColumns(): ReadonlyMap<string, readonly (Cell | undefined)[]> | null {
    return this.source;
  }

  unitAt(unitId: string): number | undefined {
    return this.unitIndex.get(unitId);
  }

  indicatorAt(indicatorId: string): number | undefined {
    return this.indIndex.get(indicatorId);
  }

  /**
   * The cell (unit i, indicator j) now reads `cell` (the period's cells must already hold it):
   * rescore what depends on it. Returns the indices of units whose total or rank may have moved.
   */
  setCell(i: number, j: number, cell: Cell | undefined): void {
    const col = this.columns[j]!;
    const dual = col.byActual !== null;
    const wasMember = dual && this.isMember(col, i);
    if (wasMember) {
      col.byActual!.remove(i);
      col.byRate!.remove(i);
    }
    this.resolveInto(col, i, cell);
    const moved: number[] = [];
    if (dual) {
      if (this.isMember(col, i)) {
        col.byActual!.insert(i);
        col.byRate!.insert(i);
      }
      this.scoreRankDual(col, moved);
      if (!moved.includes(i)) moved.push(i);
    } else {
      this.scoreCell(col, i);
      moved.push(i);
    }
    this.cachedResult = null;
    // Few moved totals: move each in the order; many (a rank shift): the order repaired in one
    // pass (most totals move by the same step and keep their order), or one sort when it cannot be.
    if (moved.length > 64) {
      for (const u of moved) this.sumUnit(u);
      if (!this.totals.repairWhere(this.n, this.complete, REPAIR_LIMIT)) this.totals.rebuildWhere(this.n, (u) => this.complete[u] === 1);
    } else {
      for (const u of moved) {
        if (this.complete[u]) this.totals.remove(u);
        this.sumUnit(u);
        if (this.complete[u]) this.totals.insert(u);
      }
    }
    this.totals.rerank();
  }

  /** Is unit i ranked in a rank-dual column (a value, no error, both numbers)? */
  isMember(col: IndicatorColumns, i: number): boolean {
    // Most columns hold no error: no Map lookup per unit then (a rank-dual edit asks this of all 40 000).
    return col.state[i] === VALUE && (col.errors.size === 0 || !col.errors.has(i)) && !Number.isNaN(col.actual[i]!) && !Number.isNaN(col.target[i]!);
  }

  /** Read and check one stored cell into the columns (see resolveCell; this is its fast path). */
  private resolveInto(col: IndicatorColumns, i: number, cell: Cell | undefined, fresh = false): void {
    // Fresh columns (a full score) hold no error yet: no Map lookup per cell.
    if (!fresh) col.errors.delete(i);
    const manual = col.ind.rule.kind === 'manual';
    if (manual) col.manual[i] = NaN;
    if (!cell || cell.state === 'missing' || cell.state === 'na') {
      col.state[i] = cell?.state === 'na' ? NA : MISSING;
      col.target[i] = NaN;
      col.actual[i] = NaN;
      col.rate[i] = NaN;
      return;
    }
    const t = cell.target;
    const a = cell.actual;
    // The common case, without building objects: two plain numbers the value policy accepts (its own predicates).
    if (cell.state === 'value' && !manual && typeof t === 'number' && typeof a === 'number' && targetAccepted(t, col.minTarget) && actualAccepted(a)) {
      col.state[i] = VALUE;
      col.target[i] = t;
      col.actual[i] = a;
      col.rate[i] = a / t;
      return;
    }
    const r = resolveCell(cell, this.period.units[i]!, col.ind);
    col.state[i] = STATE_CODE[r.state];
    col.target[i] = r.target ?? NaN;
    col.actual[i] = r.actual ?? NaN;
    if (manual) col.manual[i] = r.manualScore ?? NaN;
    if (r.error) {
      col.errors.set(i, r.error);
      col.rate[i] = NaN;
    } else col.rate[i] = r.state !== 'na' && r.actual !== null && r.target !== null ? r.actual / r.target : NaN;
  }

  /** Score of a cell under a rule that needs no other unit. */
  private scoreCell(col: IndicatorColumns, i: number): void {
    const s = col.state[i]!;
    const ind = col.ind;
    let score = NaN;
    if (col.errors.size !== 0 && col.errors.has(i)) score = NaN;
    else if (s === NA || s === PENDING) score = ind.points;
    else if (s === VALUE) {
      const actual = col.actual[i]!;
      const target = col.target[i]!;
      switch (ind.rule.kind) {
        case 'proportional':
          score = proportionalScore(ind.points, actual, target);
          break;
        case 'threshold':
          score = thresholdScore(ind.points, actual, target);
          break;
        case 'manual':
          score = col.manual[i]!;
          break;
        case 'rankDual':
          break;
      }
    }
    col.score[i] = score;
  }

  /**
   * Rank-dual: members ranked by actual and by rate, both halves from the ranks. With `moved`
   * (an edit), orders are already updated and the units whose score changed are collected; without,
   * the orders are built from scratch.
   */
  private scoreRankDual(col: IndicatorColumns, moved: number[] | null): void {
    const rule = col.ind.rule as { kind: 'rankDual'; actualShare: number; step: number };
    const byActual = col.byActual!;
    const byRate = col.byRate!;
    if (moved === null) {
      byActual.rebuildWhere(this.n, (i) => this.isMember(col, i));
      byRate.rebuildWhere(this.n, (i) => this.isMember(col, i));
    }
    byActual.rerank();
    byRate.rerank();
    const points = col.ind.points;
    const actualHalf = points * rule.actualShare;
    const byActualPart = rankParts(actualHalf, rule.step, this.n);
    const byRatePart = rankParts(points - actualHalf, rule.step, this.n);
    const actualRanks = byActual.ranks;
    const rateRanks = byRate.ranks;
    // The halves are not kept (read from the ranks when shown: rankDualParts): 7.7 MB less per
    // full score at 40 000 units, whose typed arrays start the collector.
    for (let i = 0; i < this.n; i++) {
      const old = col.score[i]!;
      if (this.isMember(col, i)) {
        // Ranks beyond the last that earns points (most units at province scale) add nothing.
        const ra = actualRanks[i]!;
        const rr = rateRanks[i]!;
        const a = ra <= byActualPart.length ? byActualPart[ra - 1]! : 0;
        const r = rr <= byRatePart.length ? byRatePart[rr - 1]! : 0;
        col.score[i] = a === 0 && r === 0 ? 0 : cleanDecimal(a + r);
      } else this.scoreCell(col, i);
      if (moved && !Object.is(old, col.score[i]) && !(Number.isNaN(old) && Number.isNaN(col.score[i]!))) moved.push(i);
    }
  }

  /** A unit's raw sum, total and completeness, added over the indicators in scheme order. */
  private sumUnit(i: number): void {
    let rawSum = 0;
    let missing = false;
    for (const col of this.columns) {
      const s = col.score[i]!;
      if (Number.isNaN(s)) missing = true;
      else rawSum += s;
    }
    this.rawSum[i] = rawSum;
    const complete = !missing && this.schemePoints > 0;
    this.complete[i] = complete ? 1 : 0;
    const total = complete ? (rawSum * 100) / this.schemePoints : NaN;
    this.total[i] = total;
    this.totalRounded[i] = complete ? this.roundTotal(i, total) : NaN;
  }

  /**
   * The total rounded half-up to 2 decimals as the decimal arithmetic of the rules gives it: the
   * double decides when it is clearly off the .5 edge (its error is below 10⁻¹⁰ there), otherwise
   * the sum is done again in exact fractions (76.235 never becomes 76.23 by a last bit).
   */
  private roundTotal(i: number, total: number): number {
    const scaled = total * 100;
    if (clearOfHalf(scaled, TOTAL_SLACK)) return Math.floor(scaled + 0.5) / 100;
    let sum: Frac = { n: 0n, d: 1n };
    for (const col of this.columns) sum = fracAdd(sum, this.exactScore(col, i));
    const p = dec(this.schemePoints);
    return fracRound({ n: sum.n * 100n * 10n ** BigInt(p.s), d: sum.d * p.m }, 2);
  }

  /** A cell's score as an exact fraction: 按比例 as points × actual / target, the others as the decimals they are. */
  private exactScore(col: IndicatorColumns, i: number): Frac {
    const s = col.state[i]!;
    if (s === VALUE && col.ind.rule.kind === 'proportional' && !col.errors.has(i)) {
      const a = col.actual[i]!;
      const t = col.target[i]!;
      return a >= t ? fracOfDec(dec(col.ind.points)) : fracQuotient(Math.max(a, 0), t, col.ind.points);
    }
    return fracOfDec(dec(col.score[i]!));
  }

  /** A cell's 完成率 rounded to 4 decimals (0.00%) on its decimals; NaN when it has none. */
  rateRounded(i: number, j: number): number {
    return columnRate(this.columns[j]!, i);
  }
  /** A cell's score rounded to 2 decimals as printed; 按比例 from actual / target exactly. NaN when it has none. */
  scoreRounded(i: number, j: number): number {
    return columnScore(this.columns[j]!, i);
  }
  /** Has the cell's actual reached its target (完成率 ≥ 100 %), on the decimals? null when it has no rate. */
  reached(i: number, j: number): boolean | null {
    return columnReached(this.columns[j]!, i);
  }

  // ---- reading (scoreReading.ts) ------------------------------------------------------------

  /** One cell's result, built on demand. */
  cell(i: number, j: number): CellResult {
    return cellResult(this, i, j);
  }

  storedCell(i: number, j: number): Cell | undefined {
    const id = this.columns[j]!.ind.id;
    const column = this.source?.get(id);
    return column ? column[i] : this.period.cells[cellKeysOf(this.period.units, id)[i]!];
  }

  /** One unit's result, built on demand. */
  unit(i: number): UnitResult {
    return unitResult(this, i);
  }

  /** Units in ranking order: ranked first (rank, then unit order), then the others in unit order. */
  rankingOrder(): number[] {
    return rankingOrder(this);
  }

  /** Data errors in unit order, each unit's in scheme order. */
  errors(): DataError[] {
    return dataErrors(this);
  }

  /** The PeriodResult every view reads (kept until the next change); cells and units are built when first asked for. */
  result(): PeriodResult {
    return (this.cachedResult ??= periodResult(this));
  }
}
