import { defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';
import { viteSingleFile } from 'vite-plugin-singlefile';

// One self-contained dist/index.html that works from file:// with no server (DESIGN.md §4):
// relative base, no modulepreload polyfill (it would fetch), the worker inlined as a classic script.
export default defineConfig({
  base: './',
  plugins: [solid(), viteSingleFile({ removeViteModuleLoader: true })],
  worker: { format: 'iife' },
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
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // The app answers through a worker and IndexedDB: give polled expectations time on a busy CI machine.
          expect: { poll: { timeout: 10_000, interval: 100 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
