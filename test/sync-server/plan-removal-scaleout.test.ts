/**
 * A plan taken out of its workspace, scaled out (removed38): three instances on one Redis and one
 * PostgreSQL, stock y-websocket clients spread over them. Every instance holding a connection to the
 * plan closes it with 4410 and who took it out — also those that do not have the workspace's list
 * loaded — whichever instance the change came through; and a join arriving at any instance afterwards
 * is refused, decided on each instance's cached directory, which is never behind a change stored
 * before the join (even one whose doorbell never rang).
 */
import { Redis } from 'ioredis';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { closeCodes } from '../../shared/sync/protocol.js';
import { directoryRoom, listPlan, removeListedPlan } from '../../shared/workspace/directory.js';
import { RedisKeys } from '../../sync-server/scaleout/redis-keys.js';
import { stockProvider } from './support/providers.js';
import { freshNamespace, startScaleoutInstance, stopAll, type ScaleoutInstance } from './support/scaleout-instances.js';
import { sharedScaleoutServices, type SharedScaleoutServices } from './support/shared-services.js';
import { tokenFor, waitFor, waitForAsync } from './support/test-server.js';

let services: SharedScaleoutServices;
beforeAll(() => { services = sharedScaleoutServices(); });

const instances: ScaleoutInstance[] = [];
const opened: WebsocketProvider[] = [];
afterEach(async () => {
  for (const provider of opened.splice(0)) provider.destroy();
  await stopAll(instances.splice(0));
});

/** Three instances of one deployment; `sweepMs` as the backend's (2 s unless a test turns the sweep off). */
async function threeInstances(namespace: string, sweepMs?: number): Promise<ScaleoutInstance[]> {
  const urls = { redisUrl: services.redis.url, postgresUrl: services.postgres.url };
  const backend = sweepMs === undefined ? {} : { sweepMs };
  for (let n = 0; n < 3; n++) instances.push(await startScaleoutInstance(urls, namespace, { graceMs: 0 }, backend));
  return instances;
}

interface Joined {
  readonly provider: WebsocketProvider;
  readonly closes: { code: number; reason: string }[];
}

function join(instance: ScaleoutInstance, plan: string, doc = new Y.Doc()): Joined {
  const provider = stockProvider(instance.wsBase, 'acme', plan, tokenFor('acme'), doc);
  opened.push(provider);
  const closes: { code: number; reason: string }[] = [];
  provider.on('closed', (event) => closes.push(event));
  return { provider, closes };
}

const strategies = (doc: Y.Doc) => doc.getArray<string>('strategies').toArray();
const takenOut = { code: closeCodes.planRemoved, reason: 'taken out of the workspace by Ada' };

/** The plan listed and holding a line, stored; the list's client on `listOn`. */
async function listedPlan(listOn: ScaleoutInstance): Promise<Joined> {
  const list = join(listOn, directoryRoom);
  const writer = join(listOn, 'reorg');
  await waitFor(() => list.provider.synced && writer.provider.synced, 'list and plan synced');
  listPlan(list.provider.doc, { id: 'reorg', name: 'Reorg (confidential)', at: 1, by: 'Ada' });
  writer.provider.doc.getArray<string>('strategies').push(['Close the Leeds office']);
  await waitForAsync(async () => (await listOn.planOnServer('acme/reorg')).getArray('strategies').length === 1, 'the plan stored');
  await waitForAsync(async () => (await listOn.server.workspaces.plans('acme')).length === 1, 'the listing stored');
  writer.provider.destroy();
  return list;
}

describe('a plan taken out of its workspace, scaled out', () => {
  it.each([0, 1, 2])('closes its open connections on every instance when the change comes through instance %i, and later joins anywhere are refused', async (through) => {
    const all = await threeInstances(freshNamespace());
    const list = await listedPlan(all[through]!);
    // A reader of the plan on every instance; only instance `through` has the list loaded.
    const readers = all.map((instance) => join(instance, 'reorg'));
    await waitFor(() => readers.every((reader) => strategies(reader.provider.doc).length === 1), 'every reader has the plan');
    all.forEach((instance, n) => expect(instance.server.rooms.loaded(`acme/${directoryRoom}`) !== undefined).toBe(n === through));

    removeListedPlan(list.provider.doc, 'reorg', 2, 'Ada');
    await waitFor(() => readers.every((reader) => reader.closes.length === 1), 'every reader closed');
    for (const reader of readers) expect(reader.closes[0]).toEqual(takenOut);

    // Joins afterwards, at every instance: refused with the reason, nothing of the plan sent.
    const late = all.map((instance) => join(instance, 'reorg'));
    await waitFor(() => late.every((joined) => joined.closes.length === 1), 'every late join refused');
    for (const joined of late) {
      expect(joined.closes[0]).toEqual(takenOut);
      expect(strategies(joined.provider.doc)).toEqual([]);
      expect(joined.provider.synced).toBe(false);
    }
  });

  it('refuses a join after a removal at once on every instance, from the cached list, even when no doorbell rang for the removal', async () => {
    const namespace = freshNamespace();
    // No sweep during the test: only doorbells would tell an instance that the list changed.
    const all = await threeInstances(namespace, 600_000);
    const list = await listedPlan(all[0]!);
    // Every instance holds a connection of the workspace (another plan), so its list is cached, and has
    // served a join of the plan from that cache.
    const others = all.map((instance) => join(instance, 'budget'));
    const before = all.map((instance) => join(instance, 'reorg'));
    await waitFor(() => [...others, ...before].every((joined) => joined.provider.synced), 'the workspace joined everywhere');
    expect(before.every((joined) => strategies(joined.provider.doc).length === 1)).toBe(true);
    for (const joined of before) joined.provider.destroy();
    const loadsBefore = all.map((instance) => instance.server.workspaces.directories?.counts.loads ?? 0);

    // Ada's removal reaches storage the way another writer's could: an entry of the list's stream, no doorbell.
    const removal = new Y.Doc();
    Y.applyUpdate(removal, Y.encodeStateAsUpdate(list.provider.doc));
    const vector = Y.encodeStateVector(removal);
    removeListedPlan(removal, 'reorg', 2, 'Ada');
    const redis = new Redis(services.redis.url);
    try {
      await redis.xadd(new RedisKeys(namespace, 16).updates(`acme/${directoryRoom}`), '*', 'i', 'another-writer', 'u', Buffer.from(Y.encodeStateAsUpdate(removal, vector)));
    } finally {
      redis.disconnect();
    }

    const late = all.map((instance) => join(instance, 'reorg'));
    await waitFor(() => late.every((joined) => joined.closes.length === 1), 'every join refused');
    for (const joined of late) {
      expect(joined.closes[0]).toEqual(takenOut);
      expect(strategies(joined.provider.doc)).toEqual([]);
    }
    // Each instance read the list again once (its stream had moved), not once per join.
    all.forEach((instance, n) => expect((instance.server.workspaces.directories?.counts.loads ?? 0) - loadsBefore[n]!).toBe(1));
  });
});
