/** The rank order rebuilt at once (a radix sort of the values' bits) is the comparator sort's order. */
import { describe, expect, it } from 'vitest';
import { RankOrder } from '../../src/engine/scoring/rankOrder';
import { rng } from '../support/random';


const SPECIAL = [0, -0, 1, -1, 0.1 + 0.2, 0.3, 5e-324, -5e-324, 1e308, -1e308, Infinity, -Infinity, 2 ** 53, 100, 100, 99.99999999999999];

describe('RankOrder.rebuild', () => {
  it('orders by value desc, then index asc, exactly as a comparator sort, on 2 000 random sets', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const r = rng(seed);
      // Small and large sets, with whole numbers (a low half of zeros: digits skipped) and specials.
      const n = 1 + Math.floor(r() * (seed % 100 === 0 ? 20000 : seed % 10 === 0 ? 3000 : 60));
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const x = r();
        values[i] = x < 0.3 ? SPECIAL[Math.floor(r() * SPECIAL.length)]! : x < 0.6 ? Math.floor(r() * 10) : (r() - 0.5) * 10 ** Math.floor(r() * 12 - 4);
      }
      const members = Array.from({ length: n }, (_, i) => i).filter(() => r() < 0.85);
      const order = new RankOrder(values, n);
      order.rebuild(members);
      // −0 and +0 are one value (the index decides), as everywhere in ranking.
      const expected = [...members].sort((a, b) => values[b]! + 0 - (values[a]! + 0) || (values[a] === values[b] ? a - b : 0) || a - b);
      expect(Array.from(order.members()), `seed ${seed}`).toEqual(expected);
    }
  });

  it('an insert after a rebuild lands where a rebuild with it would put it', () => {
    const values = new Float64Array([3, 1, 2, 2, -0, 0, 7]);
    const order = new RankOrder(values, 7);
    order.rebuild([0, 1, 2, 4, 5, 6]);
    order.insert(3);
    expect(Array.from(order.members())).toEqual([6, 0, 2, 3, 1, 4, 5]);
    order.rerank();
    expect(Array.from(order.ranks)).toEqual([2, 5, 3, 3, 6, 6, 1]);
  });

  it('an order repaired after values moved in place is the rebuilt order, or untouched when too much moved, on 1 500 random shifts', () => {
    let repaired = 0;
    let refused = 0;
    for (let seed = 1; seed <= 1500; seed++) {
      const r = rng(seed * 31);
      const n = 1 + Math.floor(r() * (seed % 50 === 0 ? 5000 : 300));
      // Rounded totals: two decimals, many ties.
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = Math.round(r() * (seed % 3 === 0 ? 500 : 10000)) / 100;
      const inSet = new Uint8Array(n).map(() => (r() < 0.9 ? 1 : 0));
      const order = new RankOrder(values, n);
      order.rebuildWhere(n, (i) => inSet[i] === 1);
      order.rerank();
      const before = Array.from(order.members());
      // A rank shift: most values lose the same step, some (at the floor) keep theirs, a few jump,
      // a few units join or leave the set.
      const step = [0, 0.05, 0.5, 3][Math.floor(r() * 4)]!;
      for (let i = 0; i < n; i++) {
        const x = r();
        if (x < 0.02) values[i] = Math.round(r() * 10000) / 100;
        else if (x < 0.85) values[i] = Math.round((values[i]! - step) * 100) / 100;
        if (r() < 0.01) inSet[i] = inSet[i] ? 0 : 1;
      }
      const limit = [0, 3, 40, 1e9][Math.floor(r() * 4)]!;
      const ok = order.repairWhere(n, inSet, limit);
      if (!ok) {
        refused++;
        expect(Array.from(order.members()), `seed ${seed}: refused, unchanged`).toEqual(before);
        continue;
      }
      repaired++;
      order.rerank();
      const fresh = new RankOrder(values, n);
      fresh.rebuildWhere(n, (i) => inSet[i] === 1);
      fresh.rerank();
      expect(Array.from(order.members()), `seed ${seed}`).toEqual(Array.from(fresh.members()));
      expect(Array.from(order.ranks), `seed ${seed} ranks`).toEqual(Array.from(fresh.ranks));
    }
    // Both ways are taken often.
    expect(repaired).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(300);
  });
});
