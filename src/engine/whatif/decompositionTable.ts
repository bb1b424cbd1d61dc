/**
 * The 目标分解表 of several indicators at once (seed 001: 序号 | 乡镇 | 科技型中小企业入库(家) | 技术合同
 * 成交额完成(亿元) | … with a 合计 row): each township's targets, from the period's own 任务数, from
 * one scenario, or from each indicator's latest 目标分解 scenario. Pure.
 */
import { UserError } from '../../model/errors';
import { cellKey, type Period, type Scenario } from '../../model';
import { periodHeading } from '../text/describe';
import { decompositionDecimals } from './decompose';
import { decSum, decText } from '../../model/exact';
import { canConvert, convertMeasure } from '../views/measure';

/** 'targets': the period's 任务数; 'decompositions': each indicator's latest 目标分解 scenario; else a scenario id. */
export type DecompositionSource = 'targets' | 'decompositions' | string;

export interface DecompositionColumn {
  indicatorId: string;
  /** As printed: 科技型中小企业入库数(家). */
  header: string;
  decimals: number;
  /**
   * Pad to `decimals` (5.50): a column printed in another unit (技术合同 in 亿元), as seed 001 does;
   * the others print targets as written (120000, 198, 4.5).
   */
  pad: boolean;
  /** Where this column's figures come from, in words. */
  from: string;
}

/** How the table is laid out as the plan prints it: display units, the row order, the date under the title. */
export interface DecompositionLayout {
  /** indicator id → the unit and decimals it is printed in (技术合同 entered in 万元, printed in 亿元 as 5.50). */
  display?: Record<string, { unit: string; decimals: number }>;
  /** Unit ids in the plan's order (the others follow in the workbook's order). */
  order?: string[];
  /** A line under the title (the plan's date, 如 2024年1月). */
  date?: string;
}

export interface DecompositionTable {
  title: string;
  /** The line under the title ('' for none). */
  date: string;
  columns: DecompositionColumn[];
  rows: { no: number; unitId: string; name: string; values: (number | null)[] }[];
  /** Column sums, exact in decimal, rounded half-up to the column's decimals; null when no unit has a figure. */
  sum: (number | null)[];
}

/** Scenarios made by 目标分解 are named "目标分解：<指标> <总数>". */
const isDecomposition = (s: Scenario) => s.name.startsWith('目标分解：');

export function defaultDecompositionTitle(p: Pick<Period, 'area' | 'year' | 'quarter' | 'month' | 'label' | 'action'>): string {
  return `${p.area}${periodHeading(p)}目标分解表`;
}

export function decompositionTable(period: Period, indicatorIds: readonly string[], source: DecompositionSource, title = '', layout: DecompositionLayout = {}): DecompositionTable {
  const inds = indicatorIds.map((id) => {
    const ind = period.indicators.find((i) => i.id === id);
    if (!ind) throw new UserError('所选指标不存在（可能已在另一窗口中删除），请重新选择。');
    return ind;
  });
  if (!inds.length) throw new UserError('请至少选择一个指标。');
  const scenarios = period.scenarios ?? [];
  const chosen = source !== 'targets' && source !== 'decompositions' ? scenarios.find((s) => s.id === source) : undefined;
  if (source !== 'targets' && source !== 'decompositions' && !chosen) throw new UserError('所选情景不存在（可能已删除），请重新选择。');
  const columns: DecompositionColumn[] = [];
  const scenarioOf: (Scenario | undefined)[] = inds.map((ind) => {
    if (chosen) return chosen;
    if (source !== 'decompositions') return undefined;
    // The latest one: scenarios are kept in the order they were made.
    return [...scenarios].reverse().find((s) => isDecomposition(s) && Object.keys(s.overrides).some((k) => k.endsWith(`|${ind.id}`)));
  });
  const shown = inds.map((ind) => {
    const d = layout.display?.[ind.id];
    if (!d || d.unit === ind.unit) return null;
    if (!canConvert(ind.unit, d.unit)) throw new UserError(`“${ind.name}”的计量单位 ${ind.unit} 无法换算为 ${d.unit}。`);
    if (!Number.isInteger(d.decimals) || d.decimals < 0 || d.decimals > 6) throw new UserError(`“${ind.name}”的小数位应为 0–6 的整数。`);
    return d;
  });
  inds.forEach((ind, j) => {
    const s = scenarioOf[j];
    const unit = shown[j]?.unit ?? ind.unit;
    columns.push({
      indicatorId: ind.id,
      header: `${ind.name}${unit ? `(${unit})` : ''}`,
      decimals: shown[j]?.decimals ?? decompositionDecimals(ind.unit, ind.decimals),
      pad: shown[j] !== null,
      from: s ? `情景“${s.name}”` : '本期任务数',
    });
  });
  const values: number[][] = columns.map(() => []);
  // The plan's order first (ids it names that the period has), then the rest in the workbook's order.
  const at = new Map(period.units.map((u, i) => [u.id, i]));
  const first = (layout.order ?? []).filter((id, k, all) => at.has(id) && all.indexOf(id) === k);
  const units = [...first.map((id) => period.units[at.get(id)!]!), ...period.units.filter((u) => !first.includes(u.id))];
  const rows = units.map((u, i) => ({
    no: i + 1,
    unitId: u.id,
    name: u.fullName ?? u.name,
    values: inds.map((ind, j) => {
      const key = cellKey(u.id, ind.id);
      const o = scenarioOf[j]?.overrides[key]?.target;
      const c = period.cells[key];
      const raw = o !== undefined ? o : c && c.state !== 'na' && typeof c.target === 'number' ? c.target : null;
      // In the unit it is printed in: the decimal point moved, exactly.
      const v = raw === null || !shown[j] ? raw : convertMeasure(raw, ind.unit, shown[j]!.unit);
      if (v !== null) values[j]!.push(v);
      return v;
    }),
  }));
  return {
    title: title.trim() || defaultDecompositionTitle(period),
    date: (layout.date ?? '').trim(),
    columns,
    rows,
    // Summed in decimal, exactly; shown in the column's decimals (a row's figure may have more).
    sum: columns.map((c, j) => (values[j]!.length ? Number(decText(decSum(values[j]!), c.decimals)) : null)),
  };
}
