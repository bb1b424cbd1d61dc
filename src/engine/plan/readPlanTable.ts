/**
 * The year plan read from its tables as the plan prints them (seed 001): 附件1's tasks
 * (序号 | 指标类型 | 指标名称 | 2024年目标任务), 附件3's projects (序号 | 项目名称 | 建设主体 | 主要内容 |
 * 投资资金) and 附件4's key work (项目名称 | 主要措施 | 责任单位, under 一、二、 headings) — pasted from
 * Word or Excel, or read from a sheet, several tables at once. The ledger's own Excel export
 * (…| 目标 | 截至本期 | … | 责任科室 | 进展) reads back the same way, its figures and 进展 included.
 *
 * A merged 指标类型 cell is copied once: the rows under it come one cell short ("2 | 规上企业研发经费
 * 投入增长率 | 8% |"), so a row whose 目标 column is empty but whose name column holds a figure
 * with its unit is read shifted, under the group above. Pure: rows of text in, plan and reasons out.
 */
import { readInvestment, readReached, readTaskTarget, splitFigure, type PlanProject, type PlanTask, type PlanWork } from '../../model';

export interface PlanRow {
  /** Where the row is, as a message names it: 第 5 行, 工作表“附件1”第 5 行. */
  where: string;
  cells: string[];
}

/** A progress figure or text read with a task (the ledger's export read back). */
export interface ReadProgress {
  reached?: number;
  text?: string;
}

export interface ReadPlan {
  title: string;
  /** The year the targets are for ("2024年目标任务"), when the header says. */
  year: number | null;
  tasks: PlanTask[];
  projects: PlanProject[];
  keyWork: PlanWork[];
  /** By task id: what the ledger's export held for this period. */
  progress: Record<string, ReadProgress>;
  /** Rows refused, each naming its place and its reason. */
  problems: string[];
}

type Mode = 'tasks' | 'projects' | 'keyWork' | null;

interface Columns {
  no: number;
  group: number;
  name: number;
  target: number;
  reached: number;
  office: number;
  text: number;
  owner: number;
  content: number;
  investment: number;
  measure: number;
  responsible: number;
}

const find = (cells: string[], re: RegExp) => cells.findIndex((c) => re.test(c));

/** A header row: which table it opens and where its columns are; null for any other row. */
function header(cells: string[]): { mode: Mode; cols: Columns; year: number | null } | null {
  const first = cells.find((c) => c !== '') ?? '';
  if (!/^(序号|项目名称|月份|指标类型|指标名称)$/u.test(first)) return null;
  const cols: Columns = {
    no: find(cells, /^序号$/u),
    group: find(cells, /^指标类型$/u),
    name: find(cells, /^(指标名称|项目名称)$/u),
    target: find(cells, /目标/u),
    reached: find(cells, /^截至/u),
    office: find(cells, /科室/u),
    text: find(cells, /^进展/u),
    owner: find(cells, /^建设主体$/u),
    content: find(cells, /^主要内容$/u),
    investment: find(cells, /^投资/u),
    measure: find(cells, /^主要措施$/u),
    responsible: find(cells, /^责任单位$/u),
  };
  const year = /(\d{4})\s*年/u.exec(cells[cols.target] ?? '')?.[1];
  const mode: Mode = cols.measure >= 0 ? 'keyWork' : cols.owner >= 0 ? 'projects' : cols.name >= 0 && cols.target >= 0 ? 'tasks' : null;
  return { mode, cols, year: year ? Number(year) : null };
}

const at = (cells: string[], i: number) => (i >= 0 ? (cells[i] ?? '').trim() : '');
const looksLikeTarget = (t: string) => splitFigure(t).unit !== '' && /\d/u.test(t);
const GROUP_HEADING = /^[一二三四五六七八九十]+、/u;

export function readPlanRows(rows: readonly PlanRow[]): ReadPlan {
  const out: ReadPlan = { title: '', year: null, tasks: [], projects: [], keyWork: [], progress: {}, problems: [] };
  let mode: Mode = null;
  let cols: Columns | null = null;
  let group = '';
  let pendingTitle = '';
  for (const row of rows) {
    const cells = row.cells.map((c) => String(c ?? '').replace(/\s+/gu, ' ').trim());
    const filled = cells.filter((c) => c !== '');
    if (!filled.length) continue;
    const h = header(cells);
    if (h) {
      mode = h.mode;
      cols = h.cols;
      group = '';
      if (mode === 'tasks') {
        out.year ??= h.year;
        if (!out.title && pendingTitle) out.title = pendingTitle;
      }
      continue;
    }
    if (filled.length === 1 && !GROUP_HEADING.test(filled[0]!)) {
      // A title line (2024年科技创新赋能专项行动指标任务) or 附件1; it ends the table above.
      // A date or 截至… line under a title is not one; the ledger's export titles the plan "…完成情况".
      if (!/^附件\s*\d*$/u.test(filled[0]!) && !/^截至|^\d{4}\s*年(\s*\d{1,2}\s*月)?(\s*\d{1,2}\s*日)?$/u.test(filled[0]!)) pendingTitle = filled[0]!.replace(/完成情况$/u, '');
      mode = null;
      continue;
    }
    if (!mode || !cols) continue;
    if (mode === 'tasks') readTask(out, row.where, cells, cols, () => group, (g) => (group = g));
    else if (mode === 'projects') readProject(out, row.where, cells, cols);
    else {
      if (filled.length === 1) {
        group = filled[0]!;
        continue;
      }
      // A measure under its heading: the first filled cell is the measure, the next its 责任单位.
      const [measure, responsible = ''] = filled as [string, ...string[]];
      out.keyWork.push({ id: `w${out.keyWork.length + 1}`, group, measure, responsible });
    }
  }
  return out;
}

function readTask(out: ReadPlan, where: string, cells: string[], c: Columns, group: () => string, setGroup: (g: string) => void) {
  if (!/^\d+$/u.test(at(cells, c.no) || cells[0]!)) return;
  let g = at(cells, c.group);
  let name = at(cells, c.name);
  let target = at(cells, c.target);
  // The merged 指标类型 cell: the row is one cell short.
  const after = cells.slice(c.no + 1, c.target + 1).filter((x) => x !== '');
  if (c.group >= 0 && c.name === c.group + 1 && c.target === c.name + 1 && !target && (looksLikeTarget(name) || after.length === 2)) {
    target = name;
    name = g;
    g = group();
  }
  if (g) setGroup(g);
  else g = group();
  if (!name) {
    out.problems.push(`${where}没有指标名称`);
    return;
  }
  const read = readTaskTarget(target, name);
  if (!read.ok) {
    out.problems.push(`${where}（${name.slice(0, 20)}）的${read.reason}`);
    return;
  }
  const id = `t${out.tasks.length + 1}`;
  const office = at(cells, c.office);
  const task: PlanTask = { id, group: g, name, ...read.value, ...(office ? { office } : {}) };
  out.tasks.push(task);
  const reachedText = at(cells, c.reached);
  const text = at(cells, c.text);
  const got: ReadProgress = {};
  if (reachedText && reachedText !== '未填报') {
    const r = readReached(task, reachedText);
    if (!r.ok) out.problems.push(`${where}（${name.slice(0, 20)}）的${r.reason}`);
    else if (r.value !== null) got.reached = r.value;
  }
  if (text) got.text = text;
  if (Object.keys(got).length) out.progress[id] = got;
}

function readProject(out: ReadPlan, where: string, cells: string[], c: Columns) {
  const name = at(cells, c.name);
  if (!name) return;
  const inv = readInvestment(at(cells, c.investment));
  if (!inv.ok) {
    out.problems.push(`${where}（${name.slice(0, 20)}）的${inv.reason}`);
    return;
  }
  out.projects.push({ id: `p${out.projects.length + 1}`, name, owner: at(cells, c.owner), content: at(cells, c.content), ...(inv.value !== null ? { investment: inv.value } : {}) });
}

/** Pasted text: lines of cells split by tabs (Excel, Word) or by " | " (text copies of a table). */
export function rowsOfText(text: string): PlanRow[] {
  return String(text ?? '')
    .replace(/\r\n?/gu, '\n')
    .split('\n')
    .map((line, i) => ({ where: `第 ${i + 1} 行`, cells: (line.includes('\t') ? line.split('\t') : line.split('|')).map((c) => c.trim()) }));
}
