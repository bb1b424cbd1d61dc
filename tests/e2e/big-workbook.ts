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
import { BUCKETS } from '../../src/store/cellBlocks';
import { syntheticIndicators } from '../../bench/synthetic';

export const BIG_WORKBOOK_ID = 'bench-big';
export const BIG_PERIOD_ID = 'bench-big-q1';

export async function seedBigWorkbook(page: Page, units: number, indicators: 'sample' | 'synthetic' = 'sample'): Promise<void> {
  // tsx (esbuild keepNames) wraps functions in __name(); give the page a no-op one.
  await page.evaluate('globalThis.__name ??= (f) => f');
  await page.evaluate(
    async ({ units, indicators, synthetic, dbName, app, wbId, periodId, buckets }) => {
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
      // tests/support/random.ts parkMiller(7), repeated here: a page function cannot import it.
      let seed = 7;
      const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      // The same FNV-1a as src/store/cellBlocks.ts bucketOf (a page function cannot import it; a
      // mismatch would set every cell aside and fail the test loudly).
      const bucketOf = (id: string) => {
        let h = 0x811c9dc5;
        for (let i = 0; i < id.length; i++) {
          h ^= id.charCodeAt(i);
          h = Math.imul(h, 0x01000193);
        }
        return (h >>> 0) % buckets;
      };
      const targets = indicators.map(() => new Float64Array(units));
      const actuals = indicators.map(() => new Float64Array(units));
      for (let u = 0; u < units; u++) {
        for (let j = 0; j < indicators.length; j++) {
          let target: number;
          let actual: number;
          if (synthetic) {
            target = Math.floor(rnd() * 1000) + 1;
            actual = Math.floor(target * (0.5 + rnd()));
          } else {
            target = Math.round(rnd() * 1000) + 1;
            actual = Math.round(target * (0.5 + rnd()) * 10) / 10;
          }
          targets[j]![u] = target;
          actuals[j]![u] = actual;
        }
      }
      const members: number[][] = Array.from({ length: buckets }, () => []);
      unitList.forEach((u, i) => members[bucketOf(u.id)]!.push(i));
      tx = db.transaction(['cellBlocks'], 'readwrite');
      const store = tx.objectStore('cellBlocks');
      indicators.forEach((ind, j) => {
        members.forEach((list, bucket) => {
          if (!list.length) return;
          store.put({
            app,
            workbookId: wbId,
            periodId,
            indicatorId: ind.id,
            bucket,
            units: list.map((i) => unitList[i]!.id),
            state: new Uint8Array(list.length).fill(1),
            target: Float64Array.from(list, (i) => targets[j]![i]!),
            actual: Float64Array.from(list, (i) => actuals[j]![i]!),
            extra: [],
          });
        });
      });
      await done(tx);
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
      buckets: BUCKETS,
    },
  );
}
