/**
 * The city's year plan (附件1 tasks, 附件3 projects, 附件4 key work) and each period's progress on
 * it: read from a paste or a file into a preview (nothing changes until 确认), kept in every period
 * of the year as one undoable step, followed in a ledger, written up as the 进展情况报告 (.docx) and
 * the ledger (.xlsx). Every change passes the gate (planPolicy.ts through schemeGate.ts); a change
 * made from an older view is rebased on what is held (two boxes kept in quick succession both stay).
 */
import { EMPTY_PROGRESS, UserError, periodLabel, windowsFileName, type PlanProgress, type YearPlan } from '../model';
import { periodMeta } from '../engine/workbook/commands';
import { mergeThreeWay } from '../engine/workbook/mergeThreeWay';
import { readPlanRows, rowsOfText, type PlanRow, type ReadPlan } from '../engine/plan/readPlanTable';
import { suggestedIndicator } from '../engine/plan/linkTasks';
import { planLedger } from '../engine/plan/ledger';
import { planReport } from '../engine/plan/report';
import { exportPlanLedger } from '../xlsx/exportPlanLedger';
import { exportPlanReport } from '../xlsx/exportPlanReport';
import { readPlanFile } from '../xlsx/readPlanFile';
import type { ServiceContext } from './context';
import { change, read } from './api';
import { PreviewTokens } from './previewTokens';
import type { EditOutcome, FileOut, PlanPage, PlanPreview } from './protocol';

const MAX_PLAN_FILE = 20 * 1024 * 1024;

export function yearPlanApi(ctx: ServiceContext) {
  const previews = new PreviewTokens<{ periodId: string; read: ReadPlan }>('plan', '年度计划预览已失效，请重新粘贴或选择文件。');

  function planPage(periodId: string): PlanPage {
    const p = ctx.session().period(periodId);
    return {
      periodLabel: periodLabel(p),
      year: p.year,
      plan: p.plan ?? null,
      progress: p.planProgress ?? EMPTY_PROGRESS,
      ledger: planLedger(p),
      report: planReport(p),
      indicators: p.indicators.map((i) => ({ id: i.id, name: i.name, unit: i.unit })),
    };
  }

  /** What a paste or a file would enter: tasks with ids kept from the plan held (by name), links guessed. */
  function preview(periodId: string, rows: PlanRow[]): PlanPreview {
    const p = ctx.session().period(periodId);
    const read = readPlanRows(rows);
    if (!read.tasks.length && !read.projects.length && !read.keyWork.length && !read.problems.length) {
      throw new UserError('没有认出年度计划的表格：请复制含表头的整张表（如“序号 | 指标类型 | 指标名称 | 2024年目标任务”，或“项目名称 | 建设主体”“项目名称 | 主要措施 | 责任单位”）。');
    }
    const held = new Map((p.plan?.tasks ?? []).map((t) => [t.name, t]));
    const ids = new Map<string, string>();
    read.tasks = read.tasks.map((t, i) => {
      const old = held.get(t.name);
      const id = old?.id ?? `task-${Date.now().toString(36)}-${i + 1}`;
      ids.set(t.id, id);
      const link = old?.indicatorId ?? suggestedIndicator(t, p.indicators);
      return { ...t, id, ...(t.office ?? old?.office ? { office: t.office ?? old!.office! } : {}), ...(link ? { indicatorId: link } : {}) };
    });
    read.progress = Object.fromEntries(Object.entries(read.progress).map(([k, v]) => [ids.get(k)!, v]));
    const stamp = Date.now().toString(36);
    read.projects = read.projects.map((x, i) => ({ ...x, id: `project-${stamp}-${i + 1}` }));
    read.keyWork = read.keyWork.map((x, i) => ({ ...x, id: `work-${stamp}-${i + 1}` }));
    const token = previews.add({ periodId, read });
    const yearNote = read.year !== null && read.year !== p.year ? `表中是 ${read.year} 年的目标任务，当前考核期是 ${p.year} 年：确认后将作为 ${p.year} 年的计划。` : '';
    return { token, title: read.title, tasks: read.tasks, projects: read.projects.length, keyWork: read.keyWork.length, progress: Object.keys(read.progress).length, problems: read.problems, yearNote };
  }

  const previewPlanText = (periodId: string, text: string) => {
    if (String(text ?? '').length > 2_000_000) throw new UserError('粘贴的内容超过 200 万字，未读取。');
    return preview(periodId, rowsOfText(text));
  };

  async function previewPlanFile(periodId: string, fileName: string, bytes: Uint8Array) {
    if (bytes.byteLength > MAX_PLAN_FILE) throw new UserError(`文件“${fileName}”超过 20 MB，不像年度计划表，未读取。`);
    return preview(periodId, await readPlanFile(bytes, fileName));
  }

  /** The same plan written into every period of the year (one undoable step), with this period's progress beside it. */
  async function writePlan(periodId: string, plan: YearPlan, label: string, progress?: PlanProgress): Promise<EditOutcome> {
    const s = ctx.session();
    const year = s.period(periodId).year;
    const changes = s.workbook.periods
      .filter((p) => p.year === year)
      .map((p) => {
        const after = periodMeta(p);
        if (plan.tasks.length || plan.projects.length || plan.keyWork.length || plan.title) after.plan = plan;
        else delete after.plan;
        if (p.id === periodId && progress) after.planProgress = progress;
        return { periodId: p.id, after };
      });
    return s.setMetas(changes, label);
  }

  /** 确认: the parts of the plan read replace those held; figures read go to this period. */
  async function applyPlan(periodId: string, token: string): Promise<EditOutcome> {
    const s = ctx.session();
    const { read } = previews.get(token);
    if (read.problems.length) throw new UserError(`有 ${read.problems.length} 行未能读取，未导入：${read.problems.slice(0, 3).join('；')}。请改正后重新粘贴。`);
    const p = s.period(periodId);
    const held = p.plan ?? { title: '', tasks: [], projects: [], keyWork: [] };
    const plan: YearPlan = {
      title: read.title || held.title,
      tasks: read.tasks.length ? read.tasks : held.tasks,
      projects: read.projects.length ? read.projects : held.projects,
      keyWork: read.keyWork.length ? read.keyWork : held.keyWork,
    };
    const own = p.planProgress ?? EMPTY_PROGRESS;
    const linked = new Set(plan.tasks.filter((t) => t.indicatorId).map((t) => t.id));
    const tasks = { ...own.tasks };
    for (const [id, got] of Object.entries(read.progress)) {
      const { reached, ...rest } = got;
      tasks[id] = { ...tasks[id], ...rest, ...(reached !== undefined && !linked.has(id) ? { reached } : {}) };
    }
    const progress = Object.keys(read.progress).length ? { ...own, tasks } : undefined;
    const out = await writePlan(periodId, plan, `年度计划：${read.tasks.length ? `${read.tasks.length} 项任务` : ''}${read.projects.length ? ` ${read.projects.length} 个平台项目` : ''}${read.keyWork.length ? ` ${read.keyWork.length} 项重点工作` : ''}`.replace('： ', '：'), progress);
    previews.drop(token);
    return out;
  }

  /** The plan as edited on the page (`seen`: as it was shown), rebased on what is held. */
  async function setPlan(periodId: string, plan: YearPlan, seen: YearPlan | null, label: string): Promise<EditOutcome> {
    const held = ctx.session().period(periodId).plan ?? null;
    const next = seen && held ? mergeThreeWay(seen, plan, held) : plan;
    return writePlan(periodId, next, label);
  }

  /** This period's figures, 进展 and report fields as edited (`seen`: as shown), rebased on what is held. */
  async function setPlanProgress(periodId: string, progress: PlanProgress, seen: PlanProgress, label: string): Promise<EditOutcome> {
    const s = ctx.session();
    const meta = periodMeta(s.period(periodId));
    meta.planProgress = mergeThreeWay(seen, progress, meta.planProgress ?? EMPTY_PROGRESS);
    return s.setMeta(periodId, meta, label);
  }

  async function exportLedger(periodId: string): Promise<FileOut> {
    const p = ctx.session().period(periodId);
    const ledger = planLedger(p);
    if (!ledger.rows.length) throw new UserError('本年还没有年度任务，无法导出台账。');
    const heading = `${ledger.title || `${p.year}年年度任务`}完成情况`;
    const bytes = await exportPlanLedger(ledger, heading, `${ledger.asOfWords}（${periodLabel(p)}）\u3000序时进度 ${ledger.timeProgressText}`);
    return { fileName: windowsFileName(`${heading}（${periodLabel(p)}）`, 'xlsx'), bytes };
  }

  async function exportReport(periodId: string): Promise<FileOut> {
    const report = planReport(ctx.session().period(periodId));
    if (!report.sections.length) throw new UserError('本期还没有填写任何任务的完成情况或进展，报告没有内容，未导出。');
    return { fileName: windowsFileName(report.title, 'docx'), bytes: await exportPlanReport(report) };
  }

  return {
    planPage: read(planPage),
    previewPlanText: read(previewPlanText),
    previewPlanFile: read(previewPlanFile),
    applyPlan: change(ctx, applyPlan),
    setPlan: change(ctx, setPlan),
    setPlanProgress: change(ctx, setPlanProgress),
    exportPlanLedger: read(exportLedger),
    exportPlanReport: read(exportReport),
  };
}
