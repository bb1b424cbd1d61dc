/**
 * Scenarios side by side: the comparison (kept while nothing changed, so paging and sorting 40 000
 * rows do not score again), one indicator of a scenario unit by unit, and the comparison as .xlsx.
 */
import { cellKey, windowsFileName, type Scenario } from '../model';
import { compareScenarios, scenarioScores, sortCompareRows, type CompareRow, type CompareSort, type CompareView } from '../engine/whatif/scenario';
import { exportCompare } from '../xlsx/exportCompare';
import type { ServiceContext } from './context';
import { read } from './api';
import type { FileOut } from './protocol';
import { scenarioOf } from './scenarios';

/** Rows of the scenario tables sent at a time. */
export const SCENARIO_PAGE = 500;

export interface Page<T> {
  rows: T[];
  offset: number;
  pageSize: number;
  rowCount: number;
}

function pageOf<T>(all: readonly T[], offset: number): Page<T> {
  const start = Math.max(0, Math.min(Math.floor(offset / SCENARIO_PAGE) * SCENARIO_PAGE, Math.max(0, all.length - 1)));
  return { rows: all.slice(start, start + SCENARIO_PAGE), offset: start, pageSize: SCENARIO_PAGE, rowCount: all.length };
}

export function compareApi(ctx: ServiceContext) {
  let lastCompare: { session: object; version: number; key: string; view: CompareView; sortKey: string; sorted: CompareRow[] | null } | null = null;

  function compare(periodId: string, scenarioIds: string[]): CompareView {
    const s = ctx.session();
    const key = JSON.stringify([periodId, scenarioIds]);
    if (lastCompare && lastCompare.session === s && lastCompare.version === s.version && lastCompare.key === key) return lastCompare.view;
    const p = s.period(periodId);
    const list = scenarioIds.map((id) => (p.scenarios ?? []).find((x) => x.id === id)).filter((x): x is Scenario => !!x);
    const view = compareScenarios(p, list, s.result(periodId), s.model(periodId));
    lastCompare = { session: s, version: s.version, key, view, sortKey: '', sorted: null };
    return view;
  }

  /** A page of the comparison, sorted as asked (a county's fits on one page). */
  function comparePage(periodId: string, scenarioIds: string[], sort: CompareSort, offset = 0): Omit<CompareView, 'rows'> & Page<CompareRow> {
    const view = compare(periodId, scenarioIds);
    const sortKey = JSON.stringify(sort);
    const kept = lastCompare!;
    if (kept.sortKey !== sortKey || !kept.sorted) kept.sorted = sortCompareRows(view.rows, sort);
    kept.sortKey = sortKey;
    return { scenarioNames: view.scenarioNames, ...pageOf(kept.sorted, offset) };
  }

  /** One indicator of a scenario, unit by unit (a page of them): baseline and scenario target and score. */
  function scenarioIndicator(periodId: string, id: string, indicatorId: string, offset = 0) {
    const s = ctx.session();
    const p = s.period(periodId);
    const sc = scenarioOf(ctx, periodId, id);
    const sr = scenarioScores(p, sc, s.model(periodId)).result;
    const base = s.result(periodId);
    const { rows: units, ...page } = pageOf(p.units, offset);
    const rows = units.map((u) => {
      const key = cellKey(u.id, indicatorId);
      const b = base.cell(u.id, indicatorId);
      const c = sr.cell(u.id, indicatorId);
      return {
        unitId: u.id,
        name: u.name,
        baseTarget: b?.target ?? null,
        target: sc.overrides[key]?.target ?? null,
        actual: c?.actual ?? null,
        // As printed: rounded on the decimals.
        baseScore: b?.scoreRounded ?? null,
        score: c?.scoreRounded ?? null,
        baseRate: b?.rateRounded ?? null,
        rate: c?.rateRounded ?? null,
      };
    });
    return { rows, ...page };
  }

  async function exportCompareFile(periodId: string, scenarioIds: string[]): Promise<FileOut> {
    const p = ctx.session().period(periodId);
    return { fileName: windowsFileName(`${p.area}${p.year}年情景对比`, 'xlsx'), bytes: await exportCompare(compare(periodId, scenarioIds)) };
  }

  return {
    compare: read(compare),
    comparePage: read(comparePage),
    scenarioIndicator: read(scenarioIndicator),
    exportCompare: read(exportCompareFile),
  };
}
