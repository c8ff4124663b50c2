import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { whenDrained } from '../../../renderer/src/sync/socket-drain.js';

let server: WebSocketServer | null = null;
afterEach(async () => {
  await new Promise<void>((done) => { if (server) server.close(() => done()); else done(); });
  server = null;
});

/** A real socket to a loopback server that takes what it is sent and answers nothing. */
async function connected(): Promise<WebSocket> {
  server = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 64 * 1024 * 1024 });
  await new Promise<void>((ready) => server!.once('listening', () => ready()));
  const { port } = server.address() as AddressInfo;
  const socket = new WebSocket(`ws://127.0.0.1:${port}`);
  await new Promise<void>((open, fail) => { socket.once('open', () => open()); socket.once('error', fail); });
  return socket;
}

describe('whenDrained', () => {
  it('resolves true once what was handed to the socket has gone out (or is below the bound)', async () => {
    const socket = await connected();
    socket.send(new Uint8Array(16 * 1024 * 1024));
    expect(socket.bufferedAmount).toBeGreaterThan(0);
    expect(await whenDrained(socket, { atMostBytes: 32 * 1024 * 1024 })).toBe(true);
    expect(await whenDrained(socket, { pollMs: 5 })).toBe(true);
    expect(socket.bufferedAmount).toBe(0);
    socket.close();
  });

  it('resolves false as soon as the wait is no longer wanted: the socket closed, or the caller moved on', async () => {
    const socket = await connected();
    socket.send(new Uint8Array(16 * 1024 * 1024));
    let wanted = true;
    const waiting = whenDrained(socket, { stillWanted: () => wanted, pollMs: 1, atMostBytes: -1 });
    wanted = false;
    expect(await waiting).toBe(false);
    socket.terminate();
    expect(await whenDrained(socket)).toBe(false);
  });
});
