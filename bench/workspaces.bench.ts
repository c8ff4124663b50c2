// `npm run bench -- workspaces`: what the jittered reconnect changes when a workshop's server restarts.
// A roomful of the app's real PlanSync clients (in Node, with the page globals the tests use) sync with
// a real server on loopback; the server stops, comes back on the same port, and we record when each
// client's sockets were opened. The baseline is the same clients with the jitter taken out (every
// draw at the top of its window: the fixed doubling the stock client uses), run side by side.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import * as Y from 'yjs';
import { memoryStore } from '../renderer/src/library/key-value-store.js';
import { PlanSync } from '../renderer/src/sync/plan-sync.js';
import { readTokenFacts } from '../renderer/src/sync/token-facts.js';
import { TokenAuthority } from '../sync-server/auth.js';
import { startSyncServer, type RunningSyncServer } from '../sync-server/server.js';
import { installPageGlobals } from '../test/renderer/sync/support/page-globals.js';
import { median, type BenchResult } from './harness.js';

const clients = Number(process.env.WORKSPACES_BENCH_CLIENTS ?? 24);
const downMs = 3_000;
const secret = Buffer.alloc(32, 7);
const authority = new TokenAuthority(secret);

async function until(condition: () => boolean, limitMs: number): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > limitMs) throw new Error('the clients did not all sync in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function serve(dataDir: string, port: number): Promise<RunningSyncServer> {
  // Limits raised: this measures when clients come back, not how the server rations joins.
  return startSyncServer({
    port, host: '127.0.0.1', dataDir, graceMs: 0, joinsPerSecond: 10_000, joinBurst: 10_000, joinsPerSecondPerIp: 10_000,
    joinBurstPerIp: 10_000, joinsPerSecondPerToken: 10_000, joinBurstPerToken: 10_000,
  }, { logger: pino({ level: 'silent' }), secret });
}

/** Largest number of socket openings within any `windowMs` (the burst the restarted server takes). */
function peakInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while (sorted[last]! - sorted[first]! > windowMs) first++;
    peak = Math.max(peak, last - first + 1);
  }
  return peak;
}

async function restartOnce(random: () => number): Promise<{ peak: number; syncedMedianMs: number; syncedMaxMs: number; attempts: number }> {
  const page = installPageGlobals();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'throughline-bench-restart-'));
  let server = await serve(dataDir, 0);
  const port = server.port;
  const wsBase = server.url.replace(/^http/, 'ws').replace(/\/$/, '');
  const token = authority.issue('offsite', 'editor', 3600, Math.floor(Date.now() / 1000));
  const syncs = Array.from({ length: clients }, (_, index) => {
    const doc = new Y.Doc();
    return new PlanSync({
      doc, planId: `plan${index % 4}`, connection: { server: wsBase, workspace: 'offsite', token, savedAt: 0 }, token: readTokenFacts(token),
      nonLocalOrigins: [], store: memoryStore(), now: () => Date.now(), onStatus: () => undefined, onPeers: () => undefined, random,
    });
  });
  try {
    await until(() => syncs.every((sync) => sync.status().phase.kind === 'synced'), 60_000);
    await server.close();
    await new Promise((resolve) => setTimeout(resolve, downMs));
    const socketsBefore = page.opened.length;
    const restartedAt = performance.now();
    server = await serve(dataDir, port);
    const syncedAt = new Map<number, number>();
    await until(() => {
      syncs.forEach((sync, index) => { if (!syncedAt.has(index) && sync.status().phase.kind === 'synced') syncedAt.set(index, performance.now() - restartedAt); });
      return syncedAt.size === clients;
    }, 60_000);
    const roomOpenings = page.openedAt.slice(socketsBefore).filter((entry) => !entry.url.includes('/_access')).map((entry) => entry.at).filter((at) => at >= restartedAt);
    return { peak: peakInWindow(roomOpenings, 100), syncedMedianMs: median([...syncedAt.values()]), syncedMaxMs: Math.max(...syncedAt.values()), attempts: roomOpenings.length };
  } finally {
    for (const sync of syncs) sync.destroy();
    await server.close();
    page.remove();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchResult> {
  const rounds = Number(process.env.WORKSPACES_BENCH_ROUNDS ?? 2);
  const jittered: Awaited<ReturnType<typeof restartOnce>>[] = [];
  const fixed: Awaited<ReturnType<typeof restartOnce>>[] = [];
  for (let round = 0; round < rounds; round++) {
    jittered.push(await restartOnce(Math.random));
    fixed.push(await restartOnce(() => 0.999_999));
  }
  const pick = (runs: typeof jittered, key: keyof (typeof jittered)[number]) => median(runs.map((entry) => entry[key]));
  const metrics = {
    reconnect_peak_per_100ms_jitter_count: pick(jittered, 'peak'),
    reconnect_peak_per_100ms_fixed_count: pick(fixed, 'peak'),
    reconnect_synced_median_jitter_ms: pick(jittered, 'syncedMedianMs'),
    reconnect_synced_median_fixed_ms: pick(fixed, 'syncedMedianMs'),
    reconnect_synced_max_jitter_ms: pick(jittered, 'syncedMaxMs'),
    reconnect_synced_max_fixed_ms: pick(fixed, 'syncedMaxMs'),
    reconnect_attempts_after_restart_jitter_count: pick(jittered, 'attempts'),
    reconnect_attempts_after_restart_fixed_count: pick(fixed, 'attempts'),
  };
  return {
    area: 'workspaces',
    metrics,
    notes: [
      `${clients} PlanSync clients on 4 plans; server down ${downMs} ms then restarted on the same port; medians of ${rounds} rounds each, alternated.`,
      'fixed = the same clients with every jitter draw at the top of its window (the stock client\'s fixed doubling).',
    ],
  };
}
