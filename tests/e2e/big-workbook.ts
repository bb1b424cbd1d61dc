/**
 * Puts a workbook of `units` synthetic units straight into the app's IndexedDB from the page, and
 * makes it the one the app opens. For the large-scale browser tests and the browser benchmark; no
 * test hook lives in the app itself.
 *
 * `indicators` 'sample': the sample's 16 indicators with random values; 'synthetic': the bench's
 * 20-indicator model with exactly the values of bench/synthetic.ts's syntheticPeriod(units), so a
 * test can compute the expected totals in Node.
 */
import type { Page } from 'playwright-core';
import { SAMPLE_INDICATORS } from '../../src/sample/daye-2023q1';
import { APP_MARK } from '../../src/model/records';
import { DB_NAME } from '../../src/store/db';
import { syntheticIndicators } from '../../bench/synthetic';

export const BIG_WORKBOOK_ID = 'bench-big';
export const BIG_PERIOD_ID = 'bench-big-q1';

export async function seedBigWorkbook(page: Page, units: number, indicators: 'sample' | 'synthetic' = 'sample'): Promise<void> {
  // tsx (esbuild keepNames) wraps functions in __name(); give the page a no-op one.
  await page.evaluate('globalThis.__name ??= (f) => f');
  await page.evaluate(
    async ({ units, indicators, synthetic, dbName, app, wbId, periodId }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        // The app has created and upgraded the database already: open it as it is.
        const req = indexedDB.open(dbName);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const now = new Date().toISOString();
      const unitList = Array.from({ length: units }, (_, i) => ({ id: `u${i + 1}`, name: `单位${i + 1}`, aliases: [] }));
      let tx = db.transaction(['workbooks', 'periods'], 'readwrite');
      tx.objectStore('workbooks').put({ app, id: wbId, name: `${units} 个单位（性能测试）`, schemaVersion: 1, revision: 1, createdAt: now, updatedAt: now, periodIds: [periodId] });
      tx.objectStore('periods').put({ app, id: periodId, workbookId: wbId, year: 2024, quarter: 1, asOf: '2024 年 3 月 31 日', area: '测试市', units: unitList, indicators });
      const done = (t: IDBTransaction) =>
        new Promise<void>((resolve, reject) => {
          t.oncomplete = () => resolve();
          t.onerror = () => reject(t.error);
        });
      await done(tx);
      let seed = 7;
      const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      // Batches of 2 000 units: one transaction of 800 000 puts is more than a test needs to risk.
      for (let start = 0; start < units; start += 2000) {
        tx = db.transaction(['cells'], 'readwrite');
        const cells = tx.objectStore('cells');
        for (const u of unitList.slice(start, start + 2000)) {
          for (const ind of indicators) {
            let target: number;
            let actual: number;
            if (synthetic) {
              target = Math.floor(rnd() * 1000) + 1;
              actual = Math.floor(target * (0.5 + rnd()));
            } else {
              target = Math.round(rnd() * 1000) + 1;
              actual = Math.round(target * (0.5 + rnd()) * 10) / 10;
            }
            cells.put({ workbookId: wbId, periodId, unitId: u.id, indicatorId: ind.id, state: 'value', target, actual });
          }
        }
        await done(tx);
      }
      db.close();
      localStorage.setItem('kaohe-gongzuobu:last-workbook', wbId);
    },
    {
      units,
      indicators: indicators === 'sample' ? SAMPLE_INDICATORS : syntheticIndicators(),
      synthetic: indicators === 'synthetic',
      dbName: DB_NAME,
      app: APP_MARK,
      wbId: BIG_WORKBOOK_ID,
      periodId: BIG_PERIOD_ID,
    },
  );
}
