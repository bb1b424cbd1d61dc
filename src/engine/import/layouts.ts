/**
 * Recognising the layouts staff use (docs/domain.md, layouts) in a sheet, wherever the header sits, and
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
  /** The row's 备注 (考核得分明细): a remark, and whether the actual is 未出. */
  remark?: string;
  /** The column the 备注 was read from. */
  remarkC?: number;
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

export interface SumFact {
  indicatorRaw: string;
  field: 'target' | 'actual';
  cell: RawCell;
  r: number;
  c: number;
  /** The data rows this 合计 row sums (since the header or the previous 合计). */
  rows: number[];
}

/** A data cell that cannot be read as one unit's value, with the reason. */
export interface CellProblem {
  r: number;
  c: number;
  message: string;
}

export interface SheetFacts {
  sheet: string;
  layout: Layout | null;
  headerRow: number;
  values: ValueFact[];
  totals: TotalFact[];
  cityTargets: CityTargetFact[];
  sums: SumFact[];
  problems: CellProblem[];
  /** The sheet is hidden in Excel: its facts are used only when the user chooses so. */
  hidden?: boolean;
  /** 1-based position of this table among the sheet's stacked tables, when there are several. */
  tableNo?: number;
  /** Why nothing was recognised, for the message. */
  reason?: string;
  /** Text in the rows above the header (title, 填报单位, 截至): a returned template names its period there. */
  above?: string;
}

const UNIT_HEADER = /^(乡镇|单位|乡镇\(场\)|乡镇\(场、街道\)|乡镇\(街道\)|乡镇名称|单位名称|乡镇\(场\/街道\)|地区|区域|责任单位|考核单位|被考核单位)$/u;
const SUM_ROW = /^(合计|总计|小计|全市|全县|全区|汇总|合\s*计)/u;
const NOTE_ROW = /^(注|备注|说明|填表|制表|审核|负责人|联系人|填报)/u;
const TITLE_ROW = /(情况表|统计表|一览表|汇总表|分解表|明细表|结果表)$/u;
const SKIP_HEADERS = /^(序号|编号|排名|名次|备注|合计|完成率|目标分值|考核得分|总得分|得分|计量单位|单位$)/u;
/** A row that may start a table: it names the unit column, or 指标名称, or 排名. */
const HEADER_HINT = (s: string) => UNIT_HEADER.test(s) || /^指标(名称)?$/u.test(s) || /^(排名|名次)$/u.test(s);

const t = (g: SheetGrid, r: number, c: number) => normText(cellAt(g, r, c).text);

function findCol(g: SheetGrid, r: number, re: RegExp): number {
  const row = g.rows[r];
  if (!row) return -1;
  for (let c = 0; c < row.length; c++) if (row[c] && re.test(normText(row[c]!.text))) return c;
  return -1;
}

function isBlankRow(g: SheetGrid, r: number): boolean {
  const row = g.rows[r];
  if (!row) return true;
  for (const c of row) if (c && c.kind !== 'empty' && !(c.kind === 'text' && !String(c.value).trim())) return false;
  return true;
}

/** A header-like row that starts a new table (not a copy of the current header's merged cells). */
function isHeaderLike(g: SheetGrid, r: number): boolean {
  const row = g.rows[r];
  if (!row) return false;
  for (const c of row) if (c && !c.mergedCopy && c.kind === 'text' && HEADER_HINT(normText(c.text))) return true;
  return false;
}

/** The rows after the header that name a unit (skipping blanks, titles, 合计 and notes), and the 合计 rows. */
function dataRows(g: SheetGrid, from: number, end: number, unitCol: number, carry: boolean): { rows: { r: number; unit: string; unitR: number }[]; sums: { r: number; rows: number[] }[] } {
  const out: { r: number; unit: string; unitR: number }[] = [];
  const sums: { r: number; rows: number[] }[] = [];
  let since: number[] = [];
  let last: { unit: string; unitR: number } | null = null;
  for (let r = from; r < end; r++) {
    if (isBlankRow(g, r)) continue;
    const raw = cellAt(g, r, unitCol);
    let unit = raw.kind === 'empty' ? '' : String(raw.text).trim();
    let unitR = r;
    if (SUM_ROW.test(normText(unit))) {
      sums.push({ r, rows: since });
      since = [];
      last = null;
      continue;
    }
    if (NOTE_ROW.test(normText(unit))) continue;
    // A title between stacked tables: merged across columns, or named like one.
    if (raw.mergedCopy && raw.merge && !sameColumnMerge(raw.merge)) continue;
    if (TITLE_ROW.test(normText(unit))) continue;
    if (!unit && carry && last) ({ unit, unitR } = last);
    if (!unit) continue;
    if (/^\d+(\.\d+)?$/.test(normText(unit))) continue;
    last = { unit, unitR };
    out.push({ r, unit, unitR });
    since.push(r);
  }
  return { rows: out, sums };
}

/** "B5:B7" merges down one column (a unit name over its rows); "A3:E3" runs across. */
function sameColumnMerge(ref: string): boolean {
  const [a, b] = ref.split(':');
  return a!.replace(/\d+/g, '') === b!.replace(/\d+/g, '');
}

/** Rows spanned by a merged range ("C5:C7" → 3). */
function mergeRows(ref: string): number {
  const [a, b] = ref.split(':');
  return Number(b!.replace(/\D+/g, '')) - Number(a!.replace(/\D+/g, '')) + 1;
}

/**
 * A value cell of one unit's row. A value merged down over several data rows belongs to none of
 * them (Excel shows it once): it is reported with its range, never copied into each row.
 */
function valueCell(g: SheetGrid, facts: SheetFacts, r: number, c: number, unit: string): RawCell | null {
  const cell = cellAt(g, r, c);
  if (cell.merge && mergeRows(cell.merge) > 1 && !isBlankCell(cell)) {
    if (!facts.problems.some((p) => p.message.includes(`合并单元格 ${cell.merge!} `))) {
      facts.problems.push({ r, c, message: `${unit}的数值在合并单元格 ${cell.merge} 中（合并跨越多行数据，无法确定属于哪个单位），未导入。请取消合并并逐行填写` });
    }
    return null;
  }
  return cell;
}

const isBlankCell = (c: RawCell) => c.kind === 'empty' || (c.kind === 'text' && !String(c.value).trim());

function empty(sheet: string, reason: string): SheetFacts {
  return { sheet, layout: null, headerRow: -1, values: [], totals: [], cityTargets: [], sums: [], problems: [], reason };
}

function blank(g: SheetGrid, layout: Layout, headerRow: number): SheetFacts {
  return { sheet: g.name, layout, headerRow, values: [], totals: [], cityTargets: [], sums: [], problems: [] };
}

const HEADER_SCAN = 60;

/** The first row at or after `from` that starts another table, or `rows.length`. */
function nextHeader(g: SheetGrid, from: number): number {
  for (let r = from; r < g.rows.length; r++) if (isHeaderLike(g, r)) return r;
  return g.rows.length;
}

/**
 * Every table of a sheet, each read with its own header: a sheet may stack several tables (two
 * indicators, or the same indicator with its columns in another order), one under another.
 */
export function extractTables(g: SheetGrid): SheetFacts[] {
  const out: SheetFacts[] = [];
  let from = 0;
  while (from < g.rows.length) {
    let found: { facts: SheetFacts; end: number } | null = null;
    const limit = out.length === 0 ? Math.min(g.rows.length, HEADER_SCAN) : g.rows.length;
    for (let r = from; r < limit && !found; r++) {
      if (out.length > 0 && !isHeaderLike(g, r)) continue;
      let endRow: number | undefined;
      const end = () => (endRow ??= nextHeader(g, r + 2));
      const facts = scoreDetail(g, r, end) ?? result(g, r, end) ?? indicatorTasks(g, r, end) ?? completion(g, r, end, from) ?? decomposition(g, r, end);
      if (facts) found = { facts, end: end() };
    }
    if (!found) break;
    if (g.hidden) found.facts.hidden = true;
    const above = textAbove(g, found.facts.headerRow, from);
    if (above) found.facts.above = above;
    out.push(found.facts);
    from = found.end;
  }
  if (out.length > 1) out.forEach((f, i) => (f.tableNo = i + 1));
  if (out.length) return out;
  const none = g.rows.length === 0 || g.rows.every((_, r) => isBlankRow(g, r));
  const facts = empty(g.name, none ? '工作表为空' : '未找到表头（应含“乡镇/单位”列及“实绩数、任务数”或“指标名称”等列）');
  if (g.hidden) facts.hidden = true;
  return [facts];
}

function scoreDetail(g: SheetGrid, r: number, end: () => number): SheetFacts | null {
  const nameCol = findCol(g, r, /^指标(名称)?$/u);
  const targetCol = findCol(g, r, /^(目标任务数|目标任务|任务数|目标数|目标值)$/u);
  const actualCol = findCol(g, r, /^(完成任务数|实绩数|完成数|实际完成数|完成值)$/u);
  const unitCol = findCol(g, r, UNIT_HEADER);
  if (nameCol < 0 || targetCol < 0 || actualCol < 0 || unitCol < 0) return null;
  const remarkCol = findCol(g, r, /^备注$/u);
  const facts = blank(g, 'scoreDetail', r);
  for (const row of dataRows(g, r + 1, end(), unitCol, true).rows) {
    const label = cellAt(g, row.r, nameCol).text.trim();
    if (!label) continue;
    for (const [field, c] of [['target', targetCol], ['actual', actualCol]] as const) {
      const cell = valueCell(g, facts, row.r, c, row.unit);
      if (!cell) continue;
      const fact: ValueFact = { unitRaw: row.unit, indicatorRaw: label, field, cell, r: row.r, c, unitR: row.unitR, unitC: unitCol };
      if (field === 'actual' && remarkCol >= 0) {
        fact.remark = cellAt(g, row.r, remarkCol).mergedCopy ? '' : cellAt(g, row.r, remarkCol).text.trim();
        fact.remarkC = remarkCol;
      }
      facts.values.push(fact);
    }
  }
  return facts;
}

function result(g: SheetGrid, r: number, end: () => number): SheetFacts | null {
  const rankCol = findCol(g, r, /^(排名|名次)$/u);
  const scoreCol = findCol(g, r, /^(考核得分|总得分|得分|综合得分|考核总得分|分数)$/u);
  const unitCol = findCol(g, r, UNIT_HEADER);
  if (rankCol < 0 || scoreCol < 0 || unitCol < 0 || findCol(g, r, /^指标/u) >= 0) return null;
  const facts = blank(g, 'result', r);
  for (const row of dataRows(g, r + 1, end(), unitCol, false).rows) {
    const cell = valueCell(g, facts, row.r, scoreCol, row.unit);
    // The app's own export writes 数据不全 where a unit has no total: nothing to import, not an error.
    if (cell && cell.kind === 'text' && /^(数据不全|数据有误)$/u.test(normText(cell.text))) continue;
    if (cell) facts.totals.push({ unitRaw: row.unit, cell, r: row.r, c: scoreCol });
  }
  return facts;
}

function indicatorTasks(g: SheetGrid, r: number, end: () => number): SheetFacts | null {
  const nameCol = findCol(g, r, /^指标(名称)?$/u);
  const targetCol = findCol(g, r, /目标任务|目标值|任务目标/u);
  if (nameCol < 0 || targetCol < 0 || findCol(g, r, UNIT_HEADER) >= 0) return null;
  const facts = blank(g, 'indicatorTasks', r);
  for (let rr = r + 1, stop = end(); rr < stop; rr++) {
    const label = cellAt(g, rr, nameCol).text.trim();
    if (!label || NOTE_ROW.test(normText(label))) continue;
    facts.cityTargets.push({ indicatorRaw: label, cell: cellAt(g, rr, targetCol), r: rr, c: targetCol });
  }
  return facts;
}

/** Header row r (unit column, indicator labels) over row r+1 (实绩数 | 任务数 | 完成率), one or more groups. */
function completion(g: SheetGrid, r: number, end: () => number, titleFrom: number): SheetFacts | null {
  const unitCol = findCol(g, r, UNIT_HEADER);
  if (unitCol < 0) return null;
  // Sub-header either on the next row (merged indicator label above) or on this one (label above it).
  for (const sub of [r + 1, r]) {
    const w = g.rows[sub]?.length ?? 0;
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
        const s = labelRow >= titleFrom ? cellAt(g, labelRow, cc).text.trim() : '';
        if (s && !UNIT_HEADER.test(normText(s))) {
          label = s;
          break;
        }
      }
      if (!label) label = sheetTitle(g, r, titleFrom);
      groups.push({ actual: c, target, rate, label });
    }
    if (groups.length === 0) continue;
    const facts = blank(g, 'completion', r);
    const data = dataRows(g, sub + 1, end(), unitCol, false);
    for (const row of data.rows) {
      for (const grp of groups) {
        const actual = valueCell(g, facts, row.r, grp.actual, row.unit);
        const target = valueCell(g, facts, row.r, grp.target, row.unit);
        if (actual) {
          const fact: ValueFact = { unitRaw: row.unit, indicatorRaw: grp.label, field: 'actual', cell: actual, r: row.r, c: grp.actual, unitR: row.unitR, unitC: unitCol };
          if (grp.rate >= 0 && target) {
            fact.rateCell = cellAt(g, row.r, grp.rate);
            fact.targetCell = target;
          }
          facts.values.push(fact);
        }
        if (target) facts.values.push({ unitRaw: row.unit, indicatorRaw: grp.label, field: 'target', cell: target, r: row.r, c: grp.target, unitR: row.unitR, unitC: unitCol });
      }
    }
    for (const s of data.sums) {
      for (const grp of groups) {
        for (const [field, c] of [['actual', grp.actual], ['target', grp.target]] as const) facts.sums.push({ indicatorRaw: grp.label, field, cell: cellAt(g, s.r, c), r: s.r, c, rows: s.rows });
      }
    }
    return facts;
  }
  return null;
}

/** The text cells of the rows between `from` and the header, joined (at most a few hundred characters). */
function textAbove(g: SheetGrid, headerRow: number, from: number): string {
  const parts: string[] = [];
  for (let r = Math.max(from, headerRow - 5); r < headerRow; r++) for (const c of g.rows[r] ?? []) if (c.kind === 'text' && String(c.value).trim()) parts.push(String(c.value).trim());
  return parts.join(' ').slice(0, 300);
}

/** The first text above the header, e.g. "各乡镇 2023 年规上企业研发投入完成情况表". */
function sheetTitle(g: SheetGrid, headerRow: number, from: number): string {
  for (let r = from; r < headerRow; r++) {
    for (const c of g.rows[r] ?? []) if (c.kind === 'text' && /完成情况|研发|企业|成交|产值|人才|收入/u.test(String(c.value))) return String(c.value);
  }
  return g.name;
}

/** 序号 | 乡镇 | <indicator>… with numbers below: targets per unit. */
function decomposition(g: SheetGrid, r: number, end: () => number): SheetFacts | null {
  const unitCol = findCol(g, r, UNIT_HEADER);
  if (unitCol < 0) return null;
  const w = g.rows[r]?.length ?? 0;
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
  const data = dataRows(g, start, end(), unitCol, false);
  const rows = data.rows;
  const numeric = rows.filter((row) => cols.some((x) => cellAt(g, row.r, x.c).kind === 'number' || /\d/.test(cellAt(g, row.r, x.c).text)));
  if (numeric.length === 0) return null;
  const facts = blank(g, 'decomposition', r);
  for (const row of rows) {
    for (const x of cols) {
      const cell = valueCell(g, facts, row.r, x.c, row.unit);
      if (cell) facts.values.push({ unitRaw: row.unit, indicatorRaw: x.label, field: 'target', cell, r: row.r, c: x.c, unitR: row.unitR, unitC: unitCol });
    }
  }
  for (const s of data.sums) for (const x of cols) facts.sums.push({ indicatorRaw: x.label, field: 'target', cell: cellAt(g, s.r, x.c), r: s.r, c: x.c, rows: s.rows });
  return facts;
}
