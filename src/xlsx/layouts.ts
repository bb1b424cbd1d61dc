/**
 * Recognising the layouts staff use (DESIGN.md §3) in a sheet, wherever the header sits, and
 * reading the facts out of it before any name is matched:
 *   完成情况表 (附件1–5)   序号 | 乡镇 | <指标>（单位） over 实绩数 | 任务数 | 完成率
 *   考核得分明细           序号 | 乡镇 | 指标名称 | 目标任务数 | 完成任务数 | 目标分值 | 考核得分 | 总得分 | 备注
 *   考核结果 (附件6)       排名 | 乡镇 | 考核得分
 *   目标分解表             序号 | 乡镇 | <指标…> (+ 合计)
 *   指标任务               序号 | 指标类型 | 指标名称 | 目标任务
 */
import { cellAt, type RawCell, type SheetGrid } from './grid';
import { normText } from './normalize';

export type Layout = 'completion' | 'scoreDetail' | 'result' | 'decomposition' | 'indicatorTasks';

export const LAYOUT_LABELS: Record<Layout, string> = {
  completion: '完成情况表',
  scoreDetail: '考核得分明细',
  result: '考核结果',
  decomposition: '目标分解表',
  indicatorTasks: '指标任务',
};

export interface ValueFact {
  unitRaw: string;
  indicatorRaw: string;
  field: 'target' | 'actual';
  cell: RawCell;
  r: number;
  c: number;
  /** Where the unit name itself was read. */
  unitR: number;
  unitC: number;
  /** For an actual in a completion table: the printed 完成率 and 任务数 of the same row. */
  rateCell?: RawCell;
  targetCell?: RawCell;
}

export interface TotalFact {
  unitRaw: string;
  cell: RawCell;
  r: number;
  c: number;
}

export interface CityTargetFact {
  indicatorRaw: string;
  cell: RawCell;
  r: number;
  c: number;
}

export interface SheetFacts {
  sheet: string;
  layout: Layout | null;
  headerRow: number;
  values: ValueFact[];
  totals: TotalFact[];
  cityTargets: CityTargetFact[];
  /** Why nothing was recognised, for the message. */
  reason?: string;
}

const UNIT_HEADER = /^(乡镇|单位|乡镇\(场\)|乡镇\(场、街道\)|乡镇\(街道\)|乡镇名称|单位名称|乡镇\(场\/街道\)|地区|区域|责任单位|考核单位|被考核单位)$/u;
const SUM_ROW = /^(合计|总计|小计|全市|全县|全区|汇总|合\s*计)/u;
const NOTE_ROW = /^(注|备注|说明|填表|制表|审核|负责人|联系人|填报)/u;
const SKIP_HEADERS = /^(序号|编号|排名|名次|备注|合计|完成率|目标分值|考核得分|总得分|得分|计量单位|单位$)/u;

const t = (g: SheetGrid, r: number, c: number) => normText(cellAt(g, r, c).text);
const width = (g: SheetGrid) => g.rows.reduce((m, row) => Math.max(m, row.length), 0);

function findCol(g: SheetGrid, r: number, re: RegExp): number {
  const w = width(g);
  for (let c = 0; c < w; c++) if (re.test(t(g, r, c))) return c;
  return -1;
}

function isBlankRow(g: SheetGrid, r: number): boolean {
  return (g.rows[r] ?? []).every((c) => c.kind === 'empty' || (c.kind === 'text' && !String(c.value).trim()));
}

/** The rows after the header that name a unit (skipping blanks, 合计 and notes). */
function dataRows(g: SheetGrid, from: number, unitCol: number, carry: boolean): { r: number; unit: string; unitR: number }[] {
  const out: { r: number; unit: string; unitR: number }[] = [];
  let last: { unit: string; unitR: number } | null = null;
  for (let r = from; r < g.rows.length; r++) {
    if (isBlankRow(g, r)) continue;
    const raw = cellAt(g, r, unitCol);
    let unit = raw.kind === 'empty' ? '' : String(raw.text).trim();
    let unitR = r;
    if (SUM_ROW.test(normText(unit))) {
      last = null;
      continue;
    }
    if (NOTE_ROW.test(normText(unit))) continue;
    if (!unit && carry && last) ({ unit, unitR } = last);
    if (!unit) continue;
    if (/^\d+(\.\d+)?$/.test(normText(unit))) continue;
    last = { unit, unitR };
    out.push({ r, unit, unitR });
  }
  return out;
}

function empty(sheet: string, reason: string): SheetFacts {
  return { sheet, layout: null, headerRow: -1, values: [], totals: [], cityTargets: [], reason };
}

const HEADER_SCAN = 60;

export function extractSheet(g: SheetGrid): SheetFacts {
  const rows = Math.min(g.rows.length, HEADER_SCAN);
  for (let r = 0; r < rows; r++) {
    const facts = scoreDetail(g, r) ?? result(g, r) ?? indicatorTasks(g, r) ?? completion(g, r) ?? decomposition(g, r);
    if (facts) return facts;
  }
  if (g.rows.length === 0 || g.rows.every((_, r) => isBlankRow(g, r))) return empty(g.name, '工作表为空');
  return empty(g.name, '未找到表头（应含“乡镇/单位”列及“实绩数、任务数”或“指标名称”等列）');
}

function scoreDetail(g: SheetGrid, r: number): SheetFacts | null {
  const nameCol = findCol(g, r, /^指标(名称)?$/u);
  const targetCol = findCol(g, r, /^(目标任务数|目标任务|任务数|目标数|目标值)$/u);
  const actualCol = findCol(g, r, /^(完成任务数|实绩数|完成数|实际完成数|完成值)$/u);
  const unitCol = findCol(g, r, UNIT_HEADER);
  if (nameCol < 0 || targetCol < 0 || actualCol < 0 || unitCol < 0) return null;
  const facts: SheetFacts = { sheet: g.name, layout: 'scoreDetail', headerRow: r, values: [], totals: [], cityTargets: [] };
  for (const row of dataRows(g, r + 1, unitCol, true)) {
    const label = cellAt(g, row.r, nameCol).text.trim();
    if (!label) continue;
    for (const [field, c] of [['target', targetCol], ['actual', actualCol]] as const) {
      facts.values.push({ unitRaw: row.unit, indicatorRaw: label, field, cell: cellAt(g, row.r, c), r: row.r, c, unitR: row.unitR, unitC: unitCol });
    }
  }
  return facts;
}

function result(g: SheetGrid, r: number): SheetFacts | null {
  const rankCol = findCol(g, r, /^(排名|名次)$/u);
  const scoreCol = findCol(g, r, /^(考核得分|总得分|得分|综合得分|考核总得分|分数)$/u);
  const unitCol = findCol(g, r, UNIT_HEADER);
  if (rankCol < 0 || scoreCol < 0 || unitCol < 0 || findCol(g, r, /^指标/u) >= 0) return null;
  const facts: SheetFacts = { sheet: g.name, layout: 'result', headerRow: r, values: [], totals: [], cityTargets: [] };
  for (const row of dataRows(g, r + 1, unitCol, false)) facts.totals.push({ unitRaw: row.unit, cell: cellAt(g, row.r, scoreCol), r: row.r, c: scoreCol });
  return facts;
}

function indicatorTasks(g: SheetGrid, r: number): SheetFacts | null {
  const nameCol = findCol(g, r, /^指标(名称)?$/u);
  const targetCol = findCol(g, r, /目标任务|目标值|任务目标/u);
  if (nameCol < 0 || targetCol < 0 || findCol(g, r, UNIT_HEADER) >= 0) return null;
  const facts: SheetFacts = { sheet: g.name, layout: 'indicatorTasks', headerRow: r, values: [], totals: [], cityTargets: [] };
  for (let rr = r + 1; rr < g.rows.length; rr++) {
    const label = cellAt(g, rr, nameCol).text.trim();
    if (!label || NOTE_ROW.test(normText(label))) continue;
    facts.cityTargets.push({ indicatorRaw: label, cell: cellAt(g, rr, targetCol), r: rr, c: targetCol });
  }
  return facts;
}

/** Header row r (unit column, indicator labels) over row r+1 (实绩数 | 任务数 | 完成率), one or more groups. */
function completion(g: SheetGrid, r: number): SheetFacts | null {
  const unitCol = findCol(g, r, UNIT_HEADER);
  if (unitCol < 0) return null;
  // Sub-header either on the next row (merged indicator label above) or on this one (label above it).
  for (const sub of [r + 1, r]) {
    const w = width(g);
    const groups: { actual: number; target: number; rate: number; label: string }[] = [];
    for (let c = 0; c < w; c++) {
      if (!/^(实绩数|实际完成数|完成数|完成任务数|实绩)$/u.test(t(g, sub, c))) continue;
      // The nearest 任务数 / 完成率 beside this 实绩数 (several indicators may sit side by side).
      const near = (re: RegExp, from: number, order: number[]) => {
        const d = order.find((x) => from + x >= 0 && re.test(t(g, sub, from + x)));
        return d === undefined ? -1 : from + d;
      };
      const target = near(/^(任务数|目标任务数|目标数|目标任务)$/u, c, [1, -1, 2, -2]);
      if (target < 0) continue;
      const rate = near(/^(完成率|完成比例|完成进度)$/u, Math.max(c, target), [1, 2]);
      const labelRow = sub === r ? r - 1 : r;
      let label = '';
      for (const cc of [Math.min(c, target), c, target]) {
        const s = labelRow >= 0 ? cellAt(g, labelRow, cc).text.trim() : '';
        if (s && !UNIT_HEADER.test(normText(s))) {
          label = s;
          break;
        }
      }
      if (!label) label = sheetTitle(g, r);
      groups.push({ actual: c, target, rate, label });
    }
    if (groups.length === 0) continue;
    const facts: SheetFacts = { sheet: g.name, layout: 'completion', headerRow: r, values: [], totals: [], cityTargets: [] };
    for (const row of dataRows(g, sub + 1, unitCol, false)) {
      for (const grp of groups) {
        const fact: ValueFact = { unitRaw: row.unit, indicatorRaw: grp.label, field: 'actual', cell: cellAt(g, row.r, grp.actual), r: row.r, c: grp.actual, unitR: row.unitR, unitC: unitCol };
        if (grp.rate >= 0) {
          fact.rateCell = cellAt(g, row.r, grp.rate);
          fact.targetCell = cellAt(g, row.r, grp.target);
        }
        facts.values.push(fact);
        facts.values.push({ unitRaw: row.unit, indicatorRaw: grp.label, field: 'target', cell: cellAt(g, row.r, grp.target), r: row.r, c: grp.target, unitR: row.unitR, unitC: unitCol });
      }
    }
    return facts;
  }
  return null;
}

/** The first text above the header, e.g. "各乡镇 2023 年规上企业研发投入完成情况表". */
function sheetTitle(g: SheetGrid, headerRow: number): string {
  for (let r = 0; r < headerRow; r++) {
    for (const c of g.rows[r] ?? []) if (c.kind === 'text' && /完成情况|研发|企业|成交|产值|人才|收入/u.test(String(c.value))) return String(c.value);
  }
  return g.name;
}

/** 序号 | 乡镇 | <indicator>… with numbers below: targets per unit. */
function decomposition(g: SheetGrid, r: number): SheetFacts | null {
  const unitCol = findCol(g, r, UNIT_HEADER);
  if (unitCol < 0) return null;
  const w = width(g);
  const cols: { c: number; label: string }[] = [];
  for (let c = 0; c < w; c++) {
    if (c === unitCol) continue;
    const label = cellAt(g, r, c).text.trim();
    if (!label || SKIP_HEADERS.test(normText(label))) continue;
    // A measure unit alone on the row below ("（家）") belongs to the label.
    const below = cellAt(g, r + 1, c).text.trim();
    const withUnit = /^[（(][^）)]+[）)]$/u.test(below) ? `${label}${below}` : label;
    cols.push({ c, label: withUnit });
  }
  if (cols.length === 0) return null;
  const start = cols.some((x) => x.label !== cellAt(g, r, x.c).text.trim()) ? r + 2 : r + 1;
  const rows = dataRows(g, start, unitCol, false);
  const numeric = rows.filter((row) => cols.some((x) => cellAt(g, row.r, x.c).kind === 'number' || /\d/.test(cellAt(g, row.r, x.c).text)));
  if (numeric.length === 0) return null;
  const facts: SheetFacts = { sheet: g.name, layout: 'decomposition', headerRow: r, values: [], totals: [], cityTargets: [] };
  for (const row of rows) {
    for (const x of cols) facts.values.push({ unitRaw: row.unit, indicatorRaw: x.label, field: 'target', cell: cellAt(g, row.r, x.c), r: row.r, c: x.c, unitR: row.unitR, unitC: unitCol });
  }
  return facts;
}
