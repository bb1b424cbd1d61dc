import { describe, expect, it } from 'vitest';
import { formatNumber, formatRate, formatScore, formatTotal, roundHalfUp } from '../../src/engine';
import { compareQuotients, dec, decNumber, decText, quotientDec, roundQuotient } from '../../src/model/exact';
import { rng } from '../support/random';
import { RankOrder } from '../../src/engine/scoring/rankOrder';

describe('half-up rounding on the decimal value', () => {
  it('the fast path (scaled doubles clear of .5) gives exactly what the decimal text gives, on 200 000 values', () => {
    const r = rng(2026);
    let slow = 0;
    for (let k = 0; k < 100_000; k++) {
      // Short decimals (ties on .5 included), long ones, large and tiny magnitudes, both signs.
      const digits = Math.floor(r() * 8);
      const mag = 10 ** Math.floor(r() * 12 - 4);
      const x = (r() < 0.5 ? -1 : 1) * Number((r() * mag).toFixed(digits));
      const d = Math.floor(r() * 5);
      expect(roundHalfUp(x, d)).toBe(Number(decText(dec(x), d, true)));
      const num = Math.floor(r() * 10 ** Math.floor(r() * 9)) / 10 ** Math.floor(r() * 4);
      const den = (Math.floor(r() * 10 ** Math.floor(r() * 7)) + 1) / 10 ** Math.floor(r() * 3);
      const times = [1, 5, 2.5, 0.05][k % 4]!;
      const want = decNumber(quotientDec(num, den, d, times));
      const got = roundQuotient(num, den, d, times);
      expect(Object.is(got, want) || (got === 0 && want === 0)).toBe(true);
      if (Number.isInteger(x * 10 ** d * 2) && !Number.isInteger(x * 10 ** d)) slow++;
    }
    // Exact halves were among them (they take the decimal path).
    expect(slow).toBeGreaterThan(1000);
  });

  it.each([
    [1.005, 2, 1.01],
    [76.2353, 2, 76.24],
    [2.675, 2, 2.68],
    [1.045, 2, 1.05],
    [8.345, 2, 8.35],
    [0.125, 2, 0.13],
    [1.0049999, 2, 1],
    [-2.5, 0, -3],
    [-1.005, 2, -1.01],
    [85.05882352941177, 2, 85.06],
    [0, 2, 0],
  ])('%d to %d decimals is %d', (x, d, want) => {
    expect(roundHalfUp(x, d)).toBe(want);
  });

  it('rounds the decimal, where toFixed rounds the binary value (1.005 → 1.00 there)', () => {
    expect(formatNumber(1.005, 2)).toBe('1.01');
    expect(formatTotal(2.675)).toBe('2.68');
  });

  it('a total at x.xx5 after scaling rounds up: 64.8 × 100 / 85 … and 72.3 → 85.06', () => {
    // 16.2025 × 100 / 100 is a decimal x.xx25; 0.015 × 100 / 100 = 0.015 → 0.02
    expect(formatTotal((0.015 * 100) / 100)).toBe('0.02');
    expect(formatTotal((72.3 * 100) / 85)).toBe('85.06');
  });

  it('the one tolerance kept (cleanDecimal), and why: the seed defines a rank-dual half in decimal', async () => {
    const { rankPart } = await import('../../src/engine/scoring/rules');
    // 高新区 研发投入 rate #12: 2.5 − 11 × 0.05, which binary arithmetic makes 1.9499999999999997.
    expect(rankPart(2.5, 0.05, 12)).toBe(1.95);
    expect(rankPart(2.5, 0.05, 60)).toBe(0);
  });

  it('rejects non-finite input rather than printing NaN', () => {
    expect(() => roundHalfUp(Number.NaN, 2)).toThrow();
    expect(() => roundHalfUp(Infinity, 2)).toThrow();
  });
});

describe('formats as the bulletin prints them', () => {
  it('rates as 0.00%', () => {
    expect(formatRate(132585.2 / 130000)).toBe('101.99%');
    expect(formatRate(1)).toBe('100.00%');
    expect(formatRate(3 / 2.2)).toBe('136.36%');
    expect(formatRate(0.64)).toBe('64.00%');
  });
  it('scores trimmed, totals padded', () => {
    expect(formatScore(9.4)).toBe('9.4');
    expect(formatScore(5)).toBe('5');
    expect(formatScore((4 / 4.25) * 5)).toBe('4.71');
    expect(formatTotal(84.3)).toBe('84.30');
  });
});

describe('ties are decided on decimal values, not float bits', () => {
  it('0.3 / 0.1 and 3 / 1 are the same quotient; 1/3 and 0.7/2.1 too; 3 and 3.0000001 are not', () => {
    expect(compareQuotients(0.3, 0.1, 3, 1)).toBe(0);
    expect(compareQuotients(1, 3, 0.7, 2.1)).toBe(0);
    expect(compareQuotients(3, 1, 3.0000001, 1)).toBe(-1);
    expect(compareQuotients(1234567890.1235, 1, 1234567890.1234, 1)).toBe(1);
  });
  it('competition ranking 1-2-2-4, with decimal-equal quotients tied', () => {
    const actual = Float64Array.from([5, 3, 3, 1]);
    const ranks = (values: number[], exact?: (a: number, b: number) => number) => {
      const v = Float64Array.from(values);
      const o = new RankOrder(v, v.length, exact ?? null);
      o.rebuild(values.map((_, i) => i));
      o.rerank();
      return Array.from(o.ranks);
    };
    expect(ranks(Array.from(actual))).toEqual([1, 2, 2, 4]);
    expect(ranks([1, 3, 5, 3])).toEqual([4, 2, 1, 2]);
    const a = [0.3, 3, 2];
    const t = [0.1, 1, 1];
    expect(ranks([0.3 / 0.1, 3 / 1, 2], (x, y) => compareQuotients(a[x]!, t[x]!, a[y]!, t[y]!))).toEqual([1, 1, 3]);
  });
});

describe('mutation-proof decimal checks (issue 9)', () => {
  it('threshold on decimals: 0.3 of a 0.3 target is reached, 0.29999 is not', async () => {
    const { thresholdScore } = await import('../../src/engine/scoring/rules');
    expect(thresholdScore(3, 0.3, 0.3)).toBe(3);
    expect(thresholdScore(3, 0.29999, 0.3)).toBe(0);
    expect(thresholdScore(3, 123456789.1234, 123456789.1234)).toBe(3);
    expect(thresholdScore(3, 123456789.1233, 123456789.1234)).toBe(0);
  });
  it('reachedGoal() is the one reached/behind comparison, at 100 % or at a 序时进度', async () => {
    const { reachedGoal } = await import('../../src/engine/scoring/decimal');
    expect(reachedGoal(0.3, 0.3)).toBe(true);
    expect(reachedGoal(0.2999, 0.3)).toBe(false);
    expect(reachedGoal(25, 100, 0.25)).toBe(true);
    expect(reachedGoal(24.9999, 100, 0.25)).toBe(false);
    expect(reachedGoal(0.075, 0.3, 0.25)).toBe(true);
  });
  it('totals are ranked on their rounded values: 80.004 and 79.996 both print 80.00 and tie', async () => {
    const { tinyPeriod } = await import('./helpers');
    const { scorePeriod } = await import('../../src/engine/scoring/score');
    // One proportional indicator worth 100: total = 100 × actual / target.
    const p = tinyPeriod([{ id: 'a', points: 100, rule: { kind: 'proportional' } }], {
      u1: { a: { target: 100000, actual: 80004 } },
      u2: { a: { target: 100000, actual: 79996 } },
      u3: { a: { target: 100000, actual: 79994 } },
    });
    const r = scorePeriod(p);
    const byId = new Map(r.units.map((u) => [u.unitId, u]));
    expect([byId.get('u1')!.totalRounded, byId.get('u2')!.totalRounded, byId.get('u3')!.totalRounded]).toEqual([80, 80, 79.99]);
    expect([byId.get('u1')!.rank, byId.get('u2')!.rank, byId.get('u3')!.rank]).toEqual([1, 1, 3]);
  });
  it('percent parsing divides the decimal text: 56.7% is exactly 0.567, 0.07% exactly 0.0007', async () => {
    const { parseNumeric } = await import('../../src/model/numeric');
    expect(parseNumeric('56.7%')).toMatchObject({ kind: 'number', value: 0.567 });
    expect(parseNumeric('0.07%')).toMatchObject({ kind: 'number', value: 0.0007 });
  });
});

describe('a value the engine cannot score is named, not silent (issue 9)', () => {
  it('a unit with "abc" as a target is 数据有误 with the cell named in the ranking', async () => {
    const { samplePeriod } = await import('../../src/sample/daye-2023q1');
    const { scorePeriod, rankingTable } = await import('../../src/engine');
    const p = samplePeriod();
    p.cells['cg|talent'] = { state: 'value', target: 'abc', actual: 4 };
    const row = rankingTable(p, scorePeriod(p)).find((r) => r.unitId === 'cg')!;
    expect([row.totalText, row.firstError, row.rank]).toEqual(['数据有误', '陈贵镇「规上企业新招引科技人才」的任务数“abc”不是数字', null]);
  });
});
