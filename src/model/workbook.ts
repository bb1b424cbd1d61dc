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

export function periodLabel(p: Pick<Period, 'year' | 'quarter'>): string {
  return `${p.year}年${['一', '二', '三', '四'][p.quarter - 1] ?? '?'}季度`;
}
