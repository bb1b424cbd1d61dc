import type { Period } from '../model';
import { extractTables, type SheetFacts } from '../engine/import/layouts';
import { planImport, type ImportPlan, type Mappings } from '../engine/import/importPlan';
import { readSpreadsheet, type FileProps, type ReadProgress } from './read';
import { readMark, type FileMark } from './fileMarks';

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

/** A returned file: its tables, what its properties say it is, and whether it holds a workbook file's model. */
export interface ReturnFileRead {
  facts: SheetFacts[];
  mark: FileMark | null;
  /** The file is a workbook file saved by this app (its hidden _model sheet). */
  workbookFile: boolean;
}

export async function readReturnFile(bytes: Uint8Array, fileName: string): Promise<ReturnFileRead> {
  let props: FileProps = { keywords: '' };
  const grids = await readSpreadsheet(bytes, fileName, undefined, (p) => (props = p));
  return { facts: grids.flatMap((g) => extractTables(g)), mark: readMark(props.keywords), workbookFile: grids.some((g) => g.name === '_model') };
}

/** Read a file, recognise its tables, and propose what importing it would change. Changes nothing. */
export async function previewImport(bytes: Uint8Array, fileName: string, period: Period, mappings: Mappings = { units: {}, indicators: {} }, previous?: Period | null): Promise<ImportPlan> {
  return planImport(fileName, await readImportFile(bytes, fileName), period, mappings, previous ?? null);
}
