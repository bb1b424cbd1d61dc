/**
 * The cells of a workbook file's model (format 3) by column: per period and indicator, one state
 * character per unit and the targets and actuals as arrays in unit order, with remarks and manual
 * points listed apart. A province period (800 000 cells) is about 9 MB of JSON this way instead of
 * 47 MB as one object per cell — what made saving and opening the file take 12 s and 10 s.
 *
 * Unpacking checks the packing itself (lengths, state characters, positions) and names the period
 * and indicator of what is wrong; the cells it gives are then checked like any other workbook.
 */
import { cellKey, isEmptyCell, type Cell, type CellColumns, type CellState, type Period, type Workbook } from '../model';
import { UnreadableFileError } from './errors';

/** One character per unit: no cell, or the cell's state. */
const STATE_CHAR: Record<CellState, string> = { missing: '0', value: '1', na: '2', pending: '3' };
const CHAR_STATE: Record<string, CellState> = { '0': 'missing', '1': 'value', '2': 'na', '3': 'pending' };
const NO_CELL = '-';

type Raw = number | string | null;

export interface PackedColumn {
  indicatorId: string;
  states: string;
  target: Raw[];
  actual: Raw[];
  /** Remarks and manual points, by unit position. */
  extra?: { i: number; manualScore?: Raw; remark?: string }[];
}

export type PackedPeriod = Omit<Period, 'cells'> & { columns: PackedColumn[] };
export type PackedWorkbook = Omit<Workbook, 'periods'> & { periods: PackedPeriod[] };

/** A period's cells by indicator id → unit position, when the caller keeps them so (no keyed lookups). */
export type ColumnsOf = (p: Period) => ReadonlyMap<string, readonly (Cell | undefined)[]> | null;

export function packWorkbook(wb: Workbook, columnsOf: ColumnsOf = () => null): PackedWorkbook {
  return { ...wb, periods: wb.periods.map((p) => packPeriod(p, columnsOf(p))) };
}

function packPeriod(p: Period, kept: ReturnType<ColumnsOf>): PackedPeriod {
  const { cells, ...meta } = p;
  const columns = p.indicators.map((ind): PackedColumn => {
    const states: string[] = [];
    const target: Raw[] = [];
    const actual: Raw[] = [];
    const extra: NonNullable<PackedColumn['extra']> = [];
    const column = kept?.get(ind.id);
    p.units.forEach((u, i) => {
      const c = column ? column[i] : cells[cellKey(u.id, ind.id)];
      states.push(c ? STATE_CHAR[c.state] : NO_CELL);
      target.push(c?.target ?? null);
      actual.push(c?.actual ?? null);
      if (c && ((c.manualScore !== undefined && c.manualScore !== null) || c.remark)) {
        extra.push({ i, ...(c.manualScore !== undefined && c.manualScore !== null ? { manualScore: c.manualScore } : {}), ...(c.remark ? { remark: c.remark } : {}) });
      }
    });
    return { indicatorId: ind.id, states: states.join(''), target, actual, ...(extra.length ? { extra } : {}) };
  });
  return { ...meta, columns };
}

const isRaw = (x: unknown): x is Raw => x === null || typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x));

/**
 * A packed workbook (as parsed from the file) split for checking: the workbook with each period's
 * `columns` replaced by no cells (for the schema), and the columns as they were, by period. `what`
 * names the workbook in messages (文件“…”中的工作簿).
 */
export function packedShell(raw: unknown, what: string): { shell: unknown; columns: unknown[][] } {
  const wb = raw as { periods?: unknown } | null;
  if (typeof wb !== 'object' || wb === null || !Array.isArray(wb.periods)) throw new UnreadableFileError(`${what}缺少考核期列表，无法恢复。`);
  const columns: unknown[][] = [];
  const periods = wb.periods.map((raw: unknown, k) => {
    const p = raw as { units?: unknown; indicators?: unknown; columns?: unknown } | null;
    if (typeof p !== 'object' || p === null || !Array.isArray(p.units) || !Array.isArray(p.indicators) || !Array.isArray(p.columns)) {
      throw new UnreadableFileError(`${what}的第 ${k + 1} 个考核期缺少单位、指标或数据列，无法恢复。`);
    }
    const { columns: cols, ...meta } = p as { columns: unknown[] } & Record<string, unknown>;
    columns.push(cols);
    return { ...meta, cells: {} };
  });
  return { shell: { ...wb, periods }, columns };
}

/**
 * A checked period's packed columns as its cells, by key and by column (the same objects), each
 * value checked as it is read (the schema's checks of a cell: state, numbers or texts, a remark's
 * text). Empty cells are left out, as the store leaves them out. `where` names the period.
 */
export function unpackColumns(raw: unknown[], p: Pick<Period, 'units' | 'indicators'>, where: string): { cells: Record<string, Cell>; columns: CellColumns } {
  const n = p.units.length;
  const indicators = new Set(p.indicators.map((i) => i.id));
  const cells: Record<string, Cell> = {};
  const columns: CellColumns = new Map();
  for (const rawCol of raw) {
    const col = rawCol as Partial<PackedColumn> | null;
    const id = col?.indicatorId;
    if (typeof id !== 'string' || !id) throw new UnreadableFileError(`${where}有一列数据缺少指标编号，无法恢复。`);
    const at = `${where}指标“${id}”的数据`;
    if (columns.has(id)) throw new UnreadableFileError(`${at}出现了两次，无法确定应取哪一列。`);
    if (!indicators.has(id)) throw new UnreadableFileError(`${where}有一列数据指向不存在的指标“${id}”，无法恢复。`);
    if (typeof col!.states !== 'string' || col!.states.length !== n || !Array.isArray(col!.target) || col!.target.length !== n || !Array.isArray(col!.actual) || col!.actual.length !== n) {
      throw new UnreadableFileError(`${at}与单位数（${n} 个）不符，无法恢复。`);
    }
    const { states, target, actual } = col as PackedColumn;
    const column = new Array<Cell | undefined>(n);
    columns.set(id, column);
    const extras = new Map<number, { manualScore?: unknown; remark?: unknown }>();
    for (const x of col!.extra ?? []) {
      const e = x as { i?: unknown; manualScore?: unknown; remark?: unknown } | null;
      const i = e?.i;
      if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= n || states[i] === NO_CELL || extras.has(i)) throw new UnreadableFileError(`${at}中的备注或手工得分指向不存在的单元格。`);
      extras.set(i, e!);
    }
    for (let i = 0; i < n; i++) {
      const ch = states[i]!;
      if (ch === NO_CELL) continue;
      const state = CHAR_STATE[ch];
      if (!state) throw new UnreadableFileError(`${at}第 ${i + 1} 个单位的状态“${ch}”无法识别。`);
      const t = target[i];
      const a = actual[i];
      if (!isRaw(t) || !isRaw(a)) throw new UnreadableFileError(`${at}第 ${i + 1} 个单位的任务数或实绩数不是数字或文字。`);
      const cell: Cell = { state, target: t, actual: a };
      const e = extras.size ? extras.get(i) : undefined;
      if (e) {
        if (e.manualScore !== undefined && !isRaw(e.manualScore)) throw new UnreadableFileError(`${at}第 ${i + 1} 个单位的手工得分不是数字或文字。`);
        if (e.remark !== undefined && typeof e.remark !== 'string') throw new UnreadableFileError(`${at}第 ${i + 1} 个单位的备注不是文字。`);
        if (e.manualScore !== undefined && e.manualScore !== null) cell.manualScore = e.manualScore;
        if (e.remark) cell.remark = e.remark;
      }
      if (isEmptyCell(cell)) continue;
      cells[cellKey(p.units[i]!.id, id)] = cell;
      column[i] = cell;
    }
  }
  for (const ind of p.indicators) if (!columns.has(ind.id)) columns.set(ind.id, new Array<Cell | undefined>(n));
  return { cells, columns };
}
