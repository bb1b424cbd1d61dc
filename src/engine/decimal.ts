/**
 * Decimal-faithful arithmetic on doubles: rounding and comparison as a person doing the sums on
 * paper (or Excel) would see them, not as the float bits happen to fall.
 */

/** Relative tolerance under which two numbers count as equal (Excel/HyperFormula use ~1e-13). */
export const RELATIVE_TOLERANCE = 1e-13;

export function approxEqual(a: number, b: number): boolean {
  if (a === b) return true;
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return Math.abs(a - b) <= RELATIVE_TOLERANCE * scale;
}

/** a ≥ b, treating decimal-equal values as equal (10/10 ≥ 1 even if the division is off by a bit). */
export function approxGreaterOrEqual(a: number, b: number): boolean {
  return a > b || approxEqual(a, b);
}

/**
 * Round half away from zero on the decimal value: 1.005 → 1.01, 76.2353 → 76.24, −2.5 → −3.
 * `Number#toFixed` rounds the binary value (1.005.toFixed(2) === '1.00') and is wrong here.
 * 15 significant digits strip the noise of a multiplication (1.005 × 100 = 100.49999999999999).
 */
export function roundHalfUp(x: number, decimals: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`roundHalfUp: ${x} is not finite`);
  const sign = x < 0 ? -1 : 1;
  const factor = 10 ** decimals;
  const scaled = Number((Math.abs(x) * factor).toPrecision(15));
  const rounded = Math.floor(scaled + 0.5) / factor;
  return rounded === 0 ? 0 : sign * rounded;
}

/**
 * Strip float noise from a value that is a decimal by construction (2.5 − 11 × 0.05 gives
 * 1.9499999999999997; the rule means 1.95).
 */
export function cleanDecimal(x: number): number {
  // Scores are small numbers with few decimals: rounding at 1e-9 removes the noise, cheaply.
  return Math.abs(x) < 1e6 ? Math.round(x * 1e9) / 1e9 : x;
}

/**
 * Has a completion rate reached `goal` (1 = 100 %)? The one "reached / behind" comparison of the
 * app — grid, completion tables, charts — on decimal values: 0.3 of a 0.1 + 0.2 target is reached.
 */
export function reached(rate: number, goal = 1): boolean {
  return approxGreaterOrEqual(rate, goal);
}
