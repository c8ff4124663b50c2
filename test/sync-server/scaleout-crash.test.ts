import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { TokenAuthority } from '../../sync-server/auth.js';
import { openScaleoutBackend } from '../../sync-server/scaleout/backend.js';
import { RedisKeys } from '../../sync-server/scaleout/redis-keys.js';
import { PostgresSnapshots } from '../../sync-server/storage/postgres-snapshots.js';
import { stockProvider } from './support/providers.js';
import { freshNamespace } from './support/scaleout-instances.js';
import { projectRoot, startServerProcess, type ServerProcess } from './support/server-process.js';
import { sharedScaleoutServices, type SharedScaleoutServices } from './support/shared-services.js';
import { waitFor } from './support/test-server.js';

let services: SharedScaleoutServices;
beforeAll(async () => { services = sharedScaleoutServices(); });
const silent = pino({ level: 'silent' });

/** Starts the worker-only process and resolves once it printed `line`-matching output. */
function startWorkerProcess(namespace: string, holdAt: 'read' | 'committed') {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/sync-server/support/worker-process.ts', services.redis.url, services.postgres.url, namespace, holdAt], { cwd: projectRoot });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, exited, printed: (text: string) => output.includes(text), output: () => output };
}

/** The compaction jobs pending with a worker in `namespace`, with how long since each was last claimed. */
async function pendingJobs(namespace: string): Promise<{ consumer: string; idleMs: number }[]> {
  const redis = new Redis(services.redis.url);
  try {
    const rows = await redis.xpending(new RedisKeys(namespace, 16).jobs, 'compactors', '-', '+', 10) as [string, string, number, number][];
    return rows.map(([, consumer, idleMs]) => ({ consumer, idleMs }));
  } finally {
    redis.disconnect();
  }
}

describe('kill -9 of the worker in the middle of a compaction', () => {
  it.each(['read', 'committed'] as const)('at "%s": nothing lost, nothing duplicated, the next worker finishes the job', async (stage) => {
    const namespace = freshNamespace();
    const room = 'acme/compacted';
    const writer = await openScaleoutBackend({ redisUrl: services.redis.url, postgresUrl: services.postgres.url, namespace, worker: false, log: silent });
    const doc = new Y.Doc();
    for (let n = 0; n < 40; n++) {
      const before = Y.encodeStateVector(doc);
      doc.getArray<string>('log').push([`entry-${n}`]);
      await writer.store.append([{ room, update: Y.encodeStateAsUpdate(doc, before) }]);
    }
    const dying = startWorkerProcess(namespace, stage);
    let successor: Awaited<ReturnType<typeof openScaleoutBackend>> | null = null;
    try {
      await waitFor(() => dying.printed('ready'), 'the worker process to start', 30_000);
      await writer.store.compact(room);
      await waitFor(() => dying.printed(`holding ${stage}`), `the worker to reach "${stage}"`, 30_000);
      const heldSince = Date.now();
      // While the slow worker is alive it renews its lease (every third of its 600 ms): after two and a
      // half leases its job is still pending with it and has been claimed again since it reached the
      // stage (idle for less time than that), so no other worker takes it. A successor started here and
      // checked for no compaction instead failed whenever the worker process was held up for 400 ms
      // (a loaded machine), which is a lease rightly lost, not a fault of the renewal.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const pending = await pendingJobs(namespace);
      expect(pending).toHaveLength(1);
      expect(pending[0]!.idleMs).toBeLessThan(Date.now() - heldSince);
      successor = await openScaleoutBackend({ redisUrl: services.redis.url, postgresUrl: services.postgres.url, namespace, leaseMs: 600, trimDelayMs: 0, log: silent });
      dying.child.kill('SIGKILL');
      await dying.exited;
      const next = successor;
      await waitFor(() => next.worker!.compactions > 0, 'the next worker to finish the job', 20_000);
      const snapshots = new PostgresSnapshots(services.postgres.url, namespace);
      const stored = await snapshots.read(room);
      await snapshots.close();
      const merged = new Y.Doc();
      Y.applyUpdate(merged, stored!.doc);
      expect(merged.getArray<string>('log').toArray()).toEqual(doc.getArray<string>('log').toArray());
      // Trimmed only after the commit: the stream is empty now and a fresh load has every entry once.
      const loaded = await writer.store.load(room);
      const reloaded = new Y.Doc();
      for (const update of loaded.updates) Y.applyUpdate(reloaded, update);
      expect(reloaded.getArray('log').length).toBe(40);
      expect(loaded.updates).toHaveLength(1);
    } finally {
      dying.child.kill('SIGKILL');
      await successor?.close();
      await writer.close();
    }
  });
});

describe('kill -9 of a server instance while clients write', () => {
  it('its clients reconnect to another instance and nothing any client wrote is lost', async () => {
    const namespace = freshNamespace();
    const secret = 'a-scaleout-test-secret-long-enough-123456';
    const token = new TokenAuthority(Buffer.from(secret, 'utf8')).issue('acme', 'editor', 3600, Math.floor(Date.now() / 1000));
    const dirs = [mkdtempSync(path.join(tmpdir(), 'throughline-scaleout-a-')), mkdtempSync(path.join(tmpdir(), 'throughline-scaleout-b-'))];
    const args = (dir: string) => ['--data', dir, '--redis', services.redis.url, '--postgres', services.postgres.url, '--namespace', namespace, '--log-level', 'warn'];
    const processes: ServerProcess[] = [];
    const providers: WebsocketProvider[] = [];
    try {
      processes.push(await startServerProcess(args(dirs[0]!), { THROUGHLINE_SECRET: secret }));
      processes.push(await startServerProcess(args(dirs[1]!), { THROUGHLINE_SECRET: secret }));
      const [doomed, survivor] = processes as [ServerProcess, ServerProcess];
      const onDoomed = stockProvider(doomed.wsBase, 'acme', 'busy', token);
      const onSurvivor = stockProvider(survivor.wsBase, 'acme', 'busy', token);
      providers.push(onDoomed, onSurvivor);
      await waitFor(() => onDoomed.synced && onSurvivor.synced, 'both synced', 20_000);
      const log = (provider: WebsocketProvider) => provider.doc.getArray<string>('log');
      let written = 0;
      const writing = setInterval(() => { log(onDoomed).push([`w-${written++}`]); log(onSurvivor).push([`s-${written++}`]); }, 5);
      await waitFor(() => written >= 60, 'writes under way');
      doomed.child.kill('SIGKILL');
      await doomed.exited();
      clearInterval(writing);
      // Its client moves to the surviving instance, with its document (what a load balancer does).
      onDoomed.disconnect();
      const moved = stockProvider(survivor.wsBase, 'acme', 'busy', token, onDoomed.doc);
      providers.push(moved);
      log(onDoomed).push(['after-the-crash']);
      await waitFor(() => moved.synced && log(onSurvivor).length === written + 1 && log(onDoomed).length === written + 1, 'every write on both clients', 20_000);
      const fresh = stockProvider(survivor.wsBase, 'acme', 'busy', token);
      providers.push(fresh);
      await waitFor(() => fresh.synced && log(fresh).length === written + 1, 'a fresh client has every write', 20_000);
      expect(new Set(log(fresh).toArray()).size).toBe(written + 1);
    } finally {
      for (const provider of providers) provider.destroy();
      for (const running of processes) running.child.kill('SIGKILL');
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
    // Two server processes start under tsx: on a loaded two-core machine that alone takes ~15 s.
  }, 60_000);
});
