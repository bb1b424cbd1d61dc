/**
 * A score in words: the rule and its arithmetic, with the numbers the engine used —
 * "实绩 132585.2 排第1 → 2.5 分；完成率 101.99% 排第12 → 2.5 − 11×0.05 = 1.95 分；合计 4.45 分". Pure.
 */
import { periodPart, type Period, type PeriodResult } from '../../model';
import { formatPlain, formatRate, formatScore, formatTotal } from '../../model/format';

export interface Explanation {
  text: string;
  /** The score the text arrives at (unrounded), null when not scored. */
  score: number | null;
}

export function explainCell(period: Period, result: PeriodResult, unitId: string, indicatorId: string): Explanation {
  const ind = period.indicators.find((i) => i.id === indicatorId)!;
  const c = result.cell(unitId, indicatorId)!;
  const pts = formatScore(ind.points);
  if (c.error) return { text: `${c.error.message}，未计分。`, score: null };
  switch (c.state) {
    case 'missing':
      return { text: '无数据，未计分（该单位总得分为“数据不全”）。', score: null };
    case 'na':
      return { text: `不适用（/）→ 满分 ${pts} 分，不参与排名。`, score: c.score };
    case 'pending':
      return { text: `${periodPart(period)}数据未出，完成任务数暂取目标任务数${c.target === null ? '' : ` ${formatPlain(c.target)}`} → 满分 ${pts} 分，不参与排名。`, score: c.score };
    default:
      break;
  }
  const a = formatPlain(c.actual!);
  const t = formatPlain(c.target!);
  const rate = c.rateRounded === null ? '' : formatRate(c.rateRounded);
  switch (ind.rule.kind) {
    case 'rankDual': {
      const step = formatScore(ind.rule.step);
      const half = (share: number) => formatScore(ind.points * share);
      const part = (label: string, value: string, rank: number, share: number, got: number) => {
        const head = `${label} ${value} 排第${rank}`;
        if (rank === 1) return `${head} → ${half(share)} 分`;
        const formula = `${half(share)} − ${rank - 1}×${step}`;
        return got === 0 ? `${head} → ${formula} 不足 0，记 0 分` : `${head} → ${formula} = ${formatScore(got)} 分`;
      };
      const text = `${part('实绩', a, c.rankByActual!, ind.rule.actualShare, c.actualPart!)}；${part('完成率', rate, c.rankByRate!, 1 - ind.rule.actualShare, c.ratePart!)}；合计 ${formatScore(c.scoreRounded!)} 分。`;
      return { text, score: c.score };
    }
    case 'proportional':
      return c.actual! >= c.target!
        ? { text: `完成率 ${rate}（${a} ÷ ${t}）达到 100% → 满分 ${pts} 分。`, score: c.score }
        : { text: `完成率 ${rate}（${a} ÷ ${t}）→ ${pts} × ${rate} = ${formatScore(c.scoreRounded!)} 分。`, score: c.score };
    case 'threshold':
      return c.score === ind.points
        ? { text: `实绩 ${a} ≥ 任务 ${t}，完成目标 → 满分 ${pts} 分。`, score: c.score }
        : { text: `实绩 ${a} < 任务 ${t}，未完成目标 → 0 分。`, score: c.score };
    case 'manual':
      return { text: `手工评分 ${formatScore(c.scoreRounded ?? 0)} 分（满分 ${pts}）。`, score: c.score };
  }
}

export function explainTotal(period: Period, result: PeriodResult, unitId: string): Explanation {
  const u = result.unitResult(unitId)!;
  const pts = formatScore(result.schemePoints);
  if (!u.complete) {
    const names = u.missingIndicatorIds.map((id) => period.indicators.find((i) => i.id === id)?.name ?? id);
    return { text: `数据不全：${names.join('、')}未计分，暂不计总得分和排名（已计各项之和 ${formatScore(u.rawSum)} 分）。`, score: null };
  }
  const text = `各项得分之和 ${formatScore(u.rawSum)} 分（方案满分 ${pts} 分）× 100 ÷ ${pts} = ${formatTotal(u.totalRounded!)} 分，排第 ${u.rank} 名。`;
  return { text, score: u.total };
}
