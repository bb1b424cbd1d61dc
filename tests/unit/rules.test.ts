import { describe, expect, it } from 'vitest';
import { cellKey, defaultRankDual } from '../../src/model';
import { scorePeriod } from '../../src/engine';
import { rankDual10, tinyPeriod } from './helpers';
import { rng } from '../support/random';
import { rankPart, rankParts } from '../../src/engine/scoring/rules';

const score = (p: ReturnType<typeof tinyPeriod>, u: string, i = 'a') => scorePeriod(p).cells[cellKey(u, i)]!;

describe('rank-dual', () => {
  it('ties share the better place and skip the next (1-2-2-4), on decimal-equal rates', () => {
    // u2 rate 0.3/0.1 = 2.9999999999999996, u3 rate 3/1 = 3: a tie in decimal arithmetic.
    const p = tinyPeriod([rankDual10], {
      u1: { a: { target: 1, actual: 4 } },
      u2: { a: { target: 0.1, actual: 0.3 } },
      u3: { a: { target: 1, actual: 3 } },
      u4: { a: { target: 1, actual: 2 } },
    });
    const r = ['u1', 'u2', 'u3', 'u4'].map((u) => score(p, u));
    expect(r.map((c) => c.rankByRate)).toEqual([1, 2, 2, 4]);
    expect(r.map((c) => c.ratePart)).toEqual([5, 4.9, 4.9, 4.7]);
    expect(r.map((c) => c.rankByActual)).toEqual([1, 4, 2, 3]);
    expect(r[1]!.score).toBe(9.6);
    expect(r[2]!.score).toBe(9.8);
  });

  it('never goes below 0 however many units take part', () => {
    const rows = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`u${i}`, { a: { target: 100, actual: 100 - i } }]));
    const p = tinyPeriod([rankDual10], rows);
    expect(score(p, 'u50').score).toBe(0);
    expect(score(p, 'u49').score).toBe(0.2);
    expect(score(p, 'u59').score).toBe(0);
  });

  it('not applicable and pending get full points and are left out of the ranking', () => {
    const p = tinyPeriod([rankDual10], {
      u1: { a: { state: 'na' } },
      u2: { a: { state: 'pending', target: 50 } },
      u3: { a: { target: 10, actual: 12 } },
      u4: { a: { target: 10, actual: 11 } },
    });
    expect(score(p, 'u1')).toMatchObject({ state: 'na', score: 10, rate: null });
    expect(score(p, 'u2')).toMatchObject({ state: 'pending', score: 10, actual: 50, rate: 1 });
    expect(score(p, 'u2').rankByActual).toBeUndefined();
    // u3 is first of the two that take part, though u2's actual (50) is larger.
    expect(score(p, 'u3')).toMatchObject({ rankByActual: 1, rankByRate: 1, score: 10 });
    expect(score(p, 'u4')).toMatchObject({ rankByActual: 2, rankByRate: 2, score: 9.8 });
  });

  it('an uneven split and step are honoured', () => {
    const p = tinyPeriod([{ id: 'a', points: 10, rule: { kind: 'rankDual', actualShare: 0.6, step: 0.5 } }], {
      u1: { a: { target: 10, actual: 20 } },
      u2: { a: { target: 1, actual: 19 } },
    });
    expect(score(p, 'u1')).toMatchObject({ actualPart: 6, ratePart: 3.5, score: 9.5 });
    expect(score(p, 'u2')).toMatchObject({ actualPart: 5.5, ratePart: 4, score: 9.5 });
  });
});

describe('proportional, threshold and manual', () => {
  const inds = [
    { id: 'p', points: 5, rule: { kind: 'proportional' as const } },
    { id: 't', points: 10, rule: { kind: 'threshold' as const } },
    { id: 'm', points: 3, rule: { kind: 'manual' as const } },
  ];
  const p = tinyPeriod(inds, {
    u1: { p: { target: 4.25, actual: 4 }, t: { target: 1, actual: 0 }, m: { manualScore: 2.5, remark: '材料评审' } },
    u2: { p: { target: 3.5, actual: 15 }, t: { target: 0.3, actual: 0.3 }, m: { manualScore: 3 } },
  });
  it('proportional caps at full points', () => {
    expect(score(p, 'u1', 'p').score).toBeCloseTo(4.705882352941177, 14);
    expect(score(p, 'u2', 'p').score).toBe(5);
  });
  it('threshold is all or nothing, comparing decimals (0.3 reaches 0.3)', () => {
    expect(score(p, 'u1', 't').score).toBe(0);
    expect(score(p, 'u2', 't').score).toBe(10);
  });
  it('manual takes the typed points', () => {
    expect(score(p, 'u1', 'm').score).toBe(2.5);
    const out = tinyPeriod([inds[2]!], { u1: { m: { manualScore: 4 } } });
    expect(score(out, 'u1', 'm').error?.kind).toBe('manualOutOfRange');
  });
  it('totals scale Σ unrounded scores to 100', () => {
    const r = scorePeriod(p);
    const u1 = r.units.find((u) => u.unitId === 'u1')!;
    expect(u1.total).toBeCloseTo((((4 / 4.25) * 5 + 0 + 2.5) * 100) / 18, 12);
    expect(u1.totalRounded).toBe(40.03);
  });
});

describe('bad data becomes a typed error naming unit and indicator, never NaN or Infinity', () => {
  const p = tinyPeriod([rankDual10, { id: 'b', points: 5, rule: { kind: 'proportional' } }], {
    u1: { a: { target: 0, actual: 5 }, b: { target: 10, actual: 5 } },
    u2: { a: { target: -2, actual: 5 }, b: { target: 'abc', actual: 5 } },
    u3: { a: { target: 10, actual: '十二' }, b: { target: 10, actual: -1 } },
    u4: { a: { target: 10, actual: 8 }, b: { target: 10, actual: 5 } },
  });
  const r = scorePeriod(p);

  it('reports each problem with unit and indicator in Chinese', () => {
    const kinds = r.errors.map((e) => `${e.unitId}/${e.indicatorId}/${e.kind}`);
    expect(kinds).toEqual(['u1/a/targetNotPositive', 'u2/a/targetNotPositive', 'u2/b/notANumber', 'u3/a/notANumber', 'u3/b/actualNegative']);
    expect(r.errors[0]!.message).toBe('u1镇「指标a」的任务数为 0，必须大于 0');
    expect(r.errors[2]!.message).toBe('u2镇「指标b」的任务数“abc”不是数字');
  });

  it('leaves those cells unscored, their units unranked, and everyone else scored', () => {
    expect(score(p, 'u1')).toMatchObject({ score: null, rate: null });
    expect(score(p, 'u4')).toMatchObject({ score: 10, rankByActual: 1 });
    const ranked = r.units.filter((u) => u.rank !== null).map((u) => u.unitId);
    expect(ranked).toEqual(['u4']);
  });

  it('contains no NaN or Infinity anywhere', () => {
    const json = JSON.stringify(r, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? `BAD:${v}` : v));
    expect(json).not.toContain('BAD:');
  });

  it('random data of any shape never yields a non-finite number', () => {
    const rnd = rng(7);
    const values = [0, -1, 1e-12, 1e12, '1,000', 'x', null, '/', 3.3];
    const pick = () => values[Math.floor(rnd() * values.length)]!;
    for (let trial = 0; trial < 200; trial++) {
      const rows = Object.fromEntries(
        Array.from({ length: 6 }, (_, i) => [`u${i}`, { a: { target: pick(), actual: pick() }, b: { target: pick(), actual: pick() } }]),
      );
      const res = scorePeriod(tinyPeriod([rankDual10, { id: 'b', points: 5, rule: defaultRankDual(5) }], rows));
      for (const c of Object.values(res.cells)) {
        for (const v of [c.rate, c.score, c.actual, c.target]) if (v !== null) expect(Number.isFinite(v)).toBe(true);
      }
      for (const u of res.units) if (u.total !== null) expect(Number.isFinite(u.total)).toBe(true);
    }
  });
});

describe('the table of rank parts', () => {
  it('holds rankPart for every rank that earns points, and nothing past it', () => {
    // 2.5 points in steps of 0.05: ranks 1–50 earn 2.5 … 0.05, rank 51 earns nothing.
    const t = rankParts(2.5, 0.05, 40_000);
    expect(t.length).toBe(50);
    expect(Array.from(t)).toEqual(Array.from({ length: 50 }, (_, r) => rankPart(2.5, 0.05, r + 1)));
    expect([t[0], t[49], rankPart(2.5, 0.05, 51)]).toEqual([2.5, 0.05, 0]);
    // A step of 0 keeps every rank at the half: the table stops at the units there are.
    expect(Array.from(rankParts(5, 0, 14))).toEqual(Array(14).fill(5));
    expect(rankParts(0, 0.05, 14).length).toBe(0);
  });
});
