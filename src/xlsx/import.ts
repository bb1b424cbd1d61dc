import type { Period } from '../model';
import { extractTables, type SheetFacts } from './layouts';
import { planImport, type ImportPlan, type Mappings } from './importPlan';
import { readSpreadsheet, type ReadProgress } from './read';

/** Read a file and find every table in it (stacked tables each with its own header). Changes nothing. */
export async function readImportFile(bytes: Uint8Array, fileName: string, onProgress?: ReadProgress): Promise<SheetFacts[]> {
  const grids = await readSpreadsheet(bytes, fileName, onProgress);
  const out: SheetFacts[] = [];
  grids.forEach((g, i) => {
    onProgress?.(`正在识别工作表 ${i + 1}/${grids.length}：${g.name}…`);
    out.push(...extractTables(g));
  });
  return out;
}

/** Read a file, recognise its tables, and propose what importing it would change. Changes nothing. */
export async function previewImport(bytes: Uint8Array, fileName: string, period: Period, mappings: Mappings = { units: {}, indicators: {} }, previous?: Period | null): Promise<ImportPlan> {
  return planImport(fileName, await readImportFile(bytes, fileName), period, mappings, previous ?? null);
}
