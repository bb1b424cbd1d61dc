/**
 * Numbers as the decimals people typed, exactly. A double stands for the decimal of its shortest
 * round-trip text (String(x): 0.1 is 0.1, 81778204184.957 is 81778204184.957); the value policy
 * takes a typed value only when that decimal is the one typed, so for everything accepted the
 * double and the typed decimal are one and the same, in the same order. Numbers read from a
 * spreadsheet are first taken at Excel's 15 significant digits (canon: a formula's 0.1 + 0.2 is the
 * 0.3 Excel shows).
 *
 * Comparisons of values are exact on the doubles themselves. Quotients (完成率) and rounding are
 * decided on doubles when they are clearly apart from a tie or a rounding edge, and otherwise in
 * exact integer arithmetic (BigInt) on the decimals: the filter costs nothing in the common case
 * and is never wrong, a double quotient of two such values being within 4 × 10⁻¹⁶ (relative) of
 * the true one.
 */

/** A number as a spreadsheet holds it: 15 significant digits (Excel's precision). */
export function canon(x: number): number {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return x;
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(15));
}

/** A computed value taken at `digits` significant digits (a midpoint, a product of printed figures). */
export function toSignificant(x: number, digits: number): number {
  return Number.isFinite(x) && x !== 0 ? Number(x.toPrecision(digits)) : x;
}

/** Significant digits of a plain decimal text ("0.00120" → 2, "1200" → 2, "1200.0" → 2). */
export function significantDigits(text: string): number {
  const m = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE][+-]?\d+)?$/.exec(text.trim());
  if (!m) return Infinity;
  const digits = `${m[1] ?? ''}${m[2] ?? ''}`.replace(/^0+/, '').replace(/0+$/, '');
  return digits.length;
}

/** An exact decimal: m × 10^−s (s ≥ 0). */
export interface Dec {
  m: bigint;
  s: number;
}

const TEN = 10n;
const pow10 = (n: number): bigint => TEN ** BigInt(n);

/** A decimal from its text ("1.5e-7", "-123.4500", "2E+3"). */
export function decFromText(text: string): Dec {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m) throw new RangeError(`not a decimal: ${text}`);
  const frac = m[3] ?? '';
  let s = frac.length - Number(m[4] ?? 0);
  let digits = BigInt(`${m[2] || '0'}${frac}` || '0');
  if (s < 0) {
    digits *= pow10(-s);
    s = 0;
  }
  return { m: m[1] === '-' ? -digits : digits, s };
}

/** The exact decimal a double stands for: its shortest round-trip text. */
export function dec(x: number): Dec {
  if (!Number.isFinite(x)) throw new RangeError(`not finite: ${x}`);
  if (Number.isInteger(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER) return { m: BigInt(x), s: 0 };
  return decFromText(String(x));
}

/** Does the double hold exactly the decimal written in `text` (plain digits, no grouping)? */
export function holdsExactly(x: number, text: string): boolean {
  try {
    return decCmp(dec(x), decFromText(text)) === 0;
  } catch {
    return false;
  }
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  if (a.s === b.s) return [a.m, b.m, a.s];
  return a.s > b.s ? [a.m, b.m * pow10(a.s - b.s), a.s] : [a.m * pow10(b.s - a.s), b.m, b.s];
}

export function decAdd(a: Dec, b: Dec): Dec {
  const [x, y, s] = align(a, b);
  return { m: x + y, s };
}

export function decMul(a: Dec, b: Dec): Dec {
  return { m: a.m * b.m, s: a.s + b.s };
}

export function decCmp(a: Dec, b: Dec): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Σ of values as decimals, exactly (a 合计 of 40 000 values with 4 decimals needs 21 digits). */
export function decSum(values: Iterable<number>): Dec {
  const xs = Array.isArray(values) ? (values as readonly number[]) : [...values];
  const fast = scaledSum(xs);
  if (fast) return fast;
  let acc: Dec = { m: 0n, s: 0 };
  for (const v of xs) acc = decAdd(acc, dec(v));
  return acc;
}

/**
 * Σ exactly without a BigInt per value (a 合计 of 40 000 townships): when every value has at most 6
 * decimals, each is its decimal scaled to whole numbers — Math.round(x × 10^s) is that decimal's
 * digits exactly while they stay under 2^50 (the double is within half an ulp of the decimal, and
 * the product within an ulp of the digits) — and the running sum stays a safe integer. Otherwise
 * null, and the sum is made on the decimals one by one.
 */
function scaledSum(xs: readonly number[]): Dec | null {
  let s = 0;
  for (const x of xs) {
    if (Number.isInteger(x)) continue;
    if (!Number.isFinite(x)) return null;
    const t = String(x);
    if (t.includes('e')) return null;
    s = Math.max(s, t.length - t.indexOf('.') - 1);
    if (s > 6) return null;
  }
  const k = 10 ** s;
  let sum = 0;
  for (const x of xs) {
    const m = Math.round(x * k);
    if (!(Math.abs(m) < 2 ** 50)) return null;
    sum += m;
    if (!Number.isSafeInteger(sum)) return null;
  }
  return { m: BigInt(sum), s };
}

/** n / d rounded half away from zero to an integer (d > 0). */
function divHalfUp(n: bigint, d: bigint): bigint {
  const neg = n < 0n;
  const a = neg ? -n : n;
  const q = (2n * a + d) / (2n * d);
  return neg ? -q : q;
}

/** A decimal's text rounded half-up to `decimals` (padded with zeros, or trimmed when `pad` is false); never an exponent. */
export function decText(x: Dec, decimals: number, pad = true): string {
  const m = x.s <= decimals ? x.m * pow10(decimals - x.s) : divHalfUp(x.m, pow10(x.s - decimals));
  return scaledText(m, decimals, pad);
}

/** Every digit of a decimal, no exponent, no trailing zeros: 0.0000001, 81778204184.957. */
export function decPlain(x: Dec): string {
  return scaledText(x.m, x.s, false);
}

function scaledText(m: bigint, decimals: number, pad: boolean): string {
  const neg = m < 0n;
  let digits = (neg ? -m : m).toString();
  if (decimals > 0) {
    digits = digits.padStart(decimals + 1, '0');
    let frac = digits.slice(-decimals);
    const int = digits.slice(0, -decimals);
    if (!pad) frac = frac.replace(/0+$/, '');
    digits = frac ? `${int}.${frac}` : int;
  }
  // "-0" and "-0.00" are zero.
  return neg && /[1-9]/.test(digits) ? `-${digits}` : digits;
}

export type RoundingMode = 'down' | 'halfUp' | 'up';

/** A decimal rounded to `decimals`: down (toward −∞), half-up (away from zero at .5), or up (toward +∞). */
export function decRound(x: Dec, decimals: number, mode: RoundingMode): Dec {
  if (x.s <= decimals) return x;
  const d = pow10(x.s - decimals);
  if (mode === 'halfUp') return { m: divHalfUp(x.m, d), s: decimals };
  const q = x.m / d; // toward zero
  const exact = q * d === x.m;
  if (exact) return { m: q, s: decimals };
  if (mode === 'down') return { m: x.m < 0n ? q - 1n : q, s: decimals };
  return { m: x.m > 0n ? q + 1n : q, s: decimals };
}

/** x × 10^places on the decimal (the point moved, never a multiplication): 0.57 → 57, 57 → 0.57. */
export function shiftPoint(x: number, places: number): number {
  const d = dec(x);
  return Number(decPlain(places >= 0 ? { m: d.m * 10n ** BigInt(places), s: d.s } : { m: d.m, s: d.s - places }));
}

/** A decimal back to a double (exact when it has at most 15 significant digits). */
export function decNumber(x: Dec): number {
  return Number(decPlain(x));
}

// ---- quotients --------------------------------------------------------------------------------

// ---- tolerances: the only ones in the app, each a filter that sends the close calls to exact arithmetic

/** Relative gap below which two double quotients may be out of order: decided exactly. */
const NEAR = 1e-15;

/** Two double quotients close enough that their order must be decided on the decimals. */
export const nearQuotients = (x: number, y: number): boolean => x === y || Math.abs(x - y) <= NEAR * Math.max(Math.abs(x), Math.abs(y));

/**
 * Is the double `scaled` (a quotient × 10^decimals) clearly off the .5 rounding edge, so that it
 * rounds as the exact value does? `slack` is how far the double may be from the exact value:
 * a quotient's own error (roundQuotient), or a sum of scores' errors (a total, scoreModel).
 */
export function clearOfHalf(scaled: number, slack: number): boolean {
  const a = Math.abs(scaled);
  return a < 1e15 && Math.abs(a - Math.floor(a) - 0.5) > slack;
}

/** The slack of a total of scores (each exact to ~10⁻¹⁵, at most 1000 points): 10⁻⁷ leaves a wide margin. */
export const TOTAL_SLACK = 1e-7;

/**
 * A rank-dual half is defined in decimal by the seed (实际完成数第一为 2.5 分，排名每下降一名扣
 * 0.05 分), and 2.5 − 11 × 0.05 in binary is 1.9499999999999997 where the rule means 1.95. Points
 * and steps are short decimals (a few places), so rounding the result at 10⁻⁹ gives exactly the
 * decimal the rule defines.
 */
export function cleanDecimal(x: number): number {
  return Math.abs(x) < 1e6 ? Math.round(x * 1e9) / 1e9 : x;
}

/** |a − b| at most half a unit of the `decimals`-th place, on the decimals: 0.60114 agrees with 0.60 at 2. */
export function withinHalfUnit(a: number, b: number, decimals: number): boolean {
  const da = dec(a);
  const db = dec(b);
  const diff = decAdd(da, { m: -db.m, s: db.s });
  return decCmp({ m: diff.m < 0n ? -diff.m : diff.m, s: diff.s }, { m: 5n, s: decimals + 1 }) <= 0;
}

/**
 * sign(a/b − c/d) on the decimals, for b, d > 0: 0 when they are the same decimal quotient
 * (0.3/0.1 and 3/1; 1/3 and 0.7/2.1), whatever the doubles' last bits say.
 */
export function compareQuotients(a: number, b: number, c: number, d: number): number {
  const x = a / b;
  const y = c / d;
  if (!nearQuotients(x, y)) return x < y ? -1 : 1;
  // Whole numbers (counts, the common case at a tie): the cross products are exact as doubles.
  if (Number.isInteger(a) && Number.isInteger(b) && Number.isInteger(c) && Number.isInteger(d)) {
    const p = a * d;
    const q = c * b;
    if (Math.abs(p) <= Number.MAX_SAFE_INTEGER && Math.abs(q) <= Number.MAX_SAFE_INTEGER) return p < q ? -1 : p > q ? 1 : 0;
  }
  const [p, q] = align(decMul(dec(a), dec(d)), decMul(dec(c), dec(b)));
  return p < q ? -1 : p > q ? 1 : 0;
}

/**
 * Round `scaled` (a value × 10^decimals, clear of the .5 edge) half away from zero and scale it back:
 * r / 10^d for an integer r below 10¹⁵ is the double nearest to the decimal r·10⁻ᵈ — the number its
 * text would parse to, without making the text (a grid window asked for 2 400 of these per edit).
 */
export function scaledBack(scaled: number, decimals: number): number {
  const r = Math.floor(Math.abs(scaled) + 0.5);
  return r === 0 ? 0 : (scaled < 0 ? -r : r) / 10 ** decimals;
}

/**
 * times × num / den rounded half-up to `decimals`, on the decimals (den > 0). The double decides
 * when it is clearly away from the rounding edge; otherwise integers do.
 */
export function roundQuotient(num: number, den: number, decimals: number, times = 1): number {
  const scaled = ((times * num) / den) * 10 ** decimals;
  const a = Math.abs(scaled);
  // The double is within a few parts in 10¹⁶ of the true quotient: away from the .5 edge by more
  // than that (with room), it rounds the same way the exact quotient does.
  if (clearOfHalf(scaled, 1e-9 + a * 1e-14)) return scaledBack(scaled, decimals);
  return decNumber(quotientDec(num, den, decimals, times));
}

/** times × num / den as a decimal rounded half-up to `decimals`, exactly. */
export function quotientDec(num: number, den: number, decimals: number, times = 1): Dec {
  const n = decMul(dec(times), dec(num));
  const d = dec(den);
  // n.m / 10^n.s ÷ (d.m / 10^d.s) × 10^decimals
  let top = n.m * pow10(d.s + decimals);
  let bottom = d.m * pow10(n.s);
  if (bottom < 0n) {
    top = -top;
    bottom = -bottom;
  }
  return { m: divHalfUp(top, bottom), s: decimals };
}

/** An exact fraction (d > 0), for sums of quotients (a unit's total). */
export interface Frac {
  n: bigint;
  d: bigint;
}

export const fracOfDec = (x: Dec): Frac => ({ n: x.m, d: pow10(x.s) });

export function fracAdd(a: Frac, b: Frac): Frac {
  return a.d === b.d ? { n: a.n + b.n, d: a.d } : { n: a.n * b.d + b.n * a.d, d: a.d * b.d };
}

/** times × num / den as a fraction of decimals. */
export function fracQuotient(num: number, den: number, times = 1): Frac {
  const n = decMul(dec(times), dec(num));
  const d = dec(den);
  const f = { n: n.m * pow10(d.s), d: d.m * pow10(n.s) };
  return f.d < 0n ? { n: -f.n, d: -f.d } : f;
}

/** A fraction rounded half-up to `decimals`. */
export function fracRound(f: Frac, decimals: number): number {
  return decNumber({ m: divHalfUp(f.n * pow10(decimals), f.d), s: decimals });
}

/** n / d (d > 0) rounded half-up to `decimals`, exactly: a 合计 row's 完成率 from its exact sums. */
export function decQuotient(n: Dec, d: Dec, decimals: number): Dec {
  return { m: divHalfUp(n.m * pow10(d.s + decimals), d.m * pow10(n.s)), s: decimals };
}

/** a − b on the decimals (a change of total: 85.06 − 84.3 = 0.76, not 0.7600000000000051). */
export function decimalDifference(a: number, b: number): number {
  const x = dec(a);
  const y = dec(b);
  return decNumber(decAdd(x, { m: -y.m, s: y.s }));
}
