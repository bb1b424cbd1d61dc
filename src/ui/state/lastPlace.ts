/**
 * Where the user was — the period viewed in each workbook, and the tab — so the app reopens there.
 * A preference (shared/preference.ts: losing it loses nothing): read back, only ids the caller
 * still knows are used, and anything malformed is ignored.
 */
import * as v from 'valibot';
import { preference } from '../shared/preference';

interface Place {
  periods: Record<string, string>;
  tab?: string | undefined;
}

const name = v.pipe(v.string(), v.maxLength(200));
const place = preference('last-place', v.object({ periods: v.record(name, name), tab: v.optional(name) }));

function read(): Place {
  return place.read('') ?? { periods: {} };
}

function write(p: Place): void {
  // Only the 50 most recent workbooks are remembered.
  place.write('', { periods: Object.fromEntries(Object.entries(p.periods).slice(-50)), ...(p.tab ? { tab: p.tab } : {}) });
}

/** The period last viewed in this workbook, if it still has it. */
export function lastPeriod(workbookId: string, periodIds: readonly string[]): string | null {
  const id = read().periods[workbookId];
  return id && periodIds.includes(id) ? id : null;
}

export function rememberPeriod(workbookId: string, periodId: string): void {
  const p = read();
  delete p.periods[workbookId];
  p.periods[workbookId] = periodId;
  write(p);
}

/** The tab last viewed, if it is one of `tabs`. */
export function lastTab<T extends string>(tabs: readonly T[]): T | null {
  const t = read().tab;
  return t && (tabs as readonly string[]).includes(t) ? (t as T) : null;
}

export function rememberTab(tab: string): void {
  write({ ...read(), tab });
}
