/**
 * The one formatter for every number shown or exported: exact on the decimal a value stands for
 * (model/exact.ts), half-up (away from zero), at every magnitude the app accepts — no binary noise
 * (81778204184.957 prints as typed), no lost digit (141480549840.0711 at 4 decimals). In the model,
 * so the value policy's messages and the boxes show numbers by it too; the page, the engine, the
 * exports and the charts all import it from here.
 */
import { dec, decPlain, decText, roundQuotient } from './exact';

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

/** A typed value shown as entered, every digit, without float noise: 0.0775, 248.04906, 81778204184.957 (−0 is 0). */
export function formatPlain(x: number): string {
  return decPlain(dec(x === 0 ? 0 : x));
}

/**
 * A number quoted in a message about it (任务数为 …): as typed, but a value no one types — 1e+300,
 * 5e-324, Infinity — stays short instead of running to hundreds of digits.
 */
export function formatQuoted(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 1e15 || (x !== 0 && Math.abs(x) < 1e-6) ? x.toExponential() : formatPlain(x);
}

/** A size in a message: 64 MB, 2.5 MB, 1 KB (one decimal below 10). */
export function formatSize(bytes: number): string {
  const [n, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / 1024 / 1024, 'MB'];
  return `${formatNumber(n, n < 10 ? 1 : 0, false)} ${unit}`;
}
