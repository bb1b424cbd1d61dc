/**
 * What typing (or pasting) a text into a grid cell does to the stored cell. Pure.
 * "/" marks not applicable; "未出" in the actual column marks pending (data not out: actual :=
 * target); text that is not a number is kept as typed, so nothing is lost, and the engine reports it.
 */
import type { Cell } from '../../model';
import { parseNumeric } from '../../engine/parse';

export type EditableField = 'target' | 'actual' | 'manualScore';

const PENDING_WORDS = new Set(['未出', '数据未出', '待定', '暂取', '暂取目标任务数']);

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

/** Values beyond this are typing accidents (1e308 overflows the arithmetic). */
const ABSURD = 1e12;

/**
 * Why a text typed or pasted into a cell must be refused, or null. The same checks as the import
 * preview: a value the engine cannot score never reaches the workbook from the grid.
 */
export function inputProblem(field: EditableField, text: string, ind: { unit: string; points: number }): string | null {
  const t = text.trim();
  if (field === 'actual' && PENDING_WORDS.has(t)) return null;
  const p = parseNumeric(t);
  if (p.kind === 'empty' || p.kind === 'na') return null;
  if (p.kind === 'invalid') return `“${t}”不是数字（可填数字，“/”表示不适用${field === 'actual' ? '，“未出”表示数据未出' : ''}）`;
  const v = p.value;
  if (!Number.isFinite(v) || Math.abs(v) >= ABSURD) return `“${t}”超出合理范围（绝对值应小于 1 万亿）`;
  if (/[%％]$/u.test(t) && !/%|％|率/u.test(ind.unit)) return `“${t}”是百分数，而该指标的单位是“${ind.unit || '个'}”，不能填百分数`;
  if (field === 'target' && v <= 0) return `任务数为 ${t}，必须大于 0`;
  if (field === 'actual' && v < 0) return `实绩数为 ${t}，不能为负数`;
  if (field === 'manualScore' && (v < 0 || v > ind.points)) return `手工得分为 ${t}，应在 0 到 ${ind.points} 分之间`;
  return null;
}
