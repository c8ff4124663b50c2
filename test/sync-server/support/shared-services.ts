import { inject } from 'vitest';

/** Where the run's shared Redis and PostgreSQL listen (scaleout-global-setup.ts). */
export interface SharedScaleoutServices {
  readonly redis: { readonly url: string };
  readonly postgres: { readonly url: string };
}

/**
 * The Redis and PostgreSQL started once for the run, for the files of the `scaleout-services` project
 * (vitest.config.ts). Such a file writes only namespaces of its own (`freshNamespace()` or a name no other
 * file uses) and never restarts, kills or reconfigures the servers, counts their clients or reads keys
 * outside its namespaces: the files run one after another on the same two servers.
 */
export function sharedScaleoutServices(): SharedScaleoutServices {
  const { redisUrl, postgresUrl } = inject('scaleoutServices');
  return { redis: { url: redisUrl }, postgres: { url: postgresUrl } };
}
