import type { Period } from '../model';
import { extractSheet } from './layouts';
import { planImport, type ImportPlan, type Mappings } from './importPlan';
import { readSpreadsheet } from './read';

/** Read a file, recognise its sheets, and propose what importing it would change. Changes nothing. */
export function previewImport(bytes: Uint8Array, fileName: string, period: Period, mappings: Mappings = { units: {}, indicators: {} }): ImportPlan {
  const sheets = readSpreadsheet(bytes, fileName).map(extractSheet);
  return planImport(fileName, sheets, period, mappings);
}
