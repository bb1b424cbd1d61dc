import { approxEqual } from './decimal';

/**
 * Competition ranking, highest first (Excel RANK.EQ, "1-2-2-4"): equal values share the better
 * place and the next place is skipped. Equality is decimal equality (see approxEqual), so
 * 0.3/0.1 and 3/1 tie. O(n log n).
 */
export function competitionRanks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[b]! - values[a]!);
  const ranks = new Array<number>(values.length);
  let leader = 0; // index in `order` of the first member of the current tie group
  for (let pos = 0; pos < order.length; pos++) {
    if (pos > 0 && !approxEqual(values[order[pos]!]!, values[order[leader]!]!)) leader = pos;
    ranks[order[pos]!] = leader + 1;
  }
  return ranks;
}
