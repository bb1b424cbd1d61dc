import { defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';
import { viteSingleFile } from 'vite-plugin-singlefile';
import type { Plugin } from 'vite';
import { withScriptHashes } from './scripts/cspHashes.mjs';
import { splitInlineWorker } from './scripts/workerChunks.mjs';
import { sharedJSZip } from './scripts/sharedJSZip.mjs';

/** After the page is one file: the worker's source as text chunks, then its own inline scripts' hashes in the CSP, no 'unsafe-inline' for scripts. */
function cspScriptHashes(): Plugin {
  return {
    name: 'kaohe-csp-script-hashes',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const asset of Object.values(bundle)) {
          if (asset.type === 'asset' && asset.fileName.endsWith('.html')) asset.source = withScriptHashes(splitInlineWorker(String(asset.source)));
        }
      },
    },
  };
}

/** The browser tests' common settings. */
const e2e = {
  include: ['tests/e2e/**/*.test.ts'],
  environment: 'node' as const,
  testTimeout: 90_000,
  hookTimeout: 90_000,
  // The app answers through a worker and IndexedDB: give polled expectations time on a busy CI machine.
  expect: { poll: { timeout: 10_000, interval: 100 } },
};
/** Browser tests that build a 40 000-unit province and time its main-thread tasks. */
const ALONE = ['tests/e2e/province.test.ts', 'tests/e2e/big-grid.test.ts'];

// One self-contained dist/index.html that works from file:// with no server (docs/domain.md, Where it runs):
// relative base, no modulepreload polyfill (it would fetch), the worker inlined as a classic script.
export default defineConfig({
  base: './',
  plugins: [solid(), viteSingleFile({ removeViteModuleLoader: true }), cspScriptHashes()],
  // The worker holds exceljs and docx: one JSZip for both (scripts/sharedJSZip.mjs).
  worker: { format: 'iife', plugins: () => [sharedJSZip()] },
  build: {
    target: 'chrome109',
    modulePreload: { polyfill: false },
    outDir: 'dist',
    emptyOutDir: true,
  },
  test: {
    // vite-plugin-solid would default the environment to jsdom; nothing here needs a fake DOM.
    environment: 'node',
    projects: [
      {
        // Some batteries build 40 000-unit periods: a busy 2-core CI machine needs more than 5 s.
        // The page's reactive modules are tested with Solid's client build (the server build runs no effects).
        resolve: { alias: [{ find: /^solid-js$/, replacement: 'solid-js/dist/solid.js' }] },
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
      },
      {
        // Two browsers at a time: the app is waited on, not the clock, so a busy machine slows them
        // but fails none (the 15-minute CI budget on 2 cores needs it).
        test: { ...e2e, name: 'e2e', exclude: ALONE, fileParallelism: true, maxWorkers: 2 },
      },
      {
        // The province-scale runs measure main-thread tasks: alone, after the others.
        test: { ...e2e, name: 'e2e-alone', include: ALONE, fileParallelism: false },
      },
    ],
  },
});
