import type { Cell, CellInput } from './cell';
import type { Period } from './workbook';

/** Everything of a period except its cells: the scheme (units, indicators, rules) and headings. */
export type PeriodMeta = Omit<Period, 'id' | 'cells'>;

/** One cell before and after; null = no entry (missing). */
export interface CellChange {
  unitId: string;
  indicatorId: string;
  before: Cell | null;
  after: Cell | null;
  /** As the page sends it: what was typed or pasted, read again by the worker's gate (not kept in history). */
  input?: CellInput[];
}

/**
 * An undoable change to a workbook. Carries its own `before` values, so it can be inverted and
 * checked against what another tab may have stored meanwhile (optimistic concurrency per cell).
 */
export type Command =
  | { kind: 'setCells'; periodId: string; changes: CellChange[]; label: string }
  | { kind: 'setMeta'; periodId: string; before: PeriodMeta; after: PeriodMeta; label: string }
  | { kind: 'batch'; commands: Command[]; label: string };
