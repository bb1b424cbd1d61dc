/**
 * The city's own year plan (seed 001 附件1, 附件3, 附件4) and how it is followed each period
 * (seed 003's 进展情况报告). The plan is the year's: every period of the year holds the same copy
 * (set for the whole year at once, like 行动名称); the progress is each period's own (figures to
 * date, 进展 text, the report as edited). Shape only; what a value may be is planPolicy.ts.
 */
import * as v from 'valibot';

const finite = v.pipe(v.number(), v.finite());
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const line = (max: number) => v.pipe(v.string(), v.maxLength(max));

/**
 * How a task is judged: 'level' — a count or an amount to reach by year end, followed against
 * 序时进度; 'share' — a share or coverage (占比, 比重, 覆盖率) and 'growth' — a rate (增长率, 增速),
 * both judged against their target as they stand, never pro-rated by time.
 */
export const PlanTaskKindSchema = v.picklist(['level', 'share', 'growth']);

export const PlanTaskSchema = v.object({
  id,
  /** 指标类型: 创新体系, 创新能力, 引领发展, 创新生态. */
  group: line(40),
  name: line(100),
  /** The year's target in `unit` (3.4 for "3.4%", 35.32 for "35.32亿元"). */
  target: finite,
  unit: line(10),
  kind: PlanTaskKindSchema,
  /** 责任科室 (高新科, 成果科), printed after the report's heading. */
  office: v.optional(line(60)),
  /** The township indicator whose actuals add up to the city's figure (入库 ↔ 科技型中小企业入库数). */
  indicatorId: v.optional(id),
});

/** 附件3: a project of the year (十大创新平台). */
export const PlanProjectSchema = v.object({
  id,
  name: line(100),
  /** 建设主体. */
  owner: line(200),
  content: line(2000),
  /** 投资资金, in 万元 (absent: not given). */
  investment: v.optional(finite),
});

/** 附件4: an item of the key-work list, under its heading (一、着力开展关键技术攻关). */
export const PlanWorkSchema = v.object({
  id,
  group: line(100),
  measure: line(2000),
  /** 责任单位. */
  responsible: line(300),
  deadline: v.optional(line(40)),
});

export const YearPlanSchema = v.object({
  /** 2024年科技创新赋能专项行动指标任务. */
  title: line(200),
  tasks: v.pipe(v.array(PlanTaskSchema), v.maxLength(500)),
  projects: v.pipe(v.array(PlanProjectSchema), v.maxLength(500)),
  keyWork: v.pipe(v.array(PlanWorkSchema), v.maxLength(500)),
});

/** One period's progress on the plan: what was reached to date, and said. */
export const PlanProgressSchema = v.object({
  tasks: v.record(id, v.object({ reached: v.optional(finite), text: v.optional(line(2000)) })),
  projects: v.record(id, v.object({ invested: v.optional(finite), text: v.optional(line(2000)) })),
  keyWork: v.record(id, v.object({ text: v.optional(line(2000)) })),
  /** The 进展情况报告 as edited: its title, opening paragraph, signing office and date (absent: drafted). */
  report: v.optional(
    v.object({
      title: v.optional(line(200)),
      opening: v.optional(line(2000)),
      signer: v.optional(line(60)),
      date: v.optional(line(40)),
    }),
  ),
});
