/** How 目标分解 weighs units, in the page's words. */
export type WeightBasis = 'prevActual' | 'prevTarget' | 'equal' | 'typed';

export const WEIGHT_BASIS_LABELS: Record<WeightBasis, string> = {
  prevActual: '按上期实绩数占比',
  prevTarget: '按上期任务数占比',
  equal: '平均分配',
  typed: '按输入的权重',
};

