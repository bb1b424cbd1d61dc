/**
 * The engine against an oracle that shares no code with it (tests/support/exact-scorer.ts, the
 * rules in exact fractions), and incremental rescoring against scoring from scratch, on random
 * workbooks and random edits: ties, decimal-equal quotients, 未出, "/", missing, text, zero and
 * negative values, every rule.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createService } from '../../src/service/service';
import { SCHEMA_VERSION, cellKey, type Workbook, type Cell, type Indicator, type Period, type PeriodResult } from '../../src/model';
import { ScoreModel, scorePeriod } from '../../src/engine';
import { samplePeriod } from '../../src/sample/daye-2023q1';
import { normalizeCell } from '../../src/engine/workbook/commands';
import { openKaoheDB } from '../../src/store/db';
import { loadWorkbook, putWorkbook } from '../../src/store/repository';
import { exactScore, roundText } from '../support/exact-scorer';
import { rng } from '../support/random';
import { RULES, randomScoredCell as randomCell } from '../support/kit';




function randomPeriod(seed: number): Period {
  const r = rng(seed);
  const n = 1 + Math.floor(r() * 40);
  const m = 1 + Math.floor(r() * 7);
  const units = Array.from({ length: n }, (_, i) => ({ id: `u${i}`, name: `单位${i}`, aliases: [] }));
  const indicators: Indicator[] = Array.from({ length: m }, (_, j) => ({
    id: `i${j}`,
    name: `指标${j}`,
    aliases: [],
    unit: '家',
    group: '',
    points: [5, 10, 2.5, 0][Math.floor(r() * 4)]!,
    rule: RULES[Math.floor(r() * RULES.length)]!,
    decimals: 0,
    padDecimals: false,
  }));
  const cells: Record<string, Cell> = {};
  for (const u of units) for (const ind of indicators) {
    const c = randomCell(r, ind.points);
    if (c) cells[cellKey(u.id, ind.id)] = c;
  }
  return { id: `p${seed}`, year: 2024, quarter: 1, asOf: '', area: '', units, indicators, cells };
}

/** Everything a view can read, as plain data (scoring from scratch and incrementally must agree to the bit). */
function plain(res: PeriodResult) {
  return { cells: res.cells, units: res.units, schemePoints: res.schemePoints, errors: res.errors };
}

/** The engine's numbers as the oracle states them: rounded scores and totals as printed, ranks, errors. */
function asPrinted(p: Period, res: PeriodResult) {
  return {
    cells: p.indicators.map((ind) =>
      p.units.map((u) => {
        const c = res.cell(u.id, ind.id)!;
        return { state: c.state, error: !!c.error, score: c.scoreRounded === null ? null : roundText({ n: BigInt(Math.round(c.scoreRounded * 100)), d: 100n }, 2), rankByActual: c.rankByActual, rankByRate: c.rankByRate };
      }),
    ),
    units: p.units.map((u) => {
      const r = res.unitResult(u.id)!;
      return { complete: r.complete, total: r.totalRounded === null ? null : r.totalRounded.toFixed(2), rank: r.rank };
    }),
  };
}

function oracle(p: Period) {
  const x = exactScore(p);
  return {
    cells: x.cells.map((col) => col.map((c) => ({ state: c.state, error: c.error, score: c.score === null ? null : roundText(c.score, 2), rankByActual: c.rankByActual, rankByRate: c.rankByRate }))),
    units: x.units,
  };
}

describe('columnar engine', () => {
  it('scores the sample as the oracle does', () => {
    const p = samplePeriod();
    expect(asPrinted(p, scorePeriod(p))).toEqual(oracle(p));
    expect(oracle(p).units[0]).toEqual({ complete: true, total: '85.06', rank: 1 });
  });

  it('agrees with the oracle on 300 random workbooks', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const p = randomPeriod(seed);
      expect(asPrinted(p, scorePeriod(p)), `seed ${seed}`).toEqual(oracle(p));
    }
  });

  it('incremental rescoring agrees with full rescoring after every edit of random edit sequences', () => {
    let edits = 0;
    for (let seed = 1; seed <= 120; seed++) {
      const p = randomPeriod(seed);
      const r = rng(seed * 7919);
      const model = ScoreModel.build(p);
      for (let k = 0; k < 25; k++) {
        const i = Math.floor(r() * p.units.length);
        const j = Math.floor(r() * p.indicators.length);
        const key = cellKey(p.units[i]!.id, p.indicators[j]!.id);
        const cell = randomCell(r, p.indicators[j]!.points);
        if (cell) p.cells[key] = cell;
        else delete p.cells[key];
        model.setCell(i, j, cell);
        edits++;
        expect(plain(model.result()), `seed ${seed} edit ${k}`).toEqual(plain(ScoreModel.build(p).result()));
        if (k % 5 === 4) expect(asPrinted(p, model.result()), `seed ${seed} edit ${k}`).toEqual(oracle(p));
      }
    }
    expect(edits).toBe(3000);
  });

  it('a rank shift moving many totals (over 64) re-ranks the totals the same as from scratch', () => {
    const units = Array.from({ length: 300 }, (_, i) => ({ id: `u${i}`, name: `单位${i}`, aliases: [] }));
    const ind: Indicator = { id: 'a', name: 'A', aliases: [], unit: '家', group: '', points: 10, rule: { kind: 'rankDual', actualShare: 0.5, step: 0.01 }, decimals: 0, padDecimals: false };
    const cells: Record<string, Cell> = {};
    units.forEach((u, i) => (cells[cellKey(u.id, 'a')] = { state: 'value', target: 100, actual: 300 - i }));
    const p: Period = { id: 'p', year: 2024, quarter: 1, asOf: '', area: '', units, indicators: [ind], cells };
    const model = ScoreModel.build(p);
    // The last unit jumps to first place: every other unit drops one place.
    const jump: Cell = { state: 'value', target: 100, actual: 1000 };
    p.cells[cellKey('u299', 'a')] = jump;
    model.setCell(299, 0, jump);
    const res = model.result();
    expect(res.unitResult('u299')!.rank).toBe(1);
    expect(res.unitResult('u0')!.rank).toBe(2);
    expect(res.cell('u0', 'a')!.rankByActual).toBe(2);
    expect(plain(res)).toEqual(plain(ScoreModel.build(p).result()));
    expect(asPrinted(p, res)).toEqual(oracle(p));
  });
});

describe('rank shifts that move many totals at once', () => {
  it('incremental rescoring agrees with scoring from scratch after jumps to the top and bottom of rank-dual columns', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const r = rng(seed * 104729);
      const n = 100 + Math.floor(r() * 300);
      const units = Array.from({ length: n }, (_, i) => ({ id: `u${i}`, name: `单位${i}`, aliases: [] }));
      const indicators: Indicator[] = Array.from({ length: 2 + Math.floor(r() * 3) }, (_, j) => ({
        id: `i${j}`, name: `指标${j}`, aliases: [], unit: '家', group: '', points: [10, 5, 2.5][j % 3]!, decimals: 0, padDecimals: false,
        rule: j === 2 ? { kind: 'proportional' } : { kind: 'rankDual', actualShare: 0.5, step: [0.01, 0.05, 0.5][Math.floor(r() * 3)]! },
      }));
      const cells: Record<string, Cell> = {};
      for (const u of units) for (const ind of indicators) cells[cellKey(u.id, ind.id)] = { state: 'value', target: 100, actual: Math.floor(r() * 200) };
      const p: Period = { id: `p${seed}`, year: 2024, quarter: 1, asOf: '', area: '', units, indicators, cells };
      const model = ScoreModel.build(p);
      for (let k = 0; k < 12; k++) {
        const i = Math.floor(r() * n);
        const j = Math.floor(r() * indicators.length);
        const x = r();
        const cell: Cell = x < 0.1 ? { state: 'missing', target: null, actual: null } : { state: 'value', target: 100, actual: x < 0.5 ? 10000 + k : x < 0.9 ? 0 : Math.floor(r() * 200) };
        p.cells[cellKey(`u${i}`, `i${j}`)] = cell;
        model.setCell(i, j, cell);
        expect(plain(model.result()), `seed ${seed} edit ${k}`).toEqual(plain(ScoreModel.build(p).result()));
      }
      expect(asPrinted(p, model.result()), `seed ${seed}`).toEqual(oracle(p));
      // Each ranked cell's two halves (read from its ranks) add up to its score.
      for (const c of Object.values(model.result().cells)) {
        if (c.rankByActual === undefined) continue;
        expect(Math.round((c.actualPart! + c.ratePart!) * 1e9) / 1e9, `seed ${seed} ${c.unitId}`).toBe(c.score);
      }
    }
  });
});

describe('the first scoring after opening reads the cells by column as stored', () => {
  it('gives what scoring the loaded cells gives, on 60 random workbooks stored and read back', async () => {
    const db = await openKaoheDB(new IDBFactory());
    for (let seed = 1; seed <= 60; seed++) {
      const p = randomPeriod(seed);
      const wb: Workbook = { schemaVersion: SCHEMA_VERSION, id: `wb${seed}`, name: `随机${seed}`, periods: [p] };
      await putWorkbook(db, wb);
      const loaded = (await loadWorkbook(db, wb.id))!;
      const q = loaded.workbook.periods[0]!;
      // Empty cells are not stored.
      const stored = Object.fromEntries(Object.entries(p.cells).flatMap(([k, c]) => (normalizeCell(c) ? [[k, normalizeCell(c)]] : [])));
      expect(q.cells, `seed ${seed}`).toEqual(stored);
      const columns = loaded.columns.get(p.id);
      if (Object.keys(p.cells).length) expect(columns).toBeDefined();
      expect(plain(ScoreModel.build(q, columns).result()), `seed ${seed}`).toEqual(plain(ScoreModel.build(q).result()));
      expect(asPrinted(q, ScoreModel.build(q, columns).result()), `seed ${seed}`).toEqual(oracle(p));
    }
    db.close();
  });
});

describe('the worker keeps scores incrementally through edits, undo and redo', () => {
  it('after every step its ranking equals scoring the stored period from scratch', async () => {
    const s = createService({ indexedDB: new IDBFactory() });
    await s.init();
    const P = 'daye-2023-q1';
    const meta = await s.periodMeta(P);
    const r = rng(99);
    const check = async (what: string) => {
      const view = await s.periodView(P, 'ranking');
      const meta = await s.periodMeta(P);
      const period: Period = { id: P, ...meta, cells: {} };
      for (const u of meta.units) for (const ind of meta.indicators) {
        const c = await s.cell(P, u.id, ind.id);
        if (c) period.cells[cellKey(u.id, ind.id)] = c;
      }
      const ref = exactScore(period).units.map((u, i) => ({ unitId: period.units[i]!.id, ...u }));
      const order = ref.filter((u) => u.rank !== null).sort((a, b) => a.rank! - b.rank!).concat(ref.filter((u) => u.rank === null));
      expect(view.ranking.map((row) => [row.unitId, row.total === null ? null : row.total.toFixed(2), row.rank]), what).toEqual(order.map((u) => [u.unitId, u.total, u.rank]));
    };
    for (let k = 0; k < 12; k++) {
      const u = meta.units[Math.floor(r() * meta.units.length)]!;
      const ind = meta.indicators[Math.floor(r() * meta.indicators.length)]!;
      const before = await s.cell(P, u.id, ind.id);
      await s.editCells(P, [{ unitId: u.id, indicatorId: ind.id, before, after: { state: 'value', target: before?.target ?? 10, actual: Math.round(r() * 5000) / 10 } }], `改${k}`);
      await check(`edit ${k}`);
      if (k % 3 === 2) {
        await s.undo();
        await check(`undo after ${k}`);
        await s.redo();
        await check(`redo after ${k}`);
      }
    }
    // A paste of a whole column at once.
    const ind = meta.indicators[0]!;
    await s.editCells(P, meta.units.map((u, i) => ({ unitId: u.id, indicatorId: ind.id, after: { state: 'value' as const, target: 100, actual: 50 + i } })), '粘贴');
    await check('paste');
    // A scenario is stored in the scheme but changes no score: the scores are kept, and stay right
    // through the edits after it.
    await s.createScenario(P, '试算', { [cellKey(meta.units[0]!.id, ind.id)]: { target: 1 } });
    await check('scenario added');
    await s.editCells(P, [{ unitId: meta.units[1]!.id, indicatorId: ind.id, before: await s.cell(P, meta.units[1]!.id, ind.id), after: { state: 'value', target: 100, actual: 4321 } }], '改');
    await check('edit after the scenario');
    // Points and rules do change scores.
    const now = await s.periodMeta(P);
    await s.setMeta(P, { ...now, indicators: now.indicators.map((i, j) => (j === 1 ? { ...i, points: i.points + 3 } : j === 2 ? { ...i, rule: { kind: 'proportional' as const } } : i)) }, '改分值');
    await check('points and a rule changed');
    await s.undo();
    await check('undo the points');
    await s.editCells(P, [{ unitId: meta.units[2]!.id, indicatorId: meta.indicators[1]!.id, before: await s.cell(P, meta.units[2]!.id, meta.indicators[1]!.id), after: { state: 'value', target: 10, actual: 99 } }], '改');
    await check('edit after the undo');
  });
});
