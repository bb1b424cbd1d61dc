/**
 * Where the user was — the period viewed in each workbook, and the tab — so the app reopens there.
 * A preference in localStorage (losing it loses nothing): read back, only ids the caller still
 * knows are used, and anything malformed is ignored.
 */
const KEY = 'kaohe-gongzuobu:last-place';

interface Place {
  periods: Record<string, string>;
  tab?: string;
}

function read(): Place {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const periods: Record<string, string> = {};
    if (o.periods && typeof o.periods === 'object') {
      for (const [k, v] of Object.entries(o.periods as Record<string, unknown>)) if (typeof v === 'string' && k.length < 200 && v.length < 200) periods[k] = v;
    }
    return { periods, tab: typeof o.tab === 'string' ? o.tab : undefined };
  } catch {
    return { periods: {} };
  }
}

function write(p: Place): void {
  try {
    // Only the 50 most recent workbooks are remembered.
    const entries = Object.entries(p.periods).slice(-50);
    localStorage.setItem(KEY, JSON.stringify({ periods: Object.fromEntries(entries), tab: p.tab }));
  } catch {
    /* storage full or blocked: a preference only */
  }
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
