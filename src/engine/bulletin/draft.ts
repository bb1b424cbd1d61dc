/**
 * The bulletin's §一 (目标任务进展情况) drafted from the numbers, in the words of seed 000:
 * city-wide actual and rate per indicator, how many units completed, the top three, who did not.
 */
import { periodPart, type Period, type PeriodResult } from '../../model';
import { formatRate } from '../../model/format';
import { decText } from '../../model/exact';
import { annexIndicators, summarizeIndicator } from '../scoring/summary';
import { MAX_NAMED_IN_FACTS } from '../views/tables';
import { onSchedule, pointsWords, timeProgress, versusTime } from '../views/timeProgress';

const NUMERALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 104.64%, 132.8%: the bulletin trims trailing zeros in prose (`rate` is already 0.00 %-rounded, exactly). */
function proseRate(rate: number): string {
  return formatRate(rate).replace(/\.?0+%$/u, '%');
}

/**
 * 高新区、临空区·还地桥镇和灵乡镇. A province's lists run to thousands of names: past
 * MAX_NAMED_IN_FACTS the prose names that many and the count follows (等 N 个…).
 */
function list(names: string[]): string {
  if (names.length > MAX_NAMED_IN_FACTS) return `${names.slice(0, MAX_NAMED_IN_FACTS).join('、')}（共 ${names.length} 个，此处列出前 ${MAX_NAMED_IN_FACTS} 个）`;
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join('、')}和${names.at(-1)}`;
}

export interface BulletinDraft {
  overall: string;
  units: string;
  /** Who did not report and who lacks data ('' when every township is complete). */
  gaps: string;
  text: string;
}

/**
 * Who did not report (when returns are being collected) and who lacks data: the figures above
 * leave them out, and the bulletin says so rather than letting the 合计 speak for everyone.
 */
const NAMED_AT_MOST = 30;

function gapsOf(period: Period, result: PeriodResult, names: Map<string, string>): string {
  const returns = period.returns ?? {};
  const collecting = Object.keys(returns).length > 0;
  const notReported = collecting ? period.units.filter((u) => !returns[u.id]).map((u) => u.name) : [];
  const lacking = result.units.filter((u) => !u.complete).map((u) => names.get(u.unitId)!);
  const parts: string[] = [];
  // A province has thousands: the first ones named, the count says the rest.
  const named = (xs: string[]) => (xs.length > NAMED_AT_MOST ? `${xs.slice(0, NAMED_AT_MOST).join('、')}` : list(xs));
  if (notReported.length) parts.push(`截至目前，${named(notReported)}共 ${notReported.length} 个乡镇(场)尚未报送本期数据`);
  if (lacking.length) parts.push(`${named(lacking)}等 ${lacking.length} 个乡镇(场)本期考核数据不全，暂不参与排名，以上合计不含其缺少的数据`);
  return parts.length ? `${parts.join('；')}。` : '';
}

export function bulletinDraft(period: Period, result: PeriodResult): BulletinDraft {
  const names = new Map(period.units.map((u) => [u.id, u.name]));
  const inds = annexIndicators(period);
  const sums = inds.map((ind) => ({ ind, s: summarizeIndicator(period, result, ind) }));
  const label = (i: (typeof inds)[number]) => i.annex?.title ?? i.name;

  // An indicator with no unit's actual yet (a new period) is said to have none, not "0 万元，完成任务数 —".
  const hasData = (s: (typeof sums)[number]['s']) => s.entries.length > 0;
  if (sums.length && !sums.some(({ s }) => hasData(s))) {
    const overall = '（一）全市指标整体完成情况。本期尚无实绩数据。';
    const units = '（二）各乡镇指标完成情况。待各乡镇报送实绩数后生成。';
    return { overall, units, gaps: '', text: `${overall}\n\n${units}` };
  }
  // A cumulative period speaks of the year's target and 序时进度, as the bureau's progress reports do.
  const tp = timeProgress(period);
  const progress = (s: (typeof sums)[number]['s']) =>
    s.rate === null ? '完成年度任务的 —' : `完成年度任务的 ${proseRate(s.rate)}，${tp ? pointsWords(versusTime(s.sumActualExact, s.sumTargetExact, tp)) : ''}`;
  const overall = `（一）全市指标整体完成情况。${tp ? `本期为截至${periodPart(period)}累计，序时进度为 ${tp.text}。` : ''}${sums
    .map(({ ind, s }) =>
      hasData(s)
        ? `全市${label(ind)}实绩数为 ${decText(s.sumActualExact, ind.decimals, ind.padDecimals)} ${ind.unit}，${tp ? progress(s) : `完成任务数 ${s.rate === null ? '—' : proseRate(s.rate)}`}`
        : `全市${label(ind)}尚无实绩数据`,
    )
    .join('；')
    .replace(/^全市/, '全市')}。`.replace(/；全市/g, '；');

  const all = period.units.length;
  const parts = sums.map(({ ind, s }, k) => {
    const order = `${NUMERALS[k + 1] ?? k + 1}是`;
    if (!hasData(s)) return `${order}${label(ind)}，尚无实绩数据`;
    const top = `完成较高的为${list(s.topUnitIds.map((id) => names.get(id)!))}`;
    if (tp) {
      const behind = s.entries.filter((e) => !onSchedule(e.actual, e.target, tp)).map((e) => names.get(e.unitId)!);
      const ahead = s.entries.length - behind.length;
      return `${order}${label(ind)}，${ahead} 个乡镇(场)达到序时进度${behind.length ? `，${list(behind)}落后于序时进度` : ''}，${top}`;
    }
    if (s.completedUnitIds.length === all) return `${order}${label(ind)}，${all} 个乡镇（场）全部完成目标任务，${top}`;
    const done = s.completedUnitIds.map((id) => names.get(id)!);
    const not = s.notCompletedUnitIds.map((id) => names.get(id)!);
    return `${order}${label(ind)}，${list(done)}等 ${done.length} 个乡镇(场)完成该目标任务${not.length ? `，${list(not)}未完成` : ''}，${top}`;
  });
  // Units that completed every indicator of the annexes, in ranking order.
  const rankOrder = result.units.map((u) => u.unitId);
  const completed = sums.map(({ s }) => new Set(s.completedUnitIds));
  const allDone = rankOrder.filter((id) => completed.every((set) => set.has(id)));
  const asOf = period.asOf.replace(/\s+/g, '').replace(/^\d+年/, '').replace(/下午.*$/, '');
  const closing = allDone.length
    ? `截止至${asOf}，${list(allDone.map((id) => names.get(id)!))}等 ${allDone.length} 个乡镇(场)全面完成 ${inds.length} 项指标的目标任务(各乡镇${periodPart(period)}指标进展情况及考核结果详见附件)。`
    : `截止至${asOf}，尚无乡镇(场)全面完成 ${inds.length} 项指标的目标任务(各乡镇${periodPart(period)}指标进展情况及考核结果详见附件)。`;
  const units = `（二）各乡镇指标完成情况。${parts.join('。')}。\n\n${closing}`;
  const gaps = gapsOf(period, result, names);
  return { overall, units, gaps, text: `${overall}\n\n${units}${gaps ? `\n\n${gaps}` : ''}` };
}
