import { defineConfig } from 'vitest/config';

/** The sync server's suites that run a second time on Redis streams + PostgreSQL (scaled-out mode). */
const scaleoutSuites = [
  'test/sync-server/server.test.ts', 'test/sync-server/hostile-input.test.ts', 'test/sync-server/limits.test.ts',
  'test/sync-server/offline-edits.test.ts', 'test/sync-server/awareness.test.ts', 'test/sync-server/join-reply.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'node_modules/**', 'dist/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'redis+postgres',
          include: scaleoutSuites,
          env: { THROUGHLINE_TEST_MODE: 'redis+postgres' },
          globalSetup: ['test/sync-server/support/scaleout-global-setup.ts'],
        },
      },
    ],
  },
});
