import type * as v from 'valibot';
import type { AnnexSpecSchema, CellOverrideSchema, IndicatorSchema, PeriodSchema, QuarterSchema, ScenarioSchema, UnitSchema, WorkbookSchema } from './schema';

/** An assessed township (乡镇, 街道, 农场, 高新区) or department. */
export type Unit = v.InferOutput<typeof UnitSchema>;

/** Where an indicator appears as one of the bulletin's completion tables (附件1–5). */
export type AnnexSpec = v.InferOutput<typeof AnnexSpecSchema>;

export type Indicator = v.InferOutput<typeof IndicatorSchema>;

export type Quarter = v.InferOutput<typeof QuarterSchema>;

export type Period = v.InferOutput<typeof PeriodSchema>;

/** One cell's what-if values; absent fields keep the baseline. */
export type CellOverride = v.InferOutput<typeof CellOverrideSchema>;

/**
 * A named set of overrides on top of the period (the baseline): targets, optionally actuals and
 * rule parameters. The baseline itself is never changed until the user applies the scenario.
 */
export type Scenario = v.InferOutput<typeof ScenarioSchema>;

export type Workbook = v.InferOutput<typeof WorkbookSchema>;

export const SCHEMA_VERSION = 1;

/** When a period is, as users name it: a year and a quarter or a month, and optionally a name of its own. */
export type PeriodTime = Pick<Period, 'year' | 'quarter'> & { month?: number | undefined; label?: string | undefined };

/** 2023年一季度, 2024年1月, or the name the period was given. */
export function periodLabel(p: PeriodTime): string {
  return p.label?.trim() || `${p.year}年${periodPart(p)}`;
}

/** The part after the year: 一季度, or 1月. */
export function periodPart(p: PeriodTime): string {
  return p.month ? `${p.month}月` : `${['一', '二', '三', '四'][p.quarter - 1] ?? '?'}季度`;
}

/**
 * Time order: by the month a period ends in (a quarter ends in its third month); a month before
 * the quarter it closes (2024年3月, then 2024年一季度).
 */
export function comparePeriods(a: PeriodTime, b: PeriodTime): number {
  const end = (p: PeriodTime) => p.year * 12 + (p.month ?? p.quarter * 3);
  return end(a) - end(b) || (a.month ? 0 : 1) - (b.month ? 0 : 1);
}
