/**
 * Checks on what is read back from storage or a file: another app on the same file:// origin, an
 * older build or a damaged record must not crash the app or be scored as if valid.
 */
import { SCHEMA_VERSION, type Cell, type CellState, type Indicator, type Unit, type Workbook } from '../model';

const STATES: CellState[] = ['value', 'na', 'pending', 'missing'];
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isRaw = (v: unknown) => v === null || v === undefined || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

export function isCell(v: unknown): v is Cell {
  return isObj(v) && STATES.includes(v.state as CellState) && isRaw(v.target) && isRaw(v.actual) && isRaw(v.manualScore) && (v.remark === undefined || isStr(v.remark));
}

export function isUnit(v: unknown): v is Unit {
  return isObj(v) && isStr(v.id) && isStr(v.name) && Array.isArray(v.aliases) && v.aliases.every(isStr);
}

export function isIndicator(v: unknown): v is Indicator {
  if (!isObj(v) || !isStr(v.id) || !isStr(v.name) || !isStr(v.unit) || typeof v.points !== 'number' || !isObj(v.rule)) return false;
  const k = v.rule.kind;
  if (k === 'rankDual') return typeof v.rule.actualShare === 'number' && typeof v.rule.step === 'number';
  return k === 'proportional' || k === 'threshold' || k === 'manual';
}

/** Throws a zh-CN message naming what is wrong. */
export function assertWorkbook(v: unknown, where = '工作簿'): asserts v is Workbook {
  if (!isObj(v) || !isStr(v.id) || !isStr(v.name) || !Array.isArray(v.periods)) throw new Error(`${where}格式不正确`);
  if (typeof v.schemaVersion !== 'number' || v.schemaVersion > SCHEMA_VERSION) {
    throw new Error(`${where}由更新版本的程序创建（格式版本 ${String(v.schemaVersion)}），请使用新版程序打开`);
  }
  for (const p of v.periods as unknown[]) {
    if (!isObj(p) || !isStr(p.id) || typeof p.year !== 'number' || !Array.isArray(p.units) || !Array.isArray(p.indicators) || !isObj(p.cells)) {
      throw new Error(`${where}中的考核期格式不正确`);
    }
    const bad = (p.units as unknown[]).findIndex((u) => !isUnit(u));
    if (bad >= 0) throw new Error(`${where}中第 ${bad + 1} 个单位格式不正确`);
    const badInd = (p.indicators as unknown[]).findIndex((i) => !isIndicator(i));
    if (badInd >= 0) throw new Error(`${where}中第 ${badInd + 1} 个指标格式不正确`);
    for (const [k, c] of Object.entries(p.cells as Record<string, unknown>)) {
      if (!isCell(c)) throw new Error(`${where}中单元格 ${k} 格式不正确`);
    }
  }
}
