import { cellKey, comparePeriods, type Cell, type Period, type PeriodTime, type Quarter } from '../../model';

export function nextQuarter(p: Pick<Period, 'year' | 'quarter'>): { year: number; quarter: Quarter } {
  return p.quarter === 4 ? { year: p.year + 1, quarter: 1 } : { year: p.year, quarter: (p.quarter + 1) as Quarter };
}

/** The period after: the next month for a monthly period, the next quarter otherwise (no name of its own). */
export function nextPeriodTime(p: PeriodTime): PeriodTime {
  if (!p.month) return nextQuarter(p);
  const month = p.month === 12 ? 1 : p.month + 1;
  const year = p.month === 12 ? p.year + 1 : p.year;
  return { year, month, quarter: quarterOfMonth(month) };
}

export const quarterOfMonth = (month: number): Quarter => Math.ceil(month / 3) as Quarter;

/** "2024 年 3 月 31 日": the 截至 line of a quarter's (or a month's) tables: the last day it covers. */
export function quarterEndText(p: PeriodTime): string {
  const month = p.month ?? p.quarter * 3;
  // Day 0 of the next month is this month's last day (29 February in a leap year).
  const last = new Date(Date.UTC(p.year, month, 0)).getUTCDate();
  return `${p.year} 年 ${month} 月 ${last} 日`;
}

/**
 * The 截至 line for a period moved to another time: when it begins with the old period's last day
 * (spaces aside: "2023 年 3 月 31 日下午 17:00"), that day becomes the new one's and the rest stays;
 * a date the person chose otherwise is theirs and stays as written.
 */
export function movedAsOf(asOf: string, from: PeriodTime, to: PeriodTime): string {
  const old = quarterEndText(from).replace(/\s+/g, '');
  let seen = 0;
  let i = 0;
  for (; i < asOf.length && seen < old.length; i++) {
    const ch = asOf[i]!;
    if (/\s/u.test(ch)) continue;
    if (ch !== old[seen]) return asOf;
    seen++;
  }
  return seen === old.length ? `${quarterEndText(to)}${asOf.slice(i)}` : asOf;
}

/**
 * A new period from a previous one: same units, indicators and rules, the same targets; actuals
 * empty (not applicable stays not applicable, pending becomes a target awaiting its actual). In the
 * same year a cumulative period's successor is cumulative too (its targets are the year's).
 */
export function periodFrom(prev: Period, id: string, year: number, quarter: Quarter, extra: { month?: number | undefined; label?: string | undefined } = {}): Period {
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
    ...(extra.month ? { month: extra.month } : {}),
    ...(extra.label?.trim() ? { label: extra.label.trim() } : {}),
    asOf: quarterEndText({ year, quarter, month: extra.month }),
    area: prev.area,
    ...(prev.issuer !== undefined ? { issuer: prev.issuer } : {}),
    // The action's name goes on (a new year keeps it until the bureau names the year's own).
    ...(prev.action !== undefined ? { action: prev.action } : {}),
    // The 通报's 主送 goes to the same offices every quarter; its text is the new period's own.
    ...(prev.bulletin?.recipients ? { bulletin: { recipients: prev.bulletin.recipients } } : {}),
    // A cumulative year stays cumulative (the targets copied are the year's); 序时进度 is the new period's own.
    ...(prev.cumulative && year === prev.year ? { cumulative: true } : {}),
    // The year plan is the year's; each period follows it with progress of its own.
    ...(prev.plan && year === prev.year ? { plan: structuredClone(prev.plan) } : {}),
    units: structuredClone(prev.units),
    indicators: structuredClone(prev.indicators),
    cells,
  };
}

/** The period just before `periodId` in time (year, quarter), or null: what "previous" means in checks. */
export function previousPeriod<P extends PeriodTime & { id: string }>(periods: readonly P[], periodId: string): P | null {
  const me = periods.find((p) => p.id === periodId);
  if (!me) return null;
  let best: P | null = null;
  for (const p of periods) if (comparePeriods(p, me) < 0 && (!best || comparePeriods(p, best) > 0)) best = p;
  return best;
}

/** Periods in time order (year, quarter); the stored order is the order they were made in. */
export function sortedPeriods<P extends PeriodTime>(periods: readonly P[]): P[] {
  return [...periods].sort(comparePeriods);
}
