/**
 * The one schema of the domain (valibot). The TypeScript types in cell.ts, rule.ts and
 * workbook.ts are derived from these validators, so what is checked on read-back (IndexedDB,
 * localStorage, the workbook file) and what the code assumes cannot drift apart.
 *
 * Shape only; rules that span fields (unique ids, cell keys that name a unit and an indicator)
 * are in validate.ts.
 */
import * as v from 'valibot';
import { PlanProgressSchema, YearPlanSchema } from './planSchema';

const finite = v.pipe(v.number(), v.finite());
const nonEmpty = v.pipe(v.string(), v.minLength(1));

/** A number, the raw text when it could not be read as one, or null when empty. */
export const RawValueSchema = v.union([finite, v.string(), v.null()]);

export const CellStateSchema = v.picklist(['value', 'na', 'pending', 'missing']);

export const CellSchema = v.object({
  state: CellStateSchema,
  target: RawValueSchema,
  actual: RawValueSchema,
  /** Points typed in by staff, for indicators with the manual rule. */
  manualScore: v.optional(RawValueSchema),
  remark: v.optional(v.string()),
});

export const RankDualRuleSchema = v.object({
  kind: v.literal('rankDual'),
  /** Part of the points given to the rank by actual (0.5 = half each). */
  actualShare: v.pipe(finite, v.minValue(0), v.maxValue(1)),
  /** Deduction per place, applied to each half separately. */
  step: v.pipe(finite, v.minValue(0)),
});

export const RuleSchema = v.variant('kind', [
  RankDualRuleSchema,
  v.object({ kind: v.literal('proportional') }),
  v.object({ kind: v.literal('threshold') }),
  v.object({ kind: v.literal('manual') }),
]);

export const UnitSchema = v.object({
  id: nonEmpty,
  /** Short name used in rankings (附件6): 高新区. */
  name: nonEmpty,
  /** Name printed in the completion tables and the score sheet, when it differs: 大冶湖高新区. */
  fullName: v.optional(v.string()),
  /** Other spellings met in files: 临空经济区·还地桥镇, 临空区•还地桥镇 … */
  aliases: v.array(v.string()),
});

export const AnnexSpecSchema = v.object({
  /** 1-based number of the annex. */
  no: v.pipe(finite, v.integer(), v.minValue(1)),
  /** Indicator wording in the table title and header, e.g. 规上企业研发投入. */
  title: v.string(),
});

export const IndicatorSchema = v.object({
  id: nonEmpty,
  name: nonEmpty,
  aliases: v.array(v.string()),
  /** Measure unit of stored values: 万元, 亿元, 人, 家, or '' for work items. */
  unit: v.string(),
  /** Measure unit the score sheet prints, when it differs from `unit` (技术合同 in 亿元). */
  detailUnit: v.optional(v.string()),
  group: v.string(),
  points: v.pipe(finite, v.minValue(0)),
  rule: RuleSchema,
  /** Decimals of actuals in the completion tables. */
  decimals: v.pipe(finite, v.integer(), v.minValue(0), v.maxValue(10)),
  /** Pad actuals to `decimals` (26.20) rather than trimming zeros (770). */
  padDecimals: v.boolean(),
  annex: v.optional(AnnexSpecSchema),
  /** Rule wording shown in the score sheet's 备注 column. */
  ruleNote: v.optional(v.string()),
  /** City-wide target (全市目标任务, seed 001 附件1) in `unit`: the total a 目标分解 splits. */
  cityTarget: v.optional(finite),
});

export const QuarterSchema = v.picklist([1, 2, 3, 4]);

/** One cell's what-if values; absent fields keep the baseline. */
export const CellOverrideSchema = v.object({ target: v.optional(finite), actual: v.optional(finite) });

export const ScenarioSchema = v.object({
  id: nonEmpty,
  name: v.string(),
  /** Keyed by cellKey(unitId, indicatorId). */
  overrides: v.record(v.string(), CellOverrideSchema),
  /** Replacement rules (and points) by indicator id. */
  rules: v.optional(v.record(v.string(), v.object({ rule: RuleSchema, points: v.pipe(finite, v.minValue(0)) }))),
  /** How the scenario was made, e.g. "目标分解：科技型中小企业入库数 818，按上期实绩占比". */
  note: v.optional(v.string()),
});

/** One indicator's 目标分解 as it was applied: the boxes' texts as typed. */
export const DecompositionRecordSchema = v.object({
  basis: v.picklist(['prevActual', 'prevTarget', 'equal', 'typed', 'growth']),
  totalText: v.pipe(v.string(), v.maxLength(60)),
  source: v.nullable(v.pipe(v.string(), v.maxLength(200))),
  typed: v.record(v.pipe(v.string(), v.maxLength(200)), v.pipe(v.string(), v.maxLength(60))),
  rateText: v.pipe(v.string(), v.maxLength(60)),
  growthOf: v.picklist(['actual', 'target']),
  rounding: v.picklist(['down', 'halfUp', 'up']),
  minimumText: v.pipe(v.string(), v.maxLength(60)),
});

/** A township's return taken into the period: the file it came in and when (ISO time). */
export const ReturnRecordSchema = v.object({ fileName: v.string(), at: v.string(), values: v.pipe(finite, v.integer(), v.minValue(0)) });

/** Everything of a period except its id and cells: the scheme and headings. */
export const PeriodMetaSchema = v.object({
  year: v.pipe(finite, v.integer(), v.minValue(1900), v.maxValue(2200)),
  /** The quarter the period falls in (a monthly period's too: its month's quarter). */
  quarter: QuarterSchema,
  /** A monthly period (1–12); absent for a quarter. */
  month: v.optional(v.pipe(finite, v.integer(), v.minValue(1), v.maxValue(12))),
  /** The name users gave it (如 2024年“开门红”), shown instead of 2024年一季度. */
  label: v.optional(v.pipe(v.string(), v.maxLength(40))),
  /**
   * The action the assessment belongs to, as every title names it (2023: 科技创新行动, 2024:
   * 科技创新赋能行动); absent: 科技创新行动. Set for a whole year at once (it changes by year).
   */
  action: v.optional(v.pipe(v.string(), v.maxLength(40))),
  /** The as-of line printed under table titles, e.g. 2023 年 3 月 31 日下午 17:00. */
  asOf: v.string(),
  /** Issuing body and area, used in titles: 大冶市. */
  area: v.string(),
  units: v.array(UnitSchema),
  indicators: v.array(IndicatorSchema),
  /** Totals an earlier bulletin published (附件6), shown beside the computed ones. */
  publishedTotals: v.optional(v.record(v.string(), finite)),
  /** What-if variants of this period's targets (情景). */
  scenarios: v.optional(v.array(ScenarioSchema)),
  /** The office the bulletin's tables are issued by (printed under each exported table's title). */
  issuer: v.optional(v.string()),
  /** Township returns taken in (报送情况), by unit id: which file, when. */
  returns: v.optional(v.record(v.string(), ReturnRecordSchema)),
  /**
   * 截至本期累计: the targets are the year's (年度任务), the actuals year to date; each township's
   * completion is read against 序时进度.
   */
  cumulative: v.optional(v.boolean()),
  /**
   * The 通报 as the person edited it: title, 主送, the body (from 一、 on; §一 drafted from the
   * figures, the rest theirs), the date; `basedOn` is the drafted §一 the body was edited from (the
   * figures changing since is told, never silently overwritten).
   */
  bulletin: v.optional(
    v.object({
      title: v.optional(v.pipe(v.string(), v.maxLength(200))),
      recipients: v.optional(v.pipe(v.string(), v.maxLength(500))),
      body: v.optional(v.pipe(v.string(), v.maxLength(100_000))),
      basedOn: v.optional(v.pipe(v.string(), v.maxLength(100_000))),
      date: v.optional(v.pipe(v.string(), v.maxLength(40))),
    }),
  ),
  /**
   * The 目标分解表 as the plan prints it (seed 001): which indicators, where their targets come
   * from, its title, the line under it, each column's display unit, the rows' order. Kept in the
   * workbook (versions, undo, the workbook file), not only in the browser.
   */
  decompositionTable: v.optional(
    v.object({
      ids: v.nullable(v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(1000))),
      source: v.pipe(v.string(), v.maxLength(200)),
      title: v.pipe(v.string(), v.maxLength(100)),
      display: v.record(v.pipe(v.string(), v.maxLength(200)), v.object({ unit: v.picklist(['元', '万元', '亿元']), decimals: v.pipe(finite, v.integer(), v.minValue(0), v.maxValue(6)) })),
      order: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(1_000_000)),
      orderFrom: v.pipe(v.string(), v.maxLength(200)),
      date: v.pipe(v.string(), v.maxLength(40)),
    }),
  ),
  /**
   * How each indicator's targets were last split (目标分解) when they were applied — the rule, the
   * city total, the weights and minimum as typed — so 目标分解 shows it again, in any browser.
   */
  decompositions: v.optional(v.record(v.pipe(v.string(), v.maxLength(200)), DecompositionRecordSchema)),
  /** 序时进度 as the bureau sets it, as a percent (如 36.67 for a 开门红 quarter of 300 / 818); absent: quarter q → q × 25, month m → m ÷ 12. */
  timeShare: v.optional(v.pipe(finite, v.minValue(0.01), v.maxValue(100))),
  /** The city's year plan (附件1, 3, 4): the same in every period of the year (planSchema.ts). */
  plan: v.optional(YearPlanSchema),
  /** This period's progress on the plan and its 进展情况报告. */
  planProgress: v.optional(PlanProgressSchema),
});

export const PeriodSchema = v.object({
  id: nonEmpty,
  ...PeriodMetaSchema.entries,
  /** Keyed by cellKey(unitId, indicatorId). Absent = missing. */
  cells: v.record(v.string(), CellSchema),
});

export const WorkbookSchema = v.object({
  schemaVersion: finite,
  id: nonEmpty,
  name: v.string(),
  periods: v.array(PeriodSchema),
});

/** Text as typed or pasted into a cell's field: the worker reads it again by the value policy. */
export const CellInputSchema = v.object({
  field: v.picklist(['target', 'actual', 'manualScore']),
  text: v.string(),
});

/** One cell before and after; null = no entry (missing). `input`: what was typed, when it was. */
export const CellChangeSchema = v.object({
  unitId: nonEmpty,
  indicatorId: nonEmpty,
  before: v.nullable(CellSchema),
  after: v.nullable(CellSchema),
  input: v.optional(v.array(CellInputSchema)),
});
