/** A period as the store keeps it: its scheme record and its cells in blocks (empty cells are not stored). */
import { APP_MARK, isEmptyCell, splitCellKey, type Cell, type CellColumns, type Period, type PeriodRecord } from '../model';
import { normalizeCell, periodMeta } from '../engine/workbook/commands';
import { bucketOf, encodeBlock, encodePeriodBlocks, type CellBlockRecord } from './cellBlocks';

export function toPeriodRecord(p: Period, workbookId: string): PeriodRecord {
  return { app: APP_MARK, workbookId, id: p.id, ...periodMeta(p) };
}

/**
 * A period's cells as the blocks to store (empty cells are not stored). From `columns` (indicator →
 * cell per unit position) when given: each unit's bucket is then hashed once, not once per cell.
 */
export function cellBlocks(p: Period, workbookId: string, columns?: CellColumns): CellBlockRecord[] {
  if (columns) return blocksOfColumns(p, workbookId, columns);
  function* cells(): Generator<[string, string, Cell]> {
    for (const key in p.cells) {
      const n = normalizeCell(p.cells[key]);
      const ids = splitCellKey(key);
      if (n && ids) yield [ids[0], ids[1], n];
    }
  }
  return encodePeriodBlocks(workbookId, p.id, cells());
}

function blocksOfColumns(p: Period, workbookId: string, columns: CellColumns): CellBlockRecord[] {
  const buckets = p.units.map((u) => bucketOf(u.id));
  const out: CellBlockRecord[] = [];
  for (const ind of p.indicators) {
    const column = columns.get(ind.id);
    if (!column) continue;
    const byBucket = new Map<number, [string, Cell][]>();
    for (let i = 0; i < p.units.length; i++) {
      const c = column[i];
      if (!c || isEmptyCell(c)) continue;
      let list = byBucket.get(buckets[i]!);
      if (!list) byBucket.set(buckets[i]!, (list = []));
      list.push([p.units[i]!.id, c]);
    }
    for (const [bucket, list] of byBucket) out.push(encodeBlock(workbookId, p.id, ind.id, bucket, list));
  }
  return out;
}
