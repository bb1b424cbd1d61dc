/**
 * 情景 (what-if scenarios): kept in the period, so files and versions keep them; each change is one
 * undoable step through the one queue. A target typed for a scenario is read by the value policy
 * here. (Comparing them is compare.ts; 目标分解 is decomposition.ts.)
 */
import { BOXES, UserError, cellKey, readBox, readInput, type CellChange, type PeriodMeta, type Scenario } from '../model';
import type { SplitForm } from './splitTargets';
import { scenarioCell, scenarioIndicators } from '../engine/whatif/scenario';
import { newId } from '../store/repository';
import { periodMeta } from '../engine/workbook/commands';
import type { ServiceContext } from './context';
import { change, read } from './api';
import type { EditOutcome } from './protocol';

/** A scenario's name as its box reads it (trimmed, one line, at most 100 characters), or refused. */
function scenarioName(typed: string): string {
  const r = readBox(BOXES.scenarioName, String(typed ?? ''));
  if (!r.ok) throw new UserError(`${r.reason}，未保存。`);
  return r.value;
}

/** A scenario target as typed, read by the value policy: a number, or null (the baseline's). */
function scenarioTarget(who: string, typed: number | string | null, ind: Parameters<typeof readInput>[2], whole: string): number | null {
  const read = readInput('target', typed, ind);
  if (!read.ok) throw new UserError(`${who}${read.reason}，${whole}未改动。`);
  if (read.value === 'na' || read.value === 'pending') throw new UserError(`${who}任务数应为数字（留空表示采用基准任务数），${whole}未改动。`);
  return read.value;
}

/** Overrides with these targets set (null: the baseline's again). */
function withTargets(overrides: Scenario['overrides'], indicatorId: string, targets: Iterable<[string, number | null]>): Scenario['overrides'] {
  const out = { ...overrides };
  for (const [unitId, target] of targets) {
    const key = cellKey(unitId, indicatorId);
    if (target === null) delete out[key];
    else out[key] = { ...out[key], target };
  }
  return out;
}

export function scenarioOf(ctx: ServiceContext, periodId: string, id: string): Scenario {
  const sc = (ctx.session().period(periodId).scenarios ?? []).find((x) => x.id === id);
  if (!sc) throw new UserError('该情景不存在（可能已在另一窗口中删除）。');
  return sc;
}

export function scenariosApi(ctx: ServiceContext) {
  /** Change the period's scenarios as one undoable step (called from a mutation: already in the queue). */
  const updateScenarios = async (periodId: string, label: string, fn: (list: Scenario[]) => Scenario[], also?: (meta: PeriodMeta) => void): Promise<EditOutcome> => {
    const s = ctx.session();
    // The scheme only: cloning the period would copy every cell (800 000 at province scale).
    const meta = periodMeta(s.period(periodId));
    meta.scenarios = fn(meta.scenarios ?? []);
    also?.(meta);
    return s.setMeta(periodId, meta, label);
  };

  const indicatorOf = (periodId: string, indicatorId: string) => {
    const ind = ctx.session().period(periodId).indicators.find((i) => i.id === indicatorId);
    if (!ind) throw new UserError('该指标不存在（可能已在另一窗口中删除）。');
    return ind;
  };

  function scenarios(periodId: string): Scenario[] {
    return structuredClone(ctx.session().period(periodId).scenarios ?? []);
  }

  /** A new scenario; one made by 目标分解 also remembers its form with the period (`made`). */
  async function createScenario(periodId: string, typed: string, overrides: Scenario['overrides'] = {}, note?: string, made?: { indicatorId: string; form: SplitForm }): Promise<{ outcome: EditOutcome; id: string }> {
    const name = scenarioName(typed);
    const id = newId('scn');
    const remember = made ? (meta: PeriodMeta) => void (meta.decompositions = { ...meta.decompositions, [made.indicatorId]: made.form }) : undefined;
    const outcome = await updateScenarios(periodId, `新建情景 ${name}`, (l) => [...l, { id, name, overrides, ...(note ? { note } : {}) }], remember);
    return { outcome, id };
  }

  function renameScenario(periodId: string, id: string, typed: string): Promise<EditOutcome> {
    const name = scenarioName(typed);
    return updateScenarios(periodId, `重命名情景 ${name}`, (l) => l.map((x) => (x.id === id ? { ...x, name } : x)));
  }

  async function duplicateScenario(periodId: string, id: string): Promise<{ outcome: EditOutcome; id: string }> {
    const src = scenarioOf(ctx, periodId, id);
    const copyId = newId('scn');
    const outcome = await updateScenarios(periodId, `复制情景 ${src.name}`, (l) => [...l, { ...structuredClone(src), id: copyId, name: `${src.name}（副本）` }]);
    return { outcome, id: copyId };
  }

  function deleteScenario(periodId: string, id: string): Promise<EditOutcome> {
    return updateScenarios(periodId, '删除情景', (l) => l.filter((x) => x.id !== id));
  }

  /** One target of a scenario, as typed; null or empty puts the baseline back. */
  function setScenarioTarget(periodId: string, id: string, unitId: string, indicatorId: string, typed: number | string | null): Promise<EditOutcome> {
    const p = ctx.session().period(periodId);
    const ind = indicatorOf(periodId, indicatorId);
    const who = `情景“${scenarioOf(ctx, periodId, id).name}”中${p.units.find((u) => u.id === unitId)?.name ?? unitId}「${ind.name}」的`;
    const target = scenarioTarget(who, typed, ind, '');
    return updateScenarios(periodId, '修改情景任务数', (l) => l.map((x) => (x.id === id ? { ...x, overrides: withTargets(x.overrides, indicatorId, [[unitId, target]]) } : x)));
  }

  /** Several targets of a scenario in one step (a pasted column); one refused value refuses them all, naming it. */
  function setScenarioTargets(periodId: string, id: string, indicatorId: string, typed: Record<string, number | string | null>): Promise<EditOutcome> {
    const p = ctx.session().period(periodId);
    const ind = indicatorOf(periodId, indicatorId);
    const name = scenarioOf(ctx, periodId, id).name;
    const targets = new Map<string, number | null>();
    for (const [unitId, text] of Object.entries(typed)) {
      const unit = p.units.find((u) => u.id === unitId);
      if (!unit) throw new UserError(`情景“${name}”：单位 ${unitId} 不在该考核期中，未改动。`);
      targets.set(unitId, scenarioTarget(`情景“${name}”中${unit.name}「${ind.name}」的`, text, ind, '整列'));
    }
    return updateScenarios(periodId, `粘贴情景任务数（${targets.size} 个单位）`, (l) => l.map((x) => (x.id === id ? { ...x, overrides: withTargets(x.overrides, indicatorId, targets) } : x)));
  }

  /** Make a scenario's values the baseline (one undoable step; the scenario stays for reference). */
  function applyScenarioToBaseline(periodId: string, id: string): Promise<EditOutcome> {
    const s = ctx.session();
    const p = s.period(periodId);
    const sc = scenarioOf(ctx, periodId, id);
    // The overridden cells and the scheme only (applyScenario would copy all 800 000 cells of a province).
    const changes: CellChange[] = Object.entries(sc.overrides).map(([key, o]) => {
      const [unitId, indicatorId] = key.split('|') as [string, string];
      return { unitId, indicatorId, before: p.cells[key] ?? null, after: scenarioCell(p.cells[key], o) };
    });
    const meta = { ...periodMeta(p), indicators: scenarioIndicators(p, sc) };
    return s.setMeta(periodId, meta, `应用情景 ${sc.name} 到基准`, changes);
  }

  return {
    scenarios: read(scenarios),
    createScenario: change(ctx, createScenario),
    renameScenario: change(ctx, renameScenario),
    duplicateScenario: change(ctx, duplicateScenario),
    deleteScenario: change(ctx, deleteScenario),
    setScenarioTarget: change(ctx, setScenarioTarget),
    setScenarioTargets: change(ctx, setScenarioTargets),
    applyScenarioToBaseline: change(ctx, applyScenarioToBaseline),
  };
}
