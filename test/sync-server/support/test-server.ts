import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { inject } from 'vitest';
import * as Y from 'yjs';
import type { TokenRole } from '../../../shared/sync/token.js';
import { TokenAuthority } from '../../../sync-server/auth.js';
import type { ServerOptionsInput } from '../../../sync-server/config.js';
import type { RoomFanout } from '../../../sync-server/fanout.js';
import type { BackendsProbe } from '../../../sync-server/scaleout/backends-probe.js';
import type { SharedAccess } from '../../../sync-server/scaleout/shared-access.js';
import { openScaleoutBackend } from '../../../sync-server/scaleout/backend.js';
import { databaseFileName, startSyncServer, type RunningSyncServer } from '../../../sync-server/server.js';
import { SqliteUpdateStore } from '../../../sync-server/storage/sqlite-store.js';
import type { UpdateStore } from '../../../sync-server/storage/update-store.js';
import { ScaleoutStorageReader } from './scaleout-storage.js';
import { storedRows } from './storage-snapshot.js';

export const testSecret = Buffer.alloc(32, 9);
export const testAuthority = new TokenAuthority(testSecret);

/** A token signed with the test servers' secret. */
export function tokenFor(workspace: string, role: TokenRole = 'editor', ttlSeconds = 3600): string {
  return testAuthority.issue(workspace, role, ttlSeconds, Math.floor(Date.now() / 1000));
}

/**
 * Which storage the test servers run on: SQLite, or (in the redis+postgres vitest project, which runs
 * the server suites again) Redis streams + PostgreSQL with each server in its own namespace.
 */
export type SyncTestMode = 'sqlite' | 'redis+postgres';
export const testMode: SyncTestMode = process.env.THROUGHLINE_TEST_MODE === 'redis+postgres' ? 'redis+postgres' : 'sqlite';

let namespaceCounter = 0;

export interface TestServer {
  readonly server: RunningSyncServer;
  readonly mode: SyncTestMode;
  readonly dataDir: string;
  readonly databaseFile: string;
  /** `ws://HOST:PORT` */
  readonly wsBase: string;
  /** Full room URL with a token for `workspace` (role editor unless given). */
  roomUrl(workspace: string, plan: string, role?: TokenRole): string;
  /** Every stored row, as text: two snapshots are equal exactly when storage did not change. */
  storedRows(): Promise<string[]>;
  /**
   * The plan as the server has it: the loaded room's document (SQLite mode), or — rooms keep none in
   * Redis + PostgreSQL mode — a document built from what is stored. A fresh copy then: read, don't edit.
   */
  planOnServer(key: string): Promise<Y.Doc>;
  stop(): Promise<void>;
}

/**
 * A real sync server on a free loopback port, in this process, with its own data folder (removed on
 * stop) and a silent logger. Limits default to the product's defaults; tests raise or lower them.
 */
export async function startTestServer(options: ServerOptionsInput = {}, parts: { store?: UpdateStore; fanout?: RoomFanout; access?: SharedAccess; backends?: BackendsProbe; dataDir?: string; logger?: Logger; wrapStore?: (store: UpdateStore) => UpdateStore } = {}): Promise<TestServer> {
  const dataDir = parts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'throughline-sync-test-'));
  const logger = parts.logger ?? pino({ level: process.env.SYNC_TEST_LOG ?? 'silent' });
  const scaledOut = testMode === 'redis+postgres' && parts.store === undefined && parts.fanout === undefined;
  let rows = async () => storedRows(path.join(dataDir, databaseFileName));
  let reader: ScaleoutStorageReader | null = null;
  let store = parts.store;
  if (scaledOut) {
    const { redisUrl, postgresUrl } = inject('scaleoutServices');
    const namespace = `t${process.pid}-${++namespaceCounter}`;
    // No worker: these suites compare storage before and after, and compaction would move rows.
    const backend = await openScaleoutBackend({ redisUrl, postgresUrl, namespace, worker: false, log: logger });
    store = parts.wrapStore?.(backend.store) ?? backend.store;
    parts = { ...parts, store, fanout: backend.fanout, access: backend.access, backends: backend.backends };
    const opened = new ScaleoutStorageReader(redisUrl, postgresUrl, namespace);
    reader = opened;
    rows = () => opened.rows();
  } else if (parts.wrapStore !== undefined) {
    // The store the server would open itself, wrapped (e.g. holdingLoad: a room that loads on cue).
    store = parts.wrapStore(store ?? new SqliteUpdateStore(path.join(dataDir, databaseFileName)));
    parts = { ...parts, store };
  }
  const server = await startSyncServer({ port: 0, host: '127.0.0.1', dataDir, ...options }, {
    logger,
    secret: testSecret,
    ...(parts.store ? { store: parts.store } : {}),
    ...(parts.fanout ? { fanout: parts.fanout } : {}),
    ...(parts.access ? { access: parts.access } : {}),
    ...(parts.backends ? { backends: parts.backends } : {}),
  });
  const wsBase = server.url.replace(/^http/, 'ws').replace(/\/$/, '');
  return {
    server,
    mode: scaledOut ? 'redis+postgres' : 'sqlite',
    dataDir,
    databaseFile: path.join(dataDir, databaseFileName),
    wsBase,
    roomUrl: (workspace, plan, role = 'editor') => `${wsBase}/${workspace}/${plan}?token=${encodeURIComponent(tokenFor(workspace, role))}`,
    storedRows: () => rows(),
    planOnServer: async (key) => {
      const document = server.rooms.loaded(key)?.document;
      if (document) return document;
      if (store === undefined) throw new Error(`room ${key} is not loaded and the test has no store to read it from`);
      const doc = new Y.Doc({ gc: false });
      for (const update of (await store.load(key)).updates) Y.applyUpdate(doc, update);
      return doc;
    },
    stop: async () => {
      // A shutdown that never ends is a server bug: fail naming it, not with the test's bare timeout.
      await settlesWithin(server.close(), `the sync server to stop (it had ${server.health().connections} connections)`, 20_000);
      await reader?.close();
      if (parts.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** waitFor with a condition that must be awaited (storage reads in Redis + PostgreSQL mode). */
export async function waitForAsync(condition: () => Promise<boolean>, what: string, limitMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > limitMs) throw new Error(`gave up waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Waits until `condition` holds, checking every few milliseconds. This is a wait for an event, not a
 * timing assertion: the limit only turns a hang into a readable failure.
 */
export async function waitFor(condition: () => boolean, what: string, limitMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > limitMs) throw new Error(`gave up waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * `promise`, or a failure naming `what` once `limitMs` has passed: like waitFor, a wait for an event
 * and not a timing assertion; it turns a hang into a failure that says which step hung, instead of the
 * test's own timeout, which names none.
 */
export async function settlesWithin<T>(promise: Promise<T>, what: string | (() => string), limitMs = 10_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const gaveUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up waiting for: ${typeof what === 'string' ? what : what()} (${limitMs} ms)`)), limitMs);
  });
  try {
    return await Promise.race([promise, gaveUp]);
  } finally {
    clearTimeout(timer);
  }
}

/** A logger that keeps every line it writes (parsed), for tests that check what the server logs. */
export function capturingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => { lines.push(JSON.parse(line) as Record<string, unknown>); } });
  return { logger, lines };
}
