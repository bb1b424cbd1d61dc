/**
 * What-if: scenarios (stored in the period, so files and versions keep them), comparison,
 * decomposition, explanations, goal seek. Scenario changes are undoable
 * steps through the one queue.
 */
import { readPastedColumn, readUnitOrder, type PastedColumn } from '../xlsx/pastedColumn';
import { formatPlain } from '../engine/text/format';
import { growthTargets, readGrowthRate, splitWithMinimum, type GrowthBasis } from '../engine/whatif/growth';
import type { RoundingMode } from '../model/exact';
import { BOXES, UserError, cellKey, cityTotalRule, rankGoalBox, readBox, storedProblem, windowsFileName, decNumber, decSum, minimumRule, numberProblem, periodLabel, readAmount, readInput, readWeights, type CellChange, type Scenario } from '../model';
import { compareScenarios, scenarioCell, scenarioIndicators, scenarioScores, sortCompareRows, type CompareRow, type CompareSort, type CompareView } from '../engine/whatif/scenario';
import { decompositionTable, type DecompositionLayout, type DecompositionSource, type DecompositionTable } from '../engine/whatif/decompositionTable';
import { exportDecompositionTable } from '../xlsx/exportDecomposition';
import { WEIGHT_BASIS_LABELS, decompositionDecimals, largestRemainder, weightsFor, weightsProblem, type WeightBasis } from '../engine/whatif/decompose';
import { explainCell, explainTotal } from '../engine/text/explain';
import { goalSeek, type Goal, type Vary } from '../engine/whatif/goalseek';
import { newId } from '../store/repository';
import { exportCompare } from '../xlsx/exportCompare';
import type { ServiceContext } from './context';
import { mutation, read } from './api';
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
  const updateScenarios = async (periodId: string, label: string, fn: (list: Scenario[]) => Scenario[]): Promise<EditOutcome> => {
    const s = ctx.session();
    // The scheme only: cloning the period would copy every cell (800 000 at province scale).
    const { id: _id, cells: _cells, ...shallow } = s.period(periodId);
    const meta = structuredClone(shallow);
    meta.scenarios = fn(meta.scenarios ?? []);
    const out = await s.setMeta(periodId, meta, label);
    ctx.afterChange();
    return out;
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

    createScenario: mutation(ctx.queue, async (periodId: string, typed: string, overrides: Scenario['overrides'] = {}, note?: string): Promise<{ outcome: EditOutcome; id: string }> => {
      const name = scenarioName(typed);
      const id = newId('scn');
      const outcome = await updateScenarios(periodId, `新建情景 ${name}`, (l) => [...l, { id, name, overrides, ...(note ? { note } : {}) }]);
      return { outcome, id };
    }),

    renameScenario: mutation(ctx.queue, (periodId: string, id: string, typed: string) => {
      const name = scenarioName(typed);
      return updateScenarios(periodId, `重命名情景 ${name}`, (l) => l.map((x) => (x.id === id ? { ...x, name } : x)));
    }),

    duplicateScenario: mutation(ctx.queue, async (periodId: string, id: string): Promise<{ outcome: EditOutcome; id: string }> => {
      const src = scenarioOf(periodId, id);
      const copyId = newId('scn');
      const outcome = await updateScenarios(periodId, `复制情景 ${src.name}`, (l) => [...l, { ...structuredClone(src), id: copyId, name: `${src.name}（副本）` }]);
      return { outcome, id: copyId };
    }),

    deleteScenario: mutation(ctx.queue, (periodId: string, id: string) => updateScenarios(periodId, '删除情景', (l) => l.filter((x) => x.id !== id))),

    /**
     * One target of a scenario, as typed (text is read by the value policy here, in the worker);
     * null or empty puts the baseline back.
     */
    setScenarioTarget: mutation(ctx.queue, (periodId: string, id: string, unitId: string, indicatorId: string, typed: number | string | null) => {
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
    setScenarioTargets: mutation(ctx.queue, (periodId: string, id: string, indicatorId: string, typed: Record<string, number | string | null>) => {
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

    /** A list of township names pasted (a plan's 乡镇 column): the units in that order, and what was not matched. */
    readUnitOrder: read((periodId: string, text: string) => readUnitOrder(text, ctx.session().period(periodId).units)),

    /** A block pasted into a column of entry boxes, read by township name where it has names (pastedColumn.ts). */
    readPasted: read((periodId: string, text: string, from: number): PastedColumn => readPastedColumn(text, ctx.session().period(periodId).units, from)),

    /** Make a scenario's values the baseline (one undoable step; the scenario stays for reference). */
    applyScenarioToBaseline: mutation(ctx.queue, async (periodId: string, id: string): Promise<EditOutcome> => {
      const s = ctx.session();
      const p = s.period(periodId);
      const sc = scenarioOf(periodId, id);
      // The overridden cells and the scheme only (applyScenario would copy all 800 000 cells of a province).
      const changes: CellChange[] = Object.entries(sc.overrides).map(([key, o]) => {
        const [unitId, indicatorId] = key.split('|') as [string, string];
        return { unitId, indicatorId, before: p.cells[key] ?? null, after: scenarioCell(p.cells[key], o) };
      });
      const { id: _id, cells: _cells, ...shallow } = p;
      const meta = structuredClone({ ...shallow, indicators: scenarioIndicators(p, sc) });
      const out = await s.setMeta(periodId, meta, `应用情景 ${sc.name} 到基准`, changes);
      ctx.afterChange();
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

    /**
     * Growth targets: `sourcePeriodId`'s actuals (or targets) × (1 + rate%), rounded by `mode`; the
     * 合计 follows from the rows. Same shape as a decomposition, so it is shown and applied alike.
     */
    growthDecomposition: read((periodId: string, indicatorId: string, sourcePeriodId: string, basis: GrowthBasis, rateText: string, mode: RoundingMode) => {
      const s = ctx.session();
      const p = s.period(periodId);
      const ind = p.indicators.find((i) => i.id === indicatorId);
      if (!ind) throw new UserError('该指标不存在（可能已在另一窗口中删除）。');
      const rate = readGrowthRate(rateText);
      if (!rate.ok) throw new UserError(`${rate.reason}，无法计算。`);
      const source = s.period(sourcePeriodId);
      const decimals = decompositionDecimals(ind.unit, ind.decimals);
      const r = growthTargets(p, source, indicatorId, basis, rate.percent, mode, decimals, periodLabel(source));
      const got = r.targets.filter((x): x is number => x !== null);
      if (!got.length) throw new UserError(`依据的考核期 ${periodLabel(source)} 没有“${ind.name}”的${basis === 'actual' ? '实绩数' : '任务数'}，无法按同期增长计算。请选择有数据的考核期。`);
      // Each target passes the value policy (a growth of a tiny value may print as 0).
      const bad = p.units.flatMap((u, i) => {
        const t = r.targets[i];
        const why = t === null || t === undefined ? null : numberProblem('target', t, ind);
        return why ? [`${u.name}：${why}`] : [];
      });
      if (bad.length) throw new UserError(`按同期增长算出的任务数不符合要求：${bad.slice(0, 5).join('；')}${bad.length > 5 ? '……' : ''}。`);
      return {
        indicatorName: ind.name,
        unit: ind.unit,
        decimals,
        basisLabel: r.said,
        note: r.missing.length ? `${r.missing.slice(0, 10).join('、')}${r.missing.length > 10 ? ` 等 ${r.missing.length} 个单位` : ''}在依据的考核期中没有数据，没有算出任务数（应用时保留原任务数）。` : '',
        ready: true,
        rows: p.units.map((u, i) => ({ unitId: u.id, name: u.fullName ?? u.name, weight: 0, target: r.targets[i] ?? null })),
        sum: decNumber(decSum(got)),
      };
    }),

    /**
     * A split of the city total by weights. The boxes' texts as typed (全市目标, each weight, 每个单位
     * 至少), read here by the same box policy the page used: one that cannot be read is refused
     * with its reason, never read as 0.
     */
    decomposition: read((periodId: string, indicatorId: string, totalText: string, basis: WeightBasis, sourcePeriodId: string | null, typedTexts: Record<string, string>, minimumText = '') => {
      const s = ctx.session();
      const p = s.period(periodId);
      const ind = p.indicators.find((i) => i.id === indicatorId);
      if (!ind) throw new UserError('该指标不存在（可能已在另一窗口中删除）。');
      const read = readAmount(totalText.trim() || (ind.cityTarget === undefined ? '' : formatPlain(ind.cityTarget)), cityTotalRule(ind));
      if (!read.ok) throw new UserError(`${read.reason}，无法分解。`);
      const total = read.value!;
      const { weights: typed, refused } = readWeights(basis === 'typed' ? typedTexts : {});
      const badWeights = p.units.flatMap((u) => (refused[u.id] ? [`${u.name}的${refused[u.id]}`] : []));
      if (badWeights.length) throw new UserError(`${badWeights.slice(0, 5).join('；')}${badWeights.length > 5 ? '……' : ''}，无法分解。`);
      const least = readAmount(minimumText, minimumRule(ind));
      if (!least.ok) throw new UserError(`${least.reason}，无法分解。`);
      const minimum = least.value ?? 0;
      const source = sourcePeriodId ? s.period(sourcePeriodId) : null;
      const weights = weightsFor(p, indicatorId, basis, source, typed);
      const problem = weightsProblem(weights, basis, ind.name, source ? periodLabel(source) : null);
      if (problem) throw new UserError(problem);
      const decimals = decompositionDecimals(ind.unit, ind.decimals);
      // No weight typed yet: the rows to type them in, and nothing split.
      const ready = weights.some((w) => w > 0) || basis === 'equal';
      // Every township first gets the minimum (if any), the rest by the weights.
      const split = ready ? (minimum ? splitWithMinimum(total, weights, decimals, minimum) : largestRemainder(total, weights, decimals)) : weights.map(() => 0);
      if (!split) throw new UserError(`每个单位至少 ${formatPlain(minimum)}，${p.units.length} 个单位共需 ${formatPlain(minimum * p.units.length)}，超过了全市目标 ${formatPlain(total)}，无法分解。`);
      const parts = split;
      const zero = basis === 'prevActual' || basis === 'prevTarget' ? p.units.filter((_, i) => weights[i] === 0).map((u) => u.name) : [];
      return {
        indicatorName: ind.name,
        unit: ind.unit,
        decimals,
        basisLabel: WEIGHT_BASIS_LABELS[basis] + (source && (basis === 'prevActual' || basis === 'prevTarget') ? `（${periodLabel(source)}）` : '') + (minimum ? `，每个单位至少 ${formatPlain(minimum)}` : ''),
        /** Units the basis period gives nothing for: they get 0, said rather than hidden. */
        note: !ready
          ? '请先输入权重（至少一个单位的权重大于 0；可从 Excel 复制一列权重，粘贴到第一个单位的权重框）。'
          : zero.length
            ? `${zero.slice(0, 10).join('、')}${zero.length > 10 ? ` 等 ${zero.length} 个单位` : ''}在依据的考核期中没有数据，分得 0。`
            : '',
        ready,
        rows: p.units.map((u, i) => ({ unitId: u.id, name: u.fullName ?? u.name, weight: weights[i]!, target: parts[i]! as number | null })),
        sum: decNumber(decSum(parts)),
      };
    }),

    /** The 目标分解表 of several indicators (seed 001), from the period's targets, a scenario or each indicator's latest 目标分解. */
    decompositionTable: read((periodId: string, indicatorIds: string[], source: DecompositionSource, title: string, layout: DecompositionLayout = {}): DecompositionTable => {
      return decompositionTable(ctx.session().period(periodId), indicatorIds, source, title, layout);
    }),

    exportDecompositionTable: read(async (periodId: string, indicatorIds: string[], source: DecompositionSource, title: string, layout: DecompositionLayout = {}): Promise<FileOut> => {
      const p = ctx.session().period(periodId);
      const t = decompositionTable(p, indicatorIds, source, title, layout);
      return { fileName: windowsFileName(t.title, 'xlsx'), bytes: await exportDecompositionTable(t, p.issuer) };
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
