/**
 * 序时进度: the share of the year elapsed at a period's end — quarter q → q/4, month m → m/12 —
 * unless the bureau sets its own (a 开门红 quarter: 300 / 818 ≈ 36.67 %). A cumulative period
 * (截至本期累计) reads each township's year-to-date completion of its year target against it:
 * "完成年度任务的 38.2%，超序时进度 13.2 个百分点". Exact on the decimals.
 */
import type { PeriodMeta } from '../../model';
import { compareQuotients, dec, decAdd, decMul, decPlain, decQuotient, decText, type Dec } from '../../model/exact';

export interface TimeProgress {
  /** As a percent, exactly as set or derived (25, 50, 41.6667 for 5 月 at 4 decimals). */
  percent: Dec;
  /** 25%, 41.67%: for the screens. */
  text: string;
  /** Where it comes from: set by the bureau, or the quarter's or month's share. */
  from: 'set' | 'quarter' | 'month';
}

/** The period's 序时进度 when it is cumulative; null otherwise. */
export function timeProgress(p: Pick<PeriodMeta, 'cumulative' | 'timeShare' | 'quarter' | 'month'>): TimeProgress | null {
  if (!p.cumulative) return null;
  const percent: Dec = p.timeShare !== undefined ? dec(p.timeShare) : p.month ? decQuotient({ m: BigInt(p.month * 100), s: 0 }, { m: 12n, s: 0 }, 4) : { m: BigInt(p.quarter * 25), s: 0 };
  return { percent, text: `${decText(percent, 2, false)}%`, from: p.timeShare !== undefined ? 'set' : p.month ? 'month' : 'quarter' };
}

/** Is actual ÷ target at or past 序时进度 (exactly, on the decimals)? */
export function onSchedule(actual: number, target: number, tp: TimeProgress): boolean {
  return compareQuotients(actual, target, Number(decPlain(tp.percent)), 100) >= 0;
}

/**
 * The 百分点 a completion rate (0.00% rounded, as a fraction: 0.382 = 38.2%) is past (+) or behind (−)
 * 序时进度, at 2 decimals: 0.382 against 25 → "+13.2".
 */
export function pointsPast(rate: number, tp: TimeProgress): string {
  const diff = decAdd(decMul(dec(rate), { m: 100n, s: 0 }), { m: -tp.percent.m, s: tp.percent.s });
  const t = decText(diff, 2, false);
  return diff.m > 0n ? `+${t}` : t;
}

/** 超序时进度 13.2 个百分点 / 落后序时进度 3.5 个百分点 / 与序时进度持平. */
export function pointsWords(rate: number, tp: TimeProgress): string {
  const p = pointsPast(rate, tp);
  if (/^-?0$/u.test(p)) return '与序时进度持平';
  return p.startsWith('-') ? `落后序时进度 ${p.slice(1)} 个百分点` : `超序时进度 ${p.slice(1)} 个百分点`;
}
