import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import solid from 'eslint-plugin-solid/configs/typescript';

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
    // Imports flow downward only: ui → app → (store, xlsx) → engine → model. Store and xlsx never meet.
    files: ['src/store/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/xlsx/**', '**/app/**', '**/ui/**', 'exceljs', '@e965/xlsx', 'solid-js*', 'comlink'] }] },
  },
  {
    // The page: its own modules, the model, pure engine text (formatting, words), the wire types in
    // app/protocol, and the worker only through worker-client/client. Nothing from the store, the
    // xlsx layer, the app's internals or the engine's computations (their results arrive as views).
    files: ['src/ui/**/*.ts', 'src/ui/**/*.tsx', 'src/main.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/store/**', '**/xlsx/**', 'idb', '@e965/xlsx', 'exceljs', 'comlink', '**/workers/**'], message: 'The page reaches storage, files and the worker through worker-client/client.' },
            { group: ['**/app/*', '!**/app/protocol'], message: 'The page imports only app/protocol from the worker side.' },
            { regex: '(^|/)engine(/index)?$|(^|/)engine/(scoring|views|whatif|workbook)/', message: 'Engine results come as views from the worker; types through app/protocol; only engine/text is shared.' },
            { group: ['**/worker-client/*', '!**/worker-client/client'], message: 'One client: worker-client/client.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/xlsx/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/store/**', '**/app/**', '**/ui/**', 'idb', 'solid-js*', 'comlink'] }] },
  },
);
