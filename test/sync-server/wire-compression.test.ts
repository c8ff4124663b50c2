import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { generatePlan } from '../../shared/model/fixtures/generate-plan.js';
import { closeCodes } from '../../shared/sync/protocol.js';
import { stockProvider } from './support/providers.js';
import { RawClient, syncStep2Message, updateMessage } from './support/raw-client.js';
import { startTestServer, tokenFor, waitFor, type TestServer } from './support/test-server.js';

const mebibyte = 1024 * 1024;
/** Small limits, so a deflate bomb needs only a few KB on the wire. */
const limits = { perMessageDeflate: true, maxMessageBytes: mebibyte, maxJoinBytes: 2 * mebibyte, maxReplyPartBytes: 256 * 1024 } as const;

let server: TestServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

/** Bytes read off a ws socket's TCP connection (what actually crossed the wire). */
function wireBytesRead(socket: unknown): number {
  return (socket as { _socket: { bytesRead: number } })._socket.bytesRead;
}

/** An update that inflates from a few KB to `bytes`: one long string of a single letter. */
function bombUpdate(bytes: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('m').set('bomb', 'a'.repeat(bytes));
  return Y.encodeStateAsUpdate(doc);
}

describe('permessage-deflate (--per-message-deflate)', () => {
  it('the stock y-websocket client negotiates it and joins a plan in parts, with fewer bytes on the wire', async () => {
    server = await startTestServer(limits);
    const plan = new Y.Doc();
    generatePlan(plan, { nodes: 1_000 });
    const update = Y.encodeStateAsUpdate(plan);
    expect(update.byteLength).toBeLessThan(limits.maxMessageBytes);
    const writer = await RawClient.joined(server.roomUrl('acme', 'big'));
    writer.sendUpdate(update);
    const doc = new Y.Doc();
    const provider = stockProvider(server.wsBase, 'acme', 'big', tokenFor('acme'), doc);
    try {
      await waitFor(() => provider.synced && Buffer.from(Y.encodeStateVector(doc)).equals(Y.encodeStateVector(plan)), 'the stock client synced with the whole plan', 30_000);
      expect(provider.ws?.extensions).toContain('permessage-deflate');
      expect(Buffer.from(Y.encodeStateAsUpdate(doc)).equals(Y.encodeStateAsUpdate(plan))).toBe(true);
      // The plan arrived compressed: well under its encoded size crossed the wire.
      expect(wireBytesRead(provider.ws)).toBeLessThan(update.byteLength / 2);
    } finally {
      provider.destroy();
      writer.close();
    }
  }, 60_000);

  it('a compressed first sync step 2 that inflates past the join limit is refused with 1009 while inflating', async () => {
    server = await startTestServer(limits);
    const client = await RawClient.connect(server.roomUrl('acme', 'bomb'), { socket: { perMessageDeflate: true } });
    client.sendSyncStep1();
    client.send(syncStep2Message(bombUpdate(8 * mebibyte)));
    const closed = await client.closed();
    expect(closed.code).toBe(closeCodes.messageTooBig);
    // A few KB on the wire for 8 MiB inflated: the limit applies to the inflated message.
    expect((client as unknown as { socket: { _socket: { bytesWritten: number } } }).socket._socket.bytesWritten).toBeLessThan(64 * 1024);
    expect((await server.planOnServer('acme/bomb')).getMap('m').has('bomb')).toBe(false);
  });

  it('a compressed ordinary update that inflates past the message limit (under the join limit) is refused with 1009', async () => {
    server = await startTestServer(limits);
    const client = await RawClient.joined(server.roomUrl('acme', 'bomb'));
    client.send(updateMessage(bombUpdate(1.5 * mebibyte)));
    const closed = await client.closed();
    expect(closed.code).toBe(closeCodes.messageTooBig);
    expect(closed.reason).toMatch(/message too big/);
    expect((await server.planOnServer('acme/bomb')).getMap('m').has('bomb')).toBe(false);
  });

  it('is not negotiated when the server has it off', async () => {
    server = await startTestServer({ ...limits, perMessageDeflate: false });
    const doc = new Y.Doc();
    const provider = stockProvider(server.wsBase, 'acme', 'plain', tokenFor('acme'), doc);
    try {
      await waitFor(() => provider.synced, 'the stock client synced');
      expect(provider.ws?.extensions).toBe('');
    } finally {
      provider.destroy();
    }
  });
});
