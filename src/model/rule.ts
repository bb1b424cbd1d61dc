import type * as v from 'valibot';
import type { RankDualRuleSchema, RuleSchema } from './schema';

/** How an indicator's points are earned. Parameters only; the arithmetic lives in src/engine/rules.ts. */
export type Rule = v.InferOutput<typeof RuleSchema>;

/**
 * 实际完成数第一为 a 分,排名每下降一名扣 step 分;完成率第一为 b 分,… 指标分为两者之和.
 * `actualShare` is the part of the points given to the rank by actual (0.5 = half each);
 * `step` is the deduction per place, applied to each half separately.
 */
export type RankDualRule = v.InferOutput<typeof RankDualRuleSchema>;

export type RuleKind = Rule['kind'];

export const RULE_KIND_LABELS: Record<RuleKind, string> = {
  rankDual: '双排名（实绩数排名 + 完成率排名）',
  proportional: '按完成率比例（封顶满分）',
  threshold: '达标得满分，否则 0 分',
  manual: '手工评分',
};

/** The seed's default for rank-dual: each place below first costs 1 % of the indicator's points. */
export function defaultRankDual(points: number): RankDualRule {
  return { kind: 'rankDual', actualShare: 0.5, step: points / 100 };
}
