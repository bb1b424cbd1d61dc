/**
 * How cells are stored (schema level 3): one record per period × indicator × bucket of units, the
 * values in typed arrays. A province period is 800 000 cells; as one record each, IndexedDB took
 * 8.3 s to hand them back in Chromium. As 64 blocks per indicator it is about 1 300 records, and
 * an edit rewrites one block of about 1/64 of the units (one cell at county scale).
 *
 * A unit's bucket is a hash of its id, so a writer finds the block of any cell without reading
 * anything else, whatever order the units are in or come to be in.
 *
 * Everything read back is checked: a block whose shape is wrong is set aside whole; a cell that
 * is wrong inside a sound block (a state code, an infinite number, a unit in the wrong bucket, a
 * second entry for one unit) is set aside alone.
 */
import { APP_MARK, isRawValue, type Cell, type CellState } from '../model';

export const BUCKETS = 64;

/** FNV-1a over the id's UTF-16 code units, to a bucket. Part of the stored format: never change it. */
export function bucketOf(unitId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < unitId.length; i++) {
    h ^= unitId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % BUCKETS;
}

const STATE_CODES: readonly CellState[] = ['missing', 'value', 'na', 'pending'];
const CODE_OF: Record<CellState, number> = { missing: 0, value: 1, na: 2, pending: 3 };

/** What a typed array cannot hold: text values, manual points and remarks, by position. */
export interface CellBlockExtra {
  i: number;
  target?: string;
  actual?: string;
  manualScore?: number | string;
  remark?: string;
}

export interface CellBlockRecord {
  app: typeof APP_MARK;
  workbookId: string;
  periodId: string;
  indicatorId: string;
  bucket: number;
  units: string[];
  state: Uint8Array;
  /** NaN where there is no number (empty, or text kept in `extra`). */
  target: Float64Array;
  actual: Float64Array;
  extra: CellBlockExtra[];
}

export type CellBlockKey = [string, string, string, number];

export const blockKey = (workbookId: string, periodId: string, indicatorId: string, bucket: number): CellBlockKey => [workbookId, periodId, indicatorId, bucket];

/** One block from its cells (already normalised: no empty cells). */
export function encodeBlock(workbookId: string, periodId: string, indicatorId: string, bucket: number, cells: readonly (readonly [string, Cell])[]): CellBlockRecord {
  const n = cells.length;
  const rec: CellBlockRecord = {
    app: APP_MARK,
    workbookId,
    periodId,
    indicatorId,
    bucket,
    units: new Array<string>(n),
    state: new Uint8Array(n),
    target: new Float64Array(n),
    actual: new Float64Array(n),
    extra: [],
  };
  for (let i = 0; i < n; i++) {
    const [unitId, c] = cells[i]!;
    rec.units[i] = unitId;
    rec.state[i] = CODE_OF[c.state];
    rec.target[i] = typeof c.target === 'number' ? c.target : NaN;
    rec.actual[i] = typeof c.actual === 'number' ? c.actual : NaN;
    if (typeof c.target === 'string' || typeof c.actual === 'string' || (c.manualScore !== undefined && c.manualScore !== null) || c.remark) {
      const x: CellBlockExtra = { i };
      if (typeof c.target === 'string') x.target = c.target;
      if (typeof c.actual === 'string') x.actual = c.actual;
      if (c.manualScore !== undefined && c.manualScore !== null) x.manualScore = c.manualScore;
      if (c.remark) x.remark = c.remark;
      rec.extra.push(x);
    }
  }
  return rec;
}

/** A period's cells as blocks: indicator → bucket → cells. Empty cells are not stored. */
export function groupIntoBlocks(cells: Iterable<readonly [unitId: string, indicatorId: string, cell: Cell]>): Map<string, Map<number, [string, Cell][]>> {
  const out = new Map<string, Map<number, [string, Cell][]>>();
  for (const [unitId, indicatorId, cell] of cells) {
    let byBucket = out.get(indicatorId);
    if (!byBucket) out.set(indicatorId, (byBucket = new Map()));
    const b = bucketOf(unitId);
    let list = byBucket.get(b);
    if (!list) byBucket.set(b, (list = []));
    list.push([unitId, cell]);
  }
  return out;
}

export function encodePeriodBlocks(workbookId: string, periodId: string, cells: Iterable<readonly [string, string, Cell]>): CellBlockRecord[] {
  const out: CellBlockRecord[] = [];
  for (const [indicatorId, byBucket] of groupIntoBlocks(cells)) {
    for (const [bucket, list] of byBucket) out.push(encodeBlock(workbookId, periodId, indicatorId, bucket, list));
  }
  return out;
}

export interface BadBlockCell {
  unitId: string | null;
  /** The cell as far as it could be read, for the set-aside record. */
  value: unknown;
  reason: string;
}

export type DecodedBlock =
  /** `unitIds[k]` holds `cells[k]` (two lists: 800 000 pairs of a province were garbage made at every open). */
  | { ok: true; workbookId: string; periodId: string; indicatorId: string; bucket: number; unitIds: string[]; cells: Cell[]; bad: BadBlockCell[] }
  | { ok: false; problems: string[] };

/**
 * Unit lists already checked (ids, bucket, no repeats), by bucket: every indicator's block of a
 * bucket normally lists the same units in the same order, so the next one compares the ids instead
 * of checking each again (a hash and a set insertion per cell, 800 000 at province scale).
 */
export type CheckedUnitLists = Map<number, readonly unknown[]>;

function sameList(a: readonly unknown[] | undefined, b: readonly unknown[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const isId = (x: unknown): x is string => typeof x === 'string' && x.length > 0;

/** A stored value: a number, else its text in `extra`, else empty; undefined when it is neither (a number and a text, an infinite number). */
function valueOf(num: number, text: unknown): number | string | null | undefined {
  if (text !== undefined) return num !== num && typeof text === 'string' ? text : undefined;
  if (num !== num) return null;
  return Number.isFinite(num) ? num : undefined;
}

/** A block read back, checked. Never throws; problems are in Chinese. `checked` carries unit lists that passed between the blocks of one read. */
export function decodeBlock(raw: unknown, checked?: CheckedUnitLists): DecodedBlock {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problems: ['不是单元格块记录'] };
  const r = raw as Record<string, unknown>;
  const problems: string[] = [];
  if (r.app !== APP_MARK) problems.push('缺少本程序的标记');
  if (!isId(r.workbookId) || !isId(r.periodId) || !isId(r.indicatorId)) problems.push('工作簿、考核期或指标编号缺失');
  const bucket = r.bucket;
  if (typeof bucket !== 'number' || !Number.isInteger(bucket) || bucket < 0 || bucket >= BUCKETS) problems.push('分块号不正确');
  const units = r.units;
  if (!Array.isArray(units)) problems.push('缺少单位列表');
  const n = Array.isArray(units) ? units.length : -1;
  if (!(r.state instanceof Uint8Array) || r.state.length !== n) problems.push('状态列缺失或长度不符');
  if (!(r.target instanceof Float64Array) || r.target.length !== n) problems.push('目标任务数列缺失或长度不符');
  if (!(r.actual instanceof Float64Array) || r.actual.length !== n) problems.push('完成任务数列缺失或长度不符');
  if (!Array.isArray(r.extra)) problems.push('缺少附加值列表');
  if (problems.length) return { ok: false, problems };
  const rec = r as unknown as CellBlockRecord;
  const extras = new Map<number, Record<string, unknown>>();
  const badExtras: unknown[] = [];
  for (const x of rec.extra as unknown[]) {
    const i = (x as { i?: unknown })?.i;
    if (typeof x === 'object' && x !== null && typeof i === 'number' && Number.isInteger(i) && i >= 0 && i < n && !extras.has(i)) extras.set(i, x as Record<string, unknown>);
    else badExtras.push(x);
  }
  const unitIds: string[] = [];
  const cells: Cell[] = [];
  const bad: BadBlockCell[] = badExtras.map((value) => ({ unitId: null, value, reason: '附加值的位置不正确' }));
  const seen = new Set<string>();
  const trusted = sameList(checked?.get(rec.bucket), units as unknown[]);
  let unitProblems = 0;
  const why = (i: number, reason: string) => {
    const unitId = (units as unknown[])[i];
    const x = extras.get(i);
    const code = rec.state[i]!;
    bad.push({ unitId: isId(unitId) ? unitId : null, value: { unitId, state: STATE_CODES[code] ?? code, target: x?.target ?? rec.target[i], actual: x?.actual ?? rec.actual[i], manualScore: x?.manualScore, remark: x?.remark }, reason });
  };
  // The hot loop of opening a province: no closures or objects but the cell itself per entry.
  for (let i = 0; i < n; i++) {
    const unitId = (units as unknown[])[i] as string;
    if (!trusted) {
      if (!isId(unitId)) {
        unitProblems++;
        why(i, '单位编号缺失');
        continue;
      }
      if (bucketOf(unitId) !== rec.bucket) {
        unitProblems++;
        why(i, `单位“${unitId}”不应在该分块中`);
        continue;
      }
      if (seen.has(unitId)) {
        unitProblems++;
        why(i, `单位“${unitId}”的单元格重复`);
        continue;
      }
      seen.add(unitId);
    }
    const state = STATE_CODES[rec.state[i]!];
    if (!state) {
      why(i, `状态代码 ${rec.state[i]} 无法识别`);
      continue;
    }
    const x = extras.size ? extras.get(i) : undefined;
    const target = valueOf(rec.target[i]!, x?.target);
    const actual = valueOf(rec.actual[i]!, x?.actual);
    if (target === undefined || actual === undefined) {
      why(i, '目标任务数或完成任务数不是有效的数或文字');
      continue;
    }
    const cell: Cell = { state, target, actual };
    if (x) {
      if (x.manualScore !== undefined && x.manualScore !== null) {
        if (!isRawValue(x.manualScore)) {
          why(i, '手工得分不是有效的数或文字');
          continue;
        }
        cell.manualScore = x.manualScore;
      }
      if (x.remark !== undefined) {
        if (typeof x.remark !== 'string') {
          why(i, '备注不是文字');
          continue;
        }
        if (x.remark) cell.remark = x.remark;
      }
    }
    if (state === 'missing' && target === null && actual === null && !cell.remark && cell.manualScore === undefined) continue;
    unitIds.push(unitId);
    cells.push(cell);
  }
  if (checked && !trusted && unitProblems === 0) checked.set(rec.bucket, units as unknown[]);
  return { ok: true, workbookId: rec.workbookId, periodId: rec.periodId, indicatorId: rec.indicatorId, bucket: rec.bucket, unitIds, cells, bad };
}

/** The key a record claims, as far as it can be read (to delete it when it is set aside). */
export function blockKeyOf(raw: unknown): IDBValidKey {
  const o = (raw ?? {}) as Record<string, unknown>;
  return [o.workbookId, o.periodId, o.indicatorId, o.bucket] as IDBValidKey;
}

/** A block as JSON can hold it (typed arrays as lists), for a set-aside record the user can export. */
export function blockAsPlain(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  return Object.fromEntries(Object.entries(raw as Record<string, unknown>).map(([k, v]) => [k, ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : v]));
}
