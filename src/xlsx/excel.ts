/**
 * exceljs, loaded on first use (an export or a workbook file saved): the worker starts without
 * running it, so the first screen comes sooner. The file stays one HTML file: the bundler keeps
 * the module inside the worker script, wrapped so it runs only when first imported.
 */
import type ExcelJS from 'exceljs';

let loading: Promise<typeof ExcelJS> | null = null;

export function loadExcelJS(): Promise<typeof ExcelJS> {
  loading ??= import('exceljs').then((m) => ((m as { default?: typeof ExcelJS }).default ?? (m as unknown as typeof ExcelJS)));
  return loading;
}
