/**
 * A stored period's scheme (units, indicators, scenarios) without its cells, validated: what the
 * worker's gate needs to judge a change to a workbook that is not the open one (a closed tab's
 * journal entry for another workbook).
 */
import { PeriodRecordSchema, check, type PeriodRecord } from '../model';
import type { KaoheDatabase } from './db';
import { readTx } from './tx';

export async function readPeriodScheme(db: KaoheDatabase, workbookId: string, periodId: string): Promise<PeriodRecord | null> {
  const raw = await readTx(db, ['periods'], (tx) => tx.objectStore('periods').get([workbookId, periodId]));
  const r = check(PeriodRecordSchema, raw);
  return r.ok ? r.value : null;
}
