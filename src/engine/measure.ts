/** Conversions between money units, e.g. 万元 in 附件5 ↔ 亿元 in the score sheet. */
const YUAN_PER: Record<string, number> = { 元: 1, 千元: 1e3, 万元: 1e4, 百万元: 1e6, 亿元: 1e8 };

export function canConvert(from: string, to: string): boolean {
  return from === to || (from in YUAN_PER && to in YUAN_PER);
}

/** Scale by an integer ratio, multiplying or dividing, so 45630 万元 → exactly 4.563 亿元. */
export function convertMeasure(value: number, from: string, to: string): number {
  if (from === to) return value;
  const f = YUAN_PER[from];
  const t = YUAN_PER[to];
  if (f === undefined || t === undefined) throw new RangeError(`无法换算计量单位：${from} → ${to}`);
  return f >= t ? value * (f / t) : value / (t / f);
}
