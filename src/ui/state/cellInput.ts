/**
 * What typing (or pasting) a text into a grid cell does to the stored cell. Pure.
 * "/" marks not applicable; "未出" in the actual column marks pending (data not out: actual :=
 * target); text that is not a number is kept as typed, so nothing is lost, and the engine reports it.
 */
import { PENDING_WORDS, readInput, type Cell, type PolicyIndicator } from '../../model';
import { parseNumeric } from '../../model/numeric';

export type EditableField = 'target' | 'actual' | 'manualScore';

function readValue(text: string): number | string | null | 'na' {
  const p = parseNumeric(text);
  switch (p.kind) {
    case 'number':
      return p.value;
    case 'empty':
      return null;
    case 'na':
      return 'na';
    case 'invalid':
      return text.trim();
  }
}

function settle(c: Cell): Cell | null {
  const empty = c.target === null && c.actual === null && (c.manualScore ?? null) === null;
  if (empty && !c.remark && (c.state === 'value' || c.state === 'missing')) return null;
  if (c.state === 'missing' && !empty) return { ...c, state: 'value' };
  return c;
}

export function applyInput(prev: Cell | null, field: EditableField, text: string): Cell | null {
  const base: Cell = prev ? { ...prev } : { state: 'value', target: null, actual: null };
  if (field === 'actual' && PENDING_WORDS.has(text.trim())) {
    return { ...base, state: 'pending', actual: null };
  }
  const v = readValue(text);
  if (v === 'na') {
    const out: Cell = { state: 'na', target: null, actual: null };
    if (base.remark) out.remark = base.remark;
    return out;
  }
  const next: Cell = { ...base };
  if (field === 'manualScore') next.manualScore = v;
  else next[field] = v;
  if (next.state === 'na') next.state = 'value';
  // An actual typed into a pending cell means the data is out.
  if (field === 'actual' && next.state === 'pending' && v !== null) next.state = 'value';
  if (next.manualScore === null || next.manualScore === undefined) delete next.manualScore;
  return settle(next);
}

export function setRemark(prev: Cell | null, remark: string): Cell | null {
  const base: Cell = prev ? { ...prev } : { state: 'missing', target: null, actual: null };
  if (remark.trim()) base.remark = remark.trim();
  else delete base.remark;
  return settle(base);
}

export function setState(prev: Cell | null, state: Cell['state']): Cell | null {
  const base: Cell = prev ? { ...prev } : { state: 'missing', target: null, actual: null };
  if (state === 'na') return settle({ state: 'na', target: null, actual: null, ...(base.remark ? { remark: base.remark } : {}) });
  if (state === 'pending') return { ...base, state: 'pending', actual: null };
  return settle({ ...base, state });
}

/**
 * Why a text typed or pasted into a cell must be refused, or null: the one value policy
 * (model/valuePolicy.ts), asked here for the message under the editor and again by the worker's
 * gate before anything is written.
 */
export function inputProblem(field: EditableField, text: string, ind: PolicyIndicator): string | null {
  const r = readInput(field, text, ind);
  return r.ok ? null : r.reason;
}
