/**
 * 序时进度: the share of the year elapsed at a period's end — quarter q → q/4, month m → m/12 —
 * unless the bureau sets its own (a 开门红 quarter: 300 / 818 ≈ 36.67 %). A cumulative period
 * (截至本期累计) reads each township's year-to-date completion of its year target against it:
 * "完成年度任务的 38.2%，超序时进度 13.2 个百分点".
 *
 * Decided on exact fractions: 5 of 12 at May is level with 5/12 (not behind a rounded 41.6667 %).
 * 较序时进度 is the exact difference (actual ÷ target − share) × 100, printed half-up at 2 decimals;
 * its sign is the exact one, so a township behind by less than 0.005 points prints "-0.00" and is
 * listed as behind, and 持平 means exactly level (docs/domain.md).
 */
import type { PeriodMeta } from '../../model';
import { dec, decText, type Dec, type Frac } from '../../model/exact';

export interface TimeProgress {
  /** The share of the year as an exact fraction: 1/4, 5/12, 36.67/100. */
  share: Frac;
  /** 25%, 41.67%: for the screens. */
  text: string;
  /** Where it comes from: set by the bureau, or the quarter's or month's share. */
  from: 'set' | 'quarter' | 'month';
}

const pow10 = (n: number) => 10n ** BigInt(n);

/** The period's 序时进度 when it is cumulative; null otherwise. */
export function timeProgress(p: Pick<PeriodMeta, 'cumulative' | 'timeShare' | 'quarter' | 'month'>): TimeProgress | null {
  if (!p.cumulative) return null;
  let share: Frac;
  if (p.timeShare !== undefined) {
    const d = dec(p.timeShare);
    share = { n: d.m, d: pow10(d.s + 2) };
  } else share = p.month ? { n: BigInt(p.month), d: 12n } : { n: BigInt(p.quarter), d: 4n };
  const percent = { m: divHalfUp(share.n * 10_000n, share.d), s: 2 };
  return { share, text: `${decText(percent, 2, false)}%`, from: p.timeShare !== undefined ? 'set' : p.month ? 'month' : 'quarter' };
}

function divHalfUp(n: bigint, d: bigint): bigint {
  const neg = n < 0n;
  const a = neg ? -n : n;
  const q = (2n * a + d) / (2n * d);
  return neg ? -q : q;
}

/** A township (or a 合计) against 序时进度, exactly. */
export interface VersusTime {
  /** −1 behind, 0 exactly level, +1 ahead. */
  sign: -1 | 0 | 1;
  /** The 百分点 printed: "+13.20", "-3.50", "0.00"; "-0.00" / "+0.00" behind or ahead by less than 0.005. */
  text: string;
  /**
   * The number a spreadsheet cell holds for it: the printed figure, or — when that rounds to 0 but
   * the township is not level — the tiny difference itself, so the cell's format shows "-0.00".
   */
  value: number;
}

/** actual ÷ target against 序时进度, on the decimals (target > 0). */
export function versusTime(actual: number | Dec, target: number | Dec, tp: TimeProgress): VersusTime {
  const a = typeof actual === 'number' ? dec(actual) : actual;
  const t = typeof target === 'number' ? dec(target) : target;
  // 100 × (a/t − n/d) = 100 (a.m·10^t.s·d − n·t.m·10^a.s) / (t.m·10^a.s·d)
  const num = a.m * pow10(t.s) * tp.share.d - tp.share.n * t.m * pow10(a.s);
  const den = t.m * pow10(a.s) * tp.share.d;
  const sign = num === 0n ? 0 : num > 0n === den > 0n ? 1 : -1;
  const hundredths = divHalfUp(num * 10_000n, den); // 100 × 100: the points at 2 decimals
  const abs = hundredths < 0n ? -hundredths : hundredths;
  const digits = decText({ m: abs, s: 2 }, 2, true);
  const text = sign === 0 ? '0.00' : `${sign > 0 ? '+' : '-'}${digits}`;
  const value = hundredths !== 0n ? Number(decText({ m: hundredths, s: 2 }, 2, true)) : sign === 0 ? 0 : (100 * Number(num)) / Number(den);
  return { sign, text, value };
}

/** Is actual ÷ target at or past 序时进度 (exactly, on the decimals)? */
export function onSchedule(actual: number, target: number, tp: TimeProgress): boolean {
  return versusTime(actual, target, tp).sign >= 0;
}

/** 超序时进度 13.2 个百分点 / 落后序时进度 3.5 个百分点 / 与序时进度持平 (prose trims the zeros). */
export function pointsWords(v: VersusTime): string {
  if (v.sign === 0) return '与序时进度持平';
  const digits = v.text.slice(1);
  const amount = digits === '0.00' ? '不到 0.01' : digits.replace(/\.?0+$/u, '');
  return v.sign < 0 ? `落后序时进度 ${amount} 个百分点` : `超序时进度 ${amount} 个百分点`;
}
