import { cellKey, type Cell, type Period, type Quarter } from '../model';

export function nextQuarter(p: Pick<Period, 'year' | 'quarter'>): { year: number; quarter: Quarter } {
  return p.quarter === 4 ? { year: p.year + 1, quarter: 1 } : { year: p.year, quarter: (p.quarter + 1) as Quarter };
}

const QUARTER_END = ['3 月 31 日', '6 月 30 日', '9 月 30 日', '12 月 31 日'];

/** "2024 年 3 月 31 日": the 截至 line of a quarter's tables. */
export function quarterEndText(p: Pick<Period, 'year' | 'quarter'>): string {
  return `${p.year} 年 ${QUARTER_END[p.quarter - 1]}`;
}

/**
 * A new period from a previous one: same units, indicators and rules, the same targets; actuals
 * empty (not applicable stays not applicable, pending becomes a target awaiting its actual).
 */
export function periodFrom(prev: Period, id: string, year: number, quarter: Quarter): Period {
  const cells: Record<string, Cell> = {};
  for (const u of prev.units) {
    for (const ind of prev.indicators) {
      const c = prev.cells[cellKey(u.id, ind.id)];
      if (!c) continue;
      if (c.state === 'na') cells[cellKey(u.id, ind.id)] = { state: 'na', target: null, actual: null };
      else if (c.target !== null) cells[cellKey(u.id, ind.id)] = { state: 'value', target: c.target, actual: null };
    }
  }
  return {
    id,
    year,
    quarter,
    asOf: quarterEndText({ year, quarter }),
    area: prev.area,
    ...(prev.issuer !== undefined ? { issuer: prev.issuer } : {}),
    units: structuredClone(prev.units),
    indicators: structuredClone(prev.indicators),
    cells,
  };
}

/** The period just before `periodId` in time (year, quarter), or null: what "previous" means in checks. */
export function previousPeriod<P extends Pick<Period, 'id' | 'year' | 'quarter'>>(periods: readonly P[], periodId: string): P | null {
  const me = periods.find((p) => p.id === periodId);
  if (!me) return null;
  const at = (p: P) => p.year * 4 + p.quarter;
  let best: P | null = null;
  for (const p of periods) if (at(p) < at(me) && (!best || at(p) > at(best))) best = p;
  return best;
}

/** Periods in time order (year, quarter); the stored order is the order they were made in. */
export function sortedPeriods<P extends Pick<Period, 'year' | 'quarter'>>(periods: readonly P[]): P[] {
  return [...periods].sort((a, b) => a.year - b.year || a.quarter - b.quarter);
}
