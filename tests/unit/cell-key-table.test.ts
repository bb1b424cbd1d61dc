/**
 * Kept cell keys (model/cellKeyTable.ts) and the radix sort's shared arrays (rankOrder.ts): a
 * period scored again after its units changed in place, or after a model of another size was
 * built in between, scores exactly as a fresh copy of it.
 */
import { describe, expect, it } from 'vitest';
import { cellKey, cellKeysOf, type Period } from '../../src/model';
import { ScoreModel } from '../../src/engine';
import { syntheticPeriod } from '../../bench/synthetic';

const fresh = (p: Period) => ScoreModel.build(structuredClone(p));
const totals = (m: ScoreModel) => Array.from(m.totalRounded);
const ranks = (m: ScoreModel) => Array.from(m.totals.ranks);

describe('kept cell keys', () => {
  it('are the keys of the units as they are now, even when the list was changed in place', () => {
    const units = [{ id: 'a' }, { id: 'b' }];
    expect(cellKeysOf(units, 'x')).toEqual(['a|x', 'b|x']);
    units[1] = { id: 'c' };
    expect(cellKeysOf(units, 'x')).toEqual(['a|x', 'c|x']);
    units.push({ id: 'd' });
    expect(cellKeysOf(units, 'y')).toEqual(['a|y', 'c|y', 'd|y']);
    expect(cellKeysOf(units, 'x')).toEqual(['a|x', 'c|x', 'd|x']);
  });

  it('a period rescored after units swapped in place scores as a fresh copy', () => {
    const p = syntheticPeriod(300, 11);
    const before = ScoreModel.build(p);
    // Swap two units in place: their keyed cells stay under their ids, their positions change.
    const [u0, u1] = [p.units[0]!, p.units[1]!];
    p.units[0] = u1;
    p.units[1] = u0;
    const after = ScoreModel.build(p);
    expect(totals(after)).toEqual(totals(fresh(p)));
    expect(after.totalRounded[0]).toBe(before.totalRounded[1]);
    expect(after.totalRounded[1]).toBe(before.totalRounded[0]);
    // A cell changed by key is read through the kept keys.
    p.cells[cellKey(u1.id, 'i13')] = { state: 'value', target: 10, actual: 0 };
    expect(totals(ScoreModel.build(p))).toEqual(totals(fresh(p)));
    expect(ScoreModel.build(p).totalRounded[0]).not.toBe(after.totalRounded[0]);
  });

  it('orders rebuilt at one size, then another, then the first again agree with fresh scores', () => {
    const big = syntheticPeriod(6000, 3);
    const small = syntheticPeriod(50, 5);
    const b1 = ScoreModel.build(big);
    const s1 = ScoreModel.build(small);
    const b2 = ScoreModel.build(big);
    expect(totals(b2)).toEqual(totals(b1));
    expect(ranks(b2)).toEqual(ranks(fresh(big)));
    expect(ranks(s1)).toEqual(ranks(fresh(small)));
    expect(Array.from(b2.columns[0]!.byRate!.ranks)).toEqual(Array.from(fresh(big).columns[0]!.byRate!.ranks));
  });
});
