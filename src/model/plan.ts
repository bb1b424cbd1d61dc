import type * as v from 'valibot';
import type { PlanProgressSchema, PlanProjectSchema, PlanTaskKindSchema, PlanTaskSchema, PlanWorkSchema, YearPlanSchema } from './planSchema';

export type PlanTaskKind = v.InferOutput<typeof PlanTaskKindSchema>;
export type PlanTask = v.InferOutput<typeof PlanTaskSchema>;
export type PlanProject = v.InferOutput<typeof PlanProjectSchema>;
export type PlanWork = v.InferOutput<typeof PlanWorkSchema>;
export type YearPlan = v.InferOutput<typeof YearPlanSchema>;
export type PlanProgress = v.InferOutput<typeof PlanProgressSchema>;

export const EMPTY_PROGRESS: PlanProgress = { tasks: {}, projects: {}, keyWork: {} };
