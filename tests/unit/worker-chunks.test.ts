/**
 * The worker's source moved out of the module script into plain-text chunks (scripts/workerChunks.mjs):
 * joined, it is exactly the string the module held, whatever it contains (</script>, <!--, quotes,
 * escapes, non-ASCII); a classic script of its own joins it and makes the worker's Blob before the
 * module runs, and the module starts its workers from that Blob.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { joinedWorker, splitInlineWorker, WORKER_TYPE } from '../../scripts/workerChunks.mjs';

const BLOB = 'new Blob([`(self.URL || self.webkitURL).revokeObjectURL(self.location.href);`,';

function page(source: string): string {
  const literal = `'${source.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  return `<!doctype html><html><head><script type="module">var a=1,Mt=${literal},Nt=typeof self<\`u\`&&${BLOB}Mt],{type:\`text/javascript\`});</script></head><body><div id="app"></div></body></html>`;
}

describe('the worker as text chunks', () => {
  const source = `self.onmessage=(e)=>{if(a</script/.test(e))x='</script><!-- "q" \\\\ \\u00e9';}\n// 考核 ${'x'.repeat(600_000)} </SCRIPT> end`;

  it('joins back to exactly the source, in several chunks, none holding </script or <!--', () => {
    const out = splitInlineWorker(page(source));
    expect(joinedWorker(out)).toBe(source);
    const parts = out.split(`<script type="${WORKER_TYPE}">`).slice(1).map((p) => p.slice(0, p.indexOf('</script>')));
    expect(parts.length).toBe(3);
    for (const p of parts) {
      expect(p.toLowerCase()).not.toContain('</script');
      expect(p).not.toContain('<!--');
    }
    // The module takes the text and the Blob the classic script made instead of holding the
    // literal and making the Blob itself; the rest of it is untouched.
    expect(out).toContain(`var a=1,Mt=self[Symbol.for('kaohe.worker')].text,Nt=typeof self<\`u\`&&self[Symbol.for('kaohe.worker')].blob;</script>`);
    expect(out).not.toContain(BLOB);
    expect(out.indexOf('<div id="app"></div>')).toBeLessThan(out.indexOf(`<script type="${WORKER_TYPE}">`));
  });

  it('the classic script after the chunks makes exactly the Blob the module made, with its type', async () => {
    const out = splitInlineWorker(page(source));
    const scripts = [...out.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    // It comes after every chunk (the parser has read them when it runs) and before the body ends.
    expect(out.lastIndexOf(`<script type="${WORKER_TYPE}">`)).toBeLessThan(out.indexOf(`<script>${scripts[0]}`));
    const chunks = out.split(`<script type="${WORKER_TYPE}">`).slice(1).map((p) => ({ textContent: p.slice(0, p.indexOf('</script>')) }));
    const self: Record<symbol, { text: string; blob: Blob }> = {};
    runInNewContext(scripts[0]!, { self, Blob, Symbol, Array, document: { querySelectorAll: (q: string) => (q === `script[type="${WORKER_TYPE}"]` ? chunks : []) } });
    const made = self[Symbol.for('kaohe.worker')]!;
    expect(made.text).toBe(source);
    expect(made.blob.type).toBe('text/javascript');
    expect(await made.blob.text()).toBe(`(self.URL || self.webkitURL).revokeObjectURL(self.location.href);${source}`);
  });

  it('refuses a page it does not recognise rather than ship a broken worker', () => {
    expect(() => splitInlineWorker('<html><body></body></html>')).toThrow(/exactly one inline worker/);
    expect(() => splitInlineWorker(page('x'.repeat(2000)).replace('Mt=', 'Mt=`').replace(",Nt=", '`,Nt='))).toThrow();
    expect(() => splitInlineWorker(page(`a<\u2063b${'x'.repeat(2000)}`))).toThrow(/U\+2063/);
  });
});
