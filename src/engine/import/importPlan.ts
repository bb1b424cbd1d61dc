/**
 * From facts read out of a file to a proposed change of the open period: names matched (or left
 * for the user to map or skip), values parsed and converted to the indicator's measure unit, every
 * problem located by file, sheet, row and column. Pure: nothing is applied here.
 */
import { fieldText, ruleNote } from '../text/describe';
import { cellKey, numberProblem, percentProblem, periodLabel, remarkProblem, type Cell, type CellChange, type Indicator, type Period, type Unit } from '../../model';
import { canConvert, convertMeasure } from '../views/measure';
import { formatPlain } from '../../model/format';
import { normalizeCell, sameCell } from '../workbook/commands';
import { where, type RawCell } from './grid';
import { moreDetailed, preciseActual, rateDisagrees, readCell, sumWarnings } from './printedFigures';
import { LAYOUT_LABELS, type SheetFacts } from './layouts';
import { makeIndicatorMatcher, makeUnitMatcher } from './match';
import { normText, splitMeasure } from './normalize';

/** The user's answer for a name the file uses that matched nothing: an id, or 'skip'. */
export interface Mappings {
  units: Record<string, string>;
  indicators: Record<string, string>;
  /** Hidden sheets the user chose to read as well (hidden sheets are skipped otherwise). */
  hiddenSheets?: string[];
}

export interface Unmatched {
  kind: 'unit' | 'indicator';
  /** Normalized name: the key of the mapping. */
  key: string;
  raw: string;
  where: string;
  count: number;
  chosen: string | null;
}

export interface PreviewChange {
  unitId: string;
  indicatorId: string;
  unitName: string;
  indicatorName: string;
  field: '任务数' | '实绩数' | '状态' | '备注';
  oldText: string;
  newText: string;
  where: string;
}

export interface ImportPlan {
  fileName: string;
  sheets: { name: string; sheet: string; layout: string; rows: number; hidden?: boolean; reason?: string }[];
  changes: PreviewChange[];
  cellChanges: CellChange[];
  totals: { unitId: string; unitName: string; oldText: string; newText: string; value: number }[];
  cityTargets: { indicatorId: string; indicatorName: string; oldText: string; newText: string; value: number }[];
  unmatched: Unmatched[];
  /** Rejected cells and other problems, each naming file, sheet, row and column. */
  errors: string[];
  warnings: string[];
}

/** A value this many times the previous period's is flagged for a second look. */
const JUMP = 10;

const fieldLabel = (f: 'target' | 'actual') => (f === 'target' ? '任务数' : '实绩数');
export function planImport(fileName: string, sheets: SheetFacts[], period: Period, mappings: Mappings, previous: Period | null = null): ImportPlan {
  const plan: ImportPlan = { fileName, sheets: [], changes: [], cellChanges: [], totals: [], cityTargets: [], unmatched: [], errors: [], warnings: [] };
  // A name recurs in every column of its row: matched once (a miss scans every unit).
  const memo = <T,>(match: (raw: string) => T) => {
    const seen = new Map<string, T>();
    return (raw: string): T => {
      if (seen.has(raw)) return seen.get(raw)!;
      const hit = match(raw);
      seen.set(raw, hit);
      return hit;
    };
  };
  const matchUnit = memo(makeUnitMatcher(period.units));
  const matchIndicator = memo(makeIndicatorMatcher(period.indicators));
  const unitsById = new Map(period.units.map((u) => [u.id, u]));
  const indById = new Map(period.indicators.map((i) => [i.id, i]));
  const unmatched = new Map<string, Unmatched>();
  const seenAt = new Map<string, Set<string>>();

  // `loc` is built only when a name is reported (a 40 000-row file matches 120 000 names).
  const resolve = <T extends Unit | Indicator>(kind: 'unit' | 'indicator', raw: string, loc: () => string, auto: T | null, byId: Map<string, T>): T | null => {
    const key = normText(kind === 'indicator' ? splitMeasure(raw).name : raw);
    const chosen = (kind === 'unit' ? mappings.units : mappings.indicators)[key];
    if (chosen === 'skip') {
      noteUnmatched(kind, key, raw, loc, chosen);
      return null;
    }
    if (chosen && byId.has(chosen)) {
      if (!auto || auto.id !== chosen) noteUnmatched(kind, key, raw, loc, chosen);
      return byId.get(chosen)!;
    }
    if (auto) return auto;
    noteUnmatched(kind, key, raw, loc, null);
    return null;
  };
  const noteUnmatched = (kind: 'unit' | 'indicator', key: string, raw: string, at: () => string, chosen: string | null) => {
    const loc = at();
    const id = `${kind}:${key}`;
    const places = seenAt.get(id) ?? new Set<string>();
    seenAt.set(id, places.add(loc));
    const u = unmatched.get(id);
    if (u) u.count = places.size;
    else unmatched.set(id, { kind, key, raw, where: loc, count: 1, chosen });
  };

  // cell key → { after, source, field texts } accumulating over all sheets
  const proposed = new Map<string, { unit: Unit; ind: Indicator; before: Cell | null; after: Cell | null; sources: Partial<Record<'target' | 'actual', { value: number | 'na'; where: string; derived?: boolean }>>; remarkWhere?: string }>();
  const entryOf = (unit: Unit, ind: Indicator) => {
    const key = cellKey(unit.id, ind.id);
    let entry = proposed.get(key);
    if (!entry) {
      const before = normalizeCell(period.cells[key]);
      entry = { unit, ind, before, after: before ? { ...before } : null, sources: {} }; // a cell holds only primitives
      proposed.set(key, entry);
    }
    return entry;
  };
  /** The row's 备注, where it stands (its own column), checked by the value policy; false when refused. */
  const takeRemark = (entry: ReturnType<typeof entryOf>, remark: string, at: string): boolean => {
    const why = remarkProblem(remark);
    if (why) {
      plan.errors.push(`${at}：${entry.unit.name}「${entry.ind.name}」的${why}，备注未导入。`);
      return false;
    }
    const after = applyRemark(entry.after ?? { state: 'missing', target: null, actual: null }, remark, entry.ind);
    if (!sameCell(after, entry.after)) entry.remarkWhere = at;
    entry.after = after;
    return true;
  };

  const hiddenNoted = new Set<string>();
  for (const s of sheets) {
    const name = s.tableNo ? `${s.sheet}（第 ${s.tableNo} 个表，第 ${s.headerRow + 1} 行起）` : s.sheet;
    const rows = s.values.length + s.totals.length + s.cityTargets.length;
    const skipHidden = !!s.hidden && !(mappings.hiddenSheets ?? []).includes(s.sheet);
    plan.sheets.push({
      name,
      sheet: s.sheet,
      layout: s.layout ? LAYOUT_LABELS[s.layout] : '未识别',
      rows,
      ...(s.hidden ? { hidden: true } : {}),
      ...(skipHidden && s.layout ? { reason: '隐藏的工作表，未读取' } : s.reason ? { reason: s.reason } : {}),
    });
    if (!s.layout) {
      if (!s.hidden) plan.warnings.push(`文件“${fileName}”工作表“${s.sheet}”：${s.reason ?? '未识别出表格格式'}，已跳过。`);
      continue;
    }
    if (skipHidden) {
      if (!hiddenNoted.has(s.sheet)) plan.warnings.push(`文件“${fileName}”工作表“${s.sheet}”是隐藏的工作表，未读取；如确需导入，请勾选“读取隐藏的工作表”。`);
      hiddenNoted.add(s.sheet);
      continue;
    }
    for (const p of s.problems) plan.errors.push(`${where(fileName, s.sheet, p.r, p.c)}：${p.message}。`);
    plan.warnings.push(...sumWarnings(fileName, s));
    for (const f of s.values) {
      const unit = resolve('unit', f.unitRaw, () => where(fileName, s.sheet, f.unitR, f.unitC), matchUnit(f.unitRaw), unitsById);
      const ind = resolve('indicator', f.indicatorRaw, () => `文件“${fileName}”工作表“${s.sheet}”表头“${f.indicatorRaw}”`, matchIndicator(f.indicatorRaw), indById);
      if (!unit || !ind) continue;
      const loc = where(fileName, s.sheet, f.r, f.c);
      const read = readCell(f.cell);
      if (!read.ok) {
        plan.errors.push(`${loc}：${unit.name}「${ind.name}」的${f.field === 'target' ? '任务数' : '实绩数'}${read.message}，未导入。`);
        continue;
      }
      const remarkAt = f.remarkC !== undefined ? where(fileName, s.sheet, f.r, f.remarkC) : loc;
      if (read.value === null) {
        // A remark with no figure (本季度数据未出，下月补报) is a township's word too: kept, not dropped.
        if (f.field === 'actual' && f.remark) takeRemark(entryOf(unit, ind), f.remark, remarkAt);
        continue;
      }
      let value = read.value;
      // A rounded actual with a printed 完成率 that is finer: the precise actual is 完成率 × 任务数 (docs/domain.md, rules).
      const derived = f.field === 'actual' && value !== 'na' ? preciseActual(f.cell, value, f.rateCell, f.targetCell) : null;
      if (derived !== null) value = derived;
      let converted = false;
      if (value !== 'na') {
        // "13.5亿元" says its own unit; else the header's "（万元）".
        const fileUnit = read.unit ?? splitMeasure(f.indicatorRaw).unit;
        if (fileUnit && ind.unit && fileUnit !== ind.unit) {
          if (canConvert(fileUnit, ind.unit)) {
            value = convertMeasure(value, fileUnit, ind.unit);
            converted = true;
          }
          else {
            plan.errors.push(`${loc}：表头单位为“${fileUnit}”，而指标“${ind.name}”的单位为“${ind.unit}”，无法换算，未导入。`);
            continue;
          }
        }
      }
      const refusal = valueProblem(value, f.field, read.percent === true && derived === null, ind, f.cell, converted || derived !== null);
      if (refusal) {
        plan.errors.push(`${loc}：${unit.name}「${ind.name}」的${refusal}，未导入。`);
        continue;
      }
      if (f.field === 'actual' && derived === null && typeof value === 'number') {
        const rate = rateDisagrees(f.cell, value, f.rateCell, f.targetCell);
        if (rate) plan.warnings.push(`${loc}：${unit.name}「${ind.name}」表中的完成率 ${rate.printed} 与 实绩数 ÷ 任务数 = ${rate.computed} 不符，请核对。`);
      }
      const entry = entryOf(unit, ind);
      // A pending cell shows its target as the actual: a file repeating that figure does not say the data is out.
      if (f.field === 'actual' && entry.before?.state === 'pending' && typeof value === 'number' && f.remark === undefined) {
        const target = entry.sources.target?.value ?? entry.before.target;
        if (typeof target === 'number' && value === target) continue;
      }
      const prev = entry.sources[f.field];
      if (prev && derived !== null && !prev.derived) continue;
      if (prev && prev.value !== value && !prev.derived) {
        const a = prev.value;
        const b = value;
        // The same figure printed rounded in one table and in full in another: keep the precise one.
        const precise = typeof a === 'number' && typeof b === 'number' ? moreDetailed(a, b) : null;
        if (precise === null) {
          plan.warnings.push(`${loc}：${unit.name}「${ind.name}」的${f.field === 'target' ? '任务数' : '实绩数'}为 ${String(b)}，与${prev.where}的 ${String(a)} 不一致，采用先读到的 ${String(a)}。`);
          continue;
        }
        if (precise === a) continue;
      }
      entry.sources[f.field] = { value, where: loc, ...(derived !== null ? { derived: true } : {}) };
      entry.after = applyValue(entry.after, f.field, value);
      if (f.remark !== undefined) takeRemark(entry, f.remark, remarkAt);
    }
    for (const f of s.totals) {
      const unit = resolve('unit', f.unitRaw, () => where(fileName, s.sheet, f.r, f.c - 1), matchUnit(f.unitRaw), unitsById);
      if (!unit) continue;
      const read = readCell(f.cell);
      const loc = where(fileName, s.sheet, f.r, f.c);
      if (!read.ok || read.value === 'na') {
        plan.errors.push(`${loc}：${unit.name}的考核得分${read.ok ? '为“/”' : read.message}，未导入。`);
        continue;
      }
      if (read.value === null) continue;
      const old = period.publishedTotals?.[unit.id];
      if (old !== read.value) plan.totals.push({ unitId: unit.id, unitName: unit.name, oldText: old === undefined ? '' : formatPlain(old), newText: formatPlain(read.value), value: read.value });
    }
    for (const f of s.cityTargets) {
      const loc = where(fileName, s.sheet, f.r, f.c);
      const ind = resolve('indicator', f.indicatorRaw, () => loc, matchIndicator(f.indicatorRaw), indById);
      if (!ind) continue;
      const read = readCell(f.cell);
      if (!read.ok || read.value === 'na') {
        plan.errors.push(`${loc}：指标“${ind.name}”的目标任务${read.ok ? '为“/”' : read.message}，未导入。`);
        continue;
      }
      if (read.value === null) continue;
      const unitInText = /(万元|亿元|元)$/u.exec(f.cell.text.trim())?.[1];
      const value = unitInText && ind.unit && canConvert(unitInText, ind.unit) ? convertMeasure(read.value, unitInText, ind.unit) : read.value;
      if (ind.cityTarget !== value) plan.cityTargets.push({ indicatorId: ind.id, indicatorName: ind.name, oldText: ind.cityTarget === undefined ? '' : formatPlain(ind.cityTarget), newText: formatPlain(value), value });
    }
  }

  for (const [key, e] of proposed) {
    const after = normalizeCell(e.after);
    if (sameCell(after, e.before)) continue;
    const prior = previous?.cells[key];
    for (const field of ['target', 'actual'] as const) {
      const was = prior?.state === 'value' ? prior[field] : null;
      const now = after?.[field];
      const src = e.sources[field];
      if (src && typeof was === 'number' && was > 0 && typeof now === 'number' && now >= JUMP * was) {
        plan.warnings.push(`${src.where}：${e.unit.name}「${e.ind.name}」的${fieldLabel(field)} ${formatPlain(now)} 是上一考核期（${periodLabel(previous!)}）${formatPlain(was)} 的 ${formatPlain(Math.floor(now / was))} 倍以上，请核对单位（如万元/亿元）是否有误。`);
      }
    }
    plan.cellChanges.push({ unitId: e.unit.id, indicatorId: e.ind.id, before: e.before, after });
    for (const field of ['target', 'actual'] as const) {
      const o = fieldText(e.before, field);
      const n = fieldText(after, field);
      if (o !== n) plan.changes.push({ unitId: e.unit.id, indicatorId: e.ind.id, unitName: e.unit.name, indicatorName: e.ind.name, field: field === 'target' ? '任务数' : '实绩数', oldText: o, newText: n, where: e.sources[field]?.where ?? '' });
    }
    if ((e.before?.remark ?? '') !== (after?.remark ?? '')) {
      plan.changes.push({ unitId: e.unit.id, indicatorId: e.ind.id, unitName: e.unit.name, indicatorName: e.ind.name, field: '备注', oldText: e.before?.remark ?? '', newText: after?.remark ?? '', where: e.remarkWhere ?? e.sources.actual?.where ?? '' });
    }
  }
  plan.unmatched = [...unmatched.values()];
  return plan;
}

/** Why a value read from a file cannot be imported as it stands, or null (the one value policy). */
function valueProblem(value: number | 'na', field: 'target' | 'actual', percent: boolean, ind: Indicator, cell: RawCell, converted: boolean): string | null {
  if (value === 'na') return null;
  if (percent) {
    const why = percentProblem(field, cell.text, ind);
    if (why) return why;
  }
  // A number cell is shown as the number (Excel's own text may say 5E-324); text as it was written.
  return numberProblem(field, value, ind, converted || cell.kind !== 'text' ? undefined : cell.text);
}

/**
 * The 备注 of a 考核得分明细 row as this app writes it: the user's remark, then "…数据未出,完成任务数暂取
 * 目标任务数。" for a pending cell, then the rule's note. Reading it back restores remark and 未出.
 */
function applyRemark(cell: Cell, text: string, ind: Indicator): Cell {
  let rest = text;
  const note = ruleNote(ind);
  if (note) rest = rest.replace(note, '');
  const pending = /(?:[一二三四]季度|\d{1,2}月)数据未出,完成任务数暂取目标任务数。/u;
  const isPending = pending.test(rest);
  rest = rest.replace(pending, '').trim();
  const out: Cell = { ...cell };
  if (isPending && out.state === 'value') {
    out.state = 'pending';
    out.actual = null;
  }
  // An empty 备注 says nothing: a township's file without remarks never wipes the bureau's.
  if (rest) out.remark = rest;
  return out;
}

function applyValue(prev: Cell | null, field: 'target' | 'actual', value: number | 'na'): Cell {
  if (value === 'na') return { state: 'na', target: null, actual: null, ...(prev?.remark ? { remark: prev.remark } : {}) };
  const base: Cell = prev ? { ...prev } : { state: 'value', target: null, actual: null };
  if (base.state === 'na' || base.state === 'missing') base.state = 'value';
  if (field === 'actual' && base.state === 'pending') base.state = 'value';
  base[field] = value;
  return base;
}
