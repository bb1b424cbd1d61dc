/**
 * Values edited in a workbook file's visible 数据 sheets (单位 | 指标 | 计量单位 | 任务数 | 实绩数 |
 * 状态 | 备注): compared with the model the file carries, and turned into an import plan per period,
 * so a person who changed a number in Excel sees it in the preview and decides, instead of the
 * change being ignored without a word.
 */
import type * as XLSX from '@e965/xlsx';
import { loadedSheetJS } from './sheetjs';
import { FIELD_LABELS, canon, cellKey, readInput, remarkProblem, writableText, type Cell, type Indicator, type Period, type Workbook } from '../model';
import { fieldText } from '../engine/text/describe';
import { normalizeCell, sameCell } from '../engine/workbook/commands';
import { where } from '../engine/import/grid';
import type { ImportPlan, PreviewChange } from '../engine/import/importPlan';
import { DATA_COLUMNS, STATE_TEXT, periodSheetNames } from './workbookFile';

const STATE_BY_TEXT = new Map<string, Cell['state']>(Object.entries(STATE_TEXT).map(([k, v]) => [v, k as Cell['state']]));

type Read = { ok: true; value: number | 'na' | 'pending' | null } | { ok: false; message: string };

/** A target or actual cell of the 数据 sheet, read and checked by the one value policy. */
function readValue(c: XLSX.CellObject | undefined, field: 'target' | 'actual', ind: Indicator): Read {
  if (!c || c.t === 'z' || c.v === undefined || c.v === null || c.v === '') return { ok: true, value: null };
  if (c.t === 'e') return { ok: false, message: `${FIELD_LABELS[field]}是错误值 ${c.w ?? ''}` };
  if (c.t === 'b') return { ok: false, message: `${FIELD_LABELS[field]}是逻辑值，不是数字` };
  if (c.t === 'd') return { ok: false, message: `${FIELD_LABELS[field]}是日期，不是数字` };
  const percent = c.t === 'n' && /%/.test(String(c.z ?? '')) ;
  // A number as Excel holds it (15 significant digits); text read as staff write it.
  const r = readInput(field, c.t === 'n' ? canon(c.v as number) : String(c.v), ind, { percent });
  return r.ok ? r : { ok: false, message: r.reason };
}

/** Periods (by index in the file's workbook) whose 数据 sheet differs from the model (none when the file has no 数据 sheet: `book` null). */
export function editedPeriods(book: XLSX.WorkBook | null, wb: Workbook, fileName: string): { index: number; sheet: string; changes: number }[] {
  const names = periodSheetNames(wb);
  return wb.periods.flatMap((p, index) => {
    const plan = planDataSheet(book, names[index]!.data, p, fileName);
    return plan && (plan.cellChanges.length || plan.errors.length) ? [{ index, sheet: names[index]!.data, changes: plan.cellChanges.length }] : [];
  });
}

/** What the 数据 sheet `sheet` would change in `period` (null when the file has no such sheet). */
export function planDataSheet(book: XLSX.WorkBook | null, sheet: string, period: Period, fileName: string): ImportPlan | null {
  const ws = book?.Sheets[sheet];
  return ws?.['!ref'] ? planSheet(ws, sheet, period, fileName) : null;
}

function planSheet(ws: XLSX.WorkSheet, sheet: string, p: Period, fileName: string): ImportPlan {
  const plan: ImportPlan = { fileName, sheets: [], changes: [], cellChanges: [], totals: [], cityTargets: [], unmatched: [], errors: [], warnings: [] };
  const { utils } = loadedSheetJS();
  const range = utils.decode_range(ws['!ref']!);
  const at = (r: number, c: number) => ws[utils.encode_cell({ r, c })] as XLSX.CellObject | undefined;
  const header = DATA_COLUMNS.map((_, c) => String(at(0, c)?.v ?? '').trim());
  if (header.join('|') !== DATA_COLUMNS.join('|')) {
    plan.warnings.push(`${where(fileName, sheet, 0)}：表头已被改动，无法比对，已跳过该工作表。`);
    plan.sheets.push({ name: sheet, sheet, layout: '工作簿数据表', rows: 0, reason: '表头已被改动' });
    return plan;
  }
  const units = new Map(p.units.map((u) => [u.name, u]));
  const inds = new Map(p.indicators.map((x) => [x.name, x]));
  let rows = 0;
  for (let r = 1; r <= range.e.r; r++) {
    const unitName = String(at(r, 0)?.v ?? '').trim();
    const indName = String(at(r, 1)?.v ?? '').trim();
    if (!unitName && !indName) continue;
    rows++;
    const unit = units.get(unitName);
    const ind = inds.get(indName);
    if (!unit || !ind) {
      plan.warnings.push(`${where(fileName, sheet, r)}：${unit ? `指标“${indName}”` : `单位“${unitName}”`}不在${p.year}年该考核期中，已跳过。`);
      continue;
    }
    const key = cellKey(unit.id, ind.id);
    const before = normalizeCell(p.cells[key]);
    const stateText = String(at(r, 5)?.v ?? '').trim();
    const state = STATE_BY_TEXT.get(stateText);
    if (state === undefined) {
      plan.errors.push(`${where(fileName, sheet, r, 5)}：${unit.name}「${ind.name}」的状态“${stateText}”无法识别（应为空、不适用、数据未出（暂取任务数）或无数据），未导入。`);
      continue;
    }
    const target = readValue(at(r, 3), 'target', ind);
    const actual = readValue(at(r, 4), 'actual', ind);
    const written = String(at(r, 6)?.v ?? '').trim();
    // The remark as this app wrote it (made valid for XML, writableText) is the stored one unchanged.
    const remark = before?.remark !== undefined && writableText(before.remark).trim() === written ? before.remark : written;
    const remarkWhy = remark === before?.remark ? null : remarkProblem(remark);
    const bad = !target.ok ? { c: 3, m: target.message } : !actual.ok ? { c: 4, m: actual.message } : remarkWhy ? { c: 6, m: remarkWhy } : null;
    if (bad || !target.ok || !actual.ok) {
      plan.errors.push(`${where(fileName, sheet, r, bad?.c)}：${unit.name}「${ind.name}」的${bad?.m ?? ''}，未导入。`);
      continue;
    }
    // "/" or "未出" written into the figures say what the 状态 column says.
    const typedState = target.value === 'na' || actual.value === 'na' ? 'na' : actual.value === 'pending' ? 'pending' : null;
    const num = (x: number | 'na' | 'pending' | null) => (typeof x === 'number' ? x : null);
    const empty = num(target.value) === null && num(actual.value) === null;
    const given = typedState ?? state;
    const after: Cell = {
      // A number typed into a 无数据 row is data; a 数值 row emptied in Excel is missing.
      state: given === 'value' && empty ? 'missing' : given === 'missing' && !empty ? 'value' : given,
      target: given === 'na' ? null : num(target.value),
      actual: given === 'na' || given === 'pending' ? null : num(actual.value),
      ...(before?.manualScore !== undefined ? { manualScore: before.manualScore } : {}),
      ...(remark ? { remark } : {}),
    };
    const next = normalizeCell(after);
    if (sameCell(before, next)) continue;
    plan.cellChanges.push({ unitId: unit.id, indicatorId: ind.id, before, after: next });
    const change = (field: PreviewChange['field'], oldText: string, newText: string, c: number) => {
      if (oldText !== newText) plan.changes.push({ unitId: unit.id, indicatorId: ind.id, unitName: unit.name, indicatorName: ind.name, field, oldText, newText, where: where(fileName, sheet, r, c) });
    };
    change('任务数', fieldText(before, 'target'), fieldText(next, 'target'), 3);
    change('实绩数', fieldText(before, 'actual'), fieldText(next, 'actual'), 4);
    change('状态', STATE_TEXT[before?.state ?? 'missing'], STATE_TEXT[next?.state ?? 'missing'], 5);
    change('备注', before?.remark ?? '', next?.remark ?? '', 6);
  }
  plan.sheets.push({ name: sheet, sheet, layout: '工作簿数据表', rows });
  return plan;
}
