/**
 * The fast paths of issue 30 give what the exact paths give: a 合计 summed on scaled integers equals
 * the sum made decimal by decimal, and a summary read from the scored columns equals the one read
 * cell by cell — on random values at every magnitude and number of decimals the app accepts.
 */
import { describe, expect, it } from 'vitest';
import { decAdd, dec, decSum, type Dec, type PeriodResult } from '../../src/model';
import { ScoreModel } from '../../src/engine/scoring/scoreModel';
import { annexIndicators, summarizeIndicator } from '../../src/engine/scoring/summary';
import { syntheticPeriod, rng } from '../../bench/synthetic';

const slowSum = (xs: number[]): Dec => xs.reduce<Dec>((acc, x) => decAdd(acc, dec(x)), { m: 0n, s: 0 });

describe('exact sums', () => {
  it('decSum equals the decimal-by-decimal sum on 2 000 random columns (0–8 decimals, up to 10¹², signs mixed)', () => {
    const r = rng(20261207);
    let checked = 0;
    for (let k = 0; k < 2000; k++) {
      const decimals = Math.floor(r() * 9);
      const scale = 10 ** Math.floor(r() * 13);
      const n = 1 + Math.floor(r() * 200);
      const xs = Array.from({ length: n }, () => Number(((r() - 0.2) * scale).toFixed(decimals)));
      const a = decSum(xs);
      const b = slowSum(xs);
      // The same decimal (a scale may differ only by trailing zeros).
      const s = Math.max(a.s, b.s);
      expect(a.m * 10n ** BigInt(s - a.s)).toBe(b.m * 10n ** BigInt(s - b.s));
      checked++;
    }
    expect(checked).toBe(2000);
    expect(decSum([0.1, 0.2])).toEqual({ m: 3n, s: 1 });
    expect(decSum([2 ** 52, 2 ** 52, 0.5])).toEqual({ m: 90071992547409925n, s: 1 });
    expect(decSum([1e-7, 1])).toEqual(slowSum([1e-7, 1]));
    expect(() => decSum([1, Number.NaN])).toThrow(RangeError);
  });
});

describe('a summary from the columns', () => {
  it('equals the one read cell by cell (1 000 units, every annex indicator)', () => {
    const p = syntheticPeriod(1000);
    const result = ScoreModel.build(p).result();
    const cellByCell: PeriodResult = { ...result, cell: result.cell, unitResult: result.unitResult, schemePoints: result.schemePoints, errors: result.errors, cells: {}, units: [], figures: undefined };
    const inds = annexIndicators(p);
    expect(inds.length).toBeGreaterThan(0);
    for (const ind of inds) expect(summarizeIndicator(p, result, ind)).toEqual(summarizeIndicator(p, cellByCell, ind));
  });
});
