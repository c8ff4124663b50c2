import * as decoding from 'lib0/decoding';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { generatePlan } from '../../shared/model/fixtures/generate-plan.js';
import { planTypes } from '../../shared/model/index.js';
import { closeCodes, messageType, syncMessageType } from '../../shared/sync/protocol.js';
import { stockProvider } from './support/providers.js';
import { RawClient } from './support/raw-client.js';
import { capturingLogger, startTestServer, tokenFor, waitFor, type TestServer } from './support/test-server.js';

const kibibyte = 1024;
/** Reply parts far below the plan's size, so a fresh join is answered in dozens of parts. */
const partLimits = { maxReplyPartBytes: 64 * kibibyte } as const;
/** Frame bytes around a part's payload: message type, sync type, length prefix. */
const frameOverhead = 8;

/** A plan of about 1.7 MB encoded, with edits from two devices interleaved (origins cross clients). */
let planUpdate: Uint8Array;
beforeAll(() => {
  const doc = new Y.Doc();
  generatePlan(doc, { nodes: 2_000 });
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  const nodes = planTypes(other).nodes;
  for (const id of [...nodes.keys()].slice(0, 400)) (nodes.get(id) as Y.Map<unknown>).set('title', `renamed on the other device ${id}`);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
  planUpdate = Y.encodeStateAsUpdate(doc);
});

let server: TestServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

/** Uploads `update` as the plan `acme/big` through a raw editor, and waits until the server stored it. */
async function seedPlan(target: TestServer, update: Uint8Array): Promise<RawClient> {
  const writer = await RawClient.joined(target.roomUrl('acme', 'big'));
  writer.sendUpdate(update);
  const expected = Y.encodeStateVector(planOf(update));
  const started = Date.now();
  while (!Buffer.from(Y.encodeStateVector(await target.planOnServer('acme/big'))).equals(expected)) {
    if (Date.now() - started > 20_000) throw new Error('the server never stored the plan');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return writer;
}

function planOf(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

/** The sync frames a raw client was sent, as [sync message type, payload]. */
function syncFrames(client: RawClient): [number, Uint8Array][] {
  const frames: [number, Uint8Array][] = [];
  for (const frame of client.frames) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== messageType.sync) continue;
    frames.push([decoding.readVarUint(decoder), decoding.readVarUint8Array(decoder)]);
  }
  return frames;
}

describe('the answer to a fresh join of a large plan', () => {
  it('comes as update messages each within the part bound, then an empty sync step 2; the result is the whole plan', async () => {
    server = await startTestServer(partLimits);
    const writer = await seedPlan(server, planUpdate);
    const joiner = await RawClient.joined(server.roomUrl('acme', 'big'));
    const frames = syncFrames(joiner).filter(([type]) => type !== syncMessageType.step1);
    expect(frames.length).toBeGreaterThan(planUpdate.byteLength / partLimits.maxReplyPartBytes);
    const last = frames[frames.length - 1]!;
    expect(last[0]).toBe(syncMessageType.step2);
    expect([...last[1]]).toEqual([0, 0]);
    for (const [type, payload] of frames.slice(0, -1)) {
      expect(type).toBe(syncMessageType.update);
      expect(payload.byteLength).toBeLessThanOrEqual(partLimits.maxReplyPartBytes);
    }
    for (const frame of joiner.frames) expect(frame.byteLength).toBeLessThanOrEqual(partLimits.maxReplyPartBytes + frameOverhead);
    // Nothing waits as pending: every part only needed earlier ones.
    expect(joiner.doc.store.pendingStructs).toBeNull();
    expect(Buffer.from(Y.encodeStateAsUpdate(joiner.doc)).equals(Y.encodeStateAsUpdate(planOf(planUpdate)))).toBe(true);
    joiner.close();
    writer.close();
  }, 60_000);

  it('the stock y-websocket client is synced only once it has every part, identical to the plan', async () => {
    server = await startTestServer(partLimits);
    const writer = await seedPlan(server, planUpdate);
    const doc = new Y.Doc();
    const expected = planOf(planUpdate);
    let stateWhenSynced: Uint8Array | null = null;
    const provider = stockProvider(server.wsBase, 'acme', 'big', tokenFor('acme'), doc);
    provider.on('sync', (synced: boolean) => {
      if (synced && stateWhenSynced === null) stateWhenSynced = Y.encodeStateVector(doc);
    });
    try {
      await waitFor(() => stateWhenSynced !== null, 'the stock client synced', 30_000);
      expect(stateWhenSynced).toEqual(Y.encodeStateVector(expected));
      expect(Buffer.from(Y.encodeStateAsUpdate(doc)).equals(Y.encodeStateAsUpdate(expected))).toBe(true);
    } finally {
      provider.destroy();
      writer.close();
    }
  }, 60_000);

  it('edits made while the parts are being sent reach the joiner too, nothing lost', async () => {
    server = await startTestServer(partLimits);
    const writer = await seedPlan(server, planUpdate);
    const editor = new Y.Doc();
    Y.applyUpdate(editor, planUpdate);
    const doc = new Y.Doc();
    const provider = stockProvider(server.wsBase, 'acme', 'big', tokenFor('acme'), doc);
    try {
      // Edits relayed between the parts may depend on parts not yet sent: the client holds them until then.
      const nodes = planTypes(editor).nodes;
      const ids = [...nodes.keys()];
      for (let i = 0; i < 30 && !provider.synced; i++) {
        const before = Y.encodeStateVector(editor);
        (nodes.get(ids[ids.length - 1 - i]!) as Y.Map<unknown>).set('title', `edited during the join ${i}`);
        writer.sendUpdate(Y.encodeStateAsUpdate(editor, before));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      await waitFor(() => provider.synced, 'the stock client synced', 30_000);
      await waitFor(() => Buffer.from(Y.encodeStateVector(doc)).equals(Y.encodeStateVector(editor)), 'the joiner has every edit', 30_000);
      expect(doc.store.pendingStructs).toBeNull();
      expect(Buffer.from(Y.encodeStateAsUpdate(doc)).equals(Y.encodeStateAsUpdate(editor))).toBe(true);
    } finally {
      provider.destroy();
      writer.close();
    }
  }, 60_000);

  it('a small answer is still one sync step 2 carrying the whole difference', async () => {
    server = await startTestServer(partLimits);
    const writer = await seedPlan(server, planUpdate);
    writer.edit((doc) => doc.getMap('m').set('after', 'a small edit'));
    const started = Date.now();
    while ((await server.planOnServer('acme/big')).getMap('m').get('after') !== 'a small edit') {
      if (Date.now() - started > 10_000) throw new Error('the server never stored the edit');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const joiner = await RawClient.connect(server.roomUrl('acme', 'big'));
    Y.applyUpdate(joiner.doc, planUpdate);
    joiner.sendSyncStep1();
    await joiner.until(() => syncFrames(joiner).some(([type]) => type === syncMessageType.step2), 'the answer');
    expect(joiner.doc.getMap('m').get('after')).toBe('a small edit');
    const frames = syncFrames(joiner).filter(([type]) => type !== syncMessageType.step1);
    expect(frames.map(([type]) => type)).toEqual([syncMessageType.step2]);
    // The edit and the plan's delete set, not the plan.
    expect(frames[0]![1].byteLength).toBeLessThan(16 * kibibyte);
    joiner.close();
    writer.close();
  }, 60_000);

  // Weak (testtime9, twenty-sixth session): it passed with the split made in one go, since the count below is
  // of what another client had received, which depends on how fast this process reads. A version reading the
  // edit's place in the joiner's own frames failed on a quiet machine with the server working as meant (the
  // kernel's socket buffers took the whole answer before the edit arrived), so it was not kept; the split's
  // turns are checked deterministically in document-reply.test.ts.
  it("other clients' edits are relayed while a large answer is still being split", async () => {
    // The smallest parts: splitting the plan takes some 1,700 turns of the event loop.
    server = await startTestServer({ maxReplyPartBytes: kibibyte });
    const observer = await RawClient.joined(server.roomUrl('acme', 'big'));
    const writer = await seedPlan(server, planUpdate);
    await observer.until(() => Buffer.from(Y.encodeStateVector(observer.doc)).equals(Y.encodeStateVector(planOf(planUpdate))), 'the observer has the plan', 20_000);
    const joiner = await RawClient.connect(server.roomUrl('acme', 'big'));
    // Frames of the answer: the closing sync step 2, or parts carrying the plan's structs (not the relayed edit).
    const planClients = new Set(Y.decodeStateVector(Y.encodeStateVector(planOf(planUpdate))).keys());
    const answerFrames = () => syncFrames(joiner).filter(([type, payload]) => type === syncMessageType.step2
      || (type === syncMessageType.update && Y.decodeUpdate(payload).structs.some((struct) => planClients.has(struct.id.client)))).length;
    let answerFramesWhenRelayed = -1;
    joiner.sendSyncStep1();
    // Sent once the server has surely begun the answer (a split in one go would hold the edit until it is done).
    await new Promise((resolve) => setTimeout(resolve, 50));
    writer.edit((doc) => doc.getMap('m').set('during the split', true));
    await observer.until(() => {
      if (observer.doc.getMap('m').get('during the split') !== true) return false;
      answerFramesWhenRelayed = answerFrames();
      return true;
    }, 'the edit relayed to the observer', 20_000);
    // The answer still comes, in order: it ends with the empty sync step 2 and holds the whole plan (and maybe the edit).
    await joiner.until(() => syncFrames(joiner).some(([type]) => type === syncMessageType.step2), 'the whole answer', 60_000);
    // The edit went out early in the answer, not after it: a split in one go would hold it behind all of the
    // answer's frames. On a loaded machine the server may have sent a few parts before the edit arrived (the
    // second rehearsal of the twenty-third session saw 3), so the test asks for early, not for none.
    expect(answerFramesWhenRelayed).toBeLessThan(answerFrames() / 2);
    expect(joiner.doc.store.pendingStructs).toBeNull();
    const plan = planOf(planUpdate);
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(plan))) expect(Y.getState(joiner.doc.store, client)).toBeGreaterThanOrEqual(clock);
    expect(planTypes(joiner.doc).nodes.size).toBe(planTypes(plan).nodes.size);
    joiner.close();
    observer.close();
    writer.close();
  }, 90_000);

  it('a reader that stops reading during a large answer is closed with 1013, and the room carries on', async () => {
    const { logger, lines } = capturingLogger();
    // A plan far larger than what the sockets' kernel buffers absorb (15 MB), so the answer really stalls.
    const doc = new Y.Doc();
    const blobs = doc.getMap('blobs');
    for (let i = 0; i < 500; i++) blobs.set(`blob ${i}`, new Y.Text(`${i} `.repeat(10_000)));
    const big = Y.encodeStateAsUpdate(doc);
    server = await startTestServer({ ...partLimits, pingMs: 1_000, maxMessageBytes: 32 * kibibyte * kibibyte }, { logger });
    const writer = await seedPlan(server, big);
    const stalled = await RawClient.connect(server.roomUrl('acme', 'big'));
    // It stops reading as soon as the answer has begun (before, it would only miss a pong and be dropped).
    const socket = (stalled as unknown as { socket: { on(event: 'message', listener: (data: Buffer) => void): void; _socket: { pause(): void } } }).socket;
    socket.on('message', (data) => {
      if (data[0] === messageType.sync && data[1] === syncMessageType.update) socket._socket.pause();
    });
    stalled.sendSyncStep1();
    await waitFor(() => lines.some((line) => line.msg === 'closing connection' && line.code === closeCodes.slowConsumer), 'the stalled reader was closed', 20_000);
    const closing = lines.find((line) => line.msg === 'closing connection' && line.code === closeCodes.slowConsumer);
    expect(closing?.reason).toMatch(/too slow: stopped reading/);
    await waitFor(() => lines.some((line) => line.msg === 'connection closed' && line.connection === closing?.connection), 'its socket was dropped');
    // The room carries on: a new editor's change is stored (it asks for no answer: a fresh map entry needs none).
    writer.close();
    const next = await RawClient.connect(server.roomUrl('acme', 'big'));
    next.edit((plan) => plan.getMap('m').set('after', true));
    const started = Date.now();
    while ((await server.planOnServer('acme/big')).getMap('m').get('after') !== true) {
      if (Date.now() - started > 10_000) throw new Error('the room stopped taking edits');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    next.close();
  }, 90_000);
});
