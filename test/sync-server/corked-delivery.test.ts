import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { RawClient } from './support/raw-client.js';
import { freshNamespace, startScaleoutInstance, stopAll, type ScaleoutInstance } from './support/scaleout-instances.js';
import { sharedScaleoutServices, type SharedScaleoutServices } from './support/shared-services.js';
import { tokenFor } from './support/test-server.js';

// A connection holds its writes until the job that sent them ends (Connection.corkUntilJobEnds): the
// frames one read of Redis delivers to a socket, or one durable batch relays, go out in one write.
// This holds that to what a person sees: every change arrives, in the order it was made, per plan, on
// the writer's instance and on another one, whatever the bursts.

let services: SharedScaleoutServices;
let instances: ScaleoutInstance[] = [];
beforeAll(async () => {
  services = sharedScaleoutServices();
  const namespace = freshNamespace();
  const urls = { redisUrl: services.redis.url, postgresUrl: services.postgres.url };
  instances = [await startScaleoutInstance(urls, namespace), await startScaleoutInstance(urls, namespace)];
});
afterAll(async () => {
  await stopAll(instances);
});

/**
 * The counter values a client was sent, in the order the frames (and their structs) came. Each plan
 * has one key; a struct after the first names its left neighbour, not the key, so all are taken.
 */
function valuesSent(client: RawClient): number[] {
  const values: number[] = [];
  for (const frame of client.frames) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 2) continue;
    for (const struct of Y.decodeUpdate(decoding.readVarUint8Array(decoder)).structs) {
      if (struct instanceof Y.Item && struct.content instanceof Y.ContentAny) {
        for (const value of struct.content.arr) if (typeof value === 'number') values.push(value);
      }
    }
  }
  return values;
}

let plans = 0;

describe('corked delivery', () => {
  it('delivers every change of bursts over several plans, in order per plan, on the writer\'s instance and on another', async () => {
    const token = tokenFor('acme');
    await fc.assert(fc.asyncProperty(
      // Bursts of plan picks: each burst's changes are sent back to back, so they are stored in one
      // batch and reach the other instance in one read; a plan may appear several times in a burst.
      fc.array(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 5 }),
      fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
      async (bursts, pauses) => {
        const names = [0, 1, 2].map(() => `corked-${++plans}`);
        const [one, two] = instances;
        const url = (instance: ScaleoutInstance, plan: string) => `${instance.wsBase}/acme/${plan}?token=${token}`;
        const writers = await Promise.all(names.map((plan) => RawClient.joined(url(one!, plan))));
        const readers = await Promise.all(names.flatMap((plan) => [RawClient.joined(url(one!, plan)), RawClient.joined(url(two!, plan))]));
        try {
          const counts = [0, 0, 0];
          for (const [index, burst] of bursts.entries()) {
            for (const pick of burst) {
              const count = ++counts[pick]!;
              writers[pick]!.edit((doc) => doc.getMap('m').set('n', count));
            }
            // Sometimes the next burst follows at once, sometimes after the last was relayed.
            if (pauses[index] === true) await new Promise((resolve) => setTimeout(resolve, 20));
          }
          for (const [pick, count] of counts.entries()) {
            for (const reader of readers.slice(2 * pick, 2 * pick + 2)) {
              await reader.until(() => reader.doc.getMap('m').get('n') === (count === 0 ? undefined : count), `plan ${pick} at ${count}`);
              const seen = valuesSent(reader);
              // Every change, each once, in the order written (merged batches keep their order inside).
              expect(seen).toEqual(Array.from({ length: count }, (_, n) => n + 1));
            }
          }
        } finally {
          for (const client of [...writers, ...readers]) client.close();
        }
      },
    ), { numRuns: 12 });
  });
});
