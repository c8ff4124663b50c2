import * as awarenessProtocol from 'y-protocols/awareness';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { frameOf, RawClient } from './support/raw-client.js';
import { startTestServer } from './support/test-server.js';

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
});
