// Lint with the layering rules of STYLE.md: the folder says where code runs, imports go one way.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Import patterns that would break a layer, keyed by the folder they are banned in. */
const layerBans = {
  shared: [
    { group: ['**/renderer/**', '**/electron/**', '**/sync-server/**'], message: 'shared/ is the bottom layer: it imports nothing from renderer/, electron/ or sync-server/ (bad layering).' },
    { group: ['node:*', 'fs', 'path', 'os', 'http', 'https', 'net', 'crypto', 'child_process', 'ws', 'better-sqlite3', 'electron', 'react', 'react-dom', 'zustand', 'y-indexeddb', 'y-websocket'], message: 'shared/ is pure: no Node, DOM, network or UI module (bad layering).' },
  ],
  renderer: [
    { group: ['**/electron/**', '**/sync-server/**', 'electron', 'node:*', 'fs', 'path', 'better-sqlite3', 'ws'], message: 'renderer/ runs in a sandboxed page: it talks to the main process only through the preload API typed in shared/bridge (bad layering).' },
  ],
  'sync-server': [
    { group: ['**/renderer/**', '**/electron/**', 'electron'], message: 'sync-server/ depends only on shared/ (bad layering).' },
  ],
  electron: [
    { group: ['**/renderer/**'], message: 'electron/ reaches the renderer only over IPC (bad layering).' },
  ],
};

/** Globals that shared/ must not touch: it runs everywhere and takes clock and ids as arguments. */
const sharedBannedGlobals = ['window', 'document', 'navigator', 'localStorage', 'indexedDB', 'fetch', 'setTimeout', 'setInterval', 'requestAnimationFrame', 'process', 'Buffer', 'require', '__dirname']
  .map((name) => ({ name, message: `shared/ is pure and deterministic: '${name}' is not available there (pass it in as an argument).` }));

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'release/**', 'bench/results/**', 'test-results/**', 'playwright-report/**', 'test/lint/fixtures/**', 'test/shared/files/fixtures/released-reader/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { patterns: layerBans.shared }],
      'no-restricted-globals': ['error', ...sharedBannedGlobals],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'shared/ takes the clock as an argument.' },
        { object: 'Math', property: 'random', message: 'shared/ takes ids and randomness as arguments.' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'no-restricted-imports': ['error', { patterns: layerBans.renderer }],
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // review36d B2: spreading a list into a call passes each item on the stack, and past about 125,000
    // items V8 throws RangeError. shared/collections/long-lists.ts loops instead.
    files: ['shared/**/*.ts', 'renderer/**/*.{ts,tsx}', 'sync-server/**/*.ts', 'electron/**/*.{ts,cts}'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name=/^(min|max)$/] > SpreadElement", message: 'Math.min/max(...list) throws RangeError on a long list: use smallest()/largest() from shared/collections/long-lists.ts.' },
        { selector: "CallExpression[callee.property.name=/^(push|unshift)$/] > SpreadElement", message: 'push/unshift(...list) throws RangeError on a long list: use appendAll() from shared/collections/long-lists.ts.' }],
    },
  },
  { files: ['sync-server/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: layerBans['sync-server'] }] } },
  { files: ['electron/**/*.{ts,cts}'], rules: { 'no-restricted-imports': ['error', { patterns: layerBans.electron }] } },
  // A sandboxed preload must be CommonJS, so it uses require().
  { files: ['electron/**/*.cts'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
