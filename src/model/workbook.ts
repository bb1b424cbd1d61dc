import type { Cell } from './cell';
import type { Rule } from './rule';

/** An assessed township (乡镇, 街道, 农场, 高新区) or department. */
export interface Unit {
  id: string;
  /** Short name used in rankings (附件6): 高新区. */
  name: string;
  /** Name printed in the completion tables and the score sheet, when it differs: 大冶湖高新区. */
  fullName?: string;
  /** Other spellings met in files: 临空经济区·还地桥镇, 临空区•还地桥镇 … */
  aliases: string[];
}

/** Where an indicator appears as one of the bulletin's completion tables (附件1–5). */
export interface AnnexSpec {
  /** 1-based number of the annex. */
  no: number;
  /** Indicator wording in the table title and header, e.g. 规上企业研发投入. */
  title: string;
}

export interface Indicator {
  id: string;
  name: string;
  aliases: string[];
  /** Measure unit of stored values: 万元, 亿元, 人, 家, or '' for work items. */
  unit: string;
  /**
   * Measure unit the score sheet (考核得分明细) prints, when it differs from `unit`
   * (技术合同成交额 is kept in 万元 as in 附件5 but the score sheet shows 亿元).
   */
  detailUnit?: string;
  group: string;
  points: number;
  rule: Rule;
  /** Decimals of actuals in the completion tables. */
  decimals: number;
  /** Pad actuals to `decimals` (26.20) rather than trimming zeros (770). */
  padDecimals: boolean;
  annex?: AnnexSpec;
  /** Rule wording shown in the score sheet's 备注 column. */
  ruleNote?: string;
  /** City-wide target (全市目标任务, seed 001 附件1) in `unit`: the total a 目标分解 splits over units. */
  cityTarget?: number;
}

export type Quarter = 1 | 2 | 3 | 4;

export interface Period {
  id: string;
  year: number;
  quarter: Quarter;
  /** The as-of line printed under table titles, e.g. 2023 年 3 月 31 日下午 17:00. */
  asOf: string;
  /** Issuing body and area, used in titles: 大冶市. */
  area: string;
  units: Unit[];
  indicators: Indicator[];
  /** Keyed by cellKey(unitId, indicatorId). Absent = missing. */
  cells: Record<string, Cell>;
  /** Totals an earlier bulletin published (附件6), shown beside the computed ones. */
  publishedTotals?: Record<string, number>;
  /** What-if variants of this period's targets (情景). */
  scenarios?: Scenario[];
}

/** One cell's what-if values; absent fields keep the baseline. */
export interface CellOverride {
  target?: number;
  actual?: number;
}

/**
 * A named set of overrides on top of the period (the baseline): targets, optionally actuals and
 * rule parameters. The baseline itself is never changed until the user applies the scenario.
 */
export interface Scenario {
  id: string;
  name: string;
  /** Keyed by cellKey(unitId, indicatorId). */
  overrides: Record<string, CellOverride>;
  /** Replacement rules (and points) by indicator id. */
  rules?: Record<string, { rule: Rule; points: number }>;
  /** How the scenario was made, e.g. "目标分解：科技型中小企业入库数 818，按上期实绩占比". */
  note?: string;
}

export interface Workbook {
  schemaVersion: number;
  id: string;
  name: string;
  periods: Period[];
}

export const SCHEMA_VERSION = 1;

export function periodLabel(p: Pick<Period, 'year' | 'quarter'>): string {
  return `${p.year}年${['一', '二', '三', '四'][p.quarter - 1]}季度`;
}
