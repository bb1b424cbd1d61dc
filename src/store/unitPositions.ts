/**
 * Where each unit of a decoded block sits in its period (-1: not a unit of it), remembered per
 * bucket: the blocks of one bucket normally list the same units in the same order, one per
 * indicator, so the 20 blocks of a province's bucket cost one lookup per unit instead of twenty
 * (a string hash and a map probe each, 800 000 in all).
 */
export class UnitPositions {
  private readonly last = new Map<number, { ids: readonly string[]; at: Int32Array }>();

  constructor(private readonly unitAt: ReadonlyMap<string, number>) {}

  of(bucket: number, ids: readonly string[]): Int32Array {
    const hit = this.last.get(bucket);
    if (hit && hit.ids.length === ids.length && hit.ids.every((id, k) => id === ids[k])) return hit.at;
    const at = new Int32Array(ids.length);
    for (let k = 0; k < ids.length; k++) at[k] = this.unitAt.get(ids[k]!) ?? -1;
    this.last.set(bucket, { ids, at });
    return at;
  }
}
