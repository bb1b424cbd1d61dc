/**
 * The worker's scores kept by column (app/periodScores.ts): through random edits, pastes over the
 * incremental limit, and scheme changes that add, remove and reorder units and indicators, the
 * scores it gives are those of scoring the period from scratch by its keyed cells, to the bit.
 */
import { describe, expect, it } from 'vitest';
import { cellKey, SCHEMA_VERSION, type CellChange, type Command, type Period, type PeriodResult, type Workbook } from '../../src/model';
import { applyCommand, periodMeta } from '../../src/engine/workbook/commands';
import { ScoreModel } from '../../src/engine/scoring/scoreModel';
import { columnsOf, PeriodScores } from '../../src/service/periodScores';
import { syntheticPeriod } from '../../bench/synthetic';
import { int, pick, rng } from '../support/random';
import { randomEditCell as randomCell } from '../support/kit';

const plain = (res: PeriodResult) => ({ cells: res.cells, units: res.units, schemePoints: res.schemePoints, errors: res.errors });


/** A random step as the session makes it: cells, or a scheme change with the removed cells in the same batch. */
function randomCommand(r: () => number, p: Period, k: number): Command {
  const kind = r();
  const cellsOf = (pairs: [string, string][]): CellChange[] => pairs.map(([u, i]) => ({ unitId: u, indicatorId: i, before: p.cells[cellKey(u, i)] ?? null, after: randomCell(r) }));
  if (kind < 0.55) {
    // An edit, a paste, or a paste over the incremental limit (2 000 cells).
    const size = pick(r, [1, 1, 7, 60, 2600]);
    const pairs: [string, string][] = [];
    for (let t = 0; t < size; t++) pairs.push([pick(r, p.units).id, pick(r, p.indicators).id]);
    const unique = [...new Map(pairs.map((x) => [x.join('|'), x])).values()];
    return { kind: 'setCells', periodId: p.id, changes: cellsOf(unique), label: `改${k}` };
  }
  const before = periodMeta(p);
  const after = structuredClone(before);
  const what = pick(r, ['addUnit', 'removeUnit', 'reverseUnits', 'addIndicator', 'removeIndicator', 'moveIndicator', 'points']);
  if (what === 'addUnit') after.units.splice(int(r, 0, after.units.length), 0, { id: `n${k}`, name: `新单位${k}`, aliases: [] });
  if (what === 'removeUnit' && after.units.length > 2) after.units.splice(int(r, 0, after.units.length - 1), 1);
  if (what === 'reverseUnits') after.units.reverse();
  if (what === 'addIndicator') after.indicators.push({ ...structuredClone(pick(r, after.indicators)), id: `x${k}`, name: `新指标${k}` });
  if (what === 'removeIndicator' && after.indicators.length > 2) after.indicators.splice(int(r, 0, after.indicators.length - 1), 1);
  if (what === 'moveIndicator') after.indicators.push(after.indicators.shift()!);
  if (what === 'points') after.indicators[0] = { ...after.indicators[0]!, points: after.indicators[0]!.points + 1 };
  const units = new Set(after.units.map((u) => u.id));
  const inds = new Set(after.indicators.map((i) => i.id));
  const removed: CellChange[] = Object.entries(p.cells).flatMap(([key, cell]) => {
    const [u, i] = key.split('|') as [string, string];
    return units.has(u) && inds.has(i) ? [] : [{ unitId: u, indicatorId: i, before: cell, after: null }];
  });
  // New units and indicators may come with cells in the same step (a pasted scheme).
  const added: [string, string][] = what === 'addUnit' ? after.indicators.map((i) => [`n${k}`, i.id]) : what === 'addIndicator' ? after.units.map((u) => [u.id, `x${k}`]) : [];
  const meta: Command = { kind: 'setMeta', periodId: p.id, before, after, label: what };
  const extra = [...removed, ...added.map(([u, i]) => ({ unitId: u, indicatorId: i, before: null, after: randomCell(r) }))];
  return extra.length ? { kind: 'batch', label: what, commands: [meta, { kind: 'setCells', periodId: p.id, changes: extra, label: what }] } : meta;
}

describe('scores kept by column', () => {
  it('120 random steps on a 300-unit period: edits, pastes over the limit, units and indicators added, removed and moved', () => {
    const r = rng(2026);
    const p = syntheticPeriod(300);
    const wb: Workbook = { schemaVersion: SCHEMA_VERSION, id: 'w', name: 'w', periods: [p] };
    let version = 1;
    const scores = new PeriodScores({ version, columns: new Map([[p.id, columnsOf(p)]]) });
    let rebuilt = 0;
    for (let k = 0; k < 120; k++) {
      const cmd = randomCommand(r, p, k);
      // Read the scores at this version half of the time (a period not read since is scored lazily).
      if (r() < 0.5) scores.model(p, version);
      applyCommand(wb, cmd);
      scores.rescore(cmd, version, version + 1, wb.periods);
      version++;
      const kept = scores.model(p, version);
      const fresh = ScoreModel.build(p);
      expect(plain(kept.result()), `step ${k} (${cmd.label})`).toEqual(plain(fresh.result()));
      if (cmd.kind !== 'setCells') rebuilt++;
    }
    expect(rebuilt).toBeGreaterThan(30);
    // A battery of 240 full scorings and comparisons of 6 000 cells: seconds alone, more on a busy
    // machine. The time allowed is no measure of speed (the benchmarks are), only a guard.
  }, 180_000);
});
