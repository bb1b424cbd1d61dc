import { numberFault, parseNumeric, readInput, type Cell, type CellState, type DataError, type DataErrorKind, type Indicator, type Unit } from '../../model';

/** A cell read and checked: numbers where numbers belong, or the reason it cannot be scored. */
export interface ResolvedCell {
  state: CellState;
  target: number | null;
  /** Effective actual (pending → target). */
  actual: number | null;
  manualScore: number | null;
  error?: DataError;
}

function describe(unit: Unit, ind: Indicator): string {
  return `${unit.name}「${ind.name}」`;
}

const FIELD_LABEL = { target: '任务数', actual: '实绩数', manualScore: '手工得分' } as const;

function dataError(
  kind: DataErrorKind,
  unit: Unit,
  ind: Indicator,
  field: DataError['field'],
  value: unknown,
  detail: string,
): DataError {
  return {
    kind,
    unitId: unit.id,
    indicatorId: ind.id,
    field,
    value: String(value),
    message: `${describe(unit, ind)}的${detail}`,
  };
}

type NumberOrProblem = { value: number | null; error?: DataError };

/** A stored value read as a number and checked by the one value policy (model/valuePolicy.ts). */
function readNumber(raw: unknown, unit: Unit, ind: Indicator, field: DataError['field']): NumberOrProblem {
  if (raw === null || raw === undefined) return { value: null };
  if (typeof raw === 'number') {
    // The kind comes with the reason from the one policy, never re-derived here.
    const fault = numberFault(field, raw, ind);
    return fault ? { value: null, error: dataError(fault.kind, unit, ind, field, raw, fault.reason) } : { value: raw };
  }
  // Text kept by an earlier build ("1,234.5", "abc"): read as staff write it, by the same policy.
  if (parseNumeric(raw).kind === 'invalid') return { value: null, error: dataError('notANumber', unit, ind, field, raw, `${FIELD_LABEL[field]}“${String(raw).trim()}”不是数字`) };
  const r = readInput(field, String(raw), ind);
  if (!r.ok) return { value: null, error: dataError(r.kind, unit, ind, field, raw, r.reason) };
  if (r.value === null) return { value: null };
  if (r.value === 'na') return { value: null, error: dataError('notANumber', unit, ind, field, raw, `${FIELD_LABEL[field]}为“/”，但该格未标为“不适用”`) };
  if (r.value === 'pending') return { value: null, error: dataError('notANumber', unit, ind, field, raw, `${FIELD_LABEL[field]}“${String(raw)}”不是数字`) };
  return { value: r.value };
}

export function resolveCell(cell: Cell | undefined, unit: Unit, ind: Indicator): ResolvedCell {
  const base = { target: null, actual: null, manualScore: null };
  if (!cell || cell.state === 'missing') return { ...base, state: 'missing' };
  if (cell.state === 'na') return { ...base, state: 'na' };

  const target = readNumber(cell.target, unit, ind, 'target');
  if (target.error) return { ...base, state: cell.state, error: target.error };

  if (cell.state === 'pending') {
    return { ...base, state: 'pending', target: target.value, actual: target.value };
  }

  const actual = readNumber(cell.actual, unit, ind, 'actual');
  if (actual.error) return { ...base, state: 'value', target: target.value, error: actual.error };

  let manualScore: number | null = null;
  if (ind.rule.kind === 'manual') {
    const m = readNumber(cell.manualScore ?? null, unit, ind, 'manualScore');
    if (m.error) return { ...base, state: 'value', target: target.value, actual: actual.value, error: m.error };
    manualScore = m.value;
    // A manual score stands on its own; target and actual are for information.
    return { state: manualScore === null ? 'missing' : 'value', target: target.value, actual: actual.value, manualScore };
  }

  if (target.value === null || actual.value === null) {
    return { state: 'missing', target: target.value, actual: actual.value, manualScore };
  }
  return { state: 'value', target: target.value, actual: actual.value, manualScore };
}
