import type { TestProject } from 'vitest/node';
import { startScaleoutServices, type ScaleoutServices } from './services.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set in the projects that run on Redis and PostgreSQL: one Redis and one PostgreSQL for the whole run. */
    scaleoutServices: { redisUrl: string; postgresUrl: string };
  }
}

/** The services every project that names this set-up shares, and how many of them still use them. */
interface Shared { services: Promise<ScaleoutServices>; users: number }
const sharedKey = Symbol.for('throughline.test.scaleoutServices');
const holder = globalThis as typeof globalThis & { [sharedKey]?: Shared };

/**
 * Starts the real Redis and PostgreSQL the scaled-out test projects run on, once for all of them: vitest
 * runs each project's global set-up in the one main process (importing the file once per project), so
 * the first start is kept on `globalThis` and the last project's teardown stops it. An initdb and the
 * two servers' start took 4–8 s at a load of 16 (testtime11, docs/testing.md), once per file before.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const shared = holder[sharedKey] ??= { services: startScaleoutServices(), users: 0 };
  shared.users += 1;
  const services = await shared.services;
  project.provide('scaleoutServices', { redisUrl: services.redis.url, postgresUrl: services.postgres.url });
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    delete holder[sharedKey];
    await services.stop();
  };
}
