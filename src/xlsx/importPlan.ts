/**
 * From facts read out of a file to a proposed change of the open period: names matched (or left
 * for the user to map or skip), values parsed and converted to the indicator's measure unit, every
 * problem located by file, sheet, row and column. Pure: nothing is applied here.
 */
import { fieldText, ruleNote } from '../engine/describe';
import { cellKey, periodLabel, type Cell, type CellChange, type Indicator, type Period, type Unit } from '../model';
import { canConvert, convertMeasure } from '../engine/measure';
import { formatPlain } from '../engine/format';
import { parseNumeric } from '../engine/parse';
import { roundHalfUp } from '../engine/decimal';
import { normalizeCell, sameCell } from '../engine/commands';
import { where, type RawCell } from './grid';
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

type Read = { ok: true; value: number | 'na' | null; percent?: boolean; unit?: string } | { ok: false; message: string };

/** Values beyond this are typing accidents or overflow (1e308), never a township's figure. */
const ABSURD = 1e12;
/** A value this many times the previous period's is flagged for a second look. */
const JUMP = 10;

const acceptsPercent = (ind: Indicator) => /%|％|率/u.test(ind.unit ?? '');
const fieldLabel = (f: 'target' | 'actual') => (f === 'target' ? '任务数' : '实绩数');
const decimalsOf = (text: string) => (/\.(\d+)/.exec(text.replace(/,/g, ''))?.[1] ?? '').length;

function readCell(cell: RawCell): Read {
  switch (cell.kind) {
    case 'empty':
      return { ok: true, value: null };
    case 'number':
      return { ok: true, value: cell.value as number, percent: cell.text.trim().endsWith('%') };
    case 'error':
      return { ok: false, message: `是错误值 ${cell.text || '#ERROR'}` };
    case 'date':
      return { ok: false, message: `是日期（${cell.text}），不是数字` };
    case 'bool':
      return { ok: false, message: `是逻辑值 ${cell.text}，不是数字` };
    case 'text': {
      // "35.32亿元", "67家": a number followed by its measure unit.
      const text = String(cell.value).trim();
      const m = /^(.*?\d)\s*(万元|亿元|元|家|个|人|项|件)$/u.exec(text);
      const p = parseNumeric(m ? m[1] : text);
      if (p.kind === 'number') return { ok: true, value: p.value, percent: /[%％]$/u.test(text), ...(m ? { unit: m[2]! } : {}) };
      if (p.kind === 'na') return { ok: true, value: 'na' };
      if (p.kind === 'empty') return { ok: true, value: null };
      return { ok: false, message: `“${text}”不是数字` };
    }
  }
}

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
  const proposed = new Map<string, { unit: Unit; ind: Indicator; before: Cell | null; after: Cell | null; sources: Partial<Record<'target' | 'actual', { value: number | 'na'; where: string; derived?: boolean }>> }>();

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
    checkSums(plan, fileName, s);
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
      if (read.value === null) continue;
      let value = read.value;
      // A rounded actual with a printed 完成率 that is finer: the precise actual is 完成率 × 任务数 (DESIGN.md §2).
      const derived = f.field === 'actual' && value !== 'na' ? preciseActual(f.cell, value, f.rateCell, f.targetCell) : null;
      if (derived !== null) value = derived;
      if (value !== 'na') {
        // "13.5亿元" says its own unit; else the header's "（万元）".
        const fileUnit = read.unit ?? splitMeasure(f.indicatorRaw).unit;
        if (fileUnit && ind.unit && fileUnit !== ind.unit) {
          if (canConvert(fileUnit, ind.unit)) value = Number(convertMeasure(value, fileUnit, ind.unit).toPrecision(15));
          else {
            plan.errors.push(`${loc}：表头单位为“${fileUnit}”，而指标“${ind.name}”的单位为“${ind.unit}”，无法换算，未导入。`);
            continue;
          }
        }
      }
      const refusal = valueProblem(value, f.field, read.percent === true && derived === null, ind, f.cell);
      if (refusal) {
        plan.errors.push(`${loc}：${unit.name}「${ind.name}」的${fieldLabel(f.field)}${refusal}，未导入。`);
        continue;
      }
      if (f.field === 'actual' && derived === null && typeof value === 'number') {
        const rate = rateDisagrees(f.cell, value, f.rateCell, f.targetCell);
        if (rate) plan.warnings.push(`${loc}：${unit.name}「${ind.name}」表中的完成率 ${rate.printed} 与 实绩数 ÷ 任务数 = ${rate.computed} 不符，请核对。`);
      }
      const key = cellKey(unit.id, ind.id);
      let entry = proposed.get(key);
      if (!entry) {
        const before = normalizeCell(period.cells[key]);
        entry = { unit, ind, before, after: before ? { ...before } : null, sources: {} }; // a cell holds only primitives
        proposed.set(key, entry);
      }
      // A pending cell shows its target as the actual: a file repeating that figure does not say the data is out.
      if (f.field === 'actual' && entry.before?.state === 'pending' && typeof value === 'number' && f.remark === undefined) {
        const target = entry.sources.target?.value ?? entry.before.target;
        if (typeof target === 'number' && Math.abs(value - target) <= 1e-9 * Math.max(1, Math.abs(target))) continue;
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
      if (f.remark !== undefined) entry.after = applyRemark(entry.after, f.remark, ind);
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
      const value = unitInText && ind.unit && canConvert(unitInText, ind.unit) ? Number(convertMeasure(read.value, unitInText, ind.unit).toPrecision(15)) : read.value;
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
      plan.changes.push({ unitId: e.unit.id, indicatorId: e.ind.id, unitName: e.unit.name, indicatorName: e.ind.name, field: '备注', oldText: e.before?.remark ?? '', newText: after?.remark ?? '', where: e.sources.actual?.where ?? '' });
    }
  }
  plan.unmatched = [...unmatched.values()];
  return plan;
}

/** Why a value read from a file cannot be imported as it stands, or null. */
function valueProblem(value: number | 'na', field: 'target' | 'actual', percent: boolean, ind: Indicator, cell: RawCell): string | null {
  if (value === 'na') return null;
  if (!Number.isFinite(value) || Math.abs(value) >= ABSURD) return `为 ${cell.text || String(value)}，超出合理范围（绝对值应小于 1 万亿）`;
  if (percent && !acceptsPercent(ind)) return `“${cell.text.trim()}”是百分数，而该指标的单位是“${ind.unit || '个'}”，不能填百分数`;
  if (field === 'target' && value <= 0) return `为 ${formatPlain(value)}，任务数必须大于 0`;
  if (field === 'actual' && value < 0) return `为 ${formatPlain(value)}，实绩数不能为负数`;
  return null;
}

/**
 * The file's own printed 完成率 against its 实绩数 ÷ 任务数, each to the decimals it is printed
 * with: null when they agree (or cannot be compared), else both texts.
 */
function rateDisagrees(actualCell: RawCell, actual: number, rateCell?: RawCell, targetCell?: RawCell): { printed: string; computed: string } | null {
  if (!rateCell || !targetCell) return null;
  const rate = readCell(rateCell);
  const target = readCell(targetCell);
  if (!rate.ok || !target.ok || typeof rate.value !== 'number' || typeof target.value !== 'number' || target.value <= 0) return null;
  const rateText = rateCell.text.trim().replace(/\s/g, '');
  const rateDecimals = decimalsOf(rateText) + (rateText.endsWith('%') ? 2 : 0);
  const shown = actualCell.kind === 'number' ? actualCell.text : String(actualCell.value);
  const actualHalf = 10 ** -decimalsOf(shown) / 2;
  const rateHalf = 10 ** -rateDecimals / 2;
  const lo = Math.max(actual - actualHalf, (rate.value - rateHalf) * target.value);
  const hi = Math.min(actual + actualHalf, (rate.value + rateHalf) * target.value);
  // A hair of float slack: 4917 / 4700 printed as 104.62 % sits exactly on the boundary.
  if (lo <= hi + 1e-9 * Math.max(1, Math.abs(actual))) return null;
  return { printed: rateCell.text.trim(), computed: `${formatPlain(roundHalfUp((actual / target.value) * 100, 2))}%` };
}

/** The file's 合计 row against the sum of the rows above it (as printed), per column. */
function checkSums(plan: ImportPlan, fileName: string, s: SheetFacts): void {
  const byPos = new Map<string, RawCell>();
  for (const v of s.values) byPos.set(`${v.indicatorRaw}|${v.field}|${v.r}`, v.cell);
  for (const sum of s.sums) {
    const total = readCell(sum.cell);
    if (!total.ok || typeof total.value !== 'number' || sum.rows.length === 0) continue;
    let acc = 0;
    let maxDecimals = 0;
    let complete = true;
    for (const r of sum.rows) {
      const cell = byPos.get(`${sum.indicatorRaw}|${sum.field}|${r}`);
      const v = cell ? readCell(cell) : null;
      if (!v || !v.ok || typeof v.value !== 'number') {
        complete = false;
        break;
      }
      acc += v.value;
      maxDecimals = Math.max(maxDecimals, decimalsOf(cell!.kind === 'number' ? String(cell!.value) : cell!.text));
    }
    if (!complete) continue;
    // Each side to what it is printed with: a 合计 rounded to whole numbers over rows with decimals agrees.
    const d = Math.min(decimalsOf(sum.cell.kind === 'number' ? sum.cell.text : String(sum.cell.value)), maxDecimals);
    const tolerance = 0.5 * 10 ** -d + 1e-9 * Math.max(1, Math.abs(acc));
    if (Math.abs(acc - total.value) > tolerance) {
      plan.warnings.push(`${where(fileName, s.sheet, sum.r, sum.c)}：合计行的${fieldLabel(sum.field)}为 ${formatPlain(total.value)}，而上面 ${sum.rows.length} 个单位之和为 ${formatPlain(Number(acc.toPrecision(12)))}，不一致，请核对。`);
    }
  }
}

/**
 * 殷祖镇 0.60 with 100.19% of 0.6: the rate (to 0.01 %) pins the actual to ±0.00003, the printed
 * actual only to ±0.005, so 0.6 × 1.0019 = 0.60114 is the better value. Null when the actual is
 * already the finer of the two, or the figures disagree.
 */
function preciseActual(actualCell: RawCell, actual: number, rateCell?: RawCell, targetCell?: RawCell): number | null {
  if (!rateCell || !targetCell) return null;
  const rate = readCell(rateCell);
  const target = readCell(targetCell);
  if (!rate.ok || !target.ok || typeof rate.value !== 'number' || typeof target.value !== 'number' || target.value <= 0) return null;
  const shown = actualCell.kind === 'number' ? actualCell.text : String(actualCell.value);
  const decimals = (/\.(\d+)/.exec(shown.replace(/,/g, ''))?.[1] ?? '').length;
  // Only a printed percentage says how it was rounded; a computed rate needs no help.
  const pct = /^([\d.,]+)%$/.exec(rateCell.text.trim().replace(/\s/g, ''));
  if (!pct) return null;
  const rateDecimals = (pct[1]!.split('.')[1] ?? '').length + 2;
  // The actual agrees with the printed rate already (4917 of 4700 is 104.62 %): it is exact.
  if (roundHalfUp(actual / target.value, rateDecimals) === roundHalfUp(rate.value, rateDecimals)) return null;
  const actualHalf = 10 ** -decimals / 2;
  const rateHalf = 10 ** -rateDecimals / 2;
  // Values both printed figures allow: the actual to its decimals, the rate to its.
  const lo = Math.max(actual - actualHalf, (rate.value - rateHalf) * target.value);
  const hi = Math.min(actual + actualHalf, (rate.value + rateHalf) * target.value);
  if (!(lo < hi)) return null;
  return Number(((lo + hi) / 2).toPrecision(12));
}

/** Of two values that agree to the shorter one's decimals, the one with more decimals; else null. */
function moreDetailed(a: number, b: number): number | null {
  const decimals = (x: number) => (String(x).split('.')[1] ?? '').length;
  const [short, long] = decimals(a) <= decimals(b) ? [a, b] : [b, a];
  const d = decimals(short);
  return Math.abs(Number(long.toFixed(d)) - short) < 10 ** -(d + 6) || Math.abs(long - short) <= 0.5 * 10 ** -d + 1e-12 ? long : null;
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
