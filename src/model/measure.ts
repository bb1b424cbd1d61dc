/** Conversions between money units, e.g. 万元 in 附件5 ↔ 亿元 in the score sheet. */
import { dec, decNumber } from './exact';

const POWER: Record<string, number> = { 元: 0, 千元: 3, 万元: 4, 百万元: 6, 亿元: 8 };

/** The money units a figure may be written in ("10亿元"). */
export const MONEY_UNITS: readonly string[] = Object.keys(POWER);

export function canConvert(from: string, to: string): boolean {
  return from === to || (from in POWER && to in POWER);
}

/** The decimal point moved, never a multiplication: 45630 万元 → exactly 4.563 亿元, 7319.4 万元 → 0.73194. */
export function convertMeasure(value: number, from: string, to: string): number {
  if (from === to) return value;
  const f = POWER[from];
  const t = POWER[to];
  if (f === undefined || t === undefined) throw new RangeError(`无法换算计量单位：${from} → ${to}`);
  const d = dec(value);
  const shift = f - t;
  return decNumber(shift >= 0 ? { m: d.m * 10n ** BigInt(shift), s: d.s } : { m: d.m, s: d.s - shift });
}
