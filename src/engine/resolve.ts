import type { Cell, CellState, DataError, DataErrorKind, Indicator, Unit } from '../model';
import { parseNumeric } from './parse';

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
    message: `${describe(unit, ind)}的${FIELD_LABEL[field]}${detail}`,
  };
}

type NumberOrProblem = { value: number | null; error?: DataError };

function readNumber(raw: unknown, unit: Unit, ind: Indicator, field: DataError['field']): NumberOrProblem {
  const p = parseNumeric(raw);
  switch (p.kind) {
    case 'number':
      return { value: p.value };
    case 'empty':
      return { value: null };
    case 'na':
      return { value: null, error: dataError('notANumber', unit, ind, field, raw, `为“/”，但该格未标为“不适用”`) };
    case 'invalid':
      return { value: null, error: dataError('notANumber', unit, ind, field, raw, `“${p.text}”不是数字`) };
  }
}

export function resolveCell(cell: Cell | undefined, unit: Unit, ind: Indicator): ResolvedCell {
  const base = { target: null, actual: null, manualScore: null };
  if (!cell || cell.state === 'missing') return { ...base, state: 'missing' };
  if (cell.state === 'na') return { ...base, state: 'na' };

  const target = readNumber(cell.target, unit, ind, 'target');
  if (target.error) return { ...base, state: cell.state, error: target.error };
  if (target.value !== null && target.value <= 0) {
    return {
      ...base,
      state: cell.state,
      error: dataError('targetNotPositive', unit, ind, 'target', target.value, `为 ${target.value}，必须大于 0`),
    };
  }

  if (cell.state === 'pending') {
    return { ...base, state: 'pending', target: target.value, actual: target.value };
  }

  const actual = readNumber(cell.actual, unit, ind, 'actual');
  if (actual.error) return { ...base, state: 'value', target: target.value, error: actual.error };
  if (actual.value !== null && actual.value < 0) {
    return {
      ...base,
      state: 'value',
      target: target.value,
      error: dataError('actualNegative', unit, ind, 'actual', actual.value, `为 ${actual.value}，不能为负数`),
    };
  }

  let manualScore: number | null = null;
  if (ind.rule.kind === 'manual') {
    const m = readNumber(cell.manualScore ?? null, unit, ind, 'manualScore');
    if (m.error) return { ...base, state: 'value', target: target.value, actual: actual.value, error: m.error };
    if (m.value !== null && (m.value < 0 || m.value > ind.points)) {
      return {
        ...base,
        state: 'value',
        target: target.value,
        actual: actual.value,
        error: dataError('manualOutOfRange', unit, ind, 'manualScore', m.value, `为 ${m.value}，应在 0 到 ${ind.points} 分之间`),
      };
    }
    manualScore = m.value;
    // A manual score stands on its own; target and actual are for information.
    return { state: manualScore === null ? 'missing' : 'value', target: target.value, actual: actual.value, manualScore };
  }

  if (target.value === null || actual.value === null) {
    return { state: 'missing', target: target.value, actual: actual.value, manualScore };
  }
  return { state: 'value', target: target.value, actual: actual.value, manualScore };
}
