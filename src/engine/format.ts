import { roundHalfUp } from './decimal';

/** Half-up to `decimals`, padded with zeros when `pad` (26.20), trimmed otherwise (770). */
export function formatNumber(x: number, decimals: number, pad = true): string {
  const s = roundHalfUp(x, decimals).toFixed(decimals);
  return pad ? s : trimZeros(s);
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** 0.00% as the bulletin prints completion rates: 1.0199 → "101.99%". */
export function formatRate(rate: number): string {
  return `${roundHalfUp(rate * 100, 2).toFixed(2)}%`;
}

/** Indicator score as the score sheet prints it: 9.4, 4.45, 5, 4.71. */
export function formatScore(x: number): string {
  return formatNumber(x, 2, false);
}

/** Total as 附件6 prints it: always two decimals, 84.30. */
export function formatTotal(x: number): string {
  return formatNumber(x, 2, true);
}

/** A typed value shown as entered, without float noise: 0.0775, 248.04906, 4.563. */
export function formatPlain(x: number): string {
  return trimZeros(roundHalfUp(x, 6).toFixed(6));
}
