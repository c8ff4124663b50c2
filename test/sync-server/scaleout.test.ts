import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { stockProvider } from './support/providers.js';
import { RawClient } from './support/raw-client.js';
import { freshNamespace, startScaleoutInstance, stopAll } from './support/scaleout-instances.js';
import { startRedisCluster, startScaleoutServices, type ScaleoutServices } from './support/services.js';
import { tokenFor, waitFor } from './support/test-server.js';

let services: ScaleoutServices;
beforeAll(async () => { services = await startScaleoutServices(); });
afterAll(async () => { await services.stop(); });
const urls = () => ({ redisUrl: services.redis.url, postgresUrl: services.postgres.url });

describe('several instances on one Redis and one PostgreSQL', () => {
  it('stock clients spread over three instances converge on every plan, and presence crosses instances', async () => {
    const namespace = freshNamespace();
    const instances = [
      await startScaleoutInstance(urls(), namespace, { awarenessMs: 5 }),
      await startScaleoutInstance(urls(), namespace, { awarenessMs: 5 }),
      await startScaleoutInstance(urls(), namespace, { awarenessMs: 5 }),
    ];
    const token = tokenFor('acme');
    const plans = ['north', 'south', 'east'];
    // Each plan has a client on every instance.
    const providers = plans.flatMap((plan) => instances.map((instance) => ({ plan, provider: stockProvider(instance.wsBase, 'acme', plan, token) })));
    try {
      await waitFor(() => providers.every(({ provider }) => provider.synced), 'every client synced');
      providers.forEach(({ provider }, index) => {
        for (let n = 0; n < 5; n++) provider.doc.getMap('nodes').set(`c${index}-${n}`, n);
      });
      for (const plan of plans) {
        const onPlan = providers.filter((entry) => entry.plan === plan).map((entry) => entry.provider);
        const expected = onPlan.length * 5;
        await waitFor(() => onPlan.every((provider) => provider.doc.getMap('nodes').size === expected), `plan ${plan} converged`);
        const states = onPlan.map((provider) => provider.doc.getMap('nodes').toJSON());
        expect(states[1]).toEqual(states[0]);
        expect(states[2]).toEqual(states[0]);
        // Nothing from another plan leaked in: every key was written by a client of this plan.
        const writers = new Set(providers.flatMap((entry, index) => (entry.plan === plan ? [`c${index}`] : [])));
        expect(Object.keys(states[0]!).every((key) => writers.has(key.split('-')[0]!))).toBe(true);
      }
      const [first, , third] = providers.filter((entry) => entry.plan === 'north').map((entry) => entry.provider);
      first!.awareness.setLocalStateField('user', { name: 'on instance one' });
      await waitFor(() => third!.awareness.getStates().get(first!.doc.clientID)?.user?.name === 'on instance one', 'presence from instance one at instance three');
      // A client joining a fourth, fresh instance loads the plan from Redis + PostgreSQL.
      const late = await startScaleoutInstance(urls(), namespace);
      instances.push(late);
      const joiner = stockProvider(late.wsBase, 'acme', 'south', token);
      await waitFor(() => joiner.synced && joiner.doc.getMap('nodes').size === 15, 'late joiner has the whole plan');
      joiner.destroy();
    } finally {
      for (const { provider } of providers) provider.destroy();
      await stopAll(instances);
    }
  });

  it('sends a reconnecting client that holds the plan only what it lacks (counted in bytes)', async () => {
    const namespace = freshNamespace();
    const [one, two, three] = [await startScaleoutInstance(urls(), namespace), await startScaleoutInstance(urls(), namespace), await startScaleoutInstance(urls(), namespace)];
    try {
      const writer = await RawClient.joined(one.roomUrl('acme', 'offsite'));
      writer.edit((doc) => doc.getText('notes').insert(0, 'x'.repeat(300_000)));
      const laptop = await RawClient.joined(two.roomUrl('acme', 'offsite'));
      await laptop.until(() => laptop.doc.getText('notes').length === 300_000, 'the laptop holds the plan');
      const held = Y.encodeStateAsUpdate(laptop.doc);
      laptop.close();
      writer.edit((doc) => doc.getText('notes').insert(0, 'changed at the offsite'));
      // The laptop comes back through another instance, which has never loaded the plan.
      const back = await RawClient.connect(three.roomUrl('acme', 'offsite'));
      Y.applyUpdate(back.doc, held);
      back.sendSyncStep1();
      await back.until(() => back.doc.getText('notes').toString().startsWith('changed at the offsite'), 'the laptop has the change');
      const received = back.frames.reduce((sum, frame) => sum + frame.byteLength, 0);
      expect(held.byteLength).toBeGreaterThan(300_000);
      expect(received).toBeLessThan(1_000);
      writer.close();
      back.close();
    } finally {
      await stopAll([one, two, three]);
    }
  });

  it('keeps every edit through a Redis crash (appendfsync always) and a PostgreSQL crash', async () => {
    const namespace = freshNamespace();
    const [one, two] = [await startScaleoutInstance(urls(), namespace), await startScaleoutInstance(urls(), namespace)];
    const token = tokenFor('acme');
    const a = stockProvider(one.wsBase, 'acme', 'restarts', token);
    const b = stockProvider(two.wsBase, 'acme', 'restarts', token);
    try {
      await waitFor(() => a.synced && b.synced, 'both synced');
      const log = (provider: typeof a) => provider.doc.getArray<string>('log');
      for (let n = 0; n < 10; n++) log(a).push([`before-${n}`]);
      await waitFor(() => log(b).length === 10, 'b has the first edits');
      await services.redis.crashAndRestart();
      for (let n = 0; n < 10; n++) log(a).push([`after-redis-${n}`]);
      for (let n = 0; n < 5; n++) log(b).push([`b-after-redis-${n}`]);
      await waitFor(() => log(a).length === 25 && log(b).length === 25, 'both have every edit after Redis came back', 30_000);
      // Compacting into PostgreSQL, crashing it, and compacting again loses and duplicates nothing.
      await one.backend.store.compact('acme/restarts');
      await waitFor(() => one.backend.worker!.compactions + two.backend.worker!.compactions > 0, 'a compaction ran');
      await services.postgres.crashAndRestart();
      for (let n = 0; n < 5; n++) log(a).push([`after-postgres-${n}`]);
      await waitFor(() => log(b).length === 30, 'b has the edits after PostgreSQL came back', 30_000);
      await one.backend.store.compact('acme/restarts');
      const fresh = await startScaleoutInstance(urls(), namespace, {}, { worker: false });
      try {
        const c = stockProvider(fresh.wsBase, 'acme', 'restarts', token);
        await waitFor(() => c.synced && log(c).length === 30, 'a fresh instance loads all 30 edits', 20_000);
        expect(new Set(log(c).toArray()).size).toBe(30);
        expect(log(c).toArray().sort()).toEqual(log(a).toArray().sort());
        c.destroy();
      } finally {
        await fresh.stop();
      }
    } finally {
      a.destroy();
      b.destroy();
      await stopAll([one, two]);
    }
  });
});

describe('a three-node Redis Cluster', () => {
  it('spreads rooms over slots on several nodes, and every client converges', async () => {
    const cluster = await startRedisCluster();
    const clusterUrls = { redisUrl: cluster.url, postgresUrl: services.postgres.url };
    const namespace = freshNamespace();
    const instances = [await startScaleoutInstance(clusterUrls, namespace), await startScaleoutInstance(clusterUrls, namespace)];
    const token = tokenFor('acme');
    const plans = Array.from({ length: 8 }, (_, n) => `plan-${n}`);
    const providers = plans.flatMap((plan) => instances.map((instance) => stockProvider(instance.wsBase, 'acme', plan, token)));
    try {
      await waitFor(() => providers.every((provider) => provider.synced), 'every client synced', 20_000);
      providers.forEach((provider, index) => provider.doc.getMap('nodes').set(`from-${index}`, index));
      for (let p = 0; p < plans.length; p++) {
        const pair = [providers[2 * p]!, providers[2 * p + 1]!];
        await waitFor(() => pair.every((provider) => provider.doc.getMap('nodes').size === 2), `${plans[p]} converged`, 20_000);
      }
      // The rooms' streams landed on more than one node.
      const nodesWithKeys = cluster.nodes.filter((node) => streamsOnNode(node.port, namespace) > 0);
      expect(nodesWithKeys.length).toBeGreaterThanOrEqual(2);
    } finally {
      for (const provider of providers) provider.destroy();
      await stopAll(instances);
      await cluster.stop();
    }
  });
});

/** How many of the namespace's update streams one cluster node holds. */
function streamsOnNode(port: number, namespace: string): number {
  const result = spawnSync('redis-cli', ['-p', String(port), '--scan', '--pattern', `{${namespace}:*}:updates:*`], { encoding: 'utf8' });
  return result.stdout.split('\n').filter((line) => line.length > 0).length;
}
