import * as awarenessProtocol from 'y-protocols/awareness';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { stockProvider } from './support/providers.js';
import { frameOf, RawClient } from './support/raw-client.js';
import { startTestServer, tokenFor, waitFor } from './support/test-server.js';

/** The client ids of the awareness frames a raw client was sent, in order (removals included), from `from` on. */
function presenceSeen(client: RawClient, from = 0): { client: number; clock: number; state: unknown }[] {
  const seen: { client: number; clock: number; state: unknown }[] = [];
  for (const frame of client.frames.slice(from).filter((f) => f[0] === 1)) {
    const outer = decoding.createDecoder(frame);
    decoding.readVarUint(outer);
    const inner = decoding.createDecoder(decoding.readVarUint8Array(outer));
    const count = decoding.readVarUint(inner);
    for (let i = 0; i < count; i++) seen.push({ client: decoding.readVarUint(inner), clock: decoding.readVarUint(inner), state: JSON.parse(decoding.readVarString(inner)) as unknown });
  }
  return seen;
}

/**
 * Stops the stock client's 15 s renewal of its own state (y-protocols' check interval), so that what is
 * tested is the reconnect itself: with the renewal, a client the room ignores is seen again 15 s later
 * anyway, and whether it was seen "promptly" would be a timing assertion.
 */
function withoutRenewal(provider: WebsocketProvider): void {
  clearInterval((provider.awareness as unknown as { _checkInterval: ReturnType<typeof setInterval> })._checkInterval);
}

describe('presence', () => {
  it('is coalesced per room: a burst of changes reaches the others as a few messages with the latest state', async () => {
    const running = await startTestServer({ awarenessMs: 200 });
    try {
      const watcher = await RawClient.joined(running.roomUrl('acme', 'p'));
      const mover = await RawClient.joined(running.roomUrl('acme', 'p'));
      const presence = new awarenessProtocol.Awareness(new Y.Doc());
      const framesBefore = watcher.frames.filter((f) => f[0] === 1).length;
      for (let i = 0; i < 30; i++) {
        presence.setLocalStateField('cursor', i);
        const update = awarenessProtocol.encodeAwarenessUpdate(presence, [presence.clientID]);
        mover.send(frameOf((e) => { encoding.writeVarUint(e, 1); encoding.writeVarUint8Array(e, update); }));
      }
      const seen = new awarenessProtocol.Awareness(new Y.Doc());
      await watcher.until(() => {
        for (const frame of watcher.frames.filter((f) => f[0] === 1)) {
          const decoder = decoding.createDecoder(frame);
          decoding.readVarUint(decoder);
          awarenessProtocol.applyAwarenessUpdate(seen, decoding.readVarUint8Array(decoder), 'server');
        }
        return seen.getStates().get(presence.clientID)?.cursor === 29;
      }, 'the latest cursor');
      const awarenessFrames = watcher.frames.filter((f) => f[0] === 1).length - framesBefore;
      expect(awarenessFrames).toBeGreaterThanOrEqual(1);
      expect(awarenessFrames).toBeLessThanOrEqual(3);
      presence.destroy();
      seen.destroy();
      watcher.close();
      mover.close();
    } finally {
      await running.stop();
    }
  });

  // presence34 left: a stock client reconnecting with an unchanged state resent the clock the room already
  // had (its leave bumped it), y-protocols ignored it, and the others saw it again only at its next change
  // or its 15 s renewal. host36: the room answers such a resend with the removal, and the client bumps.
  it('a stock client that reconnects with an unchanged state is seen again by the others at once (host36)', async () => {
    const running = await startTestServer({ awarenessMs: 20 });
    const token = tokenFor('acme');
    const ada = stockProvider(running.wsBase, 'acme', 'p', token);
    const ben = stockProvider(running.wsBase, 'acme', 'p', token);
    try {
      withoutRenewal(ada);
      ada.awareness.setLocalState({ user: { name: 'Ada' } });
      ben.awareness.setLocalState({ user: { name: 'Ben' } });
      const adaId = ada.awareness.clientID;
      await waitFor(() => (ben.awareness.getStates().get(adaId) as { user?: { name?: string } } | undefined)?.user?.name === 'Ada', 'Ben sees Ada');
      // Her link drops; the room removes her state and Ben sees her go.
      ada.disconnect();
      await waitFor(() => !ben.awareness.getStates().has(adaId), 'Ben sees Ada leave');
      // She reconnects with the same state (the stock client keeps its own state and clock across it).
      ada.connect();
      await waitFor(() => ada.wsconnected, 'Ada reconnected');
      await waitFor(() => ben.awareness.getStates().has(adaId), 'Ben sees Ada again, without her changing anything');
      expect(ben.awareness.getStates().get(adaId)).toEqual({ user: { name: 'Ada' } });
    } finally {
      ada.destroy();
      ben.destroy();
      await running.stop();
    }
  });

  it('a late echo of a departed client\'s state does not bring it back, nor take its id; the echoing connection is told it left (host36)', async () => {
    const running = await startTestServer({ awarenessMs: 20 });
    const token = tokenFor('acme');
    const ada = stockProvider(running.wsBase, 'acme', 'p', token);
    const ben = stockProvider(running.wsBase, 'acme', 'p', token);
    let echoer: RawClient | null = null;
    try {
      ada.awareness.setLocalState({ user: { name: 'Ada' } });
      ben.awareness.setLocalState({ user: { name: 'Ben' } });
      const adaId = ada.awareness.clientID;
      await waitFor(() => ben.awareness.getStates().has(adaId), 'Ben sees Ada');
      // What a stock client that saw Ada sends back: her state, with the clock it was given.
      const echo = awarenessProtocol.encodeAwarenessUpdate(ben.awareness, [adaId]);
      echoer = await RawClient.joined(`${running.wsBase}/acme/p?token=${encodeURIComponent(token)}`);
      const own = new awarenessProtocol.Awareness(new Y.Doc());
      own.setLocalState({ user: { name: 'Echo' } });
      const announce = (update: Uint8Array) => echoer!.send(frameOf((e) => { encoding.writeVarUint(e, 1); encoding.writeVarUint8Array(e, update); }));
      announce(awarenessProtocol.encodeAwarenessUpdate(own, [own.clientID]));
      await waitFor(() => ben.awareness.getStates().has(own.clientID), 'Ben sees the echoing connection\'s own state');
      ada.destroy();
      await waitFor(() => !ben.awareness.getStates().has(adaId), 'Ben sees Ada leave');
      // The echo arrives late, after she left.
      const before = echoer.frames.length;
      announce(echo);
      await echoer.until(() => presenceSeen(echoer!, before).some((entry) => entry.client === adaId && entry.state === null), 'the echoing connection told that Ada left');
      // A change after the echo reaches Ben after anything the echo could have caused: Ada is not back.
      own.setLocalState({ user: { name: 'Echo, later' } });
      announce(awarenessProtocol.encodeAwarenessUpdate(own, [own.clientID]));
      await waitFor(() => (ben.awareness.getStates().get(own.clientID) as { user?: { name?: string } } | undefined)?.user?.name === 'Echo, later', 'Ben sees the later change');
      expect(ben.awareness.getStates().has(adaId)).toBe(false);
      // Nor did the echo take her id: a newcomer is sent no state of hers.
      const newcomer = await RawClient.joined(`${running.wsBase}/acme/p?token=${encodeURIComponent(token)}`);
      await newcomer.until(() => presenceSeen(newcomer).some((entry) => entry.client === own.clientID), 'the newcomer sent the room\'s presence');
      expect(presenceSeen(newcomer).filter((entry) => entry.client === adaId)).toEqual([]);
      newcomer.close();
      own.destroy();
    } finally {
      ada.destroy();
      ben.destroy();
      echoer?.close();
      await running.stop();
    }
  });
});
