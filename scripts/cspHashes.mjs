// The built page's Content-Security-Policy without 'unsafe-inline' for scripts: the sha256 of each
// of its own inline scripts goes into `script-src`, so an injected inline handler or script (a
// remark that somehow reached the DOM as HTML) does not run, while the app itself starts from
// file://. Styles keep 'unsafe-inline' (Solid sets style attributes). Types: cspHashes.d.mts.
import { createHash } from 'node:crypto';

/** The text of every inline <script> element, in order (HTML ends a script at its first `</script`). */
export function inlineScripts(html) {
  const out = [];
  let at = 0;
  for (;;) {
    const open = html.indexOf('<script', at);
    if (open < 0) return out;
    const tagEnd = html.indexOf('>', open);
    const close = html.indexOf('</script', tagEnd);
    if (tagEnd < 0 || close < 0) throw new Error('unterminated <script> in the built page');
    // Scripts that are not run (the worker's source as text: workerChunks.mjs) need no hash.
    const tag = html.slice(open, tagEnd);
    if (!/\ssrc=/.test(tag) && !/\stype="text\/x-/.test(tag)) out.push(html.slice(tagEnd + 1, close));
    at = close + '</script'.length;
  }
}

export const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The page with `script-src 'unsafe-inline'` replaced by the hashes of its inline scripts. */
export function withScriptHashes(html) {
  const marker = "script-src 'unsafe-inline'";
  if (!html.includes(marker)) throw new Error(`the page's Content-Security-Policy has no "${marker}" to replace`);
  const hashes = [...new Set(inlineScripts(html).map(sha256))];
  return html.replace(marker, `script-src ${hashes.join(' ')}`);
}
