/**
 * The gate for a period's settings — what the 规则 page's boxes hold: names, measure units, points,
 * a rule's parameters, decimals, the heading fields, 序时进度. Each field that changes is judged by
 * its box (model/boxes.ts) as the page judged it, before anything is written; a field left as it
 * was is not a reason to refuse (a value an older build stored stays until it is changed).
 */
import { BOXES, planProblems, progressProblems, storedProblem, type Indicator, type NumberBox, type PeriodMeta, type TextBox, type Unit } from '../model';
import { sameValue } from '../engine/workbook/mergeThreeWay';

/** `where` names the row (指标“研发投入”的), the box names the field. */
function check(out: string[], where: string, box: NumberBox | TextBox, now: unknown, was: unknown): void {
  if (now === undefined || now === was) return;
  const why = box.kind === 'number' ? storedProblem(box, now as number) : storedProblem(box, now as string);
  if (why) out.push(`${where}${why}`);
}

function indicatorProblems(out: string[], ind: Indicator, old: Indicator | undefined): void {
  const at = `指标“${ind.name.slice(0, 20)}”的`;
  check(out, '', BOXES.indicatorName, ind.name, old?.name);
  check(out, at, BOXES.measure, ind.unit, old?.unit);
  check(out, at, BOXES.group, ind.group, old?.group);
  check(out, at, BOXES.points, ind.points, old?.points);
  check(out, at, BOXES.decimals, ind.decimals, old?.decimals);
  for (const [k, a] of ind.aliases.entries()) check(out, at, BOXES.alias, a, old?.aliases[k]);
  if (ind.rule.kind === 'rankDual') {
    const was = old?.rule.kind === 'rankDual' ? old.rule : undefined;
    check(out, at, BOXES.actualShare, ind.rule.actualShare, was?.actualShare);
    check(out, at, BOXES.step, ind.rule.step, was?.step);
  }
}

function unitProblems(out: string[], u: Unit, old: Unit | undefined): void {
  const at = `单位“${u.name.slice(0, 20)}”的`;
  check(out, '单位的', BOXES.unitName, u.name, old?.name);
  check(out, at, BOXES.fullName, u.fullName, old?.fullName);
  for (const [k, a] of u.aliases.entries()) check(out, at, BOXES.alias, a, old?.aliases[k]);
}

/** Every changed setting of `after` its box refuses, in words naming the row and the field. */
export function schemeProblems(after: PeriodMeta, before: PeriodMeta | null): string[] {
  const out: string[] = [];
  check(out, '', BOXES.action, after.action, before?.action);
  check(out, '', BOXES.area, after.area, before?.area);
  check(out, '', BOXES.asOf, after.asOf, before?.asOf);
  check(out, '', BOXES.issuer, after.issuer, before?.issuer);
  check(out, '', BOXES.periodName, after.label, before?.label);
  check(out, '', BOXES.timeShare, after.timeShare, before?.timeShare);
  check(out, '', BOXES.decompositionTitle, after.decompositionTable?.title || undefined, before?.decompositionTable?.title || undefined);
  check(out, '', BOXES.decompositionDate, after.decompositionTable?.date || undefined, before?.decompositionTable?.date || undefined);
  // The year plan and the period's progress on it (planPolicy.ts), when they change.
  if (after.plan && !sameValue(after.plan, before?.plan)) out.push(...planProblems(after.plan));
  if (after.planProgress && !sameValue(after.planProgress, before?.planProgress)) out.push(...progressProblems(after.planProgress, after.plan));
  const oldInds = new Map((before?.indicators ?? []).map((i) => [i.id, i]));
  for (const ind of after.indicators) indicatorProblems(out, ind, oldInds.get(ind.id));
  const oldUnits = new Map((before?.units ?? []).map((u) => [u.id, u]));
  // A province has 40 000 units: only those that changed are looked at closely.
  for (const u of after.units) {
    const old = oldUnits.get(u.id);
    if (old && old.name === u.name && old.fullName === u.fullName && old.aliases.length === u.aliases.length && old.aliases.every((a, k) => a === u.aliases[k])) continue;
    unitProblems(out, u, old);
  }
  return out;
}
