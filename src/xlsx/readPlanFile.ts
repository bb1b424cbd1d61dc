/**
 * A year plan in a spreadsheet (附件1's layout, or the ledger's own export) as rows of text for
 * engine/plan/readPlanTable.ts: every visible sheet, each row named by its sheet and row; a merged
 * cell's copies dropped (the title merged across the table is one cell, not eight).
 */
import type { PlanRow } from '../engine/plan/readPlanTable';
import { readSpreadsheet } from './read';

export async function readPlanFile(bytes: Uint8Array, fileName: string): Promise<PlanRow[]> {
  const sheets = await readSpreadsheet(bytes, fileName);
  return sheets
    .filter((s) => !s.hidden)
    .flatMap((s) =>
      s.rows.map((row, r) => ({
        where: `工作表“${s.name}”第 ${r + 1} 行`,
        // A number keeps the text Excel shows (3.4% stays "3.4%"): the plan reads units from it.
        cells: row.map((c) => (c.mergedCopy ? '' : c.text)),
      })),
    );
}
