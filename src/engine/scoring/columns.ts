/**
 * The shapes a period is scored into (scoreModel.ts builds them, scoreReading.ts reads them): one
 * indicator's columns of typed arrays, and what a reader may ask of the scored period. Kept apart
 * so the two modules depend on these shapes, not on each other.
 */
import type { Cell, CellResult, DataError, Indicator, Period, UnitResult } from '../../model';
import type { RankOrder } from './rankOrder';

/** One indicator's columns, indexed like period.units. */
export interface IndicatorColumns {
  readonly ind: Indicator;
  /** The smallest target the value policy accepts for this indicator (model/valuePolicy.ts). */
  readonly minTarget: number;
  readonly state: Uint8Array;
  readonly target: Float64Array;
  /** Effective actual (pending → target). */
  readonly actual: Float64Array;
  readonly rate: Float64Array;
  readonly score: Float64Array;
  /** Manual points as resolved (manual rule only). */
  readonly manual: Float64Array;
  /** Cells that cannot be scored, by unit index (sparse). */
  readonly errors: Map<number, DataError>;
  /** Rank-dual only: the two orders (the halves are read from their ranks: rules.ts rankDualParts). */
  readonly byActual: RankOrder | null;
  readonly byRate: RankOrder | null;
}

/** What reading a scored period needs of it (ScoreModel is one). */
export interface ScoredPeriod {
  readonly period: Period;
  readonly n: number;
  readonly columns: readonly IndicatorColumns[];
  readonly schemePoints: number;
  readonly rawSum: Float64Array;
  readonly total: Float64Array;
  readonly totalRounded: Float64Array;
  readonly complete: Uint8Array;
  /** Ranked (complete) units by rounded total. */
  readonly totals: RankOrder;
  unitAt(unitId: string): number | undefined;
  indicatorAt(indicatorId: string): number | undefined;
  isMember(col: IndicatorColumns, i: number): boolean;
  rateRounded(i: number, j: number): number;
  scoreRounded(i: number, j: number): number;
  cell(i: number, j: number): CellResult;
  unit(i: number): UnitResult;
  /** The cell as stored (its text, its remark), as scored. */
  storedCell(i: number, j: number): Cell | undefined;
}
