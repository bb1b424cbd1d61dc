/**
 * Competition ranks (1-2-2-4) kept up to date under single-value changes: the members are held
 * sorted by (value desc, index asc) — the order the full sort gives — so a change is a remove, a
 * binary-searched insert (O(n) memmove, no allocation) and one linear pass for the ranks.
 *
 * `values` is shared with the caller: remove a member before changing its value, insert it after.
 * Values that are decimals (实绩数, rounded totals) compare exactly as doubles. Values that are
 * quotients (完成率) come with `exact`: where two doubles are equal or within a few parts in 10¹⁵,
 * the order and ties are decided by it on the decimals (0.3/0.1 ties 3/1; near-equal quotients of
 * 14–16 digit values are told apart), never by the doubles' last bits.
 */

import { nearQuotients as near } from '../../model/exact';

const F64 = new Float64Array(1);
const I32 = new Int32Array(F64.buffer);
/** Which half of a double is which, on this machine. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = LITTLE_ENDIAN ? 1 : 0;

/**
 * The radix sort's working arrays, shared by every rebuild and grown when a larger one comes: a
 * full score rebuilds 24 orders, and fresh arrays for each (1.5 MB at 40 000 units) made the
 * garbage collector run several times per score.
 */
let scratch = { hi: new Int32Array(0), lo: new Int32Array(0), from: new Int32Array(0), to: new Int32Array(0) };
let memberScratch = new Int32Array(0);
/** repairWhere's marks of the members it has met (a mark per call, so never cleared). */
let seen = new Int32Array(0);
let epoch = 0;
/**
 * The sort's digits: 11, 11 and 10 bits of each 32-bit half of the key, low half first. Their six
 * counts (2 048 entries each, small enough to stay in the first-level cache) are taken in one pass
 * over the keys, and a digit all members share is skipped without a pass (whole-number values have
 * a low half of zeros). Sixteen-bit digits counted pass by pass took 3–4 ms at 40 000 members.
 */
const DIGIT_SHIFT = [0, 11, 22, 0, 11, 22];
const DIGIT_MASK = [0x7ff, 0x7ff, 0x3ff, 0x7ff, 0x7ff, 0x3ff];
const COUNTS = new Int32Array(6 * 2048);
function scratchFor(k: number): typeof scratch {
  if (scratch.hi.length < k) {
    const size = Math.max(k, scratch.hi.length * 2);
    scratch = { hi: new Int32Array(size), lo: new Int32Array(size), from: new Int32Array(size), to: new Int32Array(size) };
  }
  return scratch;
}

export class RankOrder {
  private order: Int32Array;
  private size = 0;
  /** Rank of each index, 0 for non-members. */
  readonly ranks: Int32Array;

  constructor(
    private readonly values: Float64Array,
    capacity: number,
    /** sign(value of a − value of b) on the decimals, for quotients; consulted only for near values. */
    private readonly exact: ((a: number, b: number) => number) | null = null,
  ) {
    this.order = new Int32Array(capacity);
    this.ranks = new Int32Array(capacity);
  }

  get count(): number {
    return this.size;
  }

  /** Members in ranking order (a view, valid until the next change). */
  members(): Int32Array {
    return this.order.subarray(0, this.size);
  }

  /**
   * Replace all members by the indices below `n` that pass `member`: collected into a shared
   * array, since a fresh list of 40 000 numbers is a large object the collector must sweep later.
   */
  rebuildWhere(n: number, member: (i: number) => boolean): void {
    if (memberScratch.length < n) memberScratch = new Int32Array(Math.max(n, memberScratch.length * 2));
    let k = 0;
    for (let i = 0; i < n; i++) if (member(i)) memberScratch[k++] = i;
    this.rebuild(memberScratch.subarray(0, k));
  }

  /**
   * Replace all members (given in ascending index order) at once, by a stable LSD radix sort of
   * the values' bits (a pass skipped when all share its digit): stable on
   * members in index order gives exactly the (value desc, index asc) order, with no comparisons.
   * At 40 000 members it is about 1.7–2.1 ms (16-bit digits: 2.3–3.5 ms); a native sort plus
   * placing each member took 9 ms.
   */
  rebuild(members: ArrayLike<number>): void {
    const v = this.values;
    const k = members.length;
    // Int32Array: the same bits, but reads stay small integers (a Uint32 above 2³¹ is a double).
    const { hi, lo } = scratchFor(k);
    let { from, to } = scratch;
    for (let t = 0; t < k; t++) {
      // Ascending order of −value (+ 0: −0 → +0, one zero) as unsigned keys: flip the sign bit
      // of a positive double, every bit of a negative one.
      F64[0] = -v[members[t]!]! + 0;
      const h = I32[HI]!;
      const l = I32[LO]!;
      if (h < 0) {
        hi[t] = ~h;
        lo[t] = ~l;
      } else {
        hi[t] = h | 0x80000000;
        lo[t] = l;
      }
    }
    for (let t = 0; t < k; t++) from[t] = t;
    const count = COUNTS;
    count.fill(0);
    for (let t = 0; t < k; t++) {
      const l = lo[t]!;
      const h = hi[t]!;
      count[l & 0x7ff]!++;
      count[2048 + ((l >>> 11) & 0x7ff)]!++;
      count[4096 + (l >>> 22)]!++;
      count[6144 + (h & 0x7ff)]!++;
      count[8192 + ((h >>> 11) & 0x7ff)]!++;
      count[10240 + (h >>> 22)]!++;
    }
    for (let pass = 0; pass < 6 && k > 0; pass++) {
      const word = pass < 3 ? lo : hi;
      const shift = DIGIT_SHIFT[pass]!;
      const mask = DIGIT_MASK[pass]!;
      const base = pass * 2048;
      if (count[base + ((word[0]! >>> shift) & mask)] === k) continue; // all share this digit
      let sum = 0;
      for (let d = base; d <= base + mask; d++) {
        const c = count[d]!;
        count[d] = sum;
        sum += c;
      }
      for (let t = 0; t < k; t++) {
        const pos = from[t]!;
        to[count[base + ((word[pos]! >>> shift) & mask)]!++] = pos;
      }
      const swap = from;
      from = to;
      to = swap;
    }
    for (let t = 0; t < k; t++) this.order[t] = members[from[t]!]!;
    this.size = k;
    this.ranks.fill(0);
    if (this.exact) this.settleNearRuns();
  }

  /**
   * Bring the order up to date after many members' values changed in place, from the order as it
   * was: a rank shift in one indicator moves most totals by the same step, so most members stay in
   * order. One pass keeps each member that still follows the last one kept and sets the others
   * aside (a member also lower than its successor is set aside: it is the one that fell); those
   * and the new members are sorted and merged in. The result is the rebuild's order — (value desc,
   * index asc) compared member by member — without its 2–3 ms at 40 000 members. When more than
   * `limit` members are out of place it returns false with the order as it was: rebuild then.
   * Orders of quotients (which settle near runs on the decimals) are always rebuilt. `member` marks
   * the members with 1 (a mask, not a callback: the pass asks it of every unit, twice).
   */
  repairWhere(n: number, member: Uint8Array, limit: number): boolean {
    if (this.exact) return false;
    if (seen.length < n) seen = new Int32Array(Math.max(n, seen.length * 2));
    if (memberScratch.length < n) memberScratch = new Int32Array(Math.max(n, memberScratch.length * 2));
    if (epoch === 0x7fffffff) {
      seen.fill(0);
      epoch = 0;
    }
    const mark = ++epoch;
    const o = this.order;
    const v = this.values;
    // a comes before b: greater value, then lower index (compare() without quotients, inlined).
    const before = (a: number, b: number) => v[a]! > v[b]! || (v[a] === v[b] && a < b);
    const kept = memberScratch;
    const aside: number[] = [];
    let k = 0;
    const size = this.size;
    for (let pos = 0; pos < size; pos++) {
      const u = o[pos]!;
      seen[u] = mark;
      if (member[u] !== 1) {
        this.ranks[u] = 0; // gone from the order (a rebuild after a false return clears them all)
        continue;
      }
      // Most members still follow the last one kept and are not followed by one that fell: two
      // comparisons of doubles, no call.
      const last = k === 0 ? -1 : kept[k - 1]!;
      const fits = last < 0 || !(v[u]! > v[last]! || (v[u] === v[last] && u < last));
      const next = pos + 1 < size ? o[pos + 1]! : -1;
      const fell = next >= 0 && member[next] === 1 && before(next, u) && (last < 0 || !before(next, last));
      if (fits && !fell) kept[k++] = u;
      else if (aside.push(u) > limit) return false;
    }
    for (let i = 0; i < n; i++) if (seen[i] !== mark && member[i] === 1 && aside.push(i) > limit) return false;
    aside.sort((a, b) => (before(a, b) ? -1 : 1));
    // Merge the two sorted runs into the order.
    let a = 0;
    let b = 0;
    let t = 0;
    while (a < k || b < aside.length) {
      if (b >= aside.length || (a < k && before(kept[a]!, aside[b]!))) o[t++] = kept[a++]!;
      else o[t++] = aside[b++]!;
    }
    this.size = t;
    return true;
  }

  /** Runs of near-equal quotients, put in their exact order (rare: ties and near-ties). */
  private settleNearRuns(): void {
    const v = this.values;
    const o = this.order;
    let start = 0;
    for (let pos = 1; pos <= this.size; pos++) {
      if (pos < this.size && near(v[o[pos - 1]!]!, v[o[pos]!]!)) continue;
      // Most runs are exact ties already in index order (whole-number quotients): checked in one
      // pass, sorted only when out of order.
      if (pos - start > 1 && !this.inOrder(start, pos)) {
        const run = Array.from(o.subarray(start, pos)).sort((a, b) => this.compare(b, a));
        o.set(run, start);
      }
      start = pos;
    }
  }

  /** Are positions [from, to) of the order already in the exact order? */
  private inOrder(from: number, to: number): boolean {
    const o = this.order;
    for (let p = from + 1; p < to; p++) if (this.compare(o[p - 1]!, o[p]!) < 0) return false;
    return true;
  }

  /** > 0 when member a comes before member b: greater value, then lower index. */
  private compare(a: number, b: number): number {
    const va = this.values[a]!;
    const vb = this.values[b]!;
    if (this.exact && near(va, vb)) {
      const e = this.exact(a, b);
      if (e !== 0) return e;
    } else if (va !== vb) return va > vb ? 1 : -1;
    return b - a;
  }

  /** Become a copy of `other` (an order over another array of the same values). */
  copyFrom(other: RankOrder): void {
    this.order.set(other.order.subarray(0, other.size));
    this.size = other.size;
    this.ranks.set(other.ranks);
  }

  private before(a: number, b: number): boolean {
    return this.compare(a, b) > 0;
  }

  /** First position whose member does not come before `i`. */
  private lowerBound(i: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.before(this.order[mid]!, i)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(i: number): void {
    const pos = this.lowerBound(i);
    this.order.copyWithin(pos + 1, pos, this.size);
    this.order[pos] = i;
    this.size++;
  }

  /** Remove member `i`, whose value must still be the one it was inserted with. */
  remove(i: number): void {
    const pos = this.lowerBound(i);
    if (this.order[pos] !== i) throw new Error(`RankOrder: ${i} is not a member at its value`);
    this.order.copyWithin(pos, pos + 1, this.size);
    this.size--;
    this.ranks[i] = 0;
  }

  /** Recompute every member's rank: ties (the same decimal as the group's first) share the better place. */
  rerank(): void {
    const o = this.order;
    const ranks = this.ranks;
    let leader = 0;
    if (!this.exact) {
      // Decimals compare as doubles: a tie is the same double (inlined: a rank shift reranks 40 000).
      const v = this.values;
      let lead = NaN;
      for (let pos = 0; pos < this.size; pos++) {
        const u = o[pos]!;
        const x = v[u]!;
        if (x !== lead) {
          leader = pos;
          lead = x;
        }
        ranks[u] = leader + 1;
      }
      return;
    }
    // Quotients: a tie is decided on the decimals, and only asked where the doubles are near.
    const v = this.values;
    const exact = this.exact!;
    let lead = o[0]!;
    for (let pos = 0; pos < this.size; pos++) {
      const u = o[pos]!;
      if (pos > 0 && !(near(v[u]!, v[lead]!) && exact(u, lead) === 0)) {
        leader = pos;
        lead = u;
      }
      ranks[u] = leader + 1;
    }
  }
}
