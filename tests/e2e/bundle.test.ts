/**
 * The single file's weight (issue 28, item 6), read from the built dist/index.html: no library in
 * it twice — one JSZip (exceljs, docx and the template zip share it), no second zip library, none of
 * exceljs's polyfills for browsers older than Chrome 109.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIST_FILE } from './browser';
import { joinedWorker, WORKER_TYPE } from '../../scripts/workerChunks.mjs';
import { inlineScripts } from '../../scripts/cspHashes.mjs';

describe('dist/index.html', () => {
  const html = readFileSync(DIST_FILE, 'utf8');
  const count = (s: string) => html.split(s).length - 1;

  it('holds one JSZip, no fflate, no regenerator runtime', () => {
    expect(count('The constructor with parameters has been removed in JSZip 3.0')).toBe(1);
    expect(count('date not in range 1980-2099')).toBe(0);
    expect(count('regeneratorRuntime')).toBe(0);
  });

  it("carries the worker's source as plain-text chunks the parser reads one at a time, none a script of its own", () => {
    const chunks = count(`<script type="${WORKER_TYPE}">`);
    expect(chunks).toBeGreaterThanOrEqual(4);
    const worker = joinedWorker(html);
    expect(worker.length).toBeGreaterThan(1_000_000);
    expect(worker).toContain("self.name===`kaohe-reader`");
    // The largest script the parser must read whole, and the page's CSP hashes only what runs.
    expect(Math.max(...inlineScripts(html).map((s) => s.length))).toBeLessThan(600_000);
    expect(html).not.toContain('revokeObjectURL(self.location.href);`,\'');
    // The Blob is made by a small classic script of its own before the module runs, not in the module.
    const scripts = inlineScripts(html);
    expect(scripts.filter((s) => s.length < 2000 && s.includes("Symbol.for('kaohe.worker')]={text:t,blob:new Blob("))).toHaveLength(1);
    expect(scripts.some((s) => s.includes('new Blob([`(self.URL || self.webkitURL).revokeObjectURL'))).toBe(false);
  });
});
