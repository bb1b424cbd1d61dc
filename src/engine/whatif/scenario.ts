/**
 * Scenarios (情景): the period with some targets (or actuals, or rules) replaced, scored side by
 * side with the baseline. Pure.
 */
import { decimalDifference, splitCellKey, unitPositionsOf, type Cell, type Period, type PeriodResult, type Scenario } from '../../model';
import { scorePeriod } from '../scoring/score';
import { ScoreModel } from '../scoring/scoreModel';
import { formatScore } from '../../model/format';

type Override = Scenario['overrides'][string];

/** A cell as the scenario sees it. */
export function scenarioCell(cell: Cell | undefined, o: Override): Cell {
  const base: Cell = cell ? { ...cell } : { state: 'value', target: null, actual: null };
  if (o.target !== undefined) {
    base.target = o.target;
    if (base.state === 'na' || base.state === 'missing') base.state = 'value';
  }
  if (o.actual !== undefined) {
    base.actual = o.actual;
    if (base.state !== 'value') base.state = 'value';
  }
  return base;
}

/** The period as the scenario sees it (a copy; the baseline is untouched). */
export function applyScenario(period: Period, scenario: Scenario): Period {
  const cells: Record<string, Cell> = { ...period.cells };
  for (const [key, o] of Object.entries(scenario.overrides)) cells[key] = scenarioCell(cells[key], o);
  return { ...period, indicators: scenarioIndicators(period, scenario), cells };
}

/** The indicators as the scenario sees them (its rules and points). */
export function scenarioIndicators(period: Period, scenario: Scenario): Period['indicators'] {
  return period.indicators.map((i) => {
    const r = scenario.rules?.[i.id];
    return r ? { ...i, rule: r.rule, points: r.points } : i;
  });
}

/**
 * The scenario's period and its cells by column, from the baseline's columns: only the columns
 * with overrides are copied, and the period's keyed cells are made only if something reads them
 * (a rule scenario at 40 000 units copied 800 000 keyed cells and looked each up again: seconds).
 */
export function scenarioFromColumns(period: Period, scenario: Scenario, base: ReadonlyMap<string, readonly (Cell | undefined)[]>): { period: Period; columns: Map<string, readonly (Cell | undefined)[]> } {
  const positions = unitPositionsOf(period.units);
  const columns = new Map(base);
  const copied = new Map<string, (Cell | undefined)[]>();
  for (const [key, o] of Object.entries(scenario.overrides)) {
    const [unitId, id] = splitCellKey(key) ?? ['', ''];
    const i = positions.get(unitId);
    const column = base.get(id);
    if (i === undefined || !column) continue;
    let own = copied.get(id);
    if (!own) copied.set(id, (own = column.slice()));
    own[i] = scenarioCell(own[i], o);
  }
  for (const [id, own] of copied) columns.set(id, own);
  const sp = { ...period, indicators: scenarioIndicators(period, scenario) } as Period;
  Object.defineProperty(sp, 'cells', {
    configurable: true,
    enumerable: true,
    get(): Record<string, Cell> {
      const cells = applyScenario(period, scenario).cells;
      Object.defineProperty(sp, 'cells', { value: cells, writable: true, configurable: true, enumerable: true });
      return cells;
    },
  });
  return { period: sp, columns };
}

/**
 * The scenario's scores. Given the baseline's model and a scenario that changes values only (no
 * rule), a copy of the model takes the overrides one by one — no copy of the period's cells and no
 * full score (a second each at 40 000 units). The model is null when the period was scored anew.
 */
export function scenarioScores(period: Period, scenario: Scenario, baseModel?: ScoreModel): { result: PeriodResult; model: ScoreModel | null } {
  const changesRules = Object.keys(scenario.rules ?? {}).length > 0;
  if (!baseModel || changesRules) {
    const base = baseModel?.sourceColumns();
    const scen = base ? scenarioFromColumns(period, scenario, base) : null;
    const model = scen ? ScoreModel.build(scen.period, scen.columns) : ScoreModel.build(applyScenario(period, scenario));
    return { result: model.result(), model: changesRules ? null : model };
  }
  const model = baseModel.clone();
  for (const [key, o] of Object.entries(scenario.overrides)) {
    const bar = key.indexOf('|');
    const i = model.unitAt(key.slice(0, bar));
    const j = model.indicatorAt(key.slice(bar + 1));
    if (i !== undefined && j !== undefined) model.setCell(i, j, scenarioCell(period.cells[key], o));
  }
  return { result: model.result(), model };
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
export function compareScenarios(period: Period, scenarios: Scenario[], baseResult: PeriodResult = scorePeriod(period), baseModel?: ScoreModel): CompareView {
  const results = scenarios.map((s) => {
    const { result, model } = scenarioScores(period, s, baseModel);
    return { r: result, model };
  });
  /** Scores that cannot differ in print: the same number (or both none) in the two models. */
  const sameScore = (model: ScoreModel | null, i: number, j: number) => {
    if (!model || !baseModel) return false;
    const a = baseModel.columns[j]!.score[i]!;
    const b = model.columns[j]!.score[i]!;
    return a === b || (a !== a && b !== b);
  };
  const byUnit = (r: PeriodResult) => new Map(r.units.map((u) => [u.unitId, u]));
  const base = byUnit(baseResult);
  const others = results.map(({ r }) => byUnit(r));
  const rows = period.units.map((u, i): CompareRow => {
    const b = base.get(u.id)!;
    return {
      unitId: u.id,
      name: u.name,
      base: { total: b.totalRounded, rank: b.rank },
      scenarios: results.map(({ r, model }, k) => {
        const s = others[k]!.get(u.id)!;
        const changed = period.indicators.flatMap((ind, j) => {
          if (sameScore(model, i, j)) return [];
          const from = baseResult.cell(u.id, ind.id)!.scoreRounded;
          const to = r.cell(u.id, ind.id)!.scoreRounded;
          const f = from === null ? '缺' : formatScore(from);
          const t = to === null ? '缺' : formatScore(to);
          return f === t ? [] : [{ indicatorId: ind.id, name: ind.name, from: f, to: t }];
        });
        return {
          total: s.totalRounded,
          rank: s.rank,
          deltaTotal: s.totalRounded !== null && b.totalRounded !== null ? decimalDifference(s.totalRounded, b.totalRounded) : null,
          deltaRank: s.rank !== null && b.rank !== null ? b.rank - s.rank : null,
          changed,
        };
      }),
    };
  });
  return { scenarioNames: scenarios.map((s) => s.name), rows };
}

export type CompareSortKey = 'name' | 'base' | `s${number}` | `d${number}`;
export interface CompareSort {
  key: CompareSortKey;
  asc: boolean;
}

const collator = new Intl.Collator('zh-CN');

/** The comparison's rows in the order asked for: by name, by a rank, or by a change of rank. */
export function sortCompareRows(rows: readonly CompareRow[], sort: CompareSort): CompareRow[] {
  const k = sort.key;
  const val = (r: CompareRow): number => {
    if (k === 'base') return r.base.rank ?? Infinity;
    const i = Number(k.slice(1));
    return k.startsWith('s') ? (r.scenarios[i]?.rank ?? Infinity) : -(r.scenarios[i]?.deltaRank ?? -Infinity);
  };
  const sign = sort.asc ? 1 : -1;
  const list = [...rows];
  // Stable either way: equal keys keep the units' order.
  if (k === 'name') list.sort((a, b) => sign * collator.compare(a.name, b.name));
  else {
    const keyed = new Map(list.map((r) => [r, val(r)]));
    list.sort((a, b) => {
      const x = keyed.get(a)!;
      const y = keyed.get(b)!;
      return x === y ? 0 : x < y ? -sign : sign;
    });
  }
  return list;
}
