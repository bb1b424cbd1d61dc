import type { Cell, CellState } from './cell';

export type DataErrorKind =
  | 'notANumber'
  | 'targetNotPositive'
  | 'actualNegative'
  | 'manualOutOfRange'
  | 'nonFinite'
  | 'outOfRange';

/** A data problem that keeps a cell from being scored; always names unit and indicator. */
export interface DataError {
  kind: DataErrorKind;
  unitId: string;
  indicatorId: string;
  field: 'target' | 'actual' | 'manualScore';
  value: string;
  /** zh-CN message for staff, naming unit and indicator. */
  message: string;
}

export interface CellResult {
  unitId: string;
  indicatorId: string;
  state: CellState;
  target: number | null;
  /** Effective actual: for pending cells this is the target. */
  actual: number | null;
  /** actual / target at full precision; null when not applicable, missing or in error. */
  rate: number | null;
  /** The rate rounded half-up to 4 decimals (0.00 %) on the decimals: what every table prints. */
  rateRounded: number | null;
  /** Unrounded score; null when missing or in error. */
  score: number | null;
  /** The score rounded half-up to 2 decimals as printed (按比例 from actual ÷ target exactly). */
  scoreRounded: number | null;
  /** Competition ranks for rank-dual indicators (1 = best). */
  rankByActual?: number;
  rankByRate?: number;
  /** The two halves of a rank-dual score. */
  actualPart?: number;
  ratePart?: number;
  error?: DataError;
}

export interface UnitResult {
  unitId: string;
  /** Σ of unrounded indicator scores that could be computed. */
  rawSum: number;
  /** rawSum × 100 / scheme points, unrounded; null when data is incomplete. */
  total: number | null;
  /** total rounded half-up to 2 decimals. */
  totalRounded: number | null;
  /** Competition rank among complete units, on the rounded totals. */
  rank: number | null;
  complete: boolean;
  /** Indicators without data for this unit. */
  missingIndicatorIds: string[];
  errors: DataError[];
  /** Total printed by an earlier bulletin, if any. */
  published?: number;
}

/** One indicator's figures by unit index; a NaN rate: no rate (missing, not applicable, in error). */
export interface IndicatorFigures {
  readonly state: ArrayLike<number>;
  readonly actual: ArrayLike<number>;
  readonly target: ArrayLike<number>;
  readonly rate: ArrayLike<number>;
  /** Unit indexes whose cell is in error. */
  readonly errors: { has(i: number): boolean };
}

export interface PeriodResult {
  /** One cell's result, built on demand (the hot path: no table of every cell is made). */
  cell(unitId: string, indicatorId: string): CellResult | undefined;
  /** One unit's result, built on demand. */
  unitResult(unitId: string): UnitResult | undefined;
  /**
   * An indicator's figures for every unit at once, indexed like period.units (a scored period has
   * them as columns): what a summary of 40 000 units reads instead of 40 000 cell objects.
   */
  figures?(indicatorId: string): IndicatorFigures | undefined;
  /** A cell as stored (its text, its remark): from the columns it was scored from, when it has them. */
  stored?(unitId: string, indicatorId: string): Cell | undefined;
  /** Every cell, keyed by cellKey(unitId, indicatorId): built when first read (small periods, tests). */
  readonly cells: Record<string, CellResult>;
  /** In ranking order: ranked units first, then incomplete ones in unit order (built when first read). */
  readonly units: UnitResult[];
  /** `units.slice(offset, offset + limit)`, building only those (a scored period has it). */
  unitsIn?(offset: number, limit: number): UnitResult[];
  schemePoints: number;
  errors: DataError[];
}
