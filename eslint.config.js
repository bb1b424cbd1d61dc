import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import solid from 'eslint-plugin-solid/configs/typescript';

/** What the page may not import (see below): storage, files and the worker only through worker-client/client. */
const pageRules = [
  { group: ['**/store/**', '**/xlsx/**', 'idb', '@e965/xlsx', 'exceljs', 'comlink', '**/workers/**'], message: 'The page reaches storage, files and the worker through worker-client/client.' },
  { group: ['**/service/*', '!**/service/protocol'], message: 'The page imports only service/protocol from the worker side.' },
  { regex: '(^|/)engine(/index)?$|(^|/)engine/(scoring|views|whatif|workbook|bulletin|import)/', message: 'Engine results come as views from the worker; types through service/protocol; only engine/text is shared.' },
  { group: ['**/worker-client/*', '!**/worker-client/client'], message: 'One client: worker-client/client.' },
];

/** The page's rooms, one per tab of the app (docs/architecture.md): each uses shared/ and state/, never another room. */
const FEATURES = ['entry', 'returns', 'planning', 'publish', 'rules', 'workbook', 'yearplan'];
const roomRules = (own) => ({
  group: FEATURES.filter((f) => f !== own).flatMap((f) => [`../${f}/*`, `../../${f}/*`, `../../../${f}/*`, `../${f}/**`, `../../${f}/**`, `../../../${f}/**`]),
  message: 'A feature room uses shared/ and state/; what two rooms need goes in shared/.',
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `const { id: _id, ...rest } = x` drops fields on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  { files: ['scripts/**', 'bench/**', 'tests/**', '*.config.*'], languageOptions: { globals: globals.node } },
  { files: ['src/ui/**/*.tsx', 'src/main.tsx'], ...solid },
  {
    // The engine must stay pure: no DOM, no storage, no xlsx library (docs/architecture.md).
    files: ['src/engine/**/*.ts', 'src/model/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['idb', 'comlink', '@e965/xlsx', 'exceljs', 'solid-js*', '**/ui/**', '**/store/**', '**/xlsx/**'] }],
      'no-restricted-globals': ['error', 'window', 'document', 'indexedDB', 'localStorage', 'navigator'],
    },
  },
  {
    // engine/text is words and numbers as printed, which the page imports too: nothing that computes
    // (importing scoring or views from here would pull the engine into the page unnoticed).
    files: ['src/engine/text/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['idb', 'comlink', '@e965/xlsx', 'exceljs', 'solid-js*', '**/ui/**', '**/store/**', '**/xlsx/**', '../scoring/*', '../views/*', '../whatif/*', '../workbook/*', '../bulletin/*', '../import/*'] }],
      'no-restricted-globals': ['error', 'window', 'document', 'indexedDB', 'localStorage', 'navigator'],
    },
  },
  {
    // Inside the engine, lower rooms know nothing of higher ones: scoring is used by views, what-if
    // and the bulletin, never the other way round.
    files: ['src/engine/scoring/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['idb', 'comlink', '@e965/xlsx', 'exceljs', 'solid-js*', '**/ui/**', '**/store/**', '**/xlsx/**', '../views/*', '../whatif/*', '../workbook/*', '../bulletin/*', '../import/*'] }],
      'no-restricted-globals': ['error', 'window', 'document', 'indexedDB', 'localStorage', 'navigator'],
    },
  },
  {
    // Imports flow downward only: ui → service → (store, xlsx) → engine → model. Store and xlsx never meet.
    files: ['src/store/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/xlsx/**', '**/service/**', '**/ui/**', 'exceljs', '@e965/xlsx', 'solid-js*', 'comlink'] }] },
  },
  {
    // The page: its own modules, the model, pure engine text (formatting, words), the wire types in
    // service/protocol, and the worker only through worker-client/client. Nothing from the store, the
    // xlsx layer, the service's internals or the engine's computations (their results arrive as views).
    files: ['src/ui/**/*.ts', 'src/ui/**/*.tsx', 'src/main.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: pageRules }] },
  },
  ...FEATURES.map((room) => ({
    files: [`src/ui/${room}/**/*.ts`, `src/ui/${room}/**/*.tsx`],
    rules: { 'no-restricted-imports': ['error', { patterns: [...pageRules, roomRules(room)] }] },
  })),
  {
    // shared/ and state/ serve every room and know none of them.
    files: ['src/ui/shared/**/*.ts', 'src/ui/shared/**/*.tsx', 'src/ui/state/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...pageRules, roomRules('')] }] },
  },
  {
    // The one exception: the journal's IndexedDB copy (a database of its own, never the worker's) must
    // be on disk before the worker has even seen the edit, so the page writes it itself (journalStore.ts).
    files: ['src/ui/state/journalStore.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ ...pageRules[0], group: pageRules[0].group.filter((g) => g !== 'idb') }, ...pageRules.slice(1), roomRules('')] }],
    },
  },
  {
    // The worker's service: the page, its components and the client are not its business.
    files: ['src/service/**/*.ts', 'workers/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/ui/**', 'solid-js*', '**/worker-client/**'] }] },
  },
  {
    files: ['src/xlsx/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/store/**', '**/service/**', '**/ui/**', 'idb', 'solid-js*', 'comlink'] }] },
  },
  {
    // One formatter (src/model/format.ts): no number is turned into text by hand elsewhere (toFixed
    // rounds the binary value: 1.005.toFixed(2) is '1.00').
    files: ['src/**/*.ts', 'src/**/*.tsx', 'workers/**/*.ts'],
    ignores: ['src/model/format.ts', 'src/model/exact.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name=/^(toFixed|toPrecision|toExponential)$/]", message: 'Numbers become text through src/model/format.ts (formatNumber, formatPlain, formatQuoted …).' },
      ],
    },
  },
);
