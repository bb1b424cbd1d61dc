/**
 * One JSZip in the single file. exceljs's browser build (a browserify bundle) and docx's build (a
 * rollup bundle) each carry a copy of jszip/dist/jszip.min.js inside them; neither publishes a
 * build that imports it. At build time both embedded copies are cut out and pointed at the one
 * npm `jszip` — the same file they embed (3.10.x). exceljs is taken in its "bare" build (without
 * the core-js and regenerator polyfills, which Chrome 109 does not need).
 *
 * Each cut is located by markers; if an upgrade of either library moves them, the build fails
 * here instead of shipping two copies or a broken one.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const EXCELJS_BARE = require.resolve('exceljs/dist/exceljs.bare.js');
const JSZIP = 'jszip/dist/jszip.min.js';

function fail(what) {
  throw new Error(`sharedJSZip: ${what} — the layout of the library changed; check scripts/sharedJSZip.mjs`);
}

/** exceljs: the browserify module that is JSZip becomes `module.exports = <the npm jszip>`. */
export function exceljsWithSharedZip(code) {
  const banner = code.indexOf('JSZip v3.10');
  if (banner < 0) fail('no JSZip banner in exceljs');
  const head = /\n\},\{[^\n]*\}\],(\d+):\[function\(require,module,exports\)\{\n/g;
  let start = -1;
  let m;
  while ((m = head.exec(code)) && m.index < banner) start = m.index + m[0].length;
  if (start < 0) fail('no module head before the JSZip banner in exceljs');
  head.lastIndex = banner;
  const next = head.exec(code);
  if (!next) fail('no module after JSZip in exceljs');
  const end = next.index; // "\n},{deps}],N:[function…" closes the JSZip module
  // A free `require` at the top of this CommonJS file is resolved by the bundler; inside the
  // browserify modules `require` is their own parameter, hence the variable.
  return `var __kaoheSharedJSZip = require(${JSON.stringify(JSZIP)});\n${code.slice(0, start)}${EXCELJS_ZIP}${code.slice(end)}`;
}

/**
 * The JSZip exceljs gets. exceljs asks JSZip for Node Buffers ('nodebuffer'); its own copy of JSZip
 * was handed browserify's Buffer, the shared one runs without any: it is asked for Uint8Arrays,
 * made Buffers here with exceljs's own Buffer (this module's "buffer" dependency).
 */
const EXCELJS_ZIP = `var Buffer = require("buffer").Buffer;
var toBuffer = function (u8) { return Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength); };
var withBuffers = function (zip) {
  Object.keys(zip.files).forEach(function (name) {
    var entry = zip.files[name];
    var read = entry.async;
    entry.async = function (type, onUpdate) {
      return type === "nodebuffer" ? read.call(this, "uint8array", onUpdate).then(toBuffer) : read.call(this, type, onUpdate);
    };
  });
  return zip;
};
class ExcelZip extends __kaoheSharedJSZip {
  generateAsync(options, onUpdate) {
    if (!options || options.type !== "nodebuffer") return super.generateAsync(options, onUpdate);
    return super.generateAsync(Object.assign({}, options, { type: "uint8array" }), onUpdate).then(toBuffer);
  }
  loadAsync(data, options) {
    return super.loadAsync(data, options).then(withBuffers);
  }
  static loadAsync(data, options) {
    return new ExcelZip().loadAsync(data, options);
  }
}
module.exports = ExcelZip;
`;

/** docx: the inlined `jszip_min` block becomes an import of the npm jszip. */
export function docxWithSharedZip(code) {
  const start = code.indexOf('var jszip_min = { exports: {} };');
  const endMarker = 'var jszip_minExports = requireJszip_min();';
  const end = code.indexOf(endMarker);
  if (start < 0 || end < start) fail('no inlined jszip_min block in docx');
  return `import __kaoheSharedJSZip from ${JSON.stringify(JSZIP)};\n${code.slice(0, start)}var jszip_minExports = __kaoheSharedJSZip;${code.slice(end + endMarker.length)}`;
}

/** The plugin, for the worker's bundle (where exceljs and docx live). */
export function sharedJSZip() {
  return {
    name: 'kaohe-shared-jszip',
    apply: 'build',
    enforce: 'pre',
    resolveId(id) {
      return id === 'exceljs' ? EXCELJS_BARE : null;
    },
    transform(code, id) {
      const file = id.split('?')[0];
      if (code.includes('__kaoheSharedJSZip')) return null; // cut already (the plugin listed twice)
      if (file === EXCELJS_BARE) return { code: exceljsWithSharedZip(code), map: null };
      if (/node_modules[\\/]docx[\\/]dist[\\/]index\.mjs$/.test(file)) return { code: docxWithSharedZip(code), map: null };
      return null;
    },
  };
}
