/**
 * The database's schema levels and the steps between them. A step is never edited once shipped;
 * a new level adds a step. Steps run inside the upgrade transaction, so a failed step leaves the
 * database exactly as it was.
 *
 *   level 1 (first build): workbooks, periods keyed by id, cells keyed [periodId, unitId, indicatorId],
 *           snapshots. Two workbooks could share a period record (a copy kept its period ids).
 *   level 2: periods keyed [workbookId, id] and cells [workbookId, periodId, unitId, indicatorId]:
 *           every workbook owns its records. A `meta` store holds the level; `setAside` holds records
 *           that failed validation. Migrating gives each workbook its own copy of what it listed.
 *   level 3: cells stored in blocks (cellBlocks.ts) in `cellBlocks`, keyed [workbookId, periodId,
 *           indicatorId, bucket]; `cells` is gone. Every cell record that reads is moved into its
 *           block; one that does not is set aside, with the reason.
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { APP_MARK, CellRecordSchema } from '../model/records';
import { check, type Cell } from '../model';
import { normalizeCell } from '../engine/workbook/commands';
import { encodePeriodBlocks } from './cellBlocks';
import { readCellRecordFast } from './fastCell';
import { now } from './ids';

export type UpgradeTx = IDBPTransaction<unknown, string[], 'versionchange'>;
type Step = (db: IDBPDatabase<unknown>, tx: UpgradeTx) => Promise<void>;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function createV1(db: IDBPDatabase<unknown>): void {
  db.createObjectStore('workbooks', { keyPath: 'id' });
  db.createObjectStore('periods', { keyPath: 'id' }).createIndex('byWorkbook', 'workbookId');
  db.createObjectStore('cells', { keyPath: ['periodId', 'unitId', 'indicatorId'] }).createIndex('byPeriod', 'periodId');
  db.createObjectStore('snapshots', { keyPath: 'id' }).createIndex('byWorkbook', 'workbookId');
}

async function v1ToV2(db: IDBPDatabase<unknown>, tx: UpgradeTx): Promise<void> {
  const workbooks = (await tx.objectStore('workbooks').getAll()) as unknown[];
  const periods = (await tx.objectStore('periods').getAll()) as unknown[];
  const cells = (await tx.objectStore('cells').getAll()) as unknown[];
  db.deleteObjectStore('periods');
  db.deleteObjectStore('cells');
  db.createObjectStore('periods', { keyPath: ['workbookId', 'id'] }).createIndex('byWorkbook', 'workbookId');
  db.createObjectStore('cells', { keyPath: ['workbookId', 'periodId', 'unitId', 'indicatorId'] });
  db.createObjectStore('meta');
  db.createObjectStore('setAside', { keyPath: 'id' });

  const periodById = new Map<string, Record<string, unknown>>();
  for (const p of periods) if (isObj(p) && typeof p.id === 'string') periodById.set(p.id, p);
  const cellsByPeriod = new Map<string, Record<string, unknown>[]>();
  const strayCells: unknown[] = [];
  for (const c of cells) {
    if (isObj(c) && typeof c.periodId === 'string') {
      const list = cellsByPeriod.get(c.periodId) ?? [];
      list.push(c);
      cellsByPeriod.set(c.periodId, list);
    } else strayCells.push(c);
  }

  const claimed = new Set<string>();
  const periodStore = tx.objectStore('periods');
  const cellStore = tx.objectStore('cells');
  for (const w of workbooks) {
    if (!isObj(w) || typeof w.id !== 'string') continue; // set aside when the workbooks are next read
    const listed = Array.isArray(w.periodIds) ? w.periodIds.filter((x): x is string => typeof x === 'string') : [...periodById.values()].filter((p) => p.workbookId === w.id).map((p) => p.id as string);
    for (const pid of listed) {
      const p = periodById.get(pid);
      if (!p) continue;
      claimed.add(pid);
      // A period two workbooks listed (a level-1 copy) becomes two independent periods.
      await periodStore.put({ ...p, workbookId: w.id });
      for (const c of cellsByPeriod.get(pid) ?? []) await cellStore.put({ ...c, workbookId: w.id });
    }
  }
  // Periods no workbook lists, and cells of no period: kept aside, not dropped.
  const aside = tx.objectStore('setAside');
  for (const [pid, p] of periodById) {
    if (claimed.has(pid)) continue;
    const own = cellsByPeriod.get(pid) ?? [];
    await aside.put({
      app: APP_MARK,
      id: `aside-${pid}`,
      at: now(),
      what: `考核期记录“${pid}”及其 ${own.length} 个单元格`,
      reason: '升级存储格式时发现它不属于任何工作簿',
      records: [{ store: 'periods', value: p }, ...own.map((value) => ({ store: 'cells', value }))],
    });
  }
  for (const [pid, list] of cellsByPeriod) {
    if (periodById.has(pid)) continue;
    await aside.put({ app: APP_MARK, id: `aside-cells-${pid}`, at: now(), what: `考核期“${pid}”的 ${list.length} 个单元格`, reason: '升级存储格式时找不到它们所属的考核期', records: list.map((value) => ({ store: 'cells', value })) });
  }
  if (strayCells.length) await aside.put({ app: APP_MARK, id: 'aside-stray-cells', at: now(), what: `${strayCells.length} 个无法识别的单元格记录`, reason: '升级存储格式时无法读取', records: strayCells.map((value) => ({ store: 'cells', value })) });
}

async function v2ToV3(db: IDBPDatabase<unknown>, tx: UpgradeTx): Promise<void> {
  const raws = (await tx.objectStore('cells').getAll()) as unknown[];
  db.deleteObjectStore('cells');
  db.createObjectStore('cellBlocks', { keyPath: ['workbookId', 'periodId', 'indicatorId', 'bucket'] });
  /** workbook → period → its cells. */
  const byPeriod = new Map<string, [string, string, [string, string, Cell][]]>();
  const unreadable: { value: unknown; reason: string }[] = [];
  for (const raw of raws) {
    let rec = readCellRecordFast(raw);
    if (!rec) {
      const c = check(CellRecordSchema, raw);
      if (!c.ok) {
        unreadable.push({ value: raw, reason: c.problems.join('；') });
        continue;
      }
      const { workbookId, periodId, unitId, indicatorId, ...cell } = c.value;
      rec = { workbookId, periodId, unitId, indicatorId, cell: normalizeCell(cell) };
    }
    if (!rec.cell) continue;
    const k = JSON.stringify([rec.workbookId, rec.periodId]);
    let entry = byPeriod.get(k);
    if (!entry) byPeriod.set(k, (entry = [rec.workbookId, rec.periodId, []]));
    entry[2].push([rec.unitId, rec.indicatorId, rec.cell]);
  }
  const store = tx.objectStore('cellBlocks');
  for (const [workbookId, periodId, cells] of byPeriod.values()) {
    for (const block of encodePeriodBlocks(workbookId, periodId, cells)) await store.put(block);
  }
  if (unreadable.length) {
    await tx.objectStore('setAside').put({
      app: APP_MARK,
      id: `aside-upgrade-3-${crypto.randomUUID()}`,
      at: now(),
      what: `${unreadable.length} 个无法读取的单元格记录`,
      reason: `升级存储格式时无法读取：${[...new Set(unreadable.map((u) => u.reason))].slice(0, 3).join('；')}`,
      records: unreadable.map(({ value }) => ({ store: 'cells', value: JSON.parse(JSON.stringify(value ?? null, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x))) as unknown })),
    });
  }
}

/** steps[n] takes the database from level n to level n + 1. */
export const STEPS: Step[] = [async (db) => createV1(db), v1ToV2, v2ToV3];

export const LATEST_LEVEL = STEPS.length;

/** The level of a database, from its stores (level 1 had no meta store). */
export async function levelOf(db: IDBPDatabase<unknown>): Promise<number> {
  const names = db.objectStoreNames;
  if (names.contains('meta')) {
    const level = await db.get('meta', 'schema');
    if (typeof level === 'number') return level;
  }
  if (!names.contains('workbooks')) return 0;
  if (names.contains('cellBlocks')) return 3;
  // A level-1 database: periods keyed by their id alone.
  const tx = db.transaction('periods', 'readonly');
  const keyPath = tx.store.keyPath;
  await tx.done;
  return keyPath === 'id' ? 1 : 2;
}

export async function runSteps(db: IDBPDatabase<unknown>, tx: UpgradeTx, from: number): Promise<void> {
  for (let level = from; level < LATEST_LEVEL; level++) await STEPS[level]!(db, tx);
  await tx.objectStore('meta').put(LATEST_LEVEL, 'schema');
}

/** The level of a database inside its upgrade transaction (levelOf needs a normal one). */
export async function levelInUpgrade(db: IDBPDatabase<unknown>, tx: UpgradeTx): Promise<number> {
  const names = db.objectStoreNames;
  if (names.contains('meta')) {
    const level = await tx.objectStore('meta').get('schema');
    if (typeof level === 'number') return level;
  }
  if (!names.contains('workbooks')) return 0;
  if (names.contains('cellBlocks')) return 3;
  return tx.objectStore('periods').keyPath === 'id' ? 1 : 2;
}
