/**
 * Figures as a file prints them: a cell read as a value (with its measure unit or percent sign),
 * the printed 完成率 against 实绩数 ÷ 任务数, 合计 rows against their rows, and the precise actual a
 * rounded one and its printed rate pin down (docs/domain.md, rules). Pure.
 */
import { formatPlain, formatRatio } from '../../model/format';
import { canon, dec, decAdd, decCmp, decMul, decPlain, decSum, decText, roundQuotient, toSignificant, withinHalfUnit, type Dec } from '../../model/exact';
import { roundHalfUp } from '../scoring/decimal';
import { parseNumeric } from '../../model/numeric';
import { where, type RawCell } from './grid';
import type { SheetFacts } from './layouts';

export type Read = { ok: true; value: number | 'na' | null; percent?: boolean; unit?: string } | { ok: false; message: string };


const fieldLabel = (f: 'target' | 'actual') => (f === 'target' ? '任务数' : '实绩数');
const decimalsOf = (text: string) => (/\.(\d+)/.exec(text.replace(/,/g, ''))?.[1] ?? '').length;

/** 未报送, 数据有误, 缺任务数: written by this app's 附件 in place of a figure (tables.ts, NoFigure). */
const NO_FIGURE = /^(未报送|数据有误|缺任务数)$/u;

export function readCell(cell: RawCell): Read {
  switch (cell.kind) {
    case 'empty':
      return { ok: true, value: null };
    case 'number':
      // As Excel holds it: 15 significant digits (a formula's 0.1 + 0.2 is the 0.3 it shows).
      return { ok: true, value: canon(cell.value as number), percent: cell.text.trim().endsWith('%') };
    case 'error':
      return { ok: false, message: `是错误值 ${cell.text || '#ERROR'}` };
    case 'date':
      return { ok: false, message: `是日期（${cell.text}），不是数字` };
    case 'bool':
      return { ok: false, message: `是逻辑值 ${cell.text}，不是数字` };
    case 'text': {
      // "35.32亿元", "67家": a number followed by its measure unit.
      const text = String(cell.value).trim();
      // The words the app's own 附件 print where a township has no figure: nothing to take.
      if (NO_FIGURE.test(text.replace(/\s+/g, ''))) return { ok: true, value: null };
      const m = /^(.*?\d)\s*(万元|亿元|元|家|个|人|项|件)$/u.exec(text);
      const p = parseNumeric(m ? m[1] : text);
      if (p.kind === 'number') return { ok: true, value: p.value, percent: /[%％]$/u.test(text), ...(m ? { unit: m[2]! } : {}) };
      if (p.kind === 'na') return { ok: true, value: 'na' };
      if (p.kind === 'empty') return { ok: true, value: null };
      return { ok: false, message: `“${text}”不是数字` };
    }
  }
}

/**
 * The file's own printed 完成率 against its 实绩数 ÷ 任务数, each to the decimals it is printed
 * with: null when they agree (or cannot be compared), else both texts.
 */
export function rateDisagrees(actualCell: RawCell, actual: number, rateCell?: RawCell, targetCell?: RawCell): { printed: string; computed: string } | null {
  if (!rateCell || !targetCell) return null;
  const rate = readCell(rateCell);
  const target = readCell(targetCell);
  if (!rate.ok || !target.ok || typeof rate.value !== 'number' || typeof target.value !== 'number' || target.value <= 0) return null;
  // A target too small to divide by (5e-324) is refused on its own row; there is no rate to compare.
  if (!Number.isFinite(actual / target.value)) return null;
  const rateText = rateCell.text.trim().replace(/\s/g, '');
  const rateDecimals = decimalsOf(rateText) + (rateText.endsWith('%') ? 2 : 0);
  const shown = actualCell.kind === 'number' ? actualCell.text : String(actualCell.value);
  // Some value both printed figures allow (the actual to its decimals, the rate to its), on the
  // decimals: 4917 / 4700 printed as 104.62 % sits exactly on the boundary, and agrees.
  if (printedTogether(actual, decimalsOf(shown), rate.value, rateDecimals, target.value)) return null;
  return { printed: rateCell.text.trim(), computed: formatRatio(actual, target.value) };
}

/** The file's 合计 row against the sum of the rows above it (as printed), per column: a warning for each that differs. */
export function sumWarnings(fileName: string, s: SheetFacts): string[] {
  const out: string[] = [];
  const byPos = new Map<string, RawCell>();
  for (const v of s.values) byPos.set(`${v.indicatorRaw}|${v.field}|${v.r}`, v.cell);
  for (const sum of s.sums) {
    const total = readCell(sum.cell);
    if (!total.ok || typeof total.value !== 'number' || sum.rows.length === 0) continue;
    const values: number[] = [];
    let maxDecimals = 0;
    let complete = true;
    for (const r of sum.rows) {
      const cell = byPos.get(`${sum.indicatorRaw}|${sum.field}|${r}`);
      const v = cell ? readCell(cell) : null;
      if (!v || !v.ok || typeof v.value !== 'number') {
        complete = false;
        break;
      }
      values.push(v.value);
      maxDecimals = Math.max(maxDecimals, decimalsOf(cell!.kind === 'number' ? String(cell!.value) : cell!.text));
    }
    if (!complete) continue;
    // Each side to what it is printed with: a 合计 rounded to whole numbers over rows with decimals agrees.
    // Summed in decimal; they agree when the exact sum rounds to the 合计 as printed (within half its last digit).
    const d = Math.min(decimalsOf(sum.cell.kind === 'number' ? sum.cell.text : String(sum.cell.value)), maxDecimals);
    const acc = decSum(values);
    const diff = decAdd(acc, { m: -dec(total.value).m, s: dec(total.value).s });
    const off = (diff.m < 0n ? -diff.m : diff.m) * 2n * 10n ** BigInt(d) > 10n ** BigInt(diff.s);
    if (off) {
      // The sum as a person reads it: a row of 5e-324 would make it hundreds of digits long.
      const keep = Math.max(maxDecimals, 6);
      const said = acc.s > keep ? `约为 ${decText(acc, keep, false)}` : `为 ${decPlain(acc)}`;
      out.push(`${where(fileName, s.sheet, sum.r, sum.c)}：合计行的${fieldLabel(sum.field)}为 ${formatPlain(total.value)}，而上面 ${sum.rows.length} 个单位之和${said}，不一致，请核对。`);
    }
  }
  return out;
}

/**
 * 殷祖镇 0.60 with 100.19% of 0.6: the rate (to 0.01 %) pins the actual to ±0.00003, the printed
 * actual only to ±0.005, so 0.6 × 1.0019 = 0.60114 is the better value. Null when the actual is
 * already the finer of the two, or the figures disagree.
 */
export function preciseActual(actualCell: RawCell, actual: number, rateCell?: RawCell, targetCell?: RawCell): number | null {
  if (!rateCell || !targetCell) return null;
  const rate = readCell(rateCell);
  const target = readCell(targetCell);
  if (!rate.ok || !target.ok || typeof rate.value !== 'number' || typeof target.value !== 'number' || target.value <= 0) return null;
  // A target too small to divide by (5e-324) is refused on its own row; there is no rate to compare.
  if (!Number.isFinite(actual / target.value)) return null;
  const shown = actualCell.kind === 'number' ? actualCell.text : String(actualCell.value);
  const decimals = (/\.(\d+)/.exec(shown.replace(/,/g, ''))?.[1] ?? '').length;
  // Only a printed percentage says how it was rounded; a computed rate needs no help.
  const pct = /^([\d.,]+)%$/.exec(rateCell.text.trim().replace(/\s/g, ''));
  if (!pct) return null;
  const rateDecimals = (pct[1]!.split('.')[1] ?? '').length + 2;
  // The actual agrees with the printed rate already (4917 of 4700 is 104.62 %): it is exact.
  if (roundQuotient(actual, target.value, rateDecimals) === roundHalfUp(rate.value, rateDecimals)) return null;
  const actualHalf = 10 ** -decimals / 2;
  const rateHalf = 10 ** -rateDecimals / 2;
  // Values both printed figures allow: the actual to its decimals, the rate to its.
  const lo = Math.max(actual - actualHalf, (rate.value - rateHalf) * target.value);
  const hi = Math.min(actual + actualHalf, (rate.value + rateHalf) * target.value);
  if (!(lo < hi)) return null;
  return toSignificant((lo + hi) / 2, 12);
}

/** Of two values that agree to the shorter one's decimals (on the decimals), the one with more decimals; else null. */
export function moreDetailed(a: number, b: number): number | null {
  const [short, long] = dec(a).s <= dec(b).s ? [a, b] : [b, a];
  return withinHalfUnit(long, short, dec(short).s) ? long : null;
}

/**
 * Do an actual printed to `actualDecimals` and a rate printed to `rateDecimals` (of `target`)
 * allow one same value — [actual ± ½ unit] meets [(rate ± ½ unit) × target] — exactly?
 */
function printedTogether(actual: number, actualDecimals: number, rate: number, rateDecimals: number, target: number): boolean {
  const half = (d: number): Dec => ({ m: 5n, s: d + 1 });
  const neg = (x: Dec): Dec => ({ m: -x.m, s: x.s });
  const a = dec(actual);
  const r = dec(rate);
  const t = dec(target);
  const lo = [decAdd(a, neg(half(actualDecimals))), decMul(decAdd(r, neg(half(rateDecimals))), t)];
  const hi = [decAdd(a, half(actualDecimals)), decMul(decAdd(r, half(rateDecimals)), t)];
  const max = decCmp(lo[0]!, lo[1]!) >= 0 ? lo[0]! : lo[1]!;
  const min = decCmp(hi[0]!, hi[1]!) <= 0 ? hi[0]! : hi[1]!;
  return decCmp(max, min) <= 0;
}

