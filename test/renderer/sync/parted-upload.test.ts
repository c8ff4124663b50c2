import { WebSocket as NodeWebSocket } from 'ws';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { memoryStore } from '../../../renderer/src/library/key-value-store.js';
import { PlanSync } from '../../../renderer/src/sync/plan-sync.js';
import { uploadPlan } from '../../../renderer/src/sync/plan-upload.js';
import { readTokenFacts } from '../../../renderer/src/sync/token-facts.js';
import { generatePlan } from '../../../shared/model/fixtures/generate-plan.js';
import { planTypes } from '../../../shared/model/index.js';
import { closeCodes } from '../../../shared/sync/protocol.js';
import { stockProvider } from '../../sync-server/support/providers.js';
import { RawClient, syncStep2Message, updateMessage } from '../../sync-server/support/raw-client.js';
import { startTestServer, tokenFor, waitFor, type TestServer } from '../../sync-server/support/test-server.js';
import { installPageGlobals, type PageGlobals } from './support/page-globals.js';

const kibibyte = 1024;
/** Limits far below the plan's size: the plan is five times the join allowance. */
const smallLimits = { maxMessageBytes: 256 * kibibyte, maxJoinBytes: 1024 * kibibyte, maxUnfinishedBytesPerToken: 1024 * kibibyte } as const;

/** A plan made offline of about 5 MB encoded (several times the server's join allowance). */
let planUpdate: Uint8Array;
beforeAll(() => {
  const doc = new Y.Doc();
  generatePlan(doc, { nodes: 6_000 });
  planUpdate = Y.encodeStateAsUpdate(doc);
});

let page: PageGlobals;
let server: TestServer | null = null;
/**
 * Bytes the page (PlanSync, uploadPlan) hands to its sockets. Its WebSocket is a subclass of `ws`'s,
 * which the in-process server and the stock client also use: only the page's instances are counted.
 */
let bytesSent = 0;
const realSend = NodeWebSocket.prototype.send;
beforeEach(() => {
  page = installPageGlobals();
  bytesSent = 0;
  NodeWebSocket.prototype.send = function countedSend(this: NodeWebSocket, data: unknown, ...rest: unknown[]) {
    if (this instanceof globalThis.WebSocket && data instanceof Uint8Array) bytesSent += data.byteLength;
    return (realSend as (...args: unknown[]) => void).call(this, data, ...rest);
  } as typeof realSend;
});
afterEach(async () => {
  NodeWebSocket.prototype.send = realSend;
  page.remove();
  await server?.stop();
  server = null;
});

function planDoc(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

function openPlanSync(target: TestServer, doc: Y.Doc, maxPartBytes?: number): PlanSync {
  const token = tokenFor('acme');
  return new PlanSync({
    doc, planId: 'big', connection: { server: target.wsBase, workspace: 'acme', token, savedAt: 0 }, token: readTokenFacts(token),
    nonLocalOrigins: [], store: memoryStore(), now: () => Date.now(), onStatus: () => undefined, onPeers: () => undefined,
    ...(maxPartBytes === undefined ? {} : { maxPartBytes }),
  });
}

/** Everything a plan holds, as text (compared as one boolean: a diff of megabytes is no help). */
function planContent(doc: Y.Doc): string {
  return JSON.stringify(Object.entries(planTypes(doc)).map(([name, type]) => [name, type.toJSON()]));
}

/** A second device with the stock Yjs-13 y-websocket client joins and waits for the whole plan. */
async function stockJoin(target: TestServer, expected: Y.Doc): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const provider = stockProvider(target.wsBase, 'acme', 'big', tokenFor('acme'), doc);
  try {
    await waitFor(() => provider.synced, 'the stock client synced', 30_000);
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(expected));
    expect(planContent(doc) === planContent(expected)).toBe(true);
    expect(Buffer.from(Y.encodeStateAsUpdate(doc)).equals(Y.encodeStateAsUpdate(expected))).toBe(true);
    return doc;
  } finally {
    provider.destroy();
  }
}

describe('a first upload larger than the server takes in one message', () => {
  it('the stock client alone is refused (1009), the way the 100,000-node plan was', async () => {
    server = await startTestServer(smallLimits);
    expect(planUpdate.byteLength).toBeGreaterThan(4 * smallLimits.maxJoinBytes);
    const client = await RawClient.connect(server.roomUrl('acme', 'big'), { answerSyncStep1: false });
    client.send(syncStep2Message(planUpdate));
    expect((await client.closed()).code).toBe(closeCodes.messageTooBig);
  });

  it('PlanSync uploads it in parts; a second, stock client joins and gets the identical plan', async () => {
    server = await startTestServer(smallLimits);
    const doc = planDoc(planUpdate);
    const sync = openPlanSync(server, doc, 128 * kibibyte);
    try {
      await waitFor(() => sync.status().phase.kind === 'synced', 'the parted upload finished', 60_000);
      expect(sync.status().pendingChanges).toBe(0);
      const onServer = await server.planOnServer('acme/big');
      expect(Y.encodeStateVector(onServer)).toEqual(Y.encodeStateVector(doc));
      // Every message stayed within the ordinary limit, so none needed the join allowance.
      expect(bytesSent).toBeGreaterThan(planUpdate.byteLength);
      await stockJoin(server, doc);
    } finally {
      sync.destroy();
    }
  }, 120_000);

  it('uploadPlan finds a server\'s lower limit by itself (refused part → smaller parts) and completes', async () => {
    server = await startTestServer(smallLimits);
    const doc = planDoc(planUpdate);
    const received = await uploadPlan('big', planUpdate, { server: server.wsBase, workspace: 'acme', token: tokenFor('acme'), savedAt: 0 });
    expect(received).not.toBeNull();
    await stockJoin(server, doc);
  }, 120_000);

  it('edits made on both sides while apart: the reconnect sends only the difference, in both directions', async () => {
    server = await startTestServer(smallLimits);
    const doc = planDoc(planUpdate);
    const sync = openPlanSync(server, doc, 128 * kibibyte);
    const other = new Y.Doc();
    const otherProvider = stockProvider(server.wsBase, 'acme', 'big', tokenFor('acme'), other);
    try {
      await waitFor(() => sync.status().phase.kind === 'synced', 'the first upload', 60_000);
      await waitFor(() => otherProvider.synced && Y.encodeStateVector(other).length === Y.encodeStateVector(doc).length, 'the other device has the plan', 30_000);
      page.goOffline();
      await waitFor(() => sync.status().phase.kind === 'offline', 'offline');
      // A day apart: a few hundred edits here, some on the server from the other device.
      const nodes = planTypes(doc).nodes;
      const ids = [...nodes.keys()].slice(0, 300);
      for (const id of ids) doc.transact(() => (nodes.get(id) as Y.Map<unknown>).set('title', `renamed ${id}`));
      const otherNodes = planTypes(other).nodes;
      for (const id of [...otherNodes.keys()].slice(-40)) other.transact(() => (otherNodes.get(id) as Y.Map<unknown>).set('title', `theirs ${id}`));
      await waitFor(() => otherProvider.ws?.bufferedAmount === 0, 'the other device\'s edits sent');
      await new Promise((resolve) => setTimeout(resolve, 300));
      bytesSent = 0;
      const local = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(await server.planOnServer('acme/big')));
      page.goOnline();
      await waitFor(() => sync.status().phase.kind === 'synced', 'back in sync', 30_000);
      await waitFor(() => Y.encodeStateAsUpdate(other).length === Y.encodeStateAsUpdate(doc).length && Y.encodeStateVector(other).toString() === Y.encodeStateVector(doc).toString(), 'both sides converged', 30_000);
      // Only the difference went up: one answer of what the server lacked, besides small frames.
      expect(bytesSent).toBeLessThan(planUpdate.byteLength / 20);
      expect(bytesSent).toBeGreaterThanOrEqual(local.byteLength);
      expect(bytesSent).toBeLessThan(local.byteLength + 16 * kibibyte);
      expect(planContent(doc) === planContent(other)).toBe(true);
    } finally {
      otherProvider.destroy();
      sync.destroy();
    }
  }, 120_000);

  it('hostile oversize single messages are still refused with the same close codes', async () => {
    server = await startTestServer(smallLimits);
    const bigDoc = new Y.Doc();
    bigDoc.getText('t').insert(0, 'x'.repeat(400 * kibibyte));
    const big = Y.encodeStateAsUpdate(bigDoc);
    const asUpdate = await RawClient.connect(server.roomUrl('acme', 'big'), { answerSyncStep1: false });
    asUpdate.send(updateMessage(big));
    expect((await asUpdate.closed()).code).toBe(closeCodes.messageTooBig);
    const asStep2 = await RawClient.connect(server.roomUrl('acme', 'big'), { answerSyncStep1: false });
    asStep2.send(syncStep2Message(planUpdate));
    expect((await asStep2.closed()).code).toBe(closeCodes.messageTooBig);
  });
});
