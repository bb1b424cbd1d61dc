/** How 目标分解 weighs units, in the page's words. */
export type WeightBasis = 'prevActual' | 'prevTarget' | 'equal' | 'typed';

export const WEIGHT_BASIS_LABELS: Record<WeightBasis, string> = {
  prevActual: '按上期实绩数占比',
  prevTarget: '按上期任务数占比',
  equal: '平均分配',
  typed: '按输入的权重',
};


/** The rule beside the splits: last year's same period × (1 + r) (seed 001's 研发人员). */
export const GROWTH_LABEL = '按同期增长';

export const ROUNDING_LABELS: Record<'down' | 'halfUp' | 'up', string> = { down: '向下取整', halfUp: '四舍五入', up: '向上取整' };
