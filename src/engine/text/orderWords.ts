/**
 * The grid's sort and filter as the page and the worker say them (the spec sent by the page), the
 * text key both match names by, and the order in words. The rows themselves are computed in
 * views/gridOrder.ts.
 */
import { toHalfWidth } from '../../model/numeric';

export type GridSortField = 'unit' | 'total' | 'rank' | 'target' | 'actual' | 'rate' | 'score';

export interface GridSort {
  field: GridSortField;
  /** For target/actual/rate/score: whose column. */
  indicatorId?: string;
  dir: 'asc' | 'desc';
}

/** Which rows to show besides a name match: all, those with any indicator not yet filled, those with a problem. */
export type GridFilterStatus = 'all' | 'incomplete' | 'error';

export interface GridOrderSpec {
  sort: GridSort | null;
  /** Part of a unit's name (or full name); empty = every unit. */
  text: string;
  status: GridFilterStatus;
}

export const NATURAL_ORDER: GridOrderSpec = { sort: null, text: '', status: 'all' };

export const isNatural = (s: GridOrderSpec): boolean => !s.sort && !findKey(s.text) && s.status === 'all';

/** Text as compared by 查找 and 筛选: half-width, no spaces or middle dots, lower case (高新区 / 高 新 区 / 临空区·还地桥镇). */
export function findKey(s: string): string {
  return toHalfWidth(s).replace(/[\s·•・.．]/g, '').toLowerCase();
}

/** The order in words, for the bar above the grid (例：按 总得分 降序). */
export function describeOrder(spec: GridOrderSpec, indicatorName: (id: string) => string): string {
  const parts: string[] = [];
  if (spec.sort) {
    const labels: Record<GridSortField, string> = { unit: '单位', total: '总得分', rank: '排名', target: '任务数', actual: '实绩数', rate: '完成率', score: '得分' };
    const what = spec.sort.indicatorId ? `${indicatorName(spec.sort.indicatorId)} ${labels[spec.sort.field]}` : labels[spec.sort.field];
    parts.push(`按 ${what} ${spec.sort.dir === 'asc' ? '升序' : '降序'}`);
  }
  if (findKey(spec.text)) parts.push(`名称含“${spec.text.trim()}”`);
  if (spec.status === 'incomplete') parts.push('只看未填完的');
  if (spec.status === 'error') parts.push('只看有问题的');
  return parts.join('，');
}
