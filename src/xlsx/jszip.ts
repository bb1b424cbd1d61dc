/**
 * JSZip, the very file exceljs and docx embed (jszip/dist/jszip.min.js): imported by that path so
 * the build keeps one copy for all three (scripts/sharedJSZip.mjs). Loaded on first use.
 */
import type JSZipType from 'jszip';

let loading: Promise<typeof JSZipType> | null = null;

export function loadJSZip(): Promise<typeof JSZipType> {
  loading ??= import('jszip/dist/jszip.min.js').then((m) => ((m as { default?: typeof JSZipType }).default ?? (m as unknown as typeof JSZipType)));
  return loading;
}
