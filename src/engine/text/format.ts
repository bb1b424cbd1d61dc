/**
 * The one formatter for every number shown or exported: exact on the decimal a value stands for
 * (model/exact.ts), half-up (away from zero), at every magnitude the app accepts — no binary noise
 * (81778204184.957 prints as typed), no lost digit (141480549840.0711 at 4 decimals).
 */
import { dec, decPlain, decText, roundQuotient } from '../../model/exact';

/** Half-up to `decimals`, padded with zeros when `pad` (26.20), trimmed otherwise (770). */
export function formatNumber(x: number, decimals: number, pad = true): string {
  return decText(dec(x), decimals, pad);
}

/** 0.00% as the bulletin prints completion rates: 1.0199 → "101.99%"; 0.10145 → "10.15%". */
export function formatRate(rate: number): string {
  const d = dec(rate);
  // × 100 on the decimal: move the point two places.
  const percent = d.s >= 2 ? { m: d.m, s: d.s - 2 } : { m: d.m * 10n ** BigInt(2 - d.s), s: 0 };
  return `${decText(percent, 2, true)}%`;
}

/** The 完成率 of actual over target, printed exactly (the quotient rounded on its decimals, not on a double). */
export function formatRatio(actual: number, target: number): string {
  return formatRate(roundQuotient(actual, target, 4));
}

/** Indicator score as the score sheet prints it: 9.4, 4.45, 5, 4.71. */
export function formatScore(x: number): string {
  return formatNumber(x, 2, false);
}

/** Total as 附件6 prints it: always two decimals, 84.30. */
export function formatTotal(x: number): string {
  return formatNumber(x, 2, true);
}

/** A typed value shown as entered, every digit, without float noise: 0.0775, 248.04906, 81778204184.957. */
export function formatPlain(x: number): string {
  return decPlain(dec(x));
}
