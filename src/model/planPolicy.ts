/**
 * The value policy for the year plan and its progress (附件1's tasks, 附件3's projects, 附件4's
 * key work, each period's figures and 进展 text, the 进展情况报告's fields): how a box's text is
 * read ("3.4%", "818家", "35.32亿元") and what a value may be, with a reason naming the box. The
 * page asks it at the box; the worker's gate asks it again of every plan it writes.
 */
import { amountProblem, readAmount, stepDecimals, type AmountRule, type BoxRead } from './boxPolicy';
import { formatPlain } from './format';
import { canConvert, convertMeasure, MONEY_UNITS } from './measure';
import type { PlanProgress, PlanProject, PlanTask, PlanTaskKind, PlanWork, YearPlan } from './plan';
import { lineProblem, VALUE_LIMIT } from './valuePolicy';
import { BOXES, storedProblem, type TextBox } from './boxes';

/** The units a task's target may carry. */
export const PLAN_UNITS: readonly string[] = ['%', '家', '个', '人', '项', '件', '次', '篇', '户', '元', '万元', '亿元'];

export const PLAN_KIND_LABELS: Record<PlanTaskKind, string> = { level: '总量（按序时进度）', share: '比例（不按时间折算）', growth: '增速（不按时间折算）' };

/** Rates by their name: 增长率, 增速, 增幅 grow; other percentages (比重, 覆盖率, 占比) are shares. */
export function kindOf(name: string, unit: string): PlanTaskKind {
  if (unit !== '%') return 'level';
  return /增长|增速|增幅/u.test(name) ? 'growth' : 'share';
}

/** A figure and the unit written after it: "818家" → ["818", "家"], "3.4％" → ["3.4", "%"]. */
export function splitFigure(text: string): { figure: string; unit: string } {
  const t = String(text ?? '').normalize('NFKC').trim();
  const m = /^(.*?\d)\s*(%|万元|亿元|元|家|个|人|项|件|次|篇|户)$/u.exec(t);
  return m ? { figure: m[1]!, unit: m[2]! } : { figure: t, unit: '' };
}

/** What a task's target (or a figure reached) may be, by its kind and unit. */
export function taskRule(label: string, kind: PlanTaskKind, unit: string, reached = false): AmountRule {
  if (kind === 'share') return { label, min: 0, minIncluded: reached, max: 100, percent: true, unit: null, decimals: 4 };
  if (kind === 'growth') return { label, min: -100, minIncluded: false, max: 10_000, percent: true, unit: null, decimals: 4, minWords: '不能小于等于 -100%' };
  return { label, min: 0, minIncluded: reached, unit: null, decimals: stepDecimals(unit, 6) };
}

/** A target as the plan writes it ("3.4%", "818家", "35.32亿元"): figure, unit and the kind the name gives. */
export function readTaskTarget(text: string, name: string, label = '目标'): BoxRead<{ target: number; unit: string; kind: PlanTaskKind }> {
  const { figure, unit } = splitFigure(text);
  const shown = String(text ?? '').trim();
  if (!shown) return { ok: false, reason: `请填写${label}` };
  if (!unit) return { ok: false, reason: `${label}“${shown.slice(0, 20)}”没有单位（如 818家、3.4%、35.32亿元）` };
  const kind = kindOf(name, unit);
  const r = readAmount(figure, taskRule(label, kind, unit));
  if (!r.ok) return r;
  return { ok: true, value: { target: r.value!, unit, kind } };
}

/** A figure reached, typed in the task's unit or with a money unit converted to it ("8200万元" for 亿元). */
export function readReached(task: Pick<PlanTask, 'kind' | 'unit'>, text: string, label = '截至本期'): BoxRead<number | null> {
  const t = String(text ?? '').trim();
  if (!t) return { ok: true, value: null };
  const { figure, unit } = splitFigure(t);
  let value: number;
  const rule = taskRule(label, task.kind, task.unit, true);
  if (unit && unit !== task.unit && !(unit === '%' && task.unit === '%')) {
    if (!(MONEY_UNITS.includes(unit) && canConvert(unit, task.unit))) return { ok: false, reason: `${label}“${t.slice(0, 20)}”的单位“${unit}”与目标的单位“${task.unit}”不同，无法换算` };
    const r = readAmount(figure, { ...rule, decimals: undefined });
    if (!r.ok) return r;
    value = convertMeasure(r.value!, unit, task.unit);
  } else {
    const r = readAmount(figure, rule);
    if (!r.ok) return r;
    value = r.value!;
  }
  const why = amountProblem(value, rule);
  return why ? { ok: false, reason: why } : { ok: true, value };
}

/** 投资资金 in 万元: "500万元", "1.2亿元", "200". */
export function readInvestment(text: string, label = '投资资金'): BoxRead<number | null> {
  const t = String(text ?? '').trim();
  if (!t || t === '—' || t === '-') return { ok: true, value: null };
  return readAmount(t, { label, min: 0, minIncluded: true, unit: '万元', optional: true });
}

/** The target as the plan prints it: 3.4%, 818家, 35.32亿元. */
export const targetText = (t: Pick<PlanTask, 'target' | 'unit'>): string => `${formatPlain(t.target)}${t.unit}`;

const number = (out: string[], at: string, v: number | undefined, rule: AmountRule) => {
  if (v === undefined) return;
  const why = amountProblem(v, rule);
  if (why) out.push(at + why);
};
/** A one-line field by its box (boxes.ts): the same reason the box gives. */
const field = (out: string[], at: string, box: TextBox, v: string | undefined) => {
  if (v === undefined || (v === '' && !box.required)) return;
  const why = storedProblem(box, v);
  if (why) out.push(at + why);
};

/** The longest 进展, 主要内容, 主要措施 or opening paragraph: a few paragraphs. */
export const PLAN_TEXT_MAX = 2000;

/** Why a text of several lines (进展, 主要内容, 开头段) cannot be kept, or null. */
export const planTextProblem = (label: string, text: string): string | null => lineProblem(label, text, PLAN_TEXT_MAX);

const area = (out: string[], at: string, label: string, v: string | undefined, required = false) => {
  if (v === undefined) return;
  const why = required && !v.trim() ? `请填写${label}` : planTextProblem(label, v);
  if (why) out.push(at + why);
};

/** Why a task cannot be kept, naming it (年度任务第 2 项“…”的), or nothing. */
export function taskProblems(t: PlanTask, no: number): string[] {
  const out: string[] = [];
  const at = `年度任务第 ${no} 项${t.name ? `“${t.name.slice(0, 20)}”` : ''}的`;
  field(out, at, BOXES.taskName, t.name);
  field(out, at, BOXES.taskGroup, t.group);
  field(out, at, BOXES.taskOffice, t.office);
  if (!PLAN_UNITS.includes(t.unit)) out.push(`${at}单位“${t.unit.slice(0, 10)}”不是可用的单位（${PLAN_UNITS.join('、')}）`);
  else if ((t.kind === 'level') === (t.unit === '%')) out.push(`${at}单位“${t.unit}”与类别“${PLAN_KIND_LABELS[t.kind]}”不符${t.unit === '%' ? '（百分数是比例或增速）' : '（比例和增速以 % 计）'}`);
  else number(out, at, t.target, taskRule('目标', t.kind, t.unit));
  if (Math.abs(t.target) >= VALUE_LIMIT) out.push(`${at}目标超出合理范围`);
  return out;
}

function projectProblems(p: PlanProject, no: number): string[] {
  const out: string[] = [];
  const at = `创新平台第 ${no} 项的`;
  field(out, at, BOXES.projectName, p.name);
  field(out, at, BOXES.projectOwner, p.owner);
  area(out, at, '主要内容', p.content);
  number(out, at, p.investment, { label: '投资资金', min: 0, minIncluded: true, unit: null });
  return out;
}

function workProblems(w: PlanWork, no: number): string[] {
  const out: string[] = [];
  const at = `重点工作第 ${no} 项的`;
  field(out, at, BOXES.workGroup, w.group);
  area(out, at, '主要措施', w.measure, true);
  field(out, at, BOXES.workResponsible, w.responsible);
  field(out, at, BOXES.workDeadline, w.deadline);
  return out;
}

/** Every problem of a year plan as it would be written. */
export function planProblems(plan: YearPlan): string[] {
  const out: string[] = [];
  field(out, '年度计划的', BOXES.planTitle, plan.title);
  plan.tasks.forEach((t, i) => out.push(...taskProblems(t, i + 1)));
  plan.projects.forEach((p, i) => out.push(...projectProblems(p, i + 1)));
  plan.keyWork.forEach((w, i) => out.push(...workProblems(w, i + 1)));
  const ids = [...plan.tasks, ...plan.projects, ...plan.keyWork].map((x) => x.id);
  if (new Set(ids).size !== ids.length) out.push('年度计划中有重复的编号');
  return out;
}

/** Every problem of a period's progress, against the plan it follows (figures by each task's kind). */
export function progressProblems(progress: PlanProgress, plan: YearPlan | undefined): string[] {
  const out: string[] = [];
  const tasks = new Map((plan?.tasks ?? []).map((t, i) => [t.id, { t, no: i + 1 }]));
  for (const [id, p] of Object.entries(progress.tasks)) {
    const found = tasks.get(id);
    const at = found ? `年度任务第 ${found.no} 项“${found.t.name.slice(0, 20)}”的` : '年度任务的';
    if (found) number(out, at, p.reached, taskRule('截至本期', found.t.kind, found.t.unit, true));
    area(out, at, '进展', p.text);
  }
  for (const p of Object.values(progress.projects)) {
    number(out, '创新平台的', p.invested, { label: '已完成投资', min: 0, minIncluded: true, unit: null });
    area(out, '创新平台的', '进展', p.text);
  }
  for (const w of Object.values(progress.keyWork)) area(out, '重点工作的', '进展', w.text);
  const r = progress.report;
  if (r) {
    field(out, '进展情况报告的', BOXES.reportTitle, r.title);
    area(out, '进展情况报告的', '开头段', r.opening);
    field(out, '进展情况报告的', BOXES.reportSigner, r.signer);
    field(out, '进展情况报告的', BOXES.reportDate, r.date);
  }
  return out;
}

/** Did a figure of `unit` come from an indicator of `indicatorUnit` (the same, or money converted)? */
export const linkable = (unit: string, indicatorUnit: string): boolean => unit !== '%' && (unit === indicatorUnit || (MONEY_UNITS.includes(unit) && canConvert(indicatorUnit, unit)));
