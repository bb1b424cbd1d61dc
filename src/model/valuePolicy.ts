/**
 * The one value policy: what a target, an actual, manual points, a remark, a weight, a scheme's
 * points or a city target may be. Every door into a workbook — typing, paste, undo, 导入 Excel,
 * township returns, a workbook file (its visible sheets and its model), the page's journal and
 * drafts, scenarios, decompositions — asks here, in the worker, before anything is written; the
 * engine asks the same of values already stored (what fails is shown as 数据有误, never scored).
 *
 * Reasons are phrases without the place ("任务数为 -5，必须大于 0"); each caller says where
 * (unit, indicator, file/sheet/row/column, another window, a stored record).
 */
import type { Cell } from './cell';
import type { DataErrorKind } from './result';
import { parseNumeric } from './numeric';
import { holdsExactly } from './exact';
import { formatQuoted as show } from './format';

/** Values beyond this are typing accidents or overflow (1e308), never a township's figure. */
export const VALUE_LIMIT = 1e12;
const LIMIT_WORDS = '绝对值应小于 1 万亿';
/** A remark is a few words (迟报材料, 数据未出，下月补报), not a document. */
export const REMARK_MAX = 500;
/** Points of one indicator (a scheme has 85 or 100 in all). */
export const POINTS_MAX = 1000;

export type ValueField = 'target' | 'actual' | 'manualScore';

export const FIELD_LABELS: Record<ValueField, string> = { target: '任务数', actual: '实绩数', manualScore: '手工得分' };

/** What of an indicator the policy looks at. */
export interface PolicyIndicator {
  unit: string;
  points: number;
  decimals: number;
}

/** "未出" typed into an actual: data not out yet (actual := target). */
export const PENDING_WORDS: ReadonlySet<string> = new Set(['未出', '数据未出', '待定', '暂取', '暂取目标任务数']);

/** Percent text ("101.99%") only where the indicator itself is a share (%, 率). */
export const acceptsPercent = (ind: Pick<PolicyIndicator, 'unit'>) => /%|％|率/u.test(ind.unit ?? '');

/**
 * The smallest target the indicator can print at its decimals without showing 0 (half-up: 0.5 at
 * 0 decimals prints 1). A smaller one (5e-324) would make 完成率 infinite.
 */
export function minTarget(ind: Pick<PolicyIndicator, 'decimals'>): number {
  return 0.5 * 10 ** -Math.max(0, Math.min(10, Math.floor(ind.decimals) || 0));
}

/** What is wrong with a value: its kind (as 数据有误 records it) and the reason, in Chinese. */
export interface ValueFault {
  kind: DataErrorKind;
  reason: string;
}

/**
 * The policy's test of a plain target, for the engine's fast path over 800 000 cells (no reason
 * built): true exactly when `numberFault('target', t, ind)` is null, `min` being `minTarget(ind)`.
 */
export const targetAccepted = (t: number, min: number): boolean => t >= min && t < VALUE_LIMIT;
/** The same for a plain actual: true exactly when `numberFault('actual', a, ind)` is null. */
export const actualAccepted = (a: number): boolean => a >= 0 && a < VALUE_LIMIT;

/** Why `v` cannot be this field's value, with its kind, or null. `text` is how it was written, when known. */
export function numberFault(field: ValueField, v: number, ind: PolicyIndicator, text?: string): ValueFault | null {
  // The words only for a value refused: a file's 1.6 million values are judged here one by one.
  const label = () => `${FIELD_LABELS[field]}为 ${text?.trim() || show(v)}`;
  if (!Number.isFinite(v)) return { kind: 'nonFinite', reason: `${FIELD_LABELS[field]}“${text?.trim() || show(v)}”不是有效的数字` };
  if (Math.abs(v) >= VALUE_LIMIT) return { kind: 'outOfRange', reason: `${label()}，超出合理范围（${LIMIT_WORDS}）` };
  if (field === 'target') {
    if (v <= 0) return { kind: 'targetNotPositive', reason: `${label()}，必须大于 0` };
    const min = minTarget(ind);
    if (v < min) return { kind: 'targetNotPositive', reason: `${label()}，太小：按该指标的 ${ind.decimals} 位小数会显示为 0（至少应为 ${show(min)}）` };
  }
  if (field === 'actual' && v < 0) return { kind: 'actualNegative', reason: `${label()}，不能为负数` };
  if (field === 'manualScore' && (v < 0 || v > ind.points)) return { kind: 'manualOutOfRange', reason: `${label()}，应在 0 到 ${ind.points} 分之间` };
  return null;
}

/** Why `v` cannot be this field's value, or null (the reason of numberFault). */
export function numberProblem(field: ValueField, v: number, ind: PolicyIndicator, text?: string): string | null {
  return numberFault(field, v, ind, text)?.reason ?? null;
}

/** A value as typed, pasted or read from a file: refused with the fault's kind and reason. */
export type ReadInput = { ok: true; value: number | null | 'na' | 'pending' } | ({ ok: false } & ValueFault);

/**
 * Text or a number from any door, read the way staff write it and checked: "1,234.5", "101.99%"
 * (only for a share), full-width digits, "/" (not applicable), "未出" (an actual not out yet).
 * `percent`: a number that was shown as a percentage (a file cell formatted 0.00%).
 */
export function readInput(field: ValueField, raw: number | string | null | undefined, ind: PolicyIndicator, opts: { percent?: boolean } = {}): ReadInput {
  if (raw === null || raw === undefined) return { ok: true, value: null };
  if (typeof raw === 'number') {
    if (opts.percent && !acceptsPercent(ind)) return { ok: false, kind: 'notANumber', reason: percentReason(field, `${show(raw * 100)}%`, ind) };
    const fault = numberFault(field, raw, ind);
    return fault ? { ok: false, ...fault } : { ok: true, value: raw };
  }
  const t = raw.trim();
  if (field === 'actual' && PENDING_WORDS.has(t)) return { ok: true, value: 'pending' };
  const p = parseNumeric(t);
  if (p.kind === 'empty') return { ok: true, value: null };
  if (p.kind === 'na') return { ok: true, value: 'na' };
  if (p.kind === 'invalid') {
    const hint = `可填数字，“/”表示不适用${field === 'actual' ? '，“未出”表示数据未出' : ''}`;
    return { ok: false, kind: 'notANumber', reason: `${FIELD_LABELS[field]}“${short(t)}”不是数字（${hint}）` };
  }
  if (/[%％]$/u.test(t) && !acceptsPercent(ind)) return { ok: false, kind: 'notANumber', reason: percentReason(field, t, ind) };
  // Held as typed, or not at all: a decimal a double cannot hold (999999999999.9999) would be stored as a neighbour.
  if (p.decimal !== undefined && Number.isFinite(p.value) && !holdsExactly(p.value, p.decimal)) {
    return { ok: false, kind: 'notANumber', reason: `${FIELD_LABELS[field]}“${short(t)}”的有效数字太多，无法按原样保存（请不超过 15 位有效数字）` };
  }
  const fault = numberFault(field, p.value, ind, t);
  return fault ? { ok: false, ...fault } : { ok: true, value: p.value };
}

const percentReason = (field: ValueField, t: string, ind: Pick<PolicyIndicator, 'unit'>) =>
  `${FIELD_LABELS[field]}“${t}”是百分数，而该指标的单位是“${ind.unit || '个'}”，不能填百分数`;

/** A value written as a percentage (text "20000%", or a cell formatted 0.00%) where the indicator is no share. */
export function percentProblem(field: ValueField, text: string, ind: Pick<PolicyIndicator, 'unit'>): string | null {
  return acceptsPercent(ind) ? null : percentReason(field, text.trim(), ind);
}

const short = (t: string) => (t.length > 20 ? `${t.slice(0, 20)}…` : t);

export function remarkProblem(remark: string | undefined | null): string | null {
  if (remark === undefined || remark === null) return null;
  if (typeof remark !== 'string') return '备注不是文字';
  if (remark.length > REMARK_MAX) return `备注有 ${remark.length.toLocaleString('zh-CN')} 个字，超过了 ${REMARK_MAX} 个字的上限`;
  if (UNWRITABLE_CHARS.test(remark)) return '备注中有无法写入文件的控制字符，请删去后再输入';
  return null;
}

/** A stored value (number, text kept from an earlier build, or empty) against the policy. */
function storedProblem(field: ValueField, v: Cell['target'] | undefined, ind: PolicyIndicator): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') {
    // Text where a number belongs: the same reason it would get typed ("abc", "20000%" in 家).
    const r = readInput(field, v, ind);
    return r.ok ? `${FIELD_LABELS[field]}“${short(v)}”是文字，应为数字` : r.reason;
  }
  return numberProblem(field, v, ind);
}

export interface CellProblem {
  field: ValueField | 'remark' | 'state';
  reason: string;
}

/**
 * Why a cell cannot be written, field by field: only fields that differ from `current` (what the
 * workbook holds now) are judged, so a value stored by an earlier build is not a reason to refuse a
 * new remark beside it. `current` undefined: judge every field (a whole workbook from a file).
 */
export function cellProblems(after: Cell | null, ind: PolicyIndicator & { rule?: { kind: string } }, current?: Cell | null): CellProblem[] {
  if (!after) return [];
  const out: CellProblem[] = [];
  const changed = (f: keyof Cell) => current === undefined || (current?.[f] ?? null) !== (after[f] ?? null);
  if (!['value', 'na', 'pending', 'missing'].includes(after.state)) out.push({ field: 'state', reason: `状态“${String(after.state)}”无法识别` });
  if (after.state !== 'na') {
    for (const f of ['target', 'actual'] as const) {
      if (f === 'actual' && after.state === 'pending') continue;
      const why = changed(f) ? storedProblem(f, after[f], ind) : null;
      if (why) out.push({ field: f, reason: why });
    }
  }
  if (after.manualScore !== undefined && changed('manualScore')) {
    const why = storedProblem('manualScore', after.manualScore, ind);
    if (why) out.push({ field: 'manualScore', reason: why });
  }
  if (changed('remark')) {
    const why = remarkProblem(after.remark);
    if (why) out.push({ field: 'remark', reason: why });
  }
  return out;
}


/**
 * Characters no document can hold: XML 1.0 forbids the C0 controls but tab and line breaks, lone
 * surrogates (with the u flag a lone one is a code point of its own) and U+FFFE/U+FFFF; Word refuses a .docx holding them. Typed text never has them; a
 * paste from elsewhere or a hostile file may.
 */
// eslint-disable-next-line no-control-regex -- finding these characters is the point
export const UNWRITABLE_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/u;

const UNWRITABLE_ALL = new RegExp(UNWRITABLE_CHARS.source, 'gu');

/**
 * Text as a document can hold it, for everything written into a .docx or .xlsx: a vertical tab or
 * form feed becomes a line break, a lone half of a surrogate pair the replacement character, the
 * other forbidden characters are dropped. Emoji and every other character stay as they are.
 */
export function writableText(text: string): string {
  if (!UNWRITABLE_CHARS.test(text)) return text;
  return text.replace(UNWRITABLE_ALL, (c) => (c === '\u000B' || c === '\u000C' ? '\n' : c >= '\uD800' && c <= '\uDFFF' ? '\uFFFD' : ''));
}

/** Every string in plain data (objects and arrays) made writable: a whole document before it is written. */
export function deepWritable<T>(v: T): T {
  if (typeof v === 'string') return writableText(v) as T;
  if (Array.isArray(v)) return v.map(deepWritable) as T;
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepWritable(x)])) as T;
  }
  return v;
}

/** A line of text a title is made of (行动名称, 通报标题, 主送): its length, no control characters. */
export function lineProblem(what: string, text: string, max: number, required = false): string | null {
  if (typeof text !== 'string') return `${what}不是文字`;
  if (required && !text.trim()) return `请填写${what}`;
  if (text.length > max) return `${what}有 ${text.length.toLocaleString('zh-CN')} 个字，超过了 ${max} 个字的上限`;
  if (UNWRITABLE_CHARS.test(text)) return `${what}中有无法写入文件的控制字符，请删去后再输入`;
  return null;
}

