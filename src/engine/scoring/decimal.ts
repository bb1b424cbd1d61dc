/**
 * Rounding as a person doing the sums on paper (or Excel) would see it, on the decimal a value
 * stands for (model/exact.ts), not on how its binary bits fall.
 */
import { clearOfHalf, compareQuotients, dec, decText, scaledBack } from '../../model/exact';

/**
 * Round half away from zero on the decimal value: 1.005 → 1.01, 76.2353 → 76.24, −2.5 → −3.
 * `Number#toFixed` rounds the binary value (1.005.toFixed(2) === '1.00') and is wrong here. For a
 * quotient (a rate, a 按比例 score, a total) use the exact quotient functions of model/exact.ts.
 */
export function roundHalfUp(x: number, decimals: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`roundHalfUp: ${x} is not finite`);
  // The double scaled is within ~2 parts in 10¹⁶ of the decimal it stands for scaled: clear of the
  // .5 edge by more than that, both round the same way (the rest are done on the decimal).
  const scaled = x * 10 ** decimals;
  if (decimals <= 15 && clearOfHalf(scaled, 1e-9 + Math.abs(scaled) * 1e-14)) return scaledBack(scaled, decimals);
  return Number(decText(dec(x), decimals, true));
}

/**
 * Has an actual reached `goal` × its target (goal 1 = 100 %; a 序时进度 such as 0.25)? On the
 * decimals: exact whatever the magnitudes (123456789.1234 of 123456789.1234 is reached; .1233 is not).
 */
export function reachedGoal(actual: number, target: number, goal = 1): boolean {
  return goal === 1 ? actual >= target : compareQuotients(actual, target, goal, 1) >= 0;
}
