import { describe, expect, it } from 'vitest';
import { approxEqual, competitionRanks, formatNumber, formatRate, formatScore, formatTotal, roundHalfUp } from '../../src/engine';

describe('half-up rounding on the decimal value', () => {
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

  it('differs from Number#toFixed exactly where toFixed is wrong', () => {
    expect((1.005).toFixed(2)).toBe('1.00');
    expect(formatNumber(1.005, 2)).toBe('1.01');
    expect((2.675).toFixed(2)).toBe('2.67');
    expect(formatTotal(2.675)).toBe('2.68');
  });

  it('a total at x.xx5 after scaling rounds up: 64.8 × 100 / 85 … and 72.3 → 85.06', () => {
    // 16.2025 × 100 / 100 is a decimal x.xx25; 0.015 × 100 / 100 = 0.015 → 0.02
    expect(formatTotal((0.015 * 100) / 100)).toBe('0.02');
    expect(formatTotal((72.3 * 100) / 85)).toBe('85.06');
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
  it('0.3 / 0.1 and 3 / 1 are equal', () => {
    expect(0.3 / 0.1).not.toBe(3);
    expect(approxEqual(0.3 / 0.1, 3 / 1)).toBe(true);
    expect(approxEqual(3, 3.0000001)).toBe(false);
  });
  it('competition ranking 1-2-2-4', () => {
    expect(competitionRanks([5, 3, 3, 1])).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([1, 3, 5, 3])).toEqual([4, 2, 1, 2]);
    expect(competitionRanks([0.3 / 0.1, 3 / 1, 2])).toEqual([1, 1, 3]);
    expect(competitionRanks([])).toEqual([]);
  });
});

describe('mutation-proof decimal checks (issue 9)', () => {
  it('threshold on decimals: actual 0.3 reaches a target of 0.1 + 0.2', async () => {
    const { thresholdScore } = await import('../../src/engine/rules');
    expect(0.1 + 0.2 > 0.3).toBe(true); // the float trap this guards against
    expect(thresholdScore(3, 0.3, 0.1 + 0.2)).toBe(3);
    expect(thresholdScore(3, 0.29999, 0.3)).toBe(0);
  });
  it('reached() is the one reached/behind comparison', async () => {
    const { reached } = await import('../../src/engine/decimal');
    expect(reached(0.3 / (0.1 + 0.2))).toBe(true);
    expect(reached(0.9999)).toBe(false);
    expect(reached(0.3, 0.1 + 0.2)).toBe(true);
    expect(reached(0.2999, 0.3)).toBe(false);
  });
  it('totals are ranked on their rounded values: 80.004 and 79.996 both print 80.00 and tie', async () => {
    const { tinyPeriod } = await import('./helpers');
    const { scorePeriod } = await import('../../src/engine/score');
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
    expect(56.7 / 100).not.toBe(0.567); // what dividing the double would give
    expect(parseNumeric('56.7%')).toEqual({ kind: 'number', value: 0.567 });
    expect(parseNumeric('0.07%')).toEqual({ kind: 'number', value: 0.0007 });
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
