/**
 * `npm run bench`, engine part (Node, the pure engine the worker runs): full score and one edit →
 * new totals and ranks at U = 14, 1 000, 10 000, 40 000 units × 20 indicators; the same model in
 * HyperFormula at 14, 100, 1 000 units, with ratios and a check that the totals are identical.
 * Prints a table and writes bench/results.json; asserts nothing.
 */
import { cellKey, type Cell, type Period } from '../src/model';
import { ScoreModel } from '../src/engine/scoring/scoreModel';
import { periodMeta } from '../src/engine/workbook/commands';
import { PeriodScores } from '../src/service/periodScores';
import { exactScore } from '../tests/support/exact-scorer';
import { RANK_DUAL, rng, syntheticActual, syntheticPeriod } from './synthetic';
import { buildHf, hfTotals } from './hyperformula';
import { median, round, saveSection } from './results';

const gc = (globalThis as { gc?: () => void }).gc;
const heapMB = () => {
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

/**
 * Median ms of `runs` calls (after one warm-up); a call that returns a number times itself. Each
 * run starts after a full collection (outside the timing): a score at 40 000 units leaves ~40 MB of
 * typed arrays behind, and without this every other run paid the collection of the run before it
 * (the median swung between 230 and 400 ms with where the collections fell).
 */
function time(runs: number, fn: () => unknown): number {
  fn(); // warm-up
  const xs: number[] = [];
  for (let k = 0; k < runs; k++) {
    gc?.();
    const t0 = performance.now();
    const own = fn();
    xs.push(typeof own === 'number' ? own : performance.now() - t0);
  }
  return median(xs);
}

/**
 * One edit as the worker does it: store the cell, rescore, read the unit's new total and rank. The
 * edit is always to a rank-dual indicator's actual (the costly case: every other unit's rank may move).
 */
function editOnce(p: Period, model: ScoreModel, r: () => number): number {
  const i = Math.floor(r() * p.units.length);
  const j = Math.floor(r() * RANK_DUAL);
  const key = cellKey(p.units[i]!.id, p.indicators[j]!.id);
  const old = p.cells[key]!;
  const cell: Cell = { state: 'value', target: old.target, actual: syntheticActual(r, old.target as number) };
  const t0 = performance.now();
  p.cells[key] = cell;
  model.setCell(i, j, cell);
  void model.totalRounded[i];
  void model.totals.ranks[i];
  return performance.now() - t0;
}

const engine: Record<number, { fullMs: number; fullFromColumnsMs: number; schemeChangeMs: number; editMs: number; editP95Ms: number; oracleFullMs: number | null; heapMB: number; perCellUs: number }> = {};
// full score: from the period's cells (a scheme change, a large paste); from columns: as opening
// does it, from the cells by indicator and unit position that the store has just read.
console.log('engine (Node)        full score   from columns   scheme change   one edit (median / p95)   exact oracle full   heap (period + scores)   per cell');
for (const U of [14, 1000, 10000, 40000]) {
  const base = heapMB();
  const p = syntheticPeriod(U);
  const model = ScoreModel.build(p);
  const heap = heapMB() - base;
  const fullMs = time(U <= 1000 ? 30 : 5, () => ScoreModel.build(p));
  const columns = new Map(p.indicators.map((ind) => [ind.id, p.units.map((u) => p.cells[cellKey(u.id, ind.id)])]));
  const fullFromColumnsMs = time(U <= 1000 ? 30 : 5, () => ScoreModel.build(p, columns));
  // A scheme change in the worker (a rule's points): rescored from the cells it keeps by column.
  const schemeChangeMs = time(U <= 1000 ? 30 : 5, () => {
    const scores = new PeriodScores({ version: 1, columns: new Map([[p.id, columns]]) });
    scores.model(p, 1);
    const before = periodMeta(p);
    const after = { ...before, indicators: before.indicators.map((ind, j) => (j === 0 ? { ...ind, points: ind.points + 1 } : ind)) };
    scores.rescore({ kind: 'setMeta', periodId: p.id, before, after, label: '改分值' }, 1, 2, [p]);
    const t0 = performance.now();
    scores.model(p, 2);
    return performance.now() - t0;
  });
  // The tests' oracle (exact fractions, no incremental state): what the engine's speed is worth.
  const oracleFullMs = U <= 1000 ? time(U <= 14 ? 10 : 1, () => exactScore(p)) : null;
  const r = rng(U);
  for (let k = 0; k < 20; k++) editOnce(p, model, r); // warm-up
  const edits = Array.from({ length: 200 }, () => editOnce(p, model, r)).sort((a, b) => a - b);
  const editMs = median(edits);
  engine[U] = { fullMs: round(fullMs), fullFromColumnsMs: round(fullFromColumnsMs), schemeChangeMs: round(schemeChangeMs), editMs: round(editMs), editP95Ms: round(edits[189]!), oracleFullMs: oracleFullMs === null ? null : round(oracleFullMs), heapMB: round(heap, 1), perCellUs: round((fullMs * 1000) / (U * 20)) };
  console.log(
    `${String(U).padStart(6)} units     ${fullMs.toFixed(2).padStart(9)} ms   ${fullFromColumnsMs.toFixed(2).padStart(9)} ms   ${schemeChangeMs.toFixed(2).padStart(9)} ms   ${editMs.toFixed(3).padStart(8)} / ${edits[189]!.toFixed(3).padStart(7)} ms        ${oracleFullMs === null ? '       —' : `${oracleFullMs.toFixed(1).padStart(8)} ms`}        ${heap.toFixed(1).padStart(7)} MB         ${engine[U]!.perCellUs.toFixed(3)} µs`,
  );
}

const hyperformula: Record<number, { buildMs: number; editMs: number; engineBuildMs: number; engineEditMs: number; buildRatio: number; editRatio: number; totalsIdentical: boolean }> = {};
console.log('\nHyperFormula 3.5     build        one edit     engine build / edit     ratio build / edit   totals');
for (const U of [14, 100, 1000]) {
  const p = syntheticPeriod(U);
  const t0 = performance.now();
  const hf = buildHf(p);
  const buildMs = performance.now() - t0;
  const model = ScoreModel.build(p);
  let identical = hfTotals(hf, U).every((t, i) => t === model.totalRounded[i]);
  const r = rng(U + 1);
  const hfEdits: number[] = [];
  const engineEdits: number[] = [];
  for (let k = 0; k < (U >= 1000 ? 5 : 20); k++) {
    const i = Math.floor(r() * U);
    const j = Math.floor(r() * RANK_DUAL);
    const key = cellKey(p.units[i]!.id, p.indicators[j]!.id);
    const actual = syntheticActual(r, p.cells[key]!.target as number);
    let t = performance.now();
    hf.hf.setCellContents({ sheet: 0, row: i, col: hf.actualCol(j) }, actual);
    void hf.hf.getCellValue({ sheet: 0, row: i, col: hf.totalCol });
    hfEdits.push(performance.now() - t);
    const cell: Cell = { state: 'value', target: p.cells[key]!.target, actual };
    t = performance.now();
    p.cells[key] = cell;
    model.setCell(i, j, cell);
    void model.totalRounded[i];
    engineEdits.push(performance.now() - t);
  }
  identical &&= hfTotals(hf, U).every((t, i) => t === model.totalRounded[i]);
  const engineBuildMs = time(U <= 100 ? 100 : 20, () => ScoreModel.build(p));
  // Engine edits are too quick for one sample to mean much at small U: take the median of many.
  const engineEditMs = Math.max(median(engineEdits), time(200, () => editOnce(p, model, r)));
  const editMs = median(hfEdits);
  hyperformula[U] = { buildMs: round(buildMs), editMs: round(editMs), engineBuildMs: round(engineBuildMs), engineEditMs: round(engineEditMs, 4), buildRatio: round(buildMs / engineBuildMs, 1), editRatio: round(editMs / engineEditMs, 1), totalsIdentical: identical };
  console.log(
    `${String(U).padStart(6)} units   ${buildMs.toFixed(1).padStart(8)} ms  ${editMs.toFixed(2).padStart(8)} ms   ${engineBuildMs.toFixed(3).padStart(8)} / ${engineEditMs.toFixed(4)} ms      ${(buildMs / engineBuildMs).toFixed(0).padStart(6)}× / ${(editMs / engineEditMs).toFixed(0).padStart(6)}×   ${identical ? 'identical' : 'DIFFERENT'}`,
  );
  hf.hf.destroy();
}
saveSection('engine', engine);
saveSection('hyperformula', hyperformula);
console.log('\nwritten: bench/results.json (engine, hyperformula)');
