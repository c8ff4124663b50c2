import { defineConfig } from '@playwright/test';

/** `npm run test:electron`: the _electron smoke test, kept out of `npm test` (it needs the Electron binary). */
export default defineConfig({
  testDir: 'test/electron-app',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/electron-artifacts',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
});
