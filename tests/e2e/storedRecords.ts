/**
 * The app's IndexedDB read and written from the page, as another local page on the origin could
 * (the browser trust tests): a record put, a stored cell damaged, a cell's actual as stored, a dump.
 */
import type { Page } from 'playwright-core';

export const DB = 'kaohe-gongzuobu-scoring-workbook';

/** Another page gives one stored cell a state code the app never writes (its block stays sound). */
export function damageStoredCell(page: Page, workbookId: string, unitId: string, indicatorId: string): Promise<void> {
  return page.evaluate(
    ([db, wb, unit, ind]) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open(db);
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const tx = req.result.transaction('cellBlocks', 'readwrite');
          const store = tx.objectStore('cellBlocks');
          const all = store.getAll();
          all.onsuccess = () => {
            const b = (all.result as { workbookId: string; indicatorId: string; units: string[]; state: Uint8Array }[]).find((x) => x.workbookId === wb && x.indicatorId === ind && x.units.includes(unit))!;
            b.state[b.units.indexOf(unit)] = 9;
            store.put(b);
          };
          tx.oncomplete = () => (req.result.close(), resolve());
          tx.onerror = () => (req.result.close(), reject(tx.error));
        };
      }),
    [DB, workbookId, unitId, indicatorId] as const,
  );
}

/** Put a record into the app's database from the page, as another local page on the origin could. */
export function idbPut(page: Page, store: string, value: unknown): Promise<void> {
  return page.evaluate(
    ([db, name, record]) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open(db);
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const tx = req.result.transaction(name, 'readwrite');
          tx.objectStore(name).put(record);
          tx.oncomplete = () => (req.result.close(), resolve());
          tx.onerror = () => (req.result.close(), reject(tx.error));
        };
      }),
    [DB, store, value] as const,
  );
}

/** A cell's actual as IndexedDB holds it (read from its block, not through the app). */
export function storedActual(page: Page, unitId: string, indicatorId: string): Promise<number | string | null> {
  return page.evaluate(
    ([db, unit, ind]) =>
      new Promise<number | string | null>((resolve, reject) => {
        const req = indexedDB.open(db);
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const all = req.result.transaction('cellBlocks').objectStore('cellBlocks').getAll();
          all.onsuccess = () => {
            req.result.close();
            const blocks = all.result as { indicatorId: string; units: string[]; actual: Float64Array; extra: { i: number; actual?: string }[] }[];
            const b = blocks.find((x) => x.indicatorId === ind && x.units.includes(unit));
            if (!b) return resolve(null);
            const i = b.units.indexOf(unit);
            const text = b.extra.find((x) => x.i === i)?.actual;
            resolve(text ?? (Number.isNaN(b.actual[i]!) ? null : b.actual[i]!));
          };
          all.onerror = () => reject(all.error);
        };
      }),
    [DB, unitId, indicatorId] as const,
  );
}

/** The database's version and every record of every store, as text. */
export function idbDump(page: Page): Promise<string> {
  return page.evaluate(
    (db) =>
      new Promise<string>((resolve, reject) => {
        const req = indexedDB.open(db);
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const d = req.result;
          const names = Array.from(d.objectStoreNames).sort();
          const tx = d.transaction(names);
          const out: Record<string, unknown> = { version: d.version };
          for (const n of names) {
            const r = tx.objectStore(n).getAll();
            r.onsuccess = () => (out[n] = r.result);
          }
          tx.oncomplete = () => (d.close(), resolve(JSON.stringify(out)));
        };
      }),
    DB,
  );
}
