/**
 * Exact at every magnitude (issue 19): the engine against the exact oracle on random periods with
 * values up to the policy's limit and 0–4 decimals, near-ties at 14–16 significant digits and
 * ties that exist only in decimal; every formatter against exact half-up text; goal seek right,
 * minimal and bounded; splits by their rule; and the four mutants the suite used to let live.
 */
import { describe, expect, it } from 'vitest';
import { cellKey, type Cell, type Indicator, type Period } from '../../src/model';
import { ScoreModel, formatNumber, formatPlain, formatRate, formatRatio, formatScore, formatTotal, goalSeek, largestRemainder, scorePeriod, summarizeIndicator, type Goal, type Vary } from '../../src/engine';
import { exactScore, frac, roundText } from '../support/exact-scorer';
import { int, pick, rng } from '../support/random';
import { RULES } from '../support/kit';

const LIMIT = 10n ** 12n;

/** A decimal m × 10^-s as the double that holds it, or null when no double holds it exactly. */
function held(m: bigint, s: number): number | null {
  const neg = m < 0n;
  let digits = (neg ? -m : m).toString().padStart(s + 1, '0');
  if (s) digits = `${digits.slice(0, -s)}.${digits.slice(-s)}`;
  const x = Number(`${neg ? '-' : ''}${digits}`);
  const f = frac(x);
  return f.n * 10n ** BigInt(s) === m * f.d ? x : null;
}

/** A random decimal below the limit with `decimals` places, held exactly by its double. */
function randomDecimal(r: () => number, decimals: number, min = 0n): { m: bigint; s: number; x: number } {
  for (;;) {
    const digits = int(r, 1, 12 + decimals);
    let m = 0n;
    for (let k = 0; k < digits; k++) m = m * 10n + BigInt(int(r, k === 0 ? 1 : 0, 9));
    if (m >= LIMIT * 10n ** BigInt(decimals) || m < min) continue;
    const x = held(m, decimals);
    if (x !== null) return { m, s: decimals, x };
  }
}


/** A period with every kind of hard case: huge magnitudes, near-ties, decimal-only ties, "/", 未出. */
function hardPeriod(seed: number): Period {
  const r = rng(seed);
  const n = int(r, 2, 18);
  const m = int(r, 1, 5);
  const units = Array.from({ length: n }, (_, i) => ({ id: `u${i}`, name: `单位${i}`, aliases: [] }));
  const indicators: Indicator[] = Array.from({ length: m }, (_, j) => ({
    id: `i${j}`, name: `指标${j}`, aliases: [], unit: '万元', group: '', points: pick(r, [5, 10, 2.5, 3]), rule: pick(r, RULES), decimals: int(r, 0, 4), padDecimals: false,
  }));
  const cells: Record<string, Cell> = {};
  for (const ind of indicators) {
    const minTarget = 5n; // ≥ ½ × 10^-decimals at its own scale below
    let last: { m: bigint; s: number } | null = null;
    for (const u of units) {
      const k = r();
      const key = cellKey(u.id, ind.id);
      if (k < 0.05) continue;
      if (k < 0.1) {
        cells[key] = { state: 'na', target: null, actual: null };
        continue;
      }
      const t = randomDecimal(r, ind.decimals, minTarget * (ind.decimals ? 1n : 0n) || 1n);
      if (k < 0.15) {
        cells[key] = { state: 'pending', target: t.x, actual: null };
        continue;
      }
      let a = randomDecimal(r, int(r, 0, 4));
      const tie = r();
      if (tie < 0.15 && last) {
        // A near-tie: the same digits but the last, at 14–16 significant digits where it can be held.
        const near = held(last.m + (r() < 0.5 ? 1n : -1n), last.s);
        if (near !== null && near >= 0) a = { ...last, x: near };
      } else if (tie < 0.25) {
        const [ax, tx] = pick(r, [[0.3, 0.1], [3, 1], [1, 3], [0.7, 2.1], [0.3, 0.3], [123456789.1234, 123456789.1234]] as const);
        cells[key] = { state: 'value', target: tx, actual: ax };
        continue;
      }
      last = a;
      const cell: Cell = { state: 'value', target: t.x, actual: a.x };
      if (ind.rule.kind === 'manual') cell.manualScore = Math.round(r() * ind.points * 100) / 100;
      cells[key] = cell;
    }
  }
  return { id: `p${seed}`, year: 2024, quarter: 1, asOf: '', area: '', units, indicators, cells };
}

function differences(p: Period): { scores: number; diffs: string[] } {
  const res = scorePeriod(p);
  const x = exactScore(p);
  const diffs: string[] = [];
  let scores = 0;
  p.indicators.forEach((ind, j) =>
    p.units.forEach((u, i) => {
      const c = res.cell(u.id, ind.id)!;
      const o = x.cells[j]![i]!;
      const mine = c.scoreRounded === null ? null : c.scoreRounded.toFixed(2);
      const theirs = o.score === null ? null : roundText(o.score, 2);
      scores++;
      if (mine !== theirs || c.rankByActual !== o.rankByActual || c.rankByRate !== o.rankByRate || !!c.error !== o.error) {
        diffs.push(`${p.id} ${u.id}/${ind.id}: score ${mine} vs ${theirs}, ranks ${c.rankByActual}/${c.rankByRate} vs ${o.rankByActual}/${o.rankByRate}`);
      }
    }),
  );
  p.units.forEach((u, i) => {
    const e = res.unitResult(u.id)!;
    const o = x.units[i]!;
    const total = e.totalRounded === null ? null : formatTotal(e.totalRounded);
    if (total !== o.total || e.rank !== o.rank) diffs.push(`${p.id} ${u.id}: total ${total} #${e.rank} vs ${o.total} #${o.rank}`);
  });
  return { scores, diffs };
}

describe('exact: the engine against an exact decimal scorer', () => {
  it('2 000 random periods with magnitudes up to 10¹², 0–4 decimals, near-ties and decimal-only ties: 0 differences', () => {
    let scores = 0;
    const diffs: string[] = [];
    const PERIODS = 2000;
    for (let seed = 1; seed <= PERIODS; seed++) {
      const d = differences(hardPeriod(seed));
      scores += d.scores;
      diffs.push(...d.diffs);
    }
    console.log(`exact: ${PERIODS} periods, ${scores} scores, ${diffs.length} differences`);
    expect(diffs.slice(0, 5)).toEqual([]);
  });

  it('the issue’s near-tie: 1234567890.1235 ranks above 1234567890.1234 (10 / 9.8), and 1/3 ties 0.7/2.1', () => {
    const ind: Indicator = { id: 'a', name: 'A', aliases: [], unit: '万元', group: '', points: 20, rule: { kind: 'rankDual', actualShare: 0.5, step: 0.2 }, decimals: 4, padDecimals: false };
    const p: Period = {
      id: 'p', year: 2024, quarter: 1, asOf: '', area: '', indicators: [ind],
      units: ['u1', 'u2', 'u3', 'u4'].map((id) => ({ id, name: id, aliases: [] })),
      cells: {
        'u1|a': { state: 'value', target: 3, actual: 1234567890.1235 },
        'u2|a': { state: 'value', target: 3, actual: 1234567890.1234 },
        'u3|a': { state: 'value', target: 3, actual: 1 },
        'u4|a': { state: 'value', target: 2.1, actual: 0.7 },
      },
    };
    const r = scorePeriod(p);
    expect(['u1', 'u2'].map((u) => [r.cell(u, 'a')!.rankByActual, r.cell(u, 'a')!.actualPart])).toEqual([[1, 10], [2, 9.8]]);
    expect(['u3', 'u4'].map((u) => r.cell(u, 'a')!.rankByRate)).toEqual([3, 3]);
  });
});

/** Exact half-up text, by the oracle (not the formatter under test). */
const exactText = (x: number, d: number, pad: boolean) => {
  const t = roundText(frac(x), d);
  return pad || !t.includes('.') ? t : t.replace(/0+$/, '').replace(/\.$/, '');
};

describe('printing without noise', () => {
  it('a sweep of 12 000 values across 10⁻⁴…10¹²: every formatter gives the exact half-up text', () => {
    const r = rng(4242);
    let wrong = 0;
    const samples: string[] = [];
    for (let k = 0; k < 12000; k++) {
      const decimals = int(r, 0, 4);
      const { x } = randomDecimal(r, decimals + int(r, 0, 3));
      const d = int(r, 0, 4);
      const got = [formatNumber(x, d), formatNumber(x, d, false), formatPlain(x), formatScore(x), formatTotal(x)];
      const want = [exactText(x, d, true), exactText(x, d, false), exactText(x, 20, false), exactText(x, 2, false), exactText(x, 2, true)];
      if (got.join('|') !== want.join('|')) {
        wrong++;
        if (samples.length < 5) samples.push(`${x}: ${got.join('|')} vs ${want.join('|')}`);
      }
    }
    console.log(`format sweep: 12000 values, ${wrong} differences`);
    expect(samples).toEqual([]);
  });

  it('the issue’s cases: no binary noise, no lost 16th digit, the rate from its decimal', () => {
    expect(formatPlain(81778204184.957)).toBe('81778204184.957');
    expect(formatNumber(141480549840.0711, 4)).toBe('141480549840.0711');
    // A mutant printing the rate from the unrounded binary value gives 10.14 %.
    expect(formatRate(0.10145)).toBe('10.15%');
    // 0.00145 × 10000 is 14.499999999999998 in binary: rounding that gives 0.14 %.
    expect(formatRate(0.00145)).toBe('0.15%');
    expect(formatRatio(10145, 100000)).toBe('10.15%');
    expect(formatRatio(1, 3)).toBe('33.33%');
  });

  it('a 合计 is summed in decimal: 40 000 values with 4 decimals print exactly, and 0.3 of 0.1 + 0.2 is completed', () => {
    const units = Array.from({ length: 3 }, (_, i) => ({ id: `u${i}`, name: `单位${i}`, aliases: [] }));
    const ind: Indicator = { id: 'a', name: 'A', aliases: [], unit: '万元', group: '', points: 5, rule: { kind: 'proportional' }, decimals: 1, padDecimals: false };
    const p: Period = {
      id: 'p', year: 2024, quarter: 1, asOf: '', area: '', units, indicators: [ind],
      cells: { 'u0|a': { state: 'value', target: 0.1, actual: 0.3 }, 'u1|a': { state: 'value', target: 0.2, actual: 0 }, 'u2|a': { state: 'value', target: 81778204184.957, actual: 81778204184.957 } },
    };
    const s = summarizeIndicator(p, scorePeriod(p), ind);
    // Σ actual 81778204185.257 = Σ target (0.1 + 0.2 + 81778204184.957): 100 %, completed.
    expect(s.sumReached).toBe(true);
    expect(formatRate(s.rate!)).toBe('100.00%');
    expect(formatPlain(s.sumTarget)).toBe('81778204185.257');
    // Without the big one: Σ actual 0.3, Σ target 0.1 + 0.2 (0.30000000000000004 in binary): still completed.
    delete p.cells['u2|a'];
    const small = summarizeIndicator(p, scorePeriod(p), ind);
    expect([small.sumReached, formatRate(small.rate!)]).toEqual([true, '100.00%']);
  });
});

/** Does the period reach the goal with (unit, indicator)'s field at v? As the tables judge it, from scratch. */
function judged(p: Period, unitId: string, indicatorId: string, vary: Vary, v: number, goal: Goal, rankBefore: number | null): boolean {
  const key = cellKey(unitId, indicatorId);
  const cell = { ...p.cells[key]!, state: 'value' as const, [vary]: v };
  const q = { ...p, cells: { ...p.cells, [key]: cell } };
  const r = ScoreModel.build(q).result();
  const u = r.unitResult(unitId)!;
  if (goal.kind === 'complete') return (cell.actual as number) >= (cell.target as number);
  if (goal.kind === 'upOne') return u.rank !== null && rankBefore !== null && u.rank < rankBefore;
  if (goal.kind === 'rank') return u.rank !== null && u.rank <= goal.rank;
  return u.totalRounded !== null && u.totalRounded >= goal.total;
}

describe('goal seek: right, minimal and bounded', () => {
  it('1 000 random requests up to 10¹² with 0–4 decimals: 0 answers short, 0 not minimal, 0 over 2 s', () => {
    const r = rng(777);
    const tally = { ok: 0, reached: 0, unreachable: 0, short: 0, notMinimal: 0, slow: 0 };
    let slowest = 0;
    let requests = 0;
    for (let k = 0; requests < 1000; k++) {
      const p = hardPeriod(5000 + k);
      const ind = pick(r, p.indicators.filter((i) => i.rule.kind !== 'manual').concat(p.indicators[0]!));
      const unit = pick(r, p.units);
      const cell = p.cells[cellKey(unit.id, ind.id)];
      if (cell?.state !== 'value' || typeof cell.target !== 'number' || typeof cell.actual !== 'number') continue;
      requests++;
      const vary: Vary = r() < 0.7 ? 'actual' : 'target';
      const goal: Goal = pick(r, [{ kind: 'complete' }, { kind: 'upOne' }, { kind: 'rank', rank: int(r, 1, 3) }, { kind: 'total', total: int(r, 50, 100) }] as Goal[]);
      const t0 = performance.now();
      const res = goalSeek(p, unit.id, ind.id, goal, vary);
      const ms = performance.now() - t0;
      slowest = Math.max(slowest, ms);
      if (ms > 2000) tally.slow++;
      if (!res.ok) {
        if (/^已经达到/u.test(res.message)) tally.reached++;
        else tally.unreachable++;
        continue;
      }
      tally.ok++;
      const decimals = ['家', '人'].includes(ind.unit) ? 0 : ind.decimals;
      const step = frac(res.value!);
      const one = { n: 1n, d: 10n ** BigInt(decimals) };
      if (!judged(p, unit.id, ind.id, vary, res.value!, goal, res.before.rank)) tally.short++;
      // One step less actual (or more target) must not reach it.
      const lessN = vary === 'actual' ? step.n * one.d - one.n * step.d : step.n * one.d + one.n * step.d;
      const neighbour = lessN >= 0n ? Number(roundText({ n: lessN, d: step.d * one.d }, decimals + 6)) : null;
      if (neighbour !== null && neighbour !== res.value && (vary === 'actual' || neighbour > 0) && judged(p, unit.id, ind.id, vary, neighbour, goal, res.before.rank)) tally.notMinimal++;
    }
    console.log(`goal seek: ${requests} requests, ${tally.ok} answers, ${tally.reached} 已经达到, ${tally.unreachable} 无法达到; ${tally.short} short, ${tally.notMinimal} not minimal, ${tally.slow} over 2 s (slowest ${slowest.toFixed(0)} ms)`);
    expect([tally.short, tally.notMinimal, tally.slow]).toEqual([0, 0, 0]);
    expect(tally.ok).toBeGreaterThan(200);
  });

  it('完成率 100 % of 123456789.1234 needs exactly 123456789.1234, not .1233', () => {
    const ind: Indicator = { id: 'a', name: 'A', aliases: [], unit: '万元', group: '', points: 5, rule: { kind: 'proportional' }, decimals: 4, padDecimals: false };
    const p: Period = { id: 'p', year: 2024, quarter: 1, asOf: '', area: '', units: [{ id: 'u', name: '甲', aliases: [] }], indicators: [ind], cells: { 'u|a': { state: 'value', target: 123456789.1234, actual: 1 } } };
    expect(goalSeek(p, 'u', 'a', { kind: 'complete' }, 'actual').value).toBe(123456789.1234);
  });

  it('the request that never ended (a 400000000000 target at 4 decimals, goal total 100) answers within 2 s', () => {
    const ind: Indicator = { id: 'a', name: 'A', aliases: [], unit: '万元', group: '', points: 10, rule: { kind: 'rankDual', actualShare: 0.5, step: 0.1 }, decimals: 4, padDecimals: false };
    const p: Period = {
      id: 'p', year: 2024, quarter: 1, asOf: '', area: '', indicators: [ind],
      units: [{ id: 'u', name: '甲', aliases: [] }, { id: 'v', name: '乙', aliases: [] }],
      cells: { 'u|a': { state: 'value', target: 400000000000, actual: 1 }, 'v|a': { state: 'value', target: 1000, actual: 3000 } },
    };
    const t0 = performance.now();
    const res = goalSeek(p, 'u', 'a', { kind: 'total', total: 100 }, 'actual');
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(res.message).toMatch(/^(无法达到|甲)/u);
  });
});

describe('splits by their rule', () => {
  it('largest remainder on exact remainders: 2926 by 0.1 : 0.3 is 731 / 2195 (the tie goes to the larger weight)', () => {
    expect(largestRemainder(2926, [0.1, 0.3], 0)).toEqual([731, 2195]);
    // Equal weights and remainders: the earlier unit first (a reversed tie order gives the last).
    expect(largestRemainder(10, [1, 1, 1], 0)).toEqual([4, 3, 3]);
    expect(largestRemainder(1, [1, 3], 0)).toEqual([0, 1]);
  });
});

describe('the top three of a completion table', () => {
  it('equal actuals are ordered by rate, then by the units’ order (a dropped tie-break puts 乙 first)', () => {
    const units = ['甲', '乙', '丙', '丁'].map((name, i) => ({ id: `u${i}`, name, aliases: [] }));
    const ind: Indicator = { id: 'a', name: 'A', aliases: [], unit: '家', group: '', points: 5, rule: { kind: 'proportional' }, decimals: 0, padDecimals: false };
    const p: Period = {
      id: 'p', year: 2024, quarter: 1, asOf: '', area: '', units, indicators: [ind],
      cells: { 'u0|a': { state: 'value', target: 20, actual: 10 }, 'u1|a': { state: 'value', target: 10, actual: 10 }, 'u2|a': { state: 'value', target: 5, actual: 10 }, 'u3|a': { state: 'value', target: 5, actual: 10 } },
    };
    const s = summarizeIndicator(p, scorePeriod(p), ind);
    expect(s.topUnitIds).toEqual(['u2', 'u3', 'u1']);
  });
});
