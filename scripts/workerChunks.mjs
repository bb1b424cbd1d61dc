// The engine worker's source out of the page's module script, into plain-text <script> elements.
// Vite inlines the worker as one string literal of ~1.8 MB inside the module script; the HTML
// parser then read the whole 2.3 MB script as one token, in one task of ~50 ms at every start
// (the page's longest). As plain-text elements of at most CHUNK characters, the parser reads them
// in tasks of their own. A small classic script after them joins them and makes the worker's Blob
// (15–20 ms for 1.8 MB) in a task of its own, before the module runs: made in the module, it was
// half of the module's evaluation, the page's longest task at start-up. Types: workerChunks.d.mts.

export const WORKER_TYPE = 'text/x-kaohe-worker';
const CHUNK = 256 * 1024;
/**
 * Inside a <script> element `</script` ends it and `<!--` changes how it is read: every "<" is
 * written as "<" + U+2063 (invisible separator) and turned back when joined.
 */
const MARK = '\u2063';
/** Vite's inline worker: a Blob of a revoking line and the source's variable, and its type (minified or not). */
const BLOB = /new Blob\(\[\s*[`'"]\(self\.URL \|\| self\.webkitURL\)\.revokeObjectURL\(self\.location\.href\);[`'"],\s*([A-Za-z_$][\w$]*)\s*\]\s*,\s*\{\s*type\s*:\s*([`'"])([^`'"]*)\2\s*\}\s*\)/g;
/** Where the classic script leaves the source and its Blob for the module. */
const MADE = `self[Symbol.for('kaohe.worker')]`;

/** The end (exclusive) of the JS string literal that opens at `start` (a ' or " quote). */
function literalEnd(js, start) {
  const q = js[start];
  if (q !== "'" && q !== '"') throw new Error(`the worker's source is not a quoted string (it starts with ${q})`);
  for (let i = start + 1; i < js.length; i++) {
    if (js[i] === '\\') i++;
    else if (js[i] === q) return i + 1;
    else if (js[i] === '\n') break;
  }
  throw new Error("the worker's source string does not end");
}

/** The page with the inline worker's source moved into plain-text chunks (see above). */
export function splitInlineWorker(html) {
  const blobs = [...html.matchAll(BLOB)];
  if (blobs.length !== 1) throw new Error('expected exactly one inline worker in the built page');
  const blob = blobs[0].index;
  const name = blobs[0][1];
  const decl = new RegExp(`[\\s,;{(]${name.replace(/\$/g, '\\$')}\\s*=\\s*(['"])`, 'g');
  let start = -1;
  for (const m of html.slice(0, blob).matchAll(decl)) start = m.index + m[0].length - 1;
  if (start < 0) throw new Error(`no string assigned to ${name} before the inline worker`);
  const end = literalEnd(html, start);
  const source = Function(`"use strict";return ${html.slice(start, end)}`)();
  if (typeof source !== 'string' || source.length < 1000) throw new Error("the inline worker's source did not read as a string");
  if (source.includes(`<${MARK}`)) throw new Error(`the worker's source holds "<" + U+2063, the mark that escapes "<"`);
  const chunks = [];
  for (let i = 0; i < source.length; i += CHUNK) chunks.push(source.slice(i, i + CHUNK).replaceAll('<', `<${MARK}`));
  const type = blobs[0][3];
  const blobEnd = blob + blobs[0][0].length;
  const read = `Array.from(document.querySelectorAll('script[type="${WORKER_TYPE}"]'),(e)=>e.textContent).join('').replaceAll('<\\u2063','<')`;
  // Made once: the text (Vite's fallback reads it) and the Blob every worker of the page starts from.
  const make = `(()=>{const t=${read};${MADE}={text:t,blob:new Blob(['(self.URL || self.webkitURL).revokeObjectURL(self.location.href);',t],{type:${JSON.stringify(type)}})}})()`;
  const page = html.slice(0, start) + `${MADE}.text` + html.slice(end, blob) + `${MADE}.blob` + html.slice(blobEnd);
  const elements = chunks.map((c) => `<script type="${WORKER_TYPE}">${c}</script>`).join('\n');
  const body = page.lastIndexOf('</body>');
  if (body < 0) throw new Error('the built page has no </body>');
  return `${page.slice(0, body)}${elements}\n<script>${make}</script>\n${page.slice(body)}`;
}

/** The worker's source as the page joins it (for tests). */
export function joinedWorker(html) {
  const out = [];
  const open = `<script type="${WORKER_TYPE}">`;
  for (let at = html.indexOf(open); at >= 0; at = html.indexOf(open, at + 1)) out.push(html.slice(at + open.length, html.indexOf('</script', at)));
  return out.join('').replaceAll(`<${MARK}`, '<');
}
