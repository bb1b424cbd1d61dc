/**
 * A row of a list that each reply replaces with new objects, followed by its id: the view keeps the
 * row's boxes (and what is being typed in them) while its figures update. A row removed may be read
 * once more before its view goes: the last one seen is given then.
 */
export function keyedRow<T extends { id: string }>(list: () => readonly T[], id: string): () => T {
  let last: T | undefined;
  return () => (last = list().find((x) => x.id === id) ?? last)!;
}

/** The ids of a list, for a `<For>` keyed by them. */
export const idsOf = (list: readonly { id: string }[]): string[] => list.map((x) => x.id);
