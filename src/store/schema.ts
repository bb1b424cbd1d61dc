/**
 * IndexedDB layout. All file:// pages of a browser profile share one storage origin, so the
 * database has a distinctive name and every record carries an `app` marker that is checked on read.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Cell, PeriodMeta, Workbook } from '../model';

export const DB_NAME = 'kaohe-gongzuobu-scoring-workbook';
export const DB_VERSION = 1;
export const APP_MARK = 'kaohe-gongzuobu';

export interface WorkbookRecord {
  app: typeof APP_MARK;
  id: string;
  name: string;
  schemaVersion: number;
  /** Bumped by every committed change, from any tab. */
  revision: number;
  createdAt: string;
  updatedAt: string;
  periodIds: string[];
}

export interface PeriodRecord extends PeriodMeta {
  app: typeof APP_MARK;
  id: string;
  workbookId: string;
}

export interface CellRecord extends Cell {
  periodId: string;
  unitId: string;
  indicatorId: string;
}

export interface SnapshotRecord {
  app: typeof APP_MARK;
  id: string;
  workbookId: string;
  name: string;
  createdAt: string;
  /** Made by the app (e.g. before a restore) rather than by the user. */
  auto: boolean;
  workbook: Workbook;
}

export interface KaoheDB extends DBSchema {
  workbooks: { key: string; value: WorkbookRecord };
  periods: { key: string; value: PeriodRecord; indexes: { byWorkbook: string } };
  cells: { key: [string, string, string]; value: CellRecord; indexes: { byPeriod: string } };
  snapshots: { key: string; value: SnapshotRecord; indexes: { byWorkbook: string } };
}

export type KaoheDatabase = IDBPDatabase<KaoheDB>;

/**
 * Schema migrations by database version. Version 1 is the first; later versions add a step here
 * (never edit an old one), so a profile opened by an older build upgrades in place.
 */
export function openKaoheDB(factory?: IDBFactory): Promise<KaoheDatabase> {
  const open = () =>
    openDB<KaoheDB>(DB_NAME, DB_VERSION, {
      upgrade(db, oldVersion) {
        if (oldVersion < 1) {
          db.createObjectStore('workbooks', { keyPath: 'id' });
          db.createObjectStore('periods', { keyPath: 'id' }).createIndex('byWorkbook', 'workbookId');
          db.createObjectStore('cells', { keyPath: ['periodId', 'unitId', 'indicatorId'] }).createIndex('byPeriod', 'periodId');
          db.createObjectStore('snapshots', { keyPath: 'id' }).createIndex('byWorkbook', 'workbookId');
        }
      },
      blocking(_current, _next, event) {
        // A newer build in another tab wants to upgrade: let it.
        (event.target as IDBDatabase).close();
      },
    });
  if (!factory) return open();
  // Tests pass a fake factory; idb reads the global one.
  const saved = globalThis.indexedDB;
  globalThis.indexedDB = factory;
  return open().finally(() => {
    globalThis.indexedDB = saved;
  });
}
