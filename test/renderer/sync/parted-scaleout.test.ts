import { WebSocket as NodeWebSocket } from 'ws';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { memoryStore } from '../../../renderer/src/library/key-value-store.js';
import { PlanSync } from '../../../renderer/src/sync/plan-sync.js';
import { readTokenFacts } from '../../../renderer/src/sync/token-facts.js';
import { generatePlan } from '../../../shared/model/fixtures/generate-plan.js';
import { planTypes } from '../../../shared/model/index.js';
import { stockProvider } from '../../sync-server/support/providers.js';
import { freshNamespace, startScaleoutInstance, stopAll, type ScaleoutInstance } from '../../sync-server/support/scaleout-instances.js';
import { sharedScaleoutServices, type SharedScaleoutServices } from '../../sync-server/support/shared-services.js';
import { tokenFor, waitFor, type TestServer } from '../../sync-server/support/test-server.js';
import { installPageGlobals, type PageGlobals } from './support/page-globals.js';

/**
 * The parted paths in the scaled-out mode (Redis streams + PostgreSQL, two instances): a plan several
 * times the join allowance goes up in parts through one instance and comes down in parts through the
 * other; after a day apart with large edits on both sides, each direction carries only what the other
 * side lacks, and both directions are parted.
 */
const kibibyte = 1024;
const limits = { maxMessageBytes: 256 * kibibyte, maxJoinBytes: 1024 * kibibyte, maxUnfinishedBytesPerToken: 1024 * kibibyte, maxReplyPartBytes: 128 * kibibyte } as const;
const uploadPartBytes = 128 * kibibyte;

let services: SharedScaleoutServices;
let planUpdate: Uint8Array;
beforeAll(async () => {
  services = sharedScaleoutServices();
  const doc = new Y.Doc();
  generatePlan(doc, { nodes: 6_000 });
  planUpdate = Y.encodeStateAsUpdate(doc);
}, 120_000);

let page: PageGlobals;
let instances: ScaleoutInstance[] = [];
/** Bytes the page's sockets sent and received (the in-process servers and stock clients use `ws` too: not counted). */
let bytesSent = 0;
let bytesReceived = 0;
let largestSent = 0;
let largestReceived = 0;
const realSend = NodeWebSocket.prototype.send;
const realEmit = NodeWebSocket.prototype.emit;
beforeEach(() => {
  page = installPageGlobals();
  bytesSent = 0;
  bytesReceived = 0;
  NodeWebSocket.prototype.send = function countedSend(this: NodeWebSocket, data: unknown, ...rest: unknown[]) {
    if (this instanceof globalThis.WebSocket && data instanceof Uint8Array) {
      bytesSent += data.byteLength;
      largestSent = Math.max(largestSent, data.byteLength);
    }
    return (realSend as (...args: unknown[]) => void).call(this, data, ...rest);
  } as typeof realSend;
  NodeWebSocket.prototype.emit = function countedEmit(this: NodeWebSocket, event: string | symbol, ...args: unknown[]) {
    // The stock client asks for ArrayBuffers (binaryType 'arraybuffer').
    const data = args[0];
    if (event === 'message' && this instanceof globalThis.WebSocket && (data instanceof Uint8Array || data instanceof ArrayBuffer)) {
      bytesReceived += data.byteLength;
      largestReceived = Math.max(largestReceived, data.byteLength);
    }
    return realEmit.call(this, event, ...args);
  } as typeof realEmit;
});
afterEach(async () => {
  NodeWebSocket.prototype.send = realSend;
  NodeWebSocket.prototype.emit = realEmit;
  page.remove();
  await stopAll(instances);
  instances = [];
});

async function twoInstances(): Promise<[ScaleoutInstance, ScaleoutInstance]> {
  const namespace = freshNamespace();
  const urls = { redisUrl: services.redis.url, postgresUrl: services.postgres.url };
  const first = await startScaleoutInstance(urls, namespace, limits);
  const second = await startScaleoutInstance(urls, namespace, limits);
  instances = [first, second];
  return [first, second];
}

function planDoc(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

function openPlanSync(target: TestServer, doc: Y.Doc): PlanSync {
  const token = tokenFor('acme');
  return new PlanSync({
    doc, planId: 'big', connection: { server: target.wsBase, workspace: 'acme', token, savedAt: 0 }, token: readTokenFacts(token),
    nonLocalOrigins: [], store: memoryStore(), now: () => Date.now(), onStatus: () => undefined, onPeers: () => undefined,
    maxPartBytes: uploadPartBytes,
  });
}

function planContent(doc: Y.Doc): string {
  return JSON.stringify(Object.entries(planTypes(doc)).map(([name, type]) => [name, type.toJSON()]));
}

function sameDocs(a: Y.Doc, b: Y.Doc): boolean {
  return Buffer.from(Y.encodeStateVector(a)).equals(Y.encodeStateVector(b)) && Buffer.from(Y.encodeStateAsUpdate(a)).equals(Y.encodeStateAsUpdate(b));
}

/** Renames `count` nodes of `doc` with long titles: a large change made offline. */
function renameMany(doc: Y.Doc, ids: readonly string[], label: string): void {
  const nodes = planTypes(doc).nodes;
  for (const id of ids) doc.transact(() => (nodes.get(id) as Y.Map<unknown>).set('title', `${label} ${id} ${'·'.repeat(300)}`));
}

describe('parted upload and parted answers through Redis + PostgreSQL, two instances', () => {
  it('PlanSync uploads a plan five times the join allowance through one instance; a stock client joins through the other and gets it identical', async () => {
    const [first, second] = await twoInstances();
    expect(planUpdate.byteLength).toBeGreaterThan(4 * limits.maxJoinBytes);
    const doc = planDoc(planUpdate);
    const sync = openPlanSync(first, doc);
    try {
      await waitFor(() => sync.status().phase.kind === 'synced', 'the parted upload finished', 90_000);
      expect(Y.encodeStateVector(await second.planOnServer('acme/big'))).toEqual(Y.encodeStateVector(doc));
      const joined = new Y.Doc();
      const provider = stockProvider(second.wsBase, 'acme', 'big', tokenFor('acme'), joined);
      try {
        await waitFor(() => provider.synced, 'the stock client joined through the other instance', 60_000);
        expect(planContent(joined) === planContent(doc)).toBe(true);
        expect(sameDocs(joined, doc)).toBe(true);
      } finally {
        provider.destroy();
      }
    } finally {
      sync.destroy();
    }
  }, 180_000);

  it('a day offline with large edits on both sides: the reconnect sends and receives only the difference, each in parts', async () => {
    const [first, second] = await twoInstances();
    const doc = planDoc(planUpdate);
    const sync = openPlanSync(first, doc);
    const other = new Y.Doc();
    const otherProvider = stockProvider(second.wsBase, 'acme', 'big', tokenFor('acme'), other);
    try {
      await waitFor(() => sync.status().phase.kind === 'synced', 'the first upload', 90_000);
      await waitFor(() => sameDocs(other, doc), 'the other device has the plan', 60_000);
      page.goOffline();
      await waitFor(() => sync.status().phase.kind === 'offline', 'offline');
      const ids = [...planTypes(doc).nodes.keys()];
      // Offline here: 1,200 long renames (~0.4 MB, several upload parts). There: 800 others (several answer parts).
      renameMany(doc, ids.slice(0, 1_200), 'renamed offline');
      renameMany(other, ids.slice(-800), 'renamed at the office');
      const serverHas = async () => Y.encodeStateVector(await second.planOnServer('acme/big'));
      await waitFor(() => otherProvider.ws?.bufferedAmount === 0, 'the other device\'s edits sent');
      const started = Date.now();
      while (!Buffer.from(await serverHas()).equals(Y.encodeStateVector(other))) {
        if (Date.now() - started > 30_000) throw new Error('the other device\'s edits were never stored');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const onServer = await second.planOnServer('acme/big');
      const serverLacks = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(onServer));
      const deviceLacks = Y.encodeStateAsUpdate(onServer, Y.encodeStateVector(doc));
      expect(serverLacks.byteLength).toBeGreaterThan(2 * uploadPartBytes);
      expect(deviceLacks.byteLength).toBeGreaterThan(2 * limits.maxReplyPartBytes);
      bytesSent = 0;
      bytesReceived = 0;
      largestSent = 0;
      largestReceived = 0;
      page.goOnline();
      await waitFor(() => sync.status().phase.kind === 'synced', 'back in sync', 60_000);
      await waitFor(() => sameDocs(other, doc), 'both sides converged', 60_000);
      expect(planContent(doc) === planContent(other)).toBe(true);
      // Each direction carried what the other side lacked, plus little (framing, presence, state vectors).
      expect(bytesSent).toBeGreaterThanOrEqual(serverLacks.byteLength);
      expect(bytesSent).toBeLessThan(serverLacks.byteLength + 16 * kibibyte);
      expect(bytesReceived).toBeGreaterThanOrEqual(deviceLacks.byteLength);
      expect(bytesReceived).toBeLessThan(deviceLacks.byteLength + 16 * kibibyte);
      expect(bytesSent + bytesReceived).toBeLessThan(planUpdate.byteLength / 2);
      // Both were parted: no message larger than a part (plus its frame header) went either way.
      expect(largestSent).toBeLessThanOrEqual(uploadPartBytes + 16);
      expect(largestReceived).toBeLessThanOrEqual(limits.maxReplyPartBytes + 16);
    } finally {
      otherProvider.destroy();
      sync.destroy();
    }
  }, 240_000);
});
