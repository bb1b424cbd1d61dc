/**
 * Values edited in a workbook file's visible 数据 sheets (单位 | 指标 | 计量单位 | 任务数 | 实绩数 |
 * 状态 | 备注): compared with the model the file carries, and turned into an import plan per period,
 * so a person who changed a number in Excel sees it in the preview and decides, instead of the
 * change being ignored without a word.
 */
import * as XLSX from '@e965/xlsx';
import { cellKey, type Cell, type Period, type Workbook } from '../model';
import { fieldText } from '../engine/describe';
import { normalizeCell, sameCell } from '../engine/commands';
import { parseNumeric } from '../engine/parse';
import { where } from './grid';
import type { ImportPlan, PreviewChange } from './importPlan';
import { DATA_COLUMNS, STATE_TEXT, periodSheetNames } from './workbookFile';

const STATE_BY_TEXT = new Map<string, Cell['state']>(Object.entries(STATE_TEXT).map(([k, v]) => [v, k as Cell['state']]));

type Read = { ok: true; value: number | string | null } | { ok: false; message: string };

function readValue(c: XLSX.CellObject | undefined): Read {
  if (!c || c.t === 'z' || c.v === undefined || c.v === null || c.v === '') return { ok: true, value: null };
  if (c.t === 'n') return typeof c.v === 'number' && Number.isFinite(c.v) ? { ok: true, value: c.v } : { ok: false, message: '不是有效的数字' };
  if (c.t === 'e') return { ok: false, message: `是错误值 ${c.w ?? ''}` };
  if (c.t === 'b') return { ok: false, message: '是逻辑值，不是数字' };
  const text = String(c.v).trim();
  const p = parseNumeric(text);
  if (p.kind === 'number') return { ok: true, value: p.value };
  if (p.kind === 'empty') return { ok: true, value: null };
  return { ok: true, value: text };
}

/** Periods (by index in the file's workbook) whose 数据 sheet differs from the model. */
export function editedPeriods(book: XLSX.WorkBook, wb: Workbook, fileName: string): { index: number; sheet: string; changes: number }[] {
  const names = periodSheetNames(wb);
  return wb.periods.flatMap((p, index) => {
    const plan = planDataSheet(book, names[index]!.data, p, fileName);
    return plan && (plan.cellChanges.length || plan.errors.length) ? [{ index, sheet: names[index]!.data, changes: plan.cellChanges.length }] : [];
  });
}

/** What the 数据 sheet `sheet` would change in `period` (null when the file has no such sheet). */
export function planDataSheet(book: XLSX.WorkBook, sheet: string, period: Period, fileName: string): ImportPlan | null {
  const ws = book.Sheets[sheet];
  return ws?.['!ref'] ? planSheet(ws, sheet, period, fileName) : null;
}

function planSheet(ws: XLSX.WorkSheet, sheet: string, p: Period, fileName: string): ImportPlan {
  const plan: ImportPlan = { fileName, sheets: [], changes: [], cellChanges: [], totals: [], cityTargets: [], unmatched: [], errors: [], warnings: [] };
  const range = XLSX.utils.decode_range(ws['!ref']!);
  const at = (r: number, c: number) => ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined;
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
    const target = readValue(at(r, 3));
    const actual = readValue(at(r, 4));
    const bad = !target.ok ? { c: 3, m: target.message, f: '任务数' } : !actual.ok ? { c: 4, m: actual.message, f: '实绩数' } : null;
    if (bad) {
      plan.errors.push(`${where(fileName, sheet, r, bad.c)}：${unit.name}「${ind.name}」的${bad.f}${bad.m}，未导入。`);
      continue;
    }
    const remark = String(at(r, 6)?.v ?? '').trim();
    const empty = target.ok && actual.ok && target.value === null && actual.value === null;
    const after: Cell = {
      // A number typed into a 无数据 row is data; a 数值 row emptied in Excel is missing.
      state: state === 'value' && empty ? 'missing' : state === 'missing' && !empty ? 'value' : state,
      target: state === 'na' ? null : target.ok ? target.value : null,
      actual: state === 'na' || state === 'pending' ? null : actual.ok ? actual.value : null,
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
