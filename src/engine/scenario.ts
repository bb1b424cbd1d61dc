/**
 * Scenarios (情景): the period with some targets (or actuals, or rules) replaced, scored side by
 * side with the baseline. Pure.
 */
import { type Cell, type Period, type PeriodResult, type Scenario } from '../model';
import { scorePeriod } from './score';
import { formatScore, formatTotal } from './format';

/** The period as the scenario sees it (a copy; the baseline is untouched). */
export function applyScenario(period: Period, scenario: Scenario): Period {
  const cells: Record<string, Cell> = { ...period.cells };
  for (const [key, o] of Object.entries(scenario.overrides)) {
    const base: Cell = cells[key] ? { ...cells[key]! } : { state: 'value', target: null, actual: null };
    if (o.target !== undefined) {
      base.target = o.target;
      if (base.state === 'na' || base.state === 'missing') base.state = 'value';
    }
    if (o.actual !== undefined) {
      base.actual = o.actual;
      if (base.state !== 'value') base.state = 'value';
    }
    cells[key] = base;
  }
  const indicators = period.indicators.map((i) => {
    const r = scenario.rules?.[i.id];
    return r ? { ...i, rule: r.rule, points: r.points } : i;
  });
  return { ...period, indicators, cells };
}

export interface CompareRow {
  unitId: string;
  name: string;
  base: { total: number | null; rank: number | null };
  scenarios: { total: number | null; rank: number | null; deltaTotal: number | null; deltaRank: number | null; changed: { indicatorId: string; name: string; from: string; to: string }[] }[];
}

export interface CompareView {
  scenarioNames: string[];
  rows: CompareRow[];
}

/**
 * Baseline vs scenarios per unit: total, rank, Δ total, Δ rank (positive = moved up), and the
 * indicator scores that changed.
 */
export function compareScenarios(period: Period, scenarios: Scenario[], baseResult: PeriodResult = scorePeriod(period)): CompareView {
  const results = scenarios.map((s) => {
    const p = applyScenario(period, s);
    return { p, r: scorePeriod(p) };
  });
  const byUnit = (r: PeriodResult) => new Map(r.units.map((u) => [u.unitId, u]));
  const base = byUnit(baseResult);
  const others = results.map(({ r }) => byUnit(r));
  const rows = period.units.map((u): CompareRow => {
    const b = base.get(u.id)!;
    return {
      unitId: u.id,
      name: u.name,
      base: { total: b.totalRounded, rank: b.rank },
      scenarios: results.map(({ r }, k) => {
        const s = others[k]!.get(u.id)!;
        const changed = period.indicators.flatMap((ind) => {
          const from = baseResult.cell(u.id, ind.id)!.score;
          const to = r.cell(u.id, ind.id)!.score;
          const f = from === null ? '缺' : formatScore(from);
          const t = to === null ? '缺' : formatScore(to);
          return f === t ? [] : [{ indicatorId: ind.id, name: ind.name, from: f, to: t }];
        });
        return {
          total: s.totalRounded,
          rank: s.rank,
          deltaTotal: s.totalRounded !== null && b.totalRounded !== null ? Number(formatTotal(s.totalRounded - b.totalRounded)) : null,
          deltaRank: s.rank !== null && b.rank !== null ? b.rank - s.rank : null,
          changed,
        };
      }),
    };
  });
  return { scenarioNames: scenarios.map((s) => s.name), rows };
}
