import type { TestProject } from 'vitest/node';
import { startScaleoutServices } from './services.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set in the redis+postgres project: one Redis and one PostgreSQL for the whole run. */
    scaleoutServices: { redisUrl: string; postgresUrl: string };
  }
}

/** Starts the real Redis and PostgreSQL the redis+postgres test project runs the server suites on. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const services = await startScaleoutServices();
  project.provide('scaleoutServices', { redisUrl: services.redis.url, postgresUrl: services.postgres.url });
  return () => services.stop();
}
