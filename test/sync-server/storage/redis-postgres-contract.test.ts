import { pino } from 'pino';
import { beforeAll, describe } from 'vitest';
import { openScaleoutBackend } from '../../../sync-server/scaleout/backend.js';
import { fanoutContract } from '../contracts/fanout-contract.js';
import { updateStoreContract } from '../contracts/update-store-contract.js';
import { sharedScaleoutServices, type SharedScaleoutServices } from '../support/shared-services.js';

// The scaled-out mode: Redis streams in front of PostgreSQL, every instance its own backend.
let services: SharedScaleoutServices;
beforeAll(async () => { services = sharedScaleoutServices(); });

const open = (worker: boolean) => openScaleoutBackend({
  redisUrl: services.redis.url, postgresUrl: services.postgres.url, namespace: 'contract', worker, leaseMs: 1_000, trimDelayMs: 0,
  log: pino({ level: process.env.SYNC_TEST_LOG ?? 'silent' }),
});

describe('Redis streams + PostgreSQL store', () => {
  updateStoreContract(() => ({ open: async () => (await open(true)).store }));
});

describe('Redis streams fan-out', () => {
  fanoutContract(() => ({
    open: async () => {
      const backend = await open(false);
      return { instance: backend.instance, store: backend.store, fanout: backend.fanout, close: () => backend.close() };
    },
  }));
});
