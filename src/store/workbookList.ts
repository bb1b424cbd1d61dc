/**
 * The stored workbooks, listed: every record validated; a damaged one whose periods are intact is
 * rebuilt from them (the original kept aside), one with nothing to rebuild from is set aside.
 */
import { APP_MARK, PeriodRecordSchema, SCHEMA_VERSION, WorkbookRecordSchema, check, comparePeriods, type WorkbookRecord } from '../model';
import type { KaoheDatabase } from './db';
import { now } from './ids';
import { moveAside, type SetAsideEntry } from './setAside';
import { readTx, writeTx } from './tx';

export interface WorkbookListItem {
  id: string;
  name: string;
  updatedAt: string;
  periodCount: number;
}

/**
 * The valid workbook records. A damaged record whose periods are intact is rebuilt from them (the
 * original kept aside); one with nothing to rebuild from is set aside. Returns what was set aside.
 */
export async function listWorkbooks(db: KaoheDatabase): Promise<{ items: WorkbookListItem[]; setAside: SetAsideEntry[] }> {
  const raw = (await readTx(db, ['workbooks'], (tx) => tx.objectStore('workbooks').getAll())) as unknown[];
  const items: WorkbookListItem[] = [];
  const aside: SetAsideEntry[] = [];
  const repaired: WorkbookRecord[] = [];
  for (const rec of raw) {
    const r = check(WorkbookRecordSchema, rec);
    if (r.ok) {
      items.push({ id: r.value.id, name: r.value.name, updatedAt: r.value.updatedAt, periodCount: r.value.periodIds.length });
      continue;
    }
    const o = (rec && typeof rec === 'object' ? rec : {}) as Record<string, unknown>;
    const id = typeof o.id === 'string' && o.id ? o.id : null;
    const name = typeof o.name === 'string' ? o.name : null;
    const what = `工作簿记录${name ? `“${name}”` : ''}${id ? `（编号 ${id}）` : ''}`;
    const periods = id ? await readTx(db, ['periods'], (tx) => tx.objectStore('periods').index('byWorkbook').getAll(id)) : [];
    const valid = periods.map((p) => check(PeriodRecordSchema, p)).flatMap((x) => (x.ok ? [x.value] : []));
    if (id && valid.length) {
      const listed = Array.isArray(o.periodIds) ? o.periodIds.filter((x): x is string => typeof x === 'string' && valid.some((p) => p.id === x)) : [];
      const rebuilt: WorkbookRecord = {
        app: APP_MARK,
        id,
        name: name ?? '已修复的工作簿',
        schemaVersion: SCHEMA_VERSION,
        revision: typeof o.revision === 'number' && Number.isInteger(o.revision) && o.revision >= 0 ? o.revision + 1 : 1,
        createdAt: typeof o.createdAt === 'string' ? o.createdAt : now(),
        updatedAt: now(),
        periodIds: listed.length ? listed : [...valid].sort(comparePeriods).map((p) => p.id),
      };
      repaired.push(rebuilt);
      aside.push({ what, reason: `${r.problems.join('；')}。已根据其中的 ${valid.length} 个考核期重建该工作簿`, records: [{ store: 'workbooks', key: id, value: rec }] });
      items.push({ id, name: rebuilt.name, updatedAt: rebuilt.updatedAt, periodCount: rebuilt.periodIds.length });
    } else {
      aside.push({ what, reason: r.problems.join('；'), records: [{ store: 'workbooks', key: id ?? (o.id as IDBValidKey), value: rec }] });
    }
  }
  if (aside.length) {
    await writeTx(db, ['workbooks', 'setAside'], async (tx) => {
      await moveAside(tx, aside);
      for (const w of repaired) await tx.objectStore('workbooks').put(w);
    });
  }
  items.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
  return { items, setAside: aside };
}

export async function readRevision(db: KaoheDatabase, workbookId: string): Promise<number | null> {
  const w = await readTx(db, ['workbooks'], (tx) => tx.objectStore('workbooks').get(workbookId));
  const r = check(WorkbookRecordSchema, w);
  return r.ok ? r.value.revision : null;
}

export async function workbookExists(db: KaoheDatabase, id: string): Promise<boolean> {
  return (await readRevision(db, id)) !== null;
}
