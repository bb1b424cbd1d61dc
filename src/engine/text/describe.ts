import { DEFAULT_ACTION, periodPart, type Cell, type Indicator, type Period, type PeriodTime, type Unit } from '../../model';
import { formatPlain, formatScore } from '../../model/format';

/** 大冶湖高新区 in the tables, 高新区 in the ranking. */
export function tableName(u: Unit): string {
  return u.fullName ?? u.name;
}

/** "规上企业研发投入(万元)" as the score sheet names indicators; work items have no measure unit. */
export function indicatorLabel(ind: Indicator, unit = ind.detailUnit ?? ind.unit): string {
  return unit ? `${ind.name}(${unit})` : ind.name;
}

/** The action every title names: the period's (set per year), or 科技创新行动. */
export function actionName(p: { action?: string | undefined }): string {
  return p.action?.trim() || DEFAULT_ACTION;
}

/**
 * "2023年科技创新行动一季度": the year, the action and the period, as titles and the 通报's opening
 * line name a period. A period with a name of its own keeps its quarter (or month) and its name
 * after it: 2024年“开门红” → 2024年科技创新赋能行动一季度“开门红”.
 */
export function periodHeading(p: PeriodTime & { action?: string | undefined }): string {
  const part = periodPart(p);
  const head = `${p.year}年${actionName(p)}`;
  const label = p.label?.trim();
  if (!label) return `${head}${part}`;
  const rest = label.replace(new RegExp(`^${p.year}\\s*年`, 'u'), '').trim();
  return rest.includes(part) ? `${head}${rest}` : `${head}${part}${rest}`;
}

/** "大冶市2023年科技创新行动一季度考核结果": the bulletin's table titles (screens and export alike). */
export function bulletinTitle(period: Pick<Period, 'area' | 'action'> & PeriodTime, what: string): string {
  return `${period.area}${periodHeading(period)}${what}`;
}

export function pendingNote(period: PeriodTime): string {
  return `${periodPart(period)}数据未出,完成任务数暂取目标任务数。`;
}

/** The rule in the bulletin's own words (备注 of the score sheet). */
export function ruleNote(ind: Indicator): string {
  const r = ind.rule;
  switch (r.kind) {
    case 'rankDual': {
      const a = formatScore(ind.points * r.actualShare);
      const b = formatScore(ind.points * (1 - r.actualShare));
      const s = formatScore(r.step);
      return `得分说明:实际完成数第一为${a}分,排名每下降一名,扣${s}分;完成率第一为${b}分,排名每下降一名,扣${s}分;指标分为实际完成数得分+完成率得分。`;
    }
    case 'proportional':
      return `得分说明:得分=目标分值×完成率,完成率100%及以上得满分。`;
    case 'threshold':
      return `得分说明:完成目标任务得满分,未完成不得分。`;
    case 'manual':
      return `得分说明:由考核人员评定。`;
  }
}

/** A cell in a few words, for conflict and recovery messages: "任务数 40，实绩数 104". */
export function describeCell(c: Cell | null | undefined): string {
  if (!c || (c.state === 'missing' && c.target === null && c.actual === null)) return c?.remark ? `（空）备注：${c.remark}` : '（空）';
  const v = (x: Cell['target']) => (x === null || x === undefined ? '空' : typeof x === 'number' ? formatPlain(x) : `“${x}”`);
  let text: string;
  if (c.state === 'na') text = '不适用（/）';
  else if (c.state === 'pending') text = `任务数 ${v(c.target)}，实绩数未出`;
  else text = `任务数 ${v(c.target)}，实绩数 ${v(c.actual)}`;
  if (c.manualScore !== undefined && c.manualScore !== null) text += `，手工得分 ${v(c.manualScore)}`;
  return c.remark ? `${text}，备注：${c.remark}` : text;
}

/** A cell's target or actual as the grid and the import preview show it: "/", "未出", the number or the text. */
export function fieldText(c: Cell | null, field: 'target' | 'actual'): string {
  if (!c) return '';
  if (c.state === 'na') return '/';
  if (field === 'actual' && c.state === 'pending') return '未出';
  const v = c[field];
  return v === null || v === undefined ? '' : typeof v === 'number' ? formatPlain(v) : String(v);
}

/** ↑2 moved up two places, ↓1 down one, — the same place; empty when either period has no rank. */
export function rankChangeText(change: number | null | undefined): string {
  if (change === null || change === undefined) return '';
  return change > 0 ? `↑${change}` : change < 0 ? `↓${-change}` : '—';
}
