/**
 * The one gate in the worker: every command that changes cells or the scheme — typing, paste,
 * undo/redo, imports, township returns, a workbook file, the page's journal and drafts, scenarios
 * and decompositions — is checked here by the value policy (model/valuePolicy.ts) before anything
 * is applied or written. A refusal names each value (unit, indicator, field) and where it came
 * from; the whole command is refused, so nothing is half-applied.
 */
import { schemeProblems } from './schemeGate';
import {
  UserError,
  cellKey,
  cellProblems,
  BOXES,
  storedProblem,
  numberProblem,
  periodLabel,
  readInput,
  type Cell,
  type CellColumns,
  type CellInput,
  type Command,
  type Indicator,
  type Period,
  type PeriodMeta,
  type Scenario,
  type Unit,
  type Workbook,
} from '../model';
import { withoutCells } from '../engine/workbook/commands';

/** Refusals listed by name in one message (the count says how many in all). */
const LISTED = 5;

type Scheme = Pick<Period, 'units' | 'indicators'>;

function names(scheme: Scheme) {
  const units = new Map<string, Unit>(scheme.units.map((u) => [u.id, u]));
  const inds = new Map<string, Indicator>(scheme.indicators.map((i) => [i.id, i]));
  return { units, inds };
}

/**
 * Problems of cells written into a period: `current(key)` is what the period holds now (only the
 * fields that change are judged) or undefined to judge every field (a whole workbook from a file).
 */
export function cellsProblems(
  scheme: Scheme,
  changes: Iterable<{ unitId: string; indicatorId: string; after: Cell | null; input?: readonly CellInput[] | undefined }>,
  current: ((key: string) => Cell | null) | null,
): string[] {
  const inds = new Map<string, Indicator>(scheme.indicators.map((i) => [i.id, i]));
  // The units' names only when a value is refused: a 40 000-unit map per typed cell cost 5 ms.
  let units: Map<string, Unit> | null = null;
  const nameOf = (id: string) => (units ??= new Map(scheme.units.map((u) => [u.id, u]))).get(id)?.name ?? id;
  const out: string[] = [];
  for (const c of changes) {
    const ind = inds.get(c.indicatorId);
    if (!ind) continue; // a cell of no indicator is refused by the store itself (a conflict)
    const who = () => `${nameOf(c.unitId)}「${ind.name}」的`;
    for (const typed of c.input ?? []) {
      const r = readInput(typed.field, typed.text, ind);
      if (!r.ok) out.push(who() + r.reason);
    }
    const base = current ? current(cellKey(c.unitId, c.indicatorId)) : undefined;
    for (const p of cellProblems(c.after, ind, base)) out.push(who() + p.reason);
  }
  return [...new Set(out)];
}

/** Problems of a scheme as it would be written: points, city targets, scenario values (changed ones only, given `before`). */
export function metaProblems(after: PeriodMeta, before: PeriodMeta | null): string[] {
  const out: string[] = [];
  const was = before ? names(before).inds : new Map<string, Indicator>();
  const { units, inds } = names(after);
  // Names, points, rule parameters, headings: each changed field by its box (schemeGate.ts).
  out.push(...schemeProblems(after, before));
  for (const ind of after.indicators) {
    const old = was.get(ind.id);
    if (ind.cityTarget !== undefined && old?.cityTarget !== ind.cityTarget) {
      const why = numberProblem('target', ind.cityTarget, ind);
      if (why) out.push(`指标“${ind.name}”的全市目标${why.replace(/^任务数/u, '')}`);
    }
  }
  const oldScenarios = new Map<string, Scenario>((before?.scenarios ?? []).map((s) => [s.id, s]));
  for (const sc of after.scenarios ?? []) {
    const old = oldScenarios.get(sc.id);
    const nameWhy = old?.name !== sc.name ? storedProblem(BOXES.scenarioName, sc.name) : null;
    if (nameWhy) out.push(`情景“${sc.name.slice(0, 20)}”的${nameWhy}`);
    for (const [key, o] of Object.entries(sc.overrides)) {
      const bar = key.indexOf('|');
      const ind = inds.get(key.slice(bar + 1));
      if (!ind) continue;
      const prior = old?.overrides[key];
      const who = `情景“${sc.name}”中${units.get(key.slice(0, bar))?.name ?? key.slice(0, bar)}「${ind.name}」的`;
      if (o.target !== undefined && prior?.target !== o.target) {
        const why = numberProblem('target', o.target, ind);
        if (why) out.push(who + why);
      }
      if (o.actual !== undefined && prior?.actual !== o.actual) {
        const why = numberProblem('actual', o.actual, ind);
        if (why) out.push(who + why);
      }
    }
    for (const [id, r] of Object.entries(sc.rules ?? {})) {
      const why = storedProblem(BOXES.points, r.points);
      if (why && old?.rules?.[id]?.points !== r.points) out.push(`情景“${sc.name}”中指标“${inds.get(id)?.name ?? id}”的${why}`);
    }
  }
  return out;
}

/** The scheme each period will have once `cmd` is applied (a batch may add an indicator and its cells together). */
function schemesAfter(wb: Workbook, cmd: Command, out = new Map<string, Scheme>()): Map<string, Scheme> {
  if (cmd.kind === 'batch') cmd.commands.forEach((c) => schemesAfter(wb, c, out));
  else if (cmd.kind === 'setMeta') out.set(cmd.periodId, cmd.after);
  return out;
}

/** Every problem of a command against the workbook as it stands (before it is applied). */
export function commandProblems(wb: Workbook, cmd: Command, inputs?: ReadonlyMap<string, readonly CellInput[]>): string[] {
  const schemes = schemesAfter(wb, cmd);
  const out: string[] = [];
  const visit = (c: Command) => {
    if (c.kind === 'batch') return c.commands.forEach(visit);
    const p = wb.periods.find((x) => x.id === c.periodId);
    if (c.kind === 'setMeta') {
      out.push(...metaProblems(c.after, p ? withoutCells(p) : null));
      return;
    }
    if (!p) return; // refused by the store as a change to a deleted period
    const scheme = schemes.get(c.periodId) ?? p;
    const tagged = c.changes.map((ch) => ({ ...ch, input: inputs?.get(cellKey(ch.unitId, ch.indicatorId)) }));
    out.push(...cellsProblems(scheme, tagged, (key) => p.cells[key] ?? null));
  };
  visit(cmd);
  return [...new Set(out)];
}

/** The refusal as staff read it: what was refused, from where, and that nothing changed. */
export function refusal(problems: readonly string[], source: string): UserError {
  const listed = problems.slice(0, LISTED).join('；');
  const more = problems.length > LISTED ? `等共 ${problems.length} 处` : '';
  return new UserError(`${source}未执行，工作簿未改动：${listed}${more}。`);
}

/** Throw the refusal when `cmd` has any problem. */
export function gateCommand(wb: Workbook, cmd: Command, source: string, inputs?: ReadonlyMap<string, readonly CellInput[]>): void {
  const problems = commandProblems(wb, cmd, inputs);
  if (problems.length) throw refusal(problems, source);
}

/**
 * Every cell and scheme of a whole workbook (a file's model and its versions). The cells are
 * visited by unit and indicator — from `columnsOf` (a file's cells as read) when given: a `for…in`
 * over 800 000 keys and their slicing took most of the 0.6 s this check cost.
 */
export function workbookProblems(wb: Workbook, columnsOf: (periodId: string) => CellColumns | null | undefined = () => null): string[] {
  const out: string[] = [];
  for (const p of wb.periods) {
    const at = `${periodLabel(p)} `;
    out.push(...metaProblems(p, null).map((m) => at + m));
    const columns = columnsOf(p.id);
    const cells = function* () {
      for (const ind of p.indicators) {
        const column = columns?.get(ind.id);
        for (let i = 0; i < p.units.length; i++) {
          const unitId = p.units[i]!.id;
          const after = column ? column[i] : p.cells[cellKey(unitId, ind.id)];
          if (after) yield { unitId, indicatorId: ind.id, after };
        }
      }
    };
    out.push(...cellsProblems(p, cells(), null).map((m) => at + m));
    if (out.length > 50) break;
  }
  return out;
}

/**
 * The workbook without the values the policy refuses — only when the person chose to open a file
 * so (the refusal listed them first): each such field is left empty, a scenario's value goes back
 * to the baseline, a city target is dropped. Returns how many values were left out.
 */
export function withoutRefused(input: Workbook): { workbook: Workbook; dropped: number } {
  const wb = structuredClone(input);
  let dropped = 0;
  for (const p of wb.periods) {
    const inds = new Map(p.indicators.map((i) => [i.id, i]));
    for (const key of Object.keys(p.cells)) {
      const ind = inds.get(key.slice(key.indexOf('|') + 1));
      const cell = p.cells[key]!;
      if (!ind) continue;
      for (const problem of cellProblems(cell, ind)) {
        dropped++;
        if (problem.field === 'remark') delete cell.remark;
        else if (problem.field === 'state') cell.state = 'missing';
        else if (problem.field === 'manualScore') delete cell.manualScore;
        else cell[problem.field] = null;
      }
      if (cell.state === 'value' && cell.target === null && cell.actual === null && cell.manualScore === undefined) cell.state = 'missing';
    }
    for (const ind of p.indicators) {
      if (ind.cityTarget !== undefined && numberProblem('target', ind.cityTarget, ind)) {
        delete ind.cityTarget;
        dropped++;
      }
    }
    for (const sc of p.scenarios ?? []) {
      for (const [key, o] of Object.entries(sc.overrides)) {
        const ind = inds.get(key.slice(key.indexOf('|') + 1));
        if (!ind) continue;
        for (const f of ['target', 'actual'] as const) {
          if (o[f] !== undefined && numberProblem(f, o[f], ind)) {
            delete o[f];
            dropped++;
          }
        }
        if (o.target === undefined && o.actual === undefined) delete sc.overrides[key];
      }
    }
  }
  return { workbook: wb, dropped };
}
