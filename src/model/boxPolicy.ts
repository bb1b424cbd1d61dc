/**
 * The value policy for the boxes outside the grid — a city total, a weight, a minimum, a growth
 * rate, a rule's parameter, 序时进度, a rank to reach: what each may hold, read the way staff write
 * numbers ("1,234.5", full-width digits, "10亿元" where the indicator is in 万元), with a reason in
 * Chinese that names the box as the screen does. The page asks it at the box; the worker asks it
 * again before anything is written or computed. A value the box cannot hold is refused, never
 * rounded or clamped.
 */
import { formatQuoted as show } from './format';
import { dec, holdsExactly } from './exact';
import { canConvert, convertMeasure, MONEY_UNITS } from './measure';
import { parseNumeric } from './numeric';
import { VALUE_LIMIT } from './valuePolicy';

export type BoxRead<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Counts are whole: 家, 人, 个 … (a minimum of 0.5 家 is no minimum). */
const WHOLE_UNITS = ['家', '人', '个', '项', '件', '次', '篇', '户'];

/** Decimals a figure of this measure is split or sought on: whole for counts, else the indicator's. */
export function stepDecimals(unit: string, decimals: number): number {
  return WHOLE_UNITS.includes(unit) ? 0 : decimals;
}

export interface AmountRule {
  /** The box as the screen names it: 全市目标, 权重, 每个单位至少. */
  label: string;
  /** The smallest value, and whether it is allowed itself (0 for a weight, above 0 for a target). */
  min: number;
  minIncluded: boolean;
  max?: number;
  /** Where a unit written with the figure is converted to (the indicator's), or null: no unit allowed. */
  unit?: string | null;
  /** At most this many decimals (a count's minimum: 0). */
  decimals?: number;
  /** A percent sign is the figure's own (a share, a rate): "8%" reads as 8. */
  percent?: boolean;
  /** Empty is allowed: read as null. */
  optional?: boolean;
  /** Said after "不是数字": how the box is filled in (（如 5 表示增长 5%）). */
  hint?: string;
  /** Said of a value below the minimum, instead of "必须大于 …" (会使任务数小于等于 0). */
  minWords?: string;
}

const short = (t: string) => (t.length > 20 ? `${t.slice(0, 20)}…` : t);

/** A figure typed in a box, read and checked by its rule. */
export function readAmount(text: string, rule: AmountRule): BoxRead<number | null> {
  const t = String(text ?? '').trim();
  const { label } = rule;
  if (t === '') return rule.optional ? { ok: true, value: null } : { ok: false, reason: `请填写${label}` };
  // "10亿元", "5,000 万元", "818家": a figure with its measure unit.
  const m = /^(.*?\d)\s*(万元|亿元|千元|百万元|元|家|人|个|项|件|次|篇|户)$/u.exec(t.normalize('NFKC'));
  let body = m ? m[1]! : t;
  const written = m?.[2];
  if (/[%％]$/u.test(body)) {
    if (!rule.percent) return { ok: false, reason: `${label}“${short(t)}”是百分数，这里应填${rule.unit ? `以“${rule.unit}”计的` : ''}数字` };
    body = body.replace(/[%％]$/u, '');
  }
  const p = parseNumeric(body);
  if (p.kind !== 'number' || !Number.isFinite(p.value)) return { ok: false, reason: `${label}“${short(t)}”不是数字${rule.hint ?? ''}` };
  if (p.decimal !== undefined && !holdsExactly(p.value, p.decimal)) return { ok: false, reason: `${label}“${short(t)}”的有效数字太多，无法按原样保存（请不超过 15 位有效数字）` };
  let value = p.value;
  if (written) {
    const to = rule.unit ?? null;
    if (to === null || (written !== to && !(MONEY_UNITS.includes(written) && canConvert(written, to)))) {
      return { ok: false, reason: `${label}“${short(t)}”的单位“${written}”${to ? `与指标的单位“${to}”不同，无法换算` : '在这里不适用'}` };
    }
    value = convertMeasure(value, written, to);
  }
  const why = amountProblem(value, rule);
  return why ? { ok: false, reason: why } : { ok: true, value };
}

/** Why a figure cannot be this box's (its range and decimals), or null: for values read or already held alike. */
export function amountProblem(value: number, rule: AmountRule): string | null {
  const { label } = rule;
  if (!Number.isFinite(value)) return `${label}“${show(value)}”不是有效的数字`;
  if (Math.abs(value) >= VALUE_LIMIT) return `${label}为 ${show(value)}，超出合理范围（绝对值应小于 1 万亿）`;
  if (rule.minIncluded ? value < rule.min : value <= rule.min) return `${label}为 ${show(value)}，${rule.minWords ?? (rule.minIncluded ? `不能小于 ${show(rule.min)}` : `必须大于 ${show(rule.min)}`)}`;
  if (rule.max !== undefined && value > rule.max) return `${label}为 ${show(value)}，不能大于 ${show(rule.max)}`;
  if (rule.decimals !== undefined && dec(value).s > rule.decimals) {
    return rule.decimals === 0 ? `${label}为 ${show(value)}，应为整数${rule.unit ? `（以“${rule.unit}”计）` : ''}` : `${label}为 ${show(value)}，最多 ${rule.decimals} 位小数`;
  }
  return null;
}

/** What of an indicator a box's rule looks at. */
interface BoxIndicator {
  unit: string;
  decimals: number;
}

/** 全市目标: above 0, in the indicator's unit (or a money unit converted to it: "10亿元"). */
export const cityTotalRule = (ind: BoxIndicator): AmountRule => ({ label: '全市目标', min: 0, minIncluded: false, unit: ind.unit || null });

/** A 目标分解 weight: a share, 0 or more (a percent reads as its number: "12.5%" is 12.5). */
export const WEIGHT_RULE: AmountRule = { label: '权重', min: 0, minIncluded: true, percent: true, unit: null };

/** 每个单位至少: 0 or more, on the indicator's step (whole 家 and 人). */
export const minimumRule = (ind: BoxIndicator): AmountRule => ({ label: '每个单位至少', min: 0, minIncluded: true, unit: ind.unit || null, decimals: stepDecimals(ind.unit, ind.decimals), optional: true });

/** Typed weights by unit: the readable ones, and the reason for each that is not (unit id → reason). */
export function readWeights(texts: Readonly<Record<string, string>>): { weights: Record<string, number>; refused: Record<string, string> } {
  const weights: Record<string, number> = {};
  const refused: Record<string, string> = {};
  for (const [unitId, text] of Object.entries(texts)) {
    if (String(text ?? '').trim() === '') continue;
    const r = readAmount(text, WEIGHT_RULE);
    if (r.ok) {
      if (r.value !== null) weights[unitId] = r.value;
    } else refused[unitId] = r.reason;
  }
  return { weights, refused };
}

/** 增长率 in percent: above −100 (a target must stay above 0), at most 10 000. */
export const GROWTH_RULE: AmountRule = { label: '增长率', min: -100, minIncluded: false, max: 10_000, percent: true, unit: null, hint: '（如 5 表示增长 5%）', minWords: '会使任务数小于等于 0' };
