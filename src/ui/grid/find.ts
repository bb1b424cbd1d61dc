import { findKey } from '../../engine/text/orderWords';

/** Rows whose unit name (or full name) contains the text, in row order. */
export function findRows(units: readonly { name: string; fullName?: string }[], text: string): number[] {
  const k = findKey(text);
  if (!k) return [];
  const out: number[] = [];
  units.forEach((u, i) => {
    if (findKey(u.name).includes(k) || (u.fullName && findKey(u.fullName).includes(k))) out.push(i);
  });
  return out;
}

/** The match to go to from `row`: the next one after it (or the previous one before it), wrapping around. */
export function nextMatch(matches: readonly number[], row: number, back = false): number | null {
  if (!matches.length) return null;
  if (back) {
    for (let i = matches.length - 1; i >= 0; i--) if (matches[i]! < row) return matches[i]!;
    return matches.at(-1)!;
  }
  for (const m of matches) if (m > row) return m;
  return matches[0]!;
}
