/**
 * What-if: scenarios (stored in the period, so files and versions keep them), comparison,
 * explanations, goal seek. Scenario changes are undoable steps through the one queue.
 * (目标分解 is decomposition.ts.)
 */
import { BOXES, UserError, cellKey, rankGoalBox, readBox, readInput, storedProblem, windowsFileName, type CellChange, type PeriodMeta, type Scenario } from '../model';
import type { SplitForm } from './splitTargets';
import { compareScenarios, scenarioCell, scenarioIndicators, scenarioScores, sortCompareRows, type CompareRow, type CompareSort, type CompareView } from '../engine/whatif/scenario';
import { explainCell, explainTotal } from '../engine/views/explain';
import { goalSeek, type Goal, type Vary } from '../engine/whatif/goalseek';
import { newId } from '../store/repository';
import { exportCompare } from '../xlsx/exportCompare';
import { periodMeta } from '../engine/workbook/commands';
import type { ServiceContext } from './context';
import { change, read } from './api';
import type { EditOutcome, FileOut } from './protocol';

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

export function whatifApi(ctx: ServiceContext) {
  /** Change the period's scenarios as one undoable step (called from a mutation: already in the queue). */
  const updateScenarios = async (periodId: string, label: string, fn: (list: Scenario[]) => Scenario[], also?: (meta: PeriodMeta) => void): Promise<EditOutcome> => {
    const s = ctx.session();
    // The scheme only: cloning the period would copy every cell (800 000 at province scale).
    const meta = periodMeta(s.period(periodId));
    meta.scenarios = fn(meta.scenarios ?? []);
    also?.(meta);
    return s.setMeta(periodId, meta, label);
  };

  const scenarioOf = (periodId: string, id: string): Scenario => {
    const sc = (ctx.session().period(periodId).scenarios ?? []).find((x) => x.id === id);
    if (!sc) throw new UserError('该情景不存在（可能已在另一窗口中删除）。');
    return sc;
  };

  /** The last comparison, kept while nothing changed: paging and sorting 40 000 rows do not score again. */
  let lastCompare: { session: object; version: number; key: string; view: CompareView; sortKey: string; sorted: CompareRow[] | null } | null = null;
  const compare = (periodId: string, scenarioIds: string[]): CompareView => {
    const s = ctx.session();
    const key = JSON.stringify([periodId, scenarioIds]);
    if (lastCompare && lastCompare.session === s && lastCompare.version === s.version && lastCompare.key === key) return lastCompare.view;
    const p = s.period(periodId);
    const list = scenarioIds.map((id) => (p.scenarios ?? []).find((x) => x.id === id)).filter((x): x is Scenario => !!x);
    const view = compareScenarios(p, list, s.result(periodId), s.model(periodId));
    lastCompare = { session: s, version: s.version, key, view, sortKey: '', sorted: null };
    return view;
  };

  /** A scenario's name as its box reads it (trimmed, one line, at most 100 characters), or refused. */
  const scenarioName = (typed: string): string => {
    const r = readBox(BOXES.scenarioName, String(typed ?? ''));
    if (!r.ok) throw new UserError(`${r.reason}，未保存。`);
    return r.value;
  };

  return {
    compare: read(compare),

    scenarios: read((periodId: string): Scenario[] => structuredClone(ctx.session().period(periodId).scenarios ?? [])),

    /** A new scenario; one made by 目标分解 also remembers its form with the period (`made`). */
    createScenario: change(ctx, async (periodId: string, typed: string, overrides: Scenario['overrides'] = {}, note?: string, made?: { indicatorId: string; form: SplitForm }): Promise<{ outcome: EditOutcome; id: string }> => {
      const name = scenarioName(typed);
      const id = newId('scn');
      const remember = made ? (meta: PeriodMeta) => void (meta.decompositions = { ...meta.decompositions, [made.indicatorId]: made.form }) : undefined;
      const outcome = await updateScenarios(periodId, `新建情景 ${name}`, (l) => [...l, { id, name, overrides, ...(note ? { note } : {}) }], remember);
      return { outcome, id };
    }),

    renameScenario: change(ctx, (periodId: string, id: string, typed: string) => {
      const name = scenarioName(typed);
      return updateScenarios(periodId, `重命名情景 ${name}`, (l) => l.map((x) => (x.id === id ? { ...x, name } : x)));
    }),

    duplicateScenario: change(ctx, async (periodId: string, id: string): Promise<{ outcome: EditOutcome; id: string }> => {
      const src = scenarioOf(periodId, id);
      const copyId = newId('scn');
      const outcome = await updateScenarios(periodId, `复制情景 ${src.name}`, (l) => [...l, { ...structuredClone(src), id: copyId, name: `${src.name}（副本）` }]);
      return { outcome, id: copyId };
    }),

    deleteScenario: change(ctx, (periodId: string, id: string) => updateScenarios(periodId, '删除情景', (l) => l.filter((x) => x.id !== id))),

    /**
     * One target of a scenario, as typed (text is read by the value policy here, in the worker);
     * null or empty puts the baseline back.
     */
    setScenarioTarget: change(ctx, (periodId: string, id: string, unitId: string, indicatorId: string, typed: number | string | null) => {
      const p = ctx.session().period(periodId);
      const ind = p.indicators.find((i) => i.id === indicatorId);
      if (!ind) throw new UserError('该指标不存在（可能已在另一窗口中删除）。');
      const read = readInput('target', typed, ind);
      const who = `情景“${scenarioOf(periodId, id).name}”中${p.units.find((u) => u.id === unitId)?.name ?? unitId}「${ind.name}」的`;
      if (!read.ok) throw new UserError(`${who}${read.reason}，未改动。`);
      if (read.value === 'na' || read.value === 'pending') throw new UserError(`${who}任务数应为数字（留空表示采用基准任务数），未改动。`);
      const target = read.value;
      const key = cellKey(unitId, indicatorId);
      return updateScenarios(periodId, '修改情景任务数', (l) =>
        l.map((x) => {
          if (x.id !== id) return x;
          const overrides = { ...x.overrides };
          if (target === null) delete overrides[key];
          else overrides[key] = { ...overrides[key], target };
          return { ...x, overrides };
        }),
      );
    }),

    /**
     * Several targets of a scenario in one step (a pasted column), each as typed and read by the
     * value policy here; one refused value refuses them all, naming it.
     */
    setScenarioTargets: change(ctx, (periodId: string, id: string, indicatorId: string, typed: Record<string, number | string | null>) => {
      const p = ctx.session().period(periodId);
      const ind = p.indicators.find((i) => i.id === indicatorId);
      if (!ind) throw new UserError('该指标不存在（可能已在另一窗口中删除）。');
      const name = scenarioOf(periodId, id).name;
      const targets = new Map<string, number | null>();
      for (const [unitId, text] of Object.entries(typed)) {
        const unit = p.units.find((u) => u.id === unitId);
        if (!unit) throw new UserError(`情景“${name}”：单位 ${unitId} 不在该考核期中，未改动。`);
        const read = readInput('target', text, ind);
        const who = `情景“${name}”中${unit.name}「${ind.name}」的`;
        if (!read.ok) throw new UserError(`${who}${read.reason}，整列未改动。`);
        if (read.value === 'na' || read.value === 'pending') throw new UserError(`${who}任务数应为数字（留空表示采用基准任务数），整列未改动。`);
        targets.set(unitId, read.value);
      }
      return updateScenarios(periodId, `粘贴情景任务数（${targets.size} 个单位）`, (l) =>
        l.map((x) => {
          if (x.id !== id) return x;
          const overrides = { ...x.overrides };
          for (const [unitId, target] of targets) {
            const key = cellKey(unitId, indicatorId);
            if (target === null) delete overrides[key];
            else overrides[key] = { ...overrides[key], target };
          }
          return { ...x, overrides };
        }),
      );
    }),

    /** Make a scenario's values the baseline (one undoable step; the scenario stays for reference). */
    applyScenarioToBaseline: change(ctx, async (periodId: string, id: string): Promise<EditOutcome> => {
      const s = ctx.session();
      const p = s.period(periodId);
      const sc = scenarioOf(periodId, id);
      // The overridden cells and the scheme only (applyScenario would copy all 800 000 cells of a province).
      const changes: CellChange[] = Object.entries(sc.overrides).map(([key, o]) => {
        const [unitId, indicatorId] = key.split('|') as [string, string];
        return { unitId, indicatorId, before: p.cells[key] ?? null, after: scenarioCell(p.cells[key], o) };
      });
      const meta = { ...periodMeta(p), indicators: scenarioIndicators(p, sc) };
      const out = await s.setMeta(periodId, meta, `应用情景 ${sc.name} 到基准`, changes);
      return out;
    }),

    /** A page of the comparison, sorted as asked (a county's fits on one page). */
    comparePage: read((periodId: string, scenarioIds: string[], sort: CompareSort, offset = 0): Omit<CompareView, 'rows'> & Page<CompareRow> => {
      const view = compare(periodId, scenarioIds);
      const sortKey = JSON.stringify(sort);
      const kept = lastCompare!;
      if (kept.sortKey !== sortKey || !kept.sorted) kept.sorted = sortCompareRows(view.rows, sort);
      kept.sortKey = sortKey;
      return { scenarioNames: view.scenarioNames, ...pageOf(kept.sorted, offset) };
    }),

    /** One indicator of a scenario, unit by unit (a page of them): baseline and scenario target and score. */
    scenarioIndicator: read((periodId: string, id: string, indicatorId: string, offset = 0) => {
      const s = ctx.session();
      const p = s.period(periodId);
      const sc = scenarioOf(periodId, id);
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
    }),

    exportCompare: read(async (periodId: string, scenarioIds: string[]): Promise<FileOut> => {
      const p = ctx.session().period(periodId);
      return { fileName: windowsFileName(`${p.area}${p.year}年情景对比`, 'xlsx'), bytes: await exportCompare(compare(periodId, scenarioIds)) };
    }),

    explain: read((periodId: string, unitId: string, indicatorId: string | null) => {
      const s = ctx.session();
      const p = s.period(periodId);
      return indicatorId ? explainCell(p, s.result(periodId), unitId, indicatorId) : explainTotal(p, s.result(periodId), unitId);
    }),

    /** 求解: the goal judged by its box first (a place among the units ranked, a total up to 100). */
    goalSeek: read((periodId: string, unitId: string, indicatorId: string, goal: Goal, vary: Vary) => {
      const s = ctx.session();
      const p = s.period(periodId);
      const why =
        goal?.kind === 'rank' ? storedProblem(rankGoalBox(p.units.length), goal.rank) : goal?.kind === 'total' ? storedProblem(BOXES.totalGoal, goal.total) : goal?.kind === 'upOne' || goal?.kind === 'complete' ? null : '求解目标无法识别';
      if (why) throw new UserError(`${why}，未求解。`);
      return goalSeek(p, unitId, indicatorId, goal, vary, s.model(periodId));
    }),
  };
}
