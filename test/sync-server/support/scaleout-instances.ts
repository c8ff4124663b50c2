import { pino } from 'pino';
import type { ServerOptionsInput } from '../../../sync-server/config.js';
import { openScaleoutBackend, type ScaleoutBackend, type ScaleoutOptions } from '../../../sync-server/scaleout/backend.js';
import { startTestServer, type TestServer } from './test-server.js';

export interface ScaleoutInstance extends TestServer {
  readonly backend: ScaleoutBackend;
}

/** A sync server instance in this process on Redis streams + PostgreSQL, in `namespace`. */
export async function startScaleoutInstance(
  urls: { redisUrl: string; postgresUrl: string },
  namespace: string,
  options: ServerOptionsInput = {},
  backendOptions: Partial<ScaleoutOptions> = {},
  /** A data folder of the test's (kept after the instance stops); a fresh one when absent. */
  dataDir?: string,
): Promise<ScaleoutInstance> {
  const log = pino({ level: process.env.SYNC_TEST_LOG ?? 'silent' });
  const backend = await openScaleoutBackend({ ...urls, namespace, log, leaseMs: 1_000, trimDelayMs: 0, ...backendOptions });
  const running = await startTestServer(options, { store: backend.store, fanout: backend.fanout, access: backend.access, logger: backendOptions.log ?? log, ...(dataDir === undefined ? {} : { dataDir }) });
  return { ...running, backend };
}

let counter = 0;
/** A namespace no other test of this run uses. */
export function freshNamespace(): string {
  return `s${process.pid}-${++counter}`;
}

/** Stops instances one after another (each closes its sockets and its Redis and PostgreSQL clients). */
export async function stopAll(instances: readonly ScaleoutInstance[]): Promise<void> {
  for (const instance of instances) await instance.stop();
}
