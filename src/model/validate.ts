/**
 * Validation of anything read back (IndexedDB records, the localStorage journal and drafts, the
 * workbook file): the shape from schema.ts, then the rules that span fields — unique ids, cell
 * keys that name an existing unit and indicator. Every problem is described in Chinese with its
 * place ("第 1 个考核期（2023年一季度） › 第 3 个单位 › 缺少「别名」").
 */
import * as v from 'valibot';
import { splitCellKey } from './cell';
import { UserError } from './errors';
import { PeriodMetaSchema, PeriodSchema, WorkbookSchema } from './schema';
import { periodLabel, type Period, type Workbook } from './workbook';
import type { Cell } from './cell';

const FIELD_LABELS: Record<string, string> = {
  id: '编号',
  name: '名称',
  fullName: '全称',
  aliases: '别名',
  unit: '计量单位',
  detailUnit: '明细计量单位',
  group: '类别',
  points: '分值',
  rule: '计分规则',
  kind: '规则类型',
  actualShare: '实绩排名占比',
  step: '每名扣分',
  decimals: '小数位',
  padDecimals: '补零',
  annex: '附件设置',
  no: '附件序号',
  title: '附件标题',
  ruleNote: '规则说明',
  cityTarget: '全市目标',
  year: '年度',
  quarter: '季度',
  asOf: '截止时间',
  area: '地区',
  units: '单位',
  indicators: '指标',
  cells: '单元格',
  publishedTotals: '已公布总分',
  scenarios: '情景',
  overrides: '情景任务数',
  rules: '情景规则',
  note: '说明',
  state: '状态',
  target: '任务数',
  actual: '实绩数',
  manualScore: '手工得分',
  remark: '备注',
  periods: '考核期',
  schemaVersion: '格式版本',
  snapshots: '版本',
  workbook: '工作簿',
  app: '程序标记',
  revision: '修订号',
  createdAt: '创建时间',
  updatedAt: '修改时间',
  periodIds: '考核期列表',
  workbookId: '所属工作簿',
  periodId: '所属考核期',
  unitId: '单位编号',
  indicatorId: '指标编号',
  before: '原值',
  after: '新值',
  changes: '修改',
  label: '说明',
  text: '输入内容',
  field: '列',
  format: '文件类型',
  formatVersion: '文件格式版本',
  savedAt: '保存时间',
  auto: '自动保存标记',
};

/** Items of a list, named by what they hold. */
const ITEM_LABELS: Record<string, string> = { periods: '考核期', units: '单位', indicators: '指标', scenarios: '情景', snapshots: '版本', aliases: '别名', periodIds: '考核期编号', changes: '修改' };

const EXPECTS: Record<string, string> = {
  string: '文字',
  number: '数字',
  boolean: '是或否',
  array: '列表',
  object: '一组字段',
  record: '一组字段',
  null: '空',
  integer: '整数',
  finite: '有限的数字',
  min_length: '非空',
  union: '数字、文字或空',
  nullable: '一个值或空',
};

const label = (key: string) => FIELD_LABELS[key] ?? key;

/** The allowed values of a field, in words: 状态 is 数值/不适用/…, not value/na/…. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  state: { value: '数值', na: '不适用', pending: '数据未出', missing: '无数据' },
  kind: { rankDual: '双排名', proportional: '按比例', threshold: '达标', manual: '手工评分' },
  field: { target: '任务数', actual: '实绩数', manualScore: '手工得分' },
};

function short(value: unknown): string {
  if (value === undefined) return '缺失';
  if (value === null) return '空';
  if (typeof value === 'string') return `“${value.length > 20 ? `${value.slice(0, 20)}…` : value}”`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return '列表';
  return '一组字段';
}

/** A name to show for a list item, when it has one. */
function itemName(item: unknown): string {
  if (!item || typeof item !== 'object') return '';
  const o = item as Record<string, unknown>;
  if (typeof o.year === 'number' && (o.quarter === 1 || o.quarter === 2 || o.quarter === 3 || o.quarter === 4)) return periodLabel({ year: o.year, quarter: o.quarter });
  if (typeof o.name === 'string' && o.name) return o.name;
  return '';
}

type Issue = v.BaseIssue<unknown>;

function describePath(issue: Issue): string {
  const parts: string[] = [];
  let parent = '';
  for (const item of issue.path ?? []) {
    const key = (item as { key?: unknown }).key;
    if (typeof key === 'number') {
      const what = ITEM_LABELS[parent] ?? '项';
      const name = itemName((item as { value?: unknown }).value);
      // "第 1 个考核期" says what the list was: drop the list's own label before it.
      if (ITEM_LABELS[parent] && parts.at(-1) === label(parent)) parts.pop();
      parts.push(`第 ${key + 1} 个${what}${name ? `（${name}）` : ''}`);
    } else if (typeof key === 'string') {
      if (parent === 'cells' || parent === 'overrides' || parent === 'publishedTotals' || parent === 'rules') parts.push(`“${key}”`);
      else parts.push(label(key));
      parent = key;
    }
  }
  return parts.join(' › ');
}

function describeIssue(issue: Issue): string {
  const last = issue.path?.at(-1) as { key?: unknown } | undefined;
  // The field itself is named in the sentence; the path leads up to the object that holds it.
  const fieldKey = typeof last?.key === 'string' && !(issue.path!.length >= 2 && ['cells', 'overrides', 'publishedTotals', 'rules'].includes(String((issue.path!.at(-2) as { key?: unknown }).key))) ? last.key : null;
  const where = describePath(fieldKey ? { ...issue, path: issue.path!.slice(0, -1) as typeof issue.path } : issue);
  const field = fieldKey ? `「${label(fieldKey)}」` : '';
  let what: string;
  if (issue.input === undefined && issue.type !== 'min_length') what = `缺少${field || '内容'}`;
  else if (issue.type === 'picklist' || issue.type === 'literal' || issue.type === 'variant') {
    const words = VALUE_LABELS[String(fieldKey ?? (last?.key as string | undefined) ?? '')] ?? {};
    const allowed = String(issue.expected).replace(/"/g, '').split(' | ').map((x) => words[x] ?? x);
    what = `${field}应为 ${allowed.join('、')} 之一（现为 ${short(issue.input)}）`;
  }
  else if (issue.type === 'min_value') what = `${field}不应小于 ${String(issue.requirement)}（现为 ${short(issue.input)}）`;
  else if (issue.type === 'max_value') what = `${field}不应大于 ${String(issue.requirement)}（现为 ${short(issue.input)}）`;
  else what = `${field}应为${EXPECTS[issue.type] ?? '正确的格式'}（现为 ${short(issue.input)}）`;
  return where ? `${where}：${what}` : what;
}

/** Chinese sentences for the first few issues. */
export function describeIssues(issues: readonly Issue[], max = 3): string[] {
  const out = issues.slice(0, max).map(describeIssue);
  if (issues.length > max) out.push(`等共 ${issues.length} 处问题`);
  return out;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** Parse with a schema; problems in Chinese. */
export function check<S extends v.GenericSchema>(schema: S, input: unknown): Checked<v.InferOutput<S>> {
  const r = v.safeParse(schema, input);
  return r.success ? { ok: true, value: r.output } : { ok: false, problems: describeIssues(r.issues) };
}

function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  return [...dup];
}

/**
 * What a period's fields say together: ids unique, every cell key "unit|indicator" of an existing
 * unit and indicator. `rawCells` is the object as read (before parsing drops keys like __proto__).
 */
export function periodProblems(p: Pick<Period, 'units' | 'indicators' | 'scenarios'>, rawCells: unknown, where = ''): string[] {
  const at = where ? `${where} › ` : '';
  const problems: string[] = [];
  for (const id of duplicates(p.units.map((u) => u.id))) problems.push(`${at}单位编号“${id}”重复（${p.units.filter((u) => u.id === id).map((u) => u.name).join('、')}）`);
  for (const id of duplicates(p.indicators.map((i) => i.id))) problems.push(`${at}指标编号“${id}”重复（${p.indicators.filter((i) => i.id === id).map((i) => i.name).join('、')}）`);
  for (const id of duplicates((p.scenarios ?? []).map((s) => s.id))) problems.push(`${at}情景编号“${id}”重复`);
  if (rawCells && typeof rawCells === 'object') {
    const units = new Set(p.units.map((u) => u.id));
    const inds = new Set(p.indicators.map((i) => i.id));
    for (const key of Object.keys(rawCells)) {
      const ids = splitCellKey(key);
      if (!ids) problems.push(`${at}单元格“${key}”的编号不是“单位|指标”的格式`);
      else if (!units.has(ids[0])) problems.push(`${at}单元格“${key}”指向不存在的单位“${ids[0]}”`);
      else if (!inds.has(ids[1])) problems.push(`${at}单元格“${key}”指向不存在的指标“${ids[1]}”`);
      if (problems.length > 20) break;
    }
  }
  return problems;
}

const periodWhere = (i: number, p: { year: number; quarter: 1 | 2 | 3 | 4 }) => `第 ${i + 1} 个考核期（${periodLabel(p)}）`;

const CELL_STATES = new Set<unknown>(['value', 'na', 'pending', 'missing']);
/** The quick checks behind the fast paths of reading cells (here, store/fastCell.ts, store/cellBlocks.ts). */
export const isCellState = (x: unknown): x is Cell['state'] => CELL_STATES.has(x);
export const isRawValue = (x: unknown): x is Cell['target'] => x === null || typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x));

/** A cell in its common, valid shape, read without the schema library; undefined for anything else. */
function fastCell(x: unknown): Cell | undefined {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return undefined;
  const { state, target, actual, manualScore, remark } = x as Record<string, unknown>;
  if (!isCellState(state) || !isRawValue(target) || !isRawValue(actual)) return undefined;
  if (manualScore !== undefined && !isRawValue(manualScore)) return undefined;
  if (remark !== undefined && typeof remark !== 'string') return undefined;
  const cell: Cell = { state, target, actual };
  if (manualScore !== undefined) cell.manualScore = manualScore;
  if (remark !== undefined) cell.remark = remark;
  return cell;
}

/**
 * The workbook with its periods' cells taken out, and the cells read quickly — when every cell has
 * the common shape; null otherwise (the schema then checks them and names what is wrong). A
 * province workbook has 800 000 cells: through the schema library they took 2.5 s.
 */
function splitCells(input: unknown): { shell: unknown; cells: Record<string, Cell>[] } | null {
  const periods = (input as { periods?: unknown } | null)?.periods;
  if (!Array.isArray(periods)) return null;
  const cells: Record<string, Cell>[] = [];
  for (const p of periods) {
    const raw = (p as { cells?: unknown } | null)?.cells;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || Object.getPrototypeOf(raw) !== Object.prototype) return null;
    const out: Record<string, Cell> = {};
    for (const key in raw) {
      if (key === '__proto__') return null;
      const c = fastCell((raw as Record<string, unknown>)[key]);
      if (!c) return null;
      out[key] = c;
    }
    cells.push(out);
  }
  return { shell: { ...(input as object), periods: periods.map((p: object) => ({ ...p, cells: {} })) }, cells };
}

/**
 * Workbooks this worker has validated (checkWorkbook's own output): a file's workbook checked when
 * read is not checked again when written (800 000 cells were validated twice on the way to storage).
 * Only the object checkWorkbook returned counts; a copy or a clone is checked like any other input.
 */
const validated = new WeakSet<object>();
export const wasValidated = (x: unknown): x is Workbook => typeof x === 'object' && x !== null && validated.has(x);

/**
 * Shape and cross-field rules of a whole workbook; problems in Chinese, empty when valid.
 * `cellsOf`: for a workbook whose periods come without cells (a workbook file's columns), the cells
 * of each checked period, read and checked by the caller as it unpacks them (throwing what it
 * refuses) — so 800 000 cells are read once, not unpacked and then checked again.
 */
export function checkWorkbook(input: unknown, cellsOf?: (index: number, period: Period) => Record<string, Cell>): Checked<Workbook> {
  const r = cellsOf ? checkShellThenCells(input, cellsOf) : checkWorkbookOnce(input);
  if (r.ok) validated.add(r.value);
  return r;
}

function checkShellThenCells(input: unknown, cellsOf: (index: number, period: Period) => Record<string, Cell>): Checked<Workbook> {
  const r = check(WorkbookSchema, input);
  if (!r.ok) return r;
  const problems = duplicates(r.value.periods.map((p) => p.id)).map((id) => `考核期编号“${id}”重复`);
  r.value.periods.forEach((p, i) => problems.push(...periodProblems(p, null, periodWhere(i, p))));
  if (problems.length) return { ok: false, problems: problems.slice(0, 5) };
  r.value.periods.forEach((p, i) => (p.cells = cellsOf(i, p)));
  return r;
}

function checkWorkbookOnce(input: unknown): Checked<Workbook> {
  const split = splitCells(input);
  const r = check(WorkbookSchema, split ? split.shell : input);
  if (!r.ok) return r;
  if (split) r.value.periods.forEach((p, i) => (p.cells = split.cells[i]!));
  const problems: string[] = [];
  for (const id of duplicates(r.value.periods.map((p) => p.id))) problems.push(`考核期编号“${id}”重复`);
  const rawPeriods = (input as { periods: unknown[] }).periods;
  r.value.periods.forEach((p, i) => problems.push(...periodProblems(p, (rawPeriods[i] as { cells?: unknown }).cells, periodWhere(i, p))));
  return problems.length ? { ok: false, problems: problems.slice(0, 5) } : r;
}

/** A period's scheme as the page sends it (rule editor, import, scenarios). */
export function checkPeriodMeta(input: unknown): Checked<v.InferOutput<typeof PeriodMetaSchema>> {
  const r = check(PeriodMetaSchema, input);
  if (!r.ok) return r;
  const problems = periodProblems(r.value, null);
  return problems.length ? { ok: false, problems } : r;
}

export function checkPeriod(input: unknown, where = ''): Checked<Period> {
  const r = check(PeriodSchema, input);
  if (!r.ok) return r;
  const problems = periodProblems(r.value, (input as { cells?: unknown }).cells, where);
  return problems.length ? { ok: false, problems } : r;
}

/** Throw a UserError "<where>格式不正确：<problems>" unless valid. */
export function assertChecked<T>(r: Checked<T>, where: string): T {
  if (r.ok) return r.value;
  throw new UserError(`${where}格式不正确：${r.problems.join('；')}。`);
}
