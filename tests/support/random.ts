/**
 * The one seeded random generator of the tests and benchmarks: Park–Miller (minimal standard).
 * `rng` spreads the seed first — started from a small seed the raw stream's first draws are tiny
 * (seed × 7.8e-6), which made every "random" workbook one unit wide. `parkMiller` is the raw stream,
 * for data that must match a copy of it (the browser benchmark seeds its workbook inside the page,
 * where nothing can be imported: tests/e2e/big-workbook.ts repeats these two lines).
 */
export function parkMiller(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

export function rng(seed: number): () => number {
  return parkMiller(1 + ((Math.imul(seed, 2654435761) >>> 0) % 2147483646));
}

export function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

export function int(r: () => number, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}
