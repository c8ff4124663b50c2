import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/** The sync server's suites that run a second time on Redis streams + PostgreSQL (scaled-out mode). */
const scaleoutSuites = [
  'test/sync-server/server.test.ts', 'test/sync-server/hostile-input.test.ts', 'test/sync-server/limits.test.ts',
  'test/sync-server/offline-edits.test.ts', 'test/sync-server/awareness.test.ts', 'test/sync-server/join-reply.test.ts',
  'test/sync-server/presence-limits.test.ts', 'test/sync-server/role-change-order.test.ts',
  'test/sync-server/plan-removal.test.ts',
];

/**
 * Files that run servers, sockets and child processes against wall-clock limits (rates, timeouts, a
 * few seconds' wait for a frame). They run one file at a time, after the others, as the whole suite
 * used to: beside a CPU-heavy file on a loaded two-core machine, join-upload and fair-limits missed
 * their limits (docs/testing.md).
 */
const serverSuites = ['test/sync-server/**/*.test.ts', 'test/renderer/sync/**/*.test.ts', 'test/electron/workshop-host.test.ts'];

/**
 * Server files that run on Redis and PostgreSQL in namespaces of their own, without restarting, killing
 * or counting the clients of either: they share the run's one pair (scaleout-global-setup.ts,
 * `sharedScaleoutServices`) instead of an initdb and two starts each (testtime11, docs/testing.md).
 * Files that crash the services (scaleout, append-connection) start their own.
 */
const sharedServiceSuites = [
  'test/renderer/sync/parted-scaleout.test.ts', 'test/sync-server/scaleout-stateless.test.ts', 'test/sync-server/scaleout-crash.test.ts',
  'test/sync-server/corked-delivery.test.ts', 'test/sync-server/storage/redis-postgres-contract.test.ts',
  'test/sync-server/storage/doorbell-delivery.test.ts', 'test/sync-server/storage/redis-append-batching.test.ts',
  'test/sync-server/scaleout-roles.test.ts', 'test/sync-server/presence-limits-scaleout.test.ts',
  'test/sync-server/plan-removal-scaleout.test.ts',
];
const scaleoutGlobalSetup = 'test/sync-server/support/scaleout-global-setup.ts';

/**
 * Every other file is computation only (the model, fuzzers, property tests, file imports, the canvas):
 * two files at a time even on CI's two cores, where vitest's default (one worker fewer than the
 * cores) would run one.
 */
const sideBySide = Math.max(2, availableParallelism() - 1);

export default defineConfig({
  test: {
    // Limits for a hang, not for speed (speed is measured in benchmarks): on a loaded two-core machine
    // the property tests and the server soaks ran at up to 60–75% of the 30 s default, and one went over.
    testTimeout: 90_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'node_modules/**', 'dist/**', ...serverSuites],
          maxWorkers: sideBySide,
          // Each of the two workers imports the model, Yjs and fast-check once for all its files instead
          // of once per file: on 38 renderer files the CPU fell from 82 to 43 s and the wall by 45%
          // (testtime9, docs/testing.md). Safe because no unit file mocks a module, stubs a global or
          // keeps a fake clock, and the one that sets process.env.TZ puts it back after each test. The whole
          // project passed this way, at a load of 18–22 (the convergence fuzzer's 500 runs needed more than
          // their 300 s there, isolated or not; they passed when the load fell).
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'servers',
          include: serverSuites,
          exclude: ['node_modules/**', 'dist/**', ...sharedServiceSuites],
          maxWorkers: 1,
          // One process for all of them, instead of a fork and a fresh import of the server's modules per
          // file: the imports fell from 19 s to 4 s and the group from 258 to 238 s (docs/testing.md,
          // testtime6). Safe because no server file mocks modules or leaves globals behind: the page
          // globals of test/renderer/sync are put back after each file, the one fake clock is restored in
          // a finally, and every file stops the servers and sockets it started in its own afterAll.
          isolate: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'redis+postgres',
          include: scaleoutSuites,
          env: { THROUGHLINE_TEST_MODE: 'redis+postgres' },
          globalSetup: [scaleoutGlobalSetup],
          maxWorkers: 1,
          // One process, as `servers` (these six files are among its files): 35 against 40 s (testtime6).
          isolate: false,
          // After `servers`, not beside it: projects of one group order run at the same time, and two
          // server files at once is what made fair-limits miss its limits (a fresh-clone CI rehearsal).
          sequence: { groupOrder: 2 },
        },
      },
      {
        extends: true,
        test: {
          name: 'shared-services',
          include: sharedServiceSuites,
          // The same set-up as redis+postgres: one Redis and one PostgreSQL for both projects.
          globalSetup: [scaleoutGlobalSetup],
          maxWorkers: 1,
          // One file at a time, in one process, after the other server files (as in `servers`, whose
          // files these were): the files share the services, and none runs beside a timed server file.
          isolate: false,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
