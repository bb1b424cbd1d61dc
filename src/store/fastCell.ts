/**
 * Reading a stored cell record the quick way. A province period is 800 000 records: the schema
 * library costs about 1.5 s of the load and normalising another copy each. This reads the common
 * shape straight into the cell and gives exactly what check(CellRecordSchema) + normalizeCell
 * give (tests/unit/fast-cell.test.ts checks that on random records); anything else — a wrong
 * type, a missing field — returns undefined and takes the full check, which names the problem.
 */
import { isCellState, isRawValue as isRaw, type Cell } from '../model';

const isId = (x: unknown): x is string => typeof x === 'string' && x.length > 0;

export interface FastCell {
  workbookId: string;
  periodId: string;
  unitId: string;
  indicatorId: string;
  /** null: an empty cell (nothing to keep). */
  cell: Cell | null;
}

export function readCellRecordFast(raw: unknown): FastCell | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  const { workbookId, periodId, unitId, indicatorId, state, target, actual, manualScore, remark } = r;
  if (!isId(workbookId) || !isId(periodId) || !isId(unitId) || !isId(indicatorId)) return undefined;
  if (!isCellState(state) || !isRaw(target) || !isRaw(actual)) return undefined;
  if (manualScore !== undefined && !isRaw(manualScore)) return undefined;
  if (remark !== undefined && typeof remark !== 'string') return undefined;
  const cell: Cell = { state, target, actual };
  if (manualScore !== undefined && manualScore !== null) cell.manualScore = manualScore;
  if (remark) cell.remark = remark;
  const empty = state === 'missing' && target === null && actual === null && !remark && cell.manualScore === undefined;
  return { workbookId, periodId, unitId, indicatorId, cell: empty ? null : cell };
}
