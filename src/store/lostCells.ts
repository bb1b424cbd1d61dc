/**
 * Which cells a damaged block held, in words: its period, indicator and units, with the right
 * count. A block overwritten by another page may have lost even its list of units; its key still
 * says the period, indicator and bucket, and the copy this window had in memory says which units
 * of that bucket had data (without it, the units of the bucket are named as the ones that may be
 * affected).
 */
import { cellKey, type Period } from '../model';
import { bucketOf } from './cellBlocks';

export interface LostBlock {
  /** The block's key as stored: [workbookId, periodId, indicatorId, bucket]. */
  key: unknown;
  /** The record as read (its own fields may be garbage). */
  raw: unknown;
}

export interface LostCells {
  periodId: string | null;
  indicatorId: string | null;
  /** Unit ids whose cells were lost, when known. */
  unitIds: string[];
  /** True when the units are known exactly (from memory or the block's own list). */
  exact: boolean;
}

const isId = (x: unknown): x is string => typeof x === 'string' && x.length > 0;

export function lostCells(block: LostBlock, period: Period | undefined, known: Period | undefined): LostCells {
  const k = Array.isArray(block.key) ? block.key : [];
  const r = (block.raw ?? {}) as Record<string, unknown>;
  const periodId = isId(k[1]) ? k[1] : isId(r.periodId) ? r.periodId : null;
  const indicatorId = isId(k[2]) ? k[2] : isId(r.indicatorId) ? r.indicatorId : null;
  const bucket = typeof k[3] === 'number' ? k[3] : typeof r.bucket === 'number' ? r.bucket : null;
  const inBucket = (p: Period | undefined) => (p && bucket !== null ? p.units.filter((u) => bucketOf(u.id) === bucket).map((u) => u.id) : []);
  // What this window showed before: the cells of that indicator in that bucket that held something.
  if (known && indicatorId) {
    return { periodId, indicatorId, unitIds: inBucket(known).filter((u) => known.cells[cellKey(u, indicatorId)] !== undefined), exact: true };
  }
  if (Array.isArray(r.units) && r.units.every(isId)) return { periodId, indicatorId, unitIds: [...new Set(r.units as string[])], exact: true };
  return { periodId, indicatorId, unitIds: inBucket(period), exact: false };
}

/** 「高新区、大箕铺镇 的 2 个单元格」, or the units that may be affected. */
export function lostWords(lost: LostCells, period: Period | undefined): string {
  const name = (id: string) => period?.units.find((u) => u.id === id)?.name ?? id;
  const names = lost.unitIds.slice(0, 10).map(name).join('、') + (lost.unitIds.length > 10 ? ` 等` : '');
  if (lost.exact) return lost.unitIds.length ? `${names} 的 ${lost.unitIds.length} 个单元格` : '（其中没有已填的单元格）';
  return lost.unitIds.length ? `可能涉及 ${names} 共 ${lost.unitIds.length} 个单位的单元格（记录已无法确定其中哪些有数据，请核对这些单位）` : '一块单元格';
}
