/**
 * Opening the IndexedDB database. All file:// pages of a browser profile share one storage
 * origin, so the database has a distinctive name, records carry an app mark, and the database's
 * version number is not trusted alone: another local page may bump it. What counts is the schema
 * level recorded in the `meta` store (migrations.ts):
 *   - lower than this build's: upgrade in one versionchange transaction;
 *   - equal: open as it is, whatever the version number;
 *   - higher (a newer build wrote it): refuse, with no write at all.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { UserError } from '../model/errors';
import type { PeriodRecord, SetAsideRecord, SnapshotRecord, WorkbookRecord } from '../model/records';
import type { CellBlockKey, CellBlockRecord } from './cellBlocks';
import { LATEST_LEVEL, levelInUpgrade, levelOf, runSteps, type UpgradeTx } from './migrations';

export const DB_NAME = 'kaohe-gongzuobu-scoring-workbook';
/**
 * A workspace of its own for when the browser's data was written by a newer build: this build
 * never touches that data, and works here instead (opening workbook files, saving them as files).
 */
export const SCRATCH_DB_NAME = 'kaohe-gongzuobu-scoring-workbook-scratch';

export interface KaoheDB extends DBSchema {
  meta: { key: string; value: unknown };
  workbooks: { key: string; value: WorkbookRecord };
  periods: { key: [string, string]; value: PeriodRecord; indexes: { byWorkbook: string } };
  /** Cells in blocks of one indicator's units (cellBlocks.ts). */
  cellBlocks: { key: CellBlockKey; value: CellBlockRecord };
  snapshots: { key: string; value: SnapshotRecord; indexes: { byWorkbook: string } };
  setAside: { key: string; value: SetAsideRecord };
}

export type KaoheDatabase = IDBPDatabase<KaoheDB>;

export class NewerDatabaseError extends UserError {}

export interface DbEvents {
  /** The connection was closed under us: another tab upgrades the database, or the browser dropped it. */
  onClosed?: (why: string) => void;
}

/** idb reads the global factory; tests pass their own. */
async function withFactory<T>(factory: IDBFactory | undefined, fn: () => Promise<T>): Promise<T> {
  if (!factory) return fn();
  const saved = globalThis.indexedDB;
  globalThis.indexedDB = factory;
  try {
    return await fn();
  } finally {
    globalThis.indexedDB = saved;
  }
}

export function openKaoheDB(factory?: IDBFactory, events: DbEvents = {}, name = DB_NAME): Promise<KaoheDatabase> {
  const callbacks = {
    blocking(_current: number, _next: number | null, event: IDBVersionChangeEvent) {
      // A newer build in another tab wants to upgrade: let it, and say why this tab stops saving.
      (event.target as IDBDatabase).close();
      events.onClosed?.('另一窗口用新版程序升级了浏览器中的数据');
    },
    terminated() {
      events.onClosed?.('浏览器意外关闭了存储连接（可能清除了浏览器数据）');
    },
  };
  return withFactory(factory, async () => {
    // Look first, without asking for a version: opening never upgrades, so nothing is written.
    const probe = (await openDB(name, undefined, callbacks)) as unknown as IDBPDatabase<unknown>;
    const level = await levelOf(probe);
    if (level > LATEST_LEVEL) {
      probe.close();
      throw new NewerDatabaseError(
        `浏览器中保存的数据由更新版本的考核工作簿写入（数据格式 ${level}，本程序只认识到 ${LATEST_LEVEL}）。为免损坏数据，本程序不会读取或修改它。请用新版的考核工作簿打开。`,
      );
    }
    if (level === LATEST_LEVEL) return probe as unknown as KaoheDatabase;
    const version = probe.version + 1;
    probe.close();
    const db = (await openDB(name, version, {
      ...callbacks,
      // The upgrade transaction stays active while it only waits on its own requests.
      upgrade(d, _old, _new, tx) {
        const udb = d as unknown as IDBPDatabase<unknown>;
        const utx = tx as unknown as UpgradeTx;
        void levelInUpgrade(udb, utx)
          .then((from) => runSteps(udb, utx, from))
          .catch(() => utx.abort()); // nothing half-migrated is ever committed
      },
    })) as unknown as KaoheDatabase;
    // Another tab may have upgraded between our look and our open: check what we got.
    const got = await levelOf(db as unknown as IDBPDatabase<unknown>);
    if (got !== LATEST_LEVEL) {
      db.close();
      throw new UserError(`无法升级浏览器中的数据（数据格式 ${got}）。请关闭本程序的其他窗口后刷新。`);
    }
    return db;
  });
}
