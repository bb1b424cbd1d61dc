/**
 * The year plan's ledger for one period (台账): per task the target, the figure reached to date —
 * typed, or the sum of the townships' actuals when the task follows a township indicator — and how
 * it stands. A level (a count, an amount) is read against 序时进度 exactly, as the township tables
 * are (views/timeProgress.ts): 完成率, 较序时进度 in points, 超/落后/持平. A share or a growth rate is
 * judged against its target as it stands (达到目标 / 低于目标 x 个百分点), never pro-rated by time.
 */
import { EMPTY_PROGRESS, MONEY_UNITS, formatNumber, convertMeasure, dec, decCmp, decNumber, decSum, decimalDifference, formatPlain, formatRatio, linkable, periodPart, targetText, type Period, type PlanTask } from '../../model';
import { pointsWords, timeProgress, versusTime, type TimeProgress, type VersusTime } from '../views/timeProgress';

export interface LedgerRow {
  no: number;
  id: string;
  group: string;
  name: string;
  kind: PlanTask['kind'];
  target: number;
  unit: string;
  /** 818家, 3.4%. */
  targetText: string;
  /** The figure to date (null: not reported), in the task's unit. */
  reached: number | null;
  reachedText: string;
  /** Where the figure comes from: typed, or the townships' actuals added up. */
  source: 'typed' | 'townships' | 'none';
  /** For a linked task: 14 个乡镇之和（2 个未报）. */
  sourceNote: string;
  /** 完成率 of a level task (25.06%), '' otherwise. */
  rateText: string;
  /** A level task against 序时进度 (null for rates, or with nothing reached). */
  vsTime: VersusTime | null;
  /** 超序时进度 0.06 个百分点, 已完成全年目标, 达到目标, 低于目标 0.3 个百分点, 未填报. */
  status: string;
  /** Behind 序时进度 or below its target: shown at a glance. */
  behind: boolean;
  office: string;
  indicatorId: string;
  text: string;
}

export interface Ledger {
  year: number;
  title: string;
  /** 序时进度 of the period: 25.00%. */
  timeProgressText: string;
  /** 截至一季度末, 截至5月底. */
  asOfWords: string;
  rows: LedgerRow[];
  behind: number;
  reported: number;
}

/** The 序时进度 a level task is read against: the period's own (a quarter's, a month's, or as set). */
export function planTimeProgress(p: Period): TimeProgress {
  return timeProgress({ timeShare: p.timeShare, quarter: p.quarter, month: p.month, cumulative: true })!;
}

export const asOfWords = (p: Period): string => `截至${p.month ? `${p.month}月底` : `${periodPart(p)}末`}`;

/** The townships' actuals of an indicator added up exactly, in the task's unit; null when none reported. */
function townshipSum(p: Period, task: PlanTask): { value: number | null; note: string } {
  const ind = p.indicators.find((i) => i.id === task.indicatorId);
  if (!ind || !linkable(task.unit, ind.unit)) return { value: null, note: '' };
  const values: number[] = [];
  let missing = 0;
  for (const u of p.units) {
    const c = p.cells[`${u.id}|${ind.id}`];
    if (c?.state === 'na') continue;
    if (c?.state === 'value' && typeof c.actual === 'number') values.push(c.actual);
    else missing++;
  }
  if (!values.length) return { value: null, note: `各乡镇“${ind.name}”均未报送` };
  const sum = decNumber(decSum(values));
  return { value: convertMeasure(sum, ind.unit, task.unit), note: `${values.length} 个乡镇“${ind.name}”之和${missing ? `（${missing} 个未报）` : ''}` };
}

function standing(task: PlanTask, reached: number | null, tp: TimeProgress): Pick<LedgerRow, 'rateText' | 'vsTime' | 'status' | 'behind'> {
  if (reached === null) return { rateText: '', vsTime: null, status: '未填报', behind: false };
  if (task.kind !== 'level') {
    const cmp = decCmp(dec(reached), dec(task.target));
    if (cmp >= 0) return { rateText: '', vsTime: null, status: cmp === 0 ? '达到目标' : '高于目标', behind: false };
    return { rateText: '', vsTime: null, status: `低于目标 ${formatPlain(decimalDifference(task.target, reached))} 个百分点`, behind: true };
  }
  const rateText = formatRatio(reached, task.target);
  const vs = versusTime(reached, task.target, tp);
  const done = decCmp(dec(reached), dec(task.target)) >= 0;
  return { rateText, vsTime: vs, status: done ? '已完成全年目标' : pointsWords(vs), behind: !done && vs.sign < 0 };
}

export function planLedger(p: Period): Ledger {
  const plan = p.plan;
  const progress = p.planProgress ?? EMPTY_PROGRESS;
  const tp = planTimeProgress(p);
  const rows = (plan?.tasks ?? []).map((task, i): LedgerRow => {
    const own = progress.tasks[task.id];
    const linked = task.indicatorId ? townshipSum(p, task) : null;
    const reached = linked ? linked.value : (own?.reached ?? null);
    const source = reached === null ? 'none' : linked ? 'townships' : 'typed';
    return {
      no: i + 1,
      id: task.id,
      group: task.group,
      name: task.name,
      kind: task.kind,
      target: task.target,
      unit: task.unit,
      targetText: targetText(task),
      reached,
      reachedText: reached === null ? '' : `${linked ? formatNumber(reached, Math.max(dec(task.target).s, MONEY_UNITS.includes(task.unit) ? 2 : 0)) : formatPlain(reached)}${task.unit}`,
      source,
      sourceNote: linked?.note ?? '',
      ...standing(task, reached, tp),
      office: task.office ?? '',
      indicatorId: task.indicatorId ?? '',
      text: own?.text ?? '',
    };
  });
  return {
    year: p.year,
    title: plan?.title ?? '',
    timeProgressText: tp.text,
    asOfWords: asOfWords(p),
    rows,
    behind: rows.filter((r) => r.behind).length,
    reported: rows.filter((r) => r.reached !== null).length,
  };
}
