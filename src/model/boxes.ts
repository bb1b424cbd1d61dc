/**
 * Every settings box of the app, by what it holds: how its text is read (boxPolicy.ts, the one
 * value policy for boxes) and how a stored value is shown in it. The page judges a box with its
 * entry before sending anything; the worker judges what is stored with the same entry (`storedProblem`)
 * before writing. A share is held as the decimal typed (57 in a 0–100 box is 0.57 exactly, shown 57
 * again — not 56.99999999999999). The table-driven test feeds every entry the hostile values.
 */
import { shiftPoint } from './exact';
import { formatPlain as plain } from './format';
import { GROWTH_RULE, WEIGHT_RULE, cityTotalRule, minimumRule, readAmount, type AmountRule, type BoxRead } from './boxPolicy';
import { POINTS_MAX, lineProblem } from './valuePolicy';


export interface NumberBox {
  kind: 'number';
  label: string;
  rule: AmountRule;
  /** What is stored for the number read (the point moved for a share). */
  store: (v: number) => number;
  /** The box's text for a stored value. */
  show: (stored: number) => string;
}

export interface TextBox {
  kind: 'text';
  label: string;
  max: number;
  required: boolean;
}

export type Box = NumberBox | TextBox;

const number = (label: string, rule: Omit<AmountRule, 'label'>, scale = 0): NumberBox => ({
  kind: 'number',
  label,
  rule: { ...rule, label },
  store: (v) => (scale ? shiftPoint(v, -scale) : v),
  show: (s) => plain(scale ? shiftPoint(s, scale) : s),
});
const text = (label: string, max: number, required = false): TextBox => ({ kind: 'text', label, max, required });
const fromRule = (rule: AmountRule): NumberBox => number(rule.label, rule);

/** The boxes whose rule depends on nothing but themselves. */
export const BOXES = {
  points: number('分值', { min: 0, minIncluded: true, max: POINTS_MAX, decimals: 4, unit: null }),
  actualShare: number('实绩数排名所占比例', { min: 0, minIncluded: true, max: 100, decimals: 2, percent: true, unit: null }, 2),
  step: number('每降一名扣分', { min: 0, minIncluded: true, max: POINTS_MAX, decimals: 4, unit: null }),
  decimals: number('小数位', { min: 0, minIncluded: true, max: 10, decimals: 0, unit: null }),
  timeShare: number('序时进度', { min: 0, minIncluded: false, max: 100, decimals: 2, percent: true, unit: null, optional: true }),
  totalGoal: number('总得分', { min: 0, minIncluded: false, max: 100, decimals: 2, unit: null }),
  weight: fromRule(WEIGHT_RULE),
  growth: fromRule(GROWTH_RULE),
  indicatorName: text('指标名称', 100, true),
  measure: text('计量单位', 10),
  group: text('类别', 40),
  unitName: text('简称', 100, true),
  fullName: text('全称', 100),
  alias: text('别名', 100),
  area: text('地区', 40),
  asOf: text('截至', 60),
  issuer: text('发文单位', 60),
  workbookName: text('工作簿名称', 100, true),
  versionName: text('版本名称', 100),
  scenarioName: text('情景名称', 100, true),
  periodName: text('考核期名称', 40),
  action: text('行动名称', 40, true),
  bulletinTitle: text('通报标题', 200),
  recipients: text('主送', 500),
  bulletinDate: text('成文日期', 40),
  decompositionTitle: text('分解表表名', 100),
  decompositionDate: text('分解表日期', 40),
  planTitle: text('计划标题', 200),
  taskName: text('指标名称', 100, true),
  taskGroup: text('指标类型', 40),
  taskOffice: text('责任科室', 60),
  projectName: text('项目名称', 100, true),
  projectOwner: text('建设主体', 200),
  workGroup: text('项目名称', 100),
  workResponsible: text('责任单位', 300),
  workDeadline: text('完成时限', 40),
  reportTitle: text('报告标题', 200),
  reportSigner: text('署名', 60),
  reportDate: text('日期', 40),
} as const;

/** The action every title names when none is set. */
export const DEFAULT_ACTION = '科技创新行动';

const problemOf = (box: TextBox, t: string) => {
  const r = readBox(box, t);
  return r.ok ? null : r.reason;
};

/** 行动名称 (科技创新赋能行动): one line, required. */
export const actionProblem = (name: string): string | null => problemOf(BOXES.action, name);

/** The 通报's fields: title, 主送 and date are one line each; the body (and its draft) may hold line breaks. */
export function bulletinFieldProblem(field: 'title' | 'recipients' | 'date' | 'body' | 'basedOn', text: string): string | null {
  if (field === 'body' || field === 'basedOn') return lineProblem(field === 'body' ? '通报正文' : '通报草稿', text, 100_000);
  return problemOf(field === 'title' ? BOXES.bulletinTitle : field === 'recipients' ? BOXES.recipients : BOXES.bulletinDate, text);
}

/** 排名达到第 N 名: a whole place among the units ranked. */
export const rankGoalBox = (units: number): NumberBox => number('名次', { min: 1, minIncluded: true, max: Math.max(1, units), decimals: 0, unit: null });

/** 全市目标 / 每个单位至少 of an indicator: in its unit, the minimum on its step. */
export const cityTotalBox = (ind: { unit: string; decimals: number }): NumberBox => fromRule(cityTotalRule(ind));
export const minimumBox = (ind: { unit: string; decimals: number }): NumberBox => fromRule(minimumRule(ind));

/** A box's text read: the value to store (null: emptied, where the box may be empty), or the reason. */
export function readBox(box: NumberBox, typed: string): BoxRead<number | null>;
export function readBox(box: TextBox, typed: string): BoxRead<string>;
export function readBox(box: Box, typed: string): BoxRead<number | null> | BoxRead<string> {
  if (box.kind === 'text') {
    const t = String(typed ?? '').trim();
    const why = lineProblem(box.label, t, box.max, box.required);
    if (why) return { ok: false, reason: why };
    if (/[\r\n]/u.test(t)) return { ok: false, reason: `${box.label}应为一行文字` };
    return { ok: true, value: t };
  }
  const r = readAmount(typed, box.rule);
  if (!r.ok || r.value === null) return r;
  // -0 is 0 (a box never shows "-0").
  return { ok: true, value: box.store(r.value === 0 ? 0 : r.value) };
}

/** Why a stored value is not one its box could hold (a record from another page, an old build), or null. */
export function storedProblem(box: NumberBox, stored: number): string | null;
export function storedProblem(box: TextBox, stored: string): string | null;
export function storedProblem(box: Box, stored: number | string): string | null {
  if (box.kind === 'text') {
    const r = readBox(box, String(stored));
    return r.ok ? (r.value === stored ? null : `${box.label}“${String(stored).slice(0, 20)}”前后有空格`) : r.reason;
  }
  if (typeof stored !== 'number' || !Number.isFinite(stored)) return `${box.label}“${String(stored)}”不是有效的数字`;
  const r = readBox(box, box.show(stored));
  return !r.ok ? r.reason : r.value !== stored ? `${box.label}为 ${box.show(stored)}，无法按原样保存` : null;
}
