/**
 * Township returns (报送): many returned files planned at once against the period. Only what a
 * township reports is taken — 完成任务数, 不适用, 备注 — never a target (the bureau sets those; a
 * changed target is listed and refused). Everything that disagrees is listed, nothing silently:
 *   - a figure over a different one already in the workbook is kept out unless the person chooses
 *     to overwrite;
 *   - a township in two files (原件 and 更正): one file counts for it — the person's pick, else the
 *     one named 更正, else the newer — and the preview lists where the two differ;
 *   - units that sent nothing are listed as missing.
 * Pure: nothing is applied here.
 */
import { cellKey, periodPart, readInput, remarkProblem, type Cell, type CellChange, type Period } from '../../model';
import { fieldText } from '../text/describe';
import { normalizeCell, sameCell } from '../workbook/commands';
import { planImport, type Mappings, type PreviewChange, type Unmatched } from './importPlan';
import type { SheetFacts } from './layouts';
import { makeIndicatorMatcher, makeUnitMatcher } from './match';
import { normText, splitMeasure } from './normalize';

/** The indicators a township reports in its return (a 人工评分 one is scored by the bureau). */
export const reportedIndicators = (p: Period) => p.indicators.filter((i) => i.rule.kind !== 'manual');

export interface ReturnFileFacts {
  fileName: string;
  facts: SheetFacts[];
  /** The file's modified time (ms), as the browser gave it, when known. */
  lastModified?: number;
}

/** A township in several files (原件 and 更正): which one counts, why, and where they differ. */
export interface ReturnDuplicate {
  unitId: string;
  unitName: string;
  files: { fileName: string; lastModified: number | null; values: number }[];
  chosen: string;
  /** 'named': its name says 更正; 'newer': modified last; 'picked': the person chose; 'last': selected last. */
  why: 'named' | 'newer' | 'picked' | 'last';
  /** Each figure the files give differently: 指标：文件A 14，文件B 15. */
  differences: string[];
}

export interface ReturnConflict {
  kind: 'existing' | 'files' | 'target' | 'period';
  unitName: string;
  indicatorName: string;
  text: string;
}

export interface ReturnsPlan {
  files: { fileName: string; units: string[]; values: number }[];
  /** Units with at least one 完成任务数 (or "/") in some file, with the file(s). */
  reported: { unitId: string; unitName: string; fileNames: string[]; values: number }[];
  missing: { unitId: string; unitName: string }[];
  /** Changes taken as they are (cells empty before, or equal apart from a remark). */
  cellChanges: CellChange[];
  /** Changes over a different figure already there: taken only when the person says so. */
  overwrites: CellChange[];
  changes: PreviewChange[];
  conflicts: ReturnConflict[];
  duplicates: ReturnDuplicate[];
  /** Names no township (or indicator) of the period goes by, across the files: the person maps or skips each. */
  unmatched: Unmatched[];
  errors: string[];
  warnings: string[];
}

/** A name that says the file corrects an earlier one. */
const CORRECTION = /更正|修正|更新|修改|补报|最终|定稿/u;

/** Which of a township's files counts when nobody chose: the one named 更正, else the newest, else the last selected. */
function defaultChoice(files: readonly { fileName: string; lastModified: number | null }[]): { chosen: string; why: ReturnDuplicate['why'] } {
  const named = files.filter((f) => CORRECTION.test(f.fileName.replace(/\.[^.]*$/u, '')));
  if (named.length === 1) return { chosen: named[0]!.fileName, why: 'named' };
  const pool = named.length ? named : files;
  const times = pool.map((f) => f.lastModified);
  if (times.every((t) => t !== null)) {
    const newest = Math.max(...(times as number[]));
    const atNewest = pool.filter((f) => f.lastModified === newest);
    if (atNewest.length === 1) return { chosen: atNewest[0]!.fileName, why: 'newer' };
  }
  return { chosen: pool.at(-1)!.fileName, why: 'last' };
}

/** The period a returned sheet's title names (2023年一季度, 2024年1月), or null. */
function periodNamed(text: string): string | null {
  // The 截至 date (2023 年 3 月 31 日) names a day, not the period.
  text = text.replace(/截至.*$/u, '');
  // The action's name may stand between the year and the quarter (2023年科技创新行动二季度).
  const m = /(\d{4})\s*年[^\d年]{0,40}?(?:([一二三四])\s*季度|(\d{1,2})\s*月)/u.exec(text);
  if (!m) return null;
  return m[2] ? `${m[1]}年${m[2]}季度` : `${m[1]}年${Number(m[3])}月`;
}

const hasFigure = (c: Cell | null) => !!c && (c.state === 'na' || c.state === 'pending' || (c.state === 'value' && c.actual !== null));

export function planReturns(files: readonly ReturnFileFacts[], period: Period, previous: Period | null = null, picked: Readonly<Record<string, string>> = {}, mappings: Mappings = { units: {}, indicators: {} }): ReturnsPlan {
  const out: ReturnsPlan = { files: [], reported: [], missing: [], cellChanges: [], overwrites: [], changes: [], conflicts: [], duplicates: [], unmatched: [], errors: [], warnings: [] };
  // A name the person mapped counts as that township (or skipped); else only names and aliases match.
  const unitMatcher = makeUnitMatcher(period.units);
  const indicatorMatcher = makeIndicatorMatcher(period.indicators);
  const mapped = <T extends { id: string }>(chosen: string | undefined, list: readonly T[]) => (chosen === 'skip' ? null : (list.find((x) => x.id === chosen) ?? undefined));
  const matchUnit = (raw: string) => {
    const m = mapped(mappings.units[normText(raw)], period.units);
    return m === undefined ? unitMatcher(raw) : m;
  };
  const matchIndicator = (raw: string) => {
    const m = mapped(mappings.indicators[normText(splitMeasure(raw).name)], period.indicators);
    return m === undefined ? indicatorMatcher(raw) : m;
  };
  const unmatched = new Map<string, Unmatched>();
  const reportedIds = new Set(reportedIndicators(period).map((i) => i.id));
  const unitName = new Map(period.units.map((u) => [u.id, u.name]));
  const indName = new Map(period.indicators.map((i) => [i.id, i.name]));
  const byUnit = new Map<string, { fileNames: string[]; values: number }>();
  // cell key → what one file proposes (the first file to give it), or 'contested'.
  const proposed = new Map<string, { change: CellChange; fileName: string; where: string; remarkWhere: string } | 'contested'>();
  const seenFile = new Set<string>();

  const read: { f: ReturnFileFacts; plan: ReturnType<typeof planImport>; units: Map<string, number>; shown: Map<string, string> }[] = [];
  for (const f of files) {
    if (seenFile.has(f.fileName)) out.warnings.push(`文件“${f.fileName}”选择了两次，只读取一次。`);
    if (seenFile.has(f.fileName)) continue;
    seenFile.add(f.fileName);
    // A template of another period (last quarter's, filled in again): its figures are not this period's.
    const own = `${period.year}年${periodPart(period)}`;
    const facts = f.facts.filter((s) => {
      const named = s.above ? periodNamed(s.above) : null;
      if (!named || named === own) return true;
      out.conflicts.push({ kind: 'period', unitName: '', indicatorName: '', text: `文件“${f.fileName}”工作表“${s.sheet}”是 ${named} 的报送表，而当前考核期是 ${own}，未导入。请让乡镇填写本期的模板。` });
      return false;
    });
    const plan = planImport(f.fileName, facts, period, mappings, previous);
    out.errors.push(...plan.errors);
    out.warnings.push(...plan.warnings);
    for (const u of plan.unmatched) {
      const id = `${u.kind}:${u.key}`;
      const seen = unmatched.get(id);
      if (seen) seen.count += u.count;
      else unmatched.set(id, { ...u });
    }
    if (plan.totals.length || plan.cityTargets.length) out.warnings.push(`文件“${f.fileName}”中的考核得分或全市目标任务不是乡镇报送的内容，未采用。`);
    // Who reported in this file: units with a figure in a 完成任务数 / 实绩数 column.
    const units = new Map<string, number>();
    /** The figure this file gives each cell, as written. */
    const shown = new Map<string, string>();
    for (const s of facts) {
      if (!s.layout || s.hidden) continue;
      for (const v of s.values) {
        if (v.field !== 'actual') continue;
        const figure = !(v.cell.kind === 'empty' || (v.cell.kind === 'text' && !String(v.cell.value).trim()));
        // A remark alone (本季度数据未出，下月补报) is a return too: the township answered.
        if (!figure && !v.remark) continue;
        const u = matchUnit(v.unitRaw);
        const ind = matchIndicator(v.indicatorRaw);
        // A 不适用 row comes back as the template printed it ("/"): nothing was reported there.
        if (!u || !ind || (figure && period.cells[cellKey(u.id, ind.id)]?.state === 'na')) continue;
        // A figure the value policy refuses (listed among the errors) is no return.
        if (figure && !readInput('actual', v.cell.kind === 'number' ? (v.cell.value as number) : v.cell.text, ind, { percent: /%$/u.test(v.cell.text.trim()) }).ok) continue;
        if (!figure && remarkProblem(v.remark)) continue;
        units.set(u.id, (units.get(u.id) ?? 0) + (figure ? 1 : 0));
        if (figure) shown.set(cellKey(u.id, ind.id), v.cell.kind === 'number' ? String(v.cell.value) : v.cell.text.trim());
      }
    }
    out.files.push({ fileName: f.fileName, units: [...units.keys()].map((id) => unitName.get(id)!), values: [...units.values()].reduce((a, b) => a + b, 0) });
    if (!units.size) out.warnings.push(`文件“${f.fileName}”中没有填写任何完成任务数或备注，未计为报送。`);
    for (const [id, n] of units) {
      const r = byUnit.get(id) ?? { fileNames: [], values: 0 };
      r.fileNames.push(f.fileName);
      r.values += n;
      byUnit.set(id, r);
    }
    read.push({ f, plan, units, shown });
  }

  // A township in several files: one file counts for it (the person's pick, else the default), and
  // the preview says where the files differ.
  const chosenFor = new Map<string, string>();
  for (const [id, r] of byUnit) {
    if (r.fileNames.length < 2) continue;
    const filesOf = read.filter((x) => x.units.has(id)).map((x) => ({ fileName: x.f.fileName, lastModified: x.f.lastModified ?? null, values: x.units.get(id)! }));
    const pick = picked[id];
    const choice = pick && r.fileNames.includes(pick) ? { chosen: pick, why: 'picked' as const } : defaultChoice(filesOf);
    chosenFor.set(id, choice.chosen);
    const holding = read.filter((x) => x.units.has(id));
    const differences: string[] = [];
    for (const ind of reportedIndicators(period)) {
      const k = cellKey(id, ind.id);
      const given = holding.map((x) => x.shown.get(k) ?? '（空）');
      if (new Set(given).size > 1) differences.push(`${ind.name}：${holding.map((x, i) => `“${x.f.fileName}”${given[i]}`).join('，')}`);
    }
    out.duplicates.push({ unitId: id, unitName: unitName.get(id)!, files: filesOf, ...choice, differences });
  }

  for (const { f, plan } of read) {
    // Where each cell's figure was read: the 实绩数 cell (F) for what is taken, the 任务数 cell (E) for a changed target.
    const whereOf = new Map<string, string>();
    const targetWhere = new Map<string, string>();
    const remarkWhere = new Map<string, string>();
    for (const x of plan.changes) {
      const k = cellKey(x.unitId, x.indicatorId);
      if (!x.where) continue;
      if (x.field === '任务数') targetWhere.set(k, x.where);
      else if (x.field === '备注') remarkWhere.set(k, x.where);
      else if (!whereOf.has(k) || x.field === '实绩数') whereOf.set(k, x.where);
    }
    for (const c of plan.cellChanges) {
      // Another file counts for this township.
      if ((chosenFor.get(c.unitId) ?? f.fileName) !== f.fileName) continue;
      const name = unitName.get(c.unitId)!;
      const ind = indName.get(c.indicatorId)!;
      const where = whereOf.get(cellKey(c.unitId, c.indicatorId)) ?? remarkWhere.get(cellKey(c.unitId, c.indicatorId)) ?? targetWhere.get(cellKey(c.unitId, c.indicatorId)) ?? `文件“${f.fileName}”`;
      if (!reportedIds.has(c.indicatorId)) {
        out.warnings.push(`${where}：${name}「${ind}」由考核单位评分，乡镇报送的数值未采用。`);
        continue;
      }
      const before = c.before;
      // The target stays the bureau's: a different one in the file is listed and left out.
      const fileTarget = c.after?.state === 'value' || c.after?.state === 'pending' ? c.after.target : null;
      const ownTarget = before && (before.state === 'value' || before.state === 'pending') ? before.target : null;
      if (fileTarget !== null && fileTarget !== ownTarget) {
        out.conflicts.push({ kind: 'target', unitName: name, indicatorName: ind, text: `${targetWhere.get(cellKey(c.unitId, c.indicatorId)) ?? where}：目标任务数为 ${fieldText(c.after, 'target')}，与下达的 ${ownTarget === null ? '（未下达）' : fieldText(before, 'target')} 不一致，未采用（任务数以考核单位下达的为准）。` });
      }
      if (before?.state === 'na' && c.after?.state !== 'na') {
        out.conflicts.push({ kind: 'target', unitName: name, indicatorName: ind, text: `${where}：该指标对${name}不适用（/），报送的 ${fieldText(c.after, 'actual')} 未采用。` });
        continue;
      }
      let after = normalizeCell(c.after ? { ...c.after, target: c.after.state === 'na' ? null : ownTarget } : null);
      if (after && after.state !== 'na' && before?.state === 'na') after = before;
      if (sameCell(after, before)) continue;
      const key = cellKey(c.unitId, c.indicatorId);
      const prior = proposed.get(key);
      if (prior === 'contested') continue;
      if (prior) {
        if (sameCell(prior.change.after, after)) continue;
        proposed.set(key, 'contested');
        out.conflicts.push({ kind: 'files', unitName: name, indicatorName: ind, text: `${name}「${ind}」：${prior.where}为 ${fieldText(prior.change.after, 'actual')}，${where}为 ${fieldText(after, 'actual')}，两个文件不一致，都未采用。请核实后只导入正确的文件。` });
        continue;
      }
      proposed.set(key, { change: { unitId: c.unitId, indicatorId: c.indicatorId, before, after }, fileName: f.fileName, where, remarkWhere: remarkWhere.get(key) ?? where });
    }
  }

  for (const [, p] of proposed) {
    if (p === 'contested') continue;
    const { change, where, remarkWhere } = p;
    const name = unitName.get(change.unitId)!;
    const ind = indName.get(change.indicatorId)!;
    const oldActual = fieldText(change.before, 'actual');
    const newActual = fieldText(change.after, 'actual');
    const over = hasFigure(change.before) && oldActual !== newActual;
    if (over) {
      out.overwrites.push(change);
      out.conflicts.push({ kind: 'existing', unitName: name, indicatorName: ind, text: `${name}「${ind}」：工作簿中已有 ${oldActual}，${where}报送 ${newActual}。` });
    } else out.cellChanges.push(change);
    if (oldActual !== newActual) out.changes.push({ unitId: change.unitId, indicatorId: change.indicatorId, unitName: name, indicatorName: ind, field: '实绩数', oldText: oldActual, newText: newActual, where });
    if ((change.before?.remark ?? '') !== (change.after?.remark ?? '')) {
      out.changes.push({ unitId: change.unitId, indicatorId: change.indicatorId, unitName: name, indicatorName: ind, field: '备注', oldText: change.before?.remark ?? '', newText: change.after?.remark ?? '', where: remarkWhere });
    }
  }

  for (const u of period.units) {
    const r = byUnit.get(u.id);
    if (r) {
      const chosen = chosenFor.get(u.id);
      const values = chosen ? (read.find((x) => x.f.fileName === chosen)?.units.get(u.id) ?? 0) : r.values;
      out.reported.push({ unitId: u.id, unitName: u.name, fileNames: chosen ? [chosen] : r.fileNames, values });
      // Several files: the one that counts is said in the preview's own list (duplicates).
    } else out.missing.push({ unitId: u.id, unitName: u.name });
  }
  out.unmatched = [...unmatched.values()];
  return out;
}
