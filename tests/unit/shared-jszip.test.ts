/**
 * One JSZip in the single file (issue 28, item 6): the build cuts the copies embedded in exceljs's
 * and docx's browser builds and points both at the npm jszip. Run on the very files in
 * node_modules, so an upgrade that moves the markers fails here, not in a user's export.
 */
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import * as XLSX from '@e965/xlsx';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { docxWithSharedZip, exceljsWithSharedZip } from '../../scripts/sharedJSZip.mjs';

const require = createRequire(import.meta.url);
const read = (id: string) => readFileSync(require.resolve(id), 'utf8');
/** docx's exports map hides dist/: its ESM entry is the file. */
const docxEntry = () => readFileSync(require.resolve('docx').replace(/index\.cjs$/, 'index.mjs'), 'utf8');
/** A sentence only JSZip's own code holds (its 3.0 upgrade errors). */
const JSZIP_CODE = /The constructor with parameters has been removed in JSZip 3\.0/g;

describe('the embedded JSZip copies are cut', () => {
  it('exceljs (bare build): its JSZip module becomes the shared one, the rest of the bundle untouched', () => {
    const before = read('exceljs/dist/exceljs.bare.js');
    expect(before.match(JSZIP_CODE)).toHaveLength(1);
    const after = exceljsWithSharedZip(before);
    expect(after.match(JSZIP_CODE)).toBeNull();
    expect(after.startsWith('var __kaoheSharedJSZip = require("jszip/dist/jszip.min.js");\n')).toBe(true);
    expect(after).toContain('module.exports = ExcelZip;\n\n},{"_process"');
    // Only the one module went: about 100 kB of 1.7 MB.
    expect(before.length - after.length).toBeGreaterThan(90_000);
    expect(before.length - after.length).toBeLessThan(200_000);
    expect(after).toContain("const JSZip = require('jszip');");
  });

  it('docx: the inlined jszip_min block becomes an import of the shared one', () => {
    const before = docxEntry();
    expect(before.match(JSZIP_CODE)).toHaveLength(1);
    const after = docxWithSharedZip(before);
    expect(after.match(JSZIP_CODE)).toBeNull();
    expect(after.startsWith('import __kaoheSharedJSZip from "jszip/dist/jszip.min.js";\n')).toBe(true);
    expect(after).toContain('var jszip_minExports = __kaoheSharedJSZip;\nconst JSZip = /* @__PURE__ */ getDefaultExportFromCjs$1(jszip_minExports);');
  });

  it('a library whose layout moved fails the build, naming the script', () => {
    expect(() => docxWithSharedZip('export const x = 1;')).toThrow('sharedJSZip: no inlined jszip_min block in docx');
    expect(() => exceljsWithSharedZip('module.exports = {};')).toThrow('sharedJSZip: no JSZip banner in exceljs');
  });
});

describe('exceljs on the shared JSZip, where there is no Node Buffer (a worker)', () => {
  it('writes an .xlsx that reads back, and reads one back itself', async () => {
    // A context of its own, as a worker is: no Buffer, no process; both bundles evaluated in it.
    const context = vm.createContext({ TextEncoder, TextDecoder, setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask, console, Promise, Uint8Array, ArrayBuffer, DataView });
    vm.runInContext('globalThis.self = globalThis', context);
    const load = (code: string, require: (id: string) => unknown) => {
      const module = { exports: {} as unknown };
      vm.runInContext(`(function (module, exports, require) {\n${code}\n})`, context)(module, module.exports, require);
      return module.exports;
    };
    expect(vm.runInContext('typeof Buffer', context)).toBe('undefined');
    const jszip = load(read('jszip/dist/jszip.min.js'), () => undefined);
    const ExcelJS = load(exceljsWithSharedZip(read('exceljs/dist/exceljs.bare.js')), (id) => {
      if (id === 'jszip/dist/jszip.min.js') return jszip;
      throw new Error(`unexpected require ${id}`);
    }) as typeof import('exceljs');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('附件6').getCell('B3').value = '高新区';
    wb.getWorksheet('附件6')!.getCell('C3').value = 85.06;
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const back = XLSX.read(bytes);
    expect([back.Sheets['附件6']!['B3']?.v, back.Sheets['附件6']!['C3']?.v]).toEqual(['高新区', 85.06]);
    const again = new ExcelJS.Workbook();
    await again.xlsx.load(bytes as never);
    expect(again.getWorksheet('附件6')!.getCell('C3').value).toBe(85.06);
  });
});
