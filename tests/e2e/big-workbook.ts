/**
 * Puts a workbook of `units` synthetic units (the sample's 16 indicators) straight into the app's
 * IndexedDB from the page, and makes it the one the app opens. For the virtualization test and the
 * browser benchmark; no test hook lives in the app itself.
 */
import type { Page } from 'playwright-core';
import { SAMPLE_INDICATORS } from '../../src/sample/daye-2023q1';
import { APP_MARK } from '../../src/model/records';
import { DB_NAME } from '../../src/store/db';

export const BIG_WORKBOOK_ID = 'bench-big';
export const BIG_PERIOD_ID = 'bench-big-q1';

export async function seedBigWorkbook(page: Page, units: number): Promise<void> {
  // tsx (esbuild keepNames) wraps functions in __name(); give the page a no-op one.
  await page.evaluate('globalThis.__name ??= (f) => f');
  await page.evaluate(
    async ({ units, indicators, dbName, app, wbId, periodId }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        // The app has created and upgraded the database already: open it as it is.
        const req = indexedDB.open(dbName);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const tx = db.transaction(['workbooks', 'periods', 'cells'], 'readwrite');
      const now = new Date().toISOString();
      tx.objectStore('workbooks').put({ app, id: wbId, name: `${units} 个单位（性能测试）`, schemaVersion: 1, revision: 1, createdAt: now, updatedAt: now, periodIds: [periodId] });
      const unitList = Array.from({ length: units }, (_, i) => ({ id: `u${i + 1}`, name: `单位${i + 1}`, aliases: [] }));
      tx.objectStore('periods').put({ app, id: periodId, workbookId: wbId, year: 2024, quarter: 1, asOf: '2024 年 3 月 31 日', area: '测试市', units: unitList, indicators });
      let seed = 7;
      const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      const cells = tx.objectStore('cells');
      for (const u of unitList) {
        for (const ind of indicators) {
          const target = Math.round(rnd() * 1000) + 1;
          cells.put({ workbookId: wbId, periodId, unitId: u.id, indicatorId: ind.id, state: 'value', target, actual: Math.round(target * (0.5 + rnd()) * 10) / 10 });
        }
      }
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      localStorage.setItem('kaohe-gongzuobu:last-workbook', wbId);
    },
    { units, indicators: SAMPLE_INDICATORS, dbName: DB_NAME, app: APP_MARK, wbId: BIG_WORKBOOK_ID, periodId: BIG_PERIOD_ID },
  );
}
