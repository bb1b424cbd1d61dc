/**
 * The single file's weight (issue 28, item 6), read from the built dist/index.html: no library in
 * it twice — one JSZip (exceljs, docx and the template zip share it), no second zip library, none of
 * exceljs's polyfills for browsers older than Chrome 109.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIST_FILE } from './browser';

describe('dist/index.html', () => {
  const html = readFileSync(DIST_FILE, 'utf8');
  const count = (s: string) => html.split(s).length - 1;

  it('holds one JSZip, no fflate, no regenerator runtime', () => {
    expect(count('The constructor with parameters has been removed in JSZip 3.0')).toBe(1);
    expect(count('date not in range 1980-2099')).toBe(0);
    expect(count('regeneratorRuntime')).toBe(0);
  });
});
