/** A period as the store keeps it: its scheme record and its cells in blocks (empty cells are not stored). */
import { APP_MARK, splitCellKey, type Cell, type Period, type PeriodRecord } from '../model';
import { normalizeCell, periodMeta } from '../engine/workbook/commands';
import { encodePeriodBlocks, type CellBlockRecord } from './cellBlocks';

export function toPeriodRecord(p: Period, workbookId: string): PeriodRecord {
  return { app: APP_MARK, workbookId, id: p.id, ...periodMeta(p) };
}

/** A period's cells as the blocks to store (empty cells are not stored). */
export function cellBlocks(p: Period, workbookId: string): CellBlockRecord[] {
  function* cells(): Generator<[string, string, Cell]> {
    for (const key in p.cells) {
      const n = normalizeCell(p.cells[key]);
      const ids = splitCellKey(key);
      if (n && ids) yield [ids[0], ids[1], n];
    }
  }
  return encodePeriodBlocks(workbookId, p.id, cells());
}
