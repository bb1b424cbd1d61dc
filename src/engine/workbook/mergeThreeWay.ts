/**
 * A change made from an older view, rebased on what is held now: `base` is what the user saw,
 * `mine` what they made of it, `theirs` what is held now. What the user did not touch keeps its
 * current value; what they changed is applied. Objects merge key by key; lists of records with
 * the same ids in the same order merge record by record; anything else changed on both sides
 * takes `mine` (the newer change). Pure and generic: the worker uses it for the scheme, where
 * two boxes committed in quick succession are both sent from one view.
 */
type Plain = Record<string, unknown>;

const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (!isPlain(a) || !isPlain(b)) return false;
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameValue(a[k], b[k]));
}

const idOf = (v: unknown) => (isPlain(v) && typeof v.id === 'string' ? v.id : undefined);
const sameIds = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((x, i) => idOf(x) !== undefined && idOf(x) === idOf(b[i]));

export function mergeThreeWay<T>(base: T, mine: T, theirs: T): T {
  if (sameValue(mine, base)) return theirs;
  if (sameValue(theirs, base)) return mine;
  if (Array.isArray(base) && Array.isArray(mine) && Array.isArray(theirs) && sameIds(base, mine) && sameIds(base, theirs)) {
    return base.map((b, i) => mergeThreeWay(b, mine[i], theirs[i])) as T;
  }
  if (isPlain(base) && isPlain(mine) && isPlain(theirs)) {
    const out: Plain = {};
    for (const k of new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)])) {
      const v = mergeThreeWay(base[k], mine[k], theirs[k]);
      if (v !== undefined) out[k] = v;
    }
    return out as T;
  }
  return mine;
}
