import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { appliedPresenceEntries, encodePresenceEntries, isRemoval, type PresenceEntry } from '../../../sync-server/rooms/presence-limits.js';

/**
 * review36d B1 (server36, thirty-second session): the room checks its presence limits on the entries of a
 * message that y-protocols' applyAwarenessUpdate ends with. This holds appliedPresenceEntries to
 * y-protocols itself: applying only those entries leaves an Awareness exactly as applying the whole
 * message does, with one entry per client id, whatever the repeats, clocks, removals and order.
 */

const states = ['{"user":{"name":"Ada"}}', '{}', 'null', ' null ', `{"note":"${'x'.repeat(40)}"}`];
const entry = fc.record({ client: fc.integer({ min: 1, max: 4 }), clock: fc.nat(5), state: fc.constantFrom(...states) })
  .map(({ client, clock, state }): PresenceEntry => ({ client, clock, state, bytes: Buffer.byteLength(state) }));

function awarenessAfter(setup: readonly PresenceEntry[]): awarenessProtocol.Awareness {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState(null);
  // One message per entry, so the set-up may name an id twice with any clocks.
  for (const each of setup) awarenessProtocol.applyAwarenessUpdate(awareness, encodePresenceEntries([each]), 'setup');
  return awareness;
}

/** The clocks y-protocols keeps per client, but for the Awareness's own (random) id. */
const clocks = (awareness: awarenessProtocol.Awareness) => new Map([...awareness.meta].filter(([client]) => client !== awareness.clientID).map(([client, meta]) => [client, meta.clock]));

describe('the presence entries a message ends with (review36d B1)', () => {
  it('property: applying only appliedPresenceEntries leaves the same states and clocks as applying the whole message', () => {
    let repeatsChanged = 0;
    fc.assert(fc.property(fc.array(entry, { maxLength: 6 }), fc.array(entry, { minLength: 1, maxLength: 8 }), (setup, message) => {
      const whole = awarenessAfter(setup);
      const only = awarenessAfter(setup);
      const applied = appliedPresenceEntries(message, (client) => only.meta.get(client)?.clock ?? 0, (client) => only.getStates().has(client));
      awarenessProtocol.applyAwarenessUpdate(whole, encodePresenceEntries(message), 'peer');
      if (applied.length > 0) awarenessProtocol.applyAwarenessUpdate(only, encodePresenceEntries(applied), 'peer');
      expect(new Set(applied.map((each) => each.client)).size).toBe(applied.length);
      expect(only.getStates()).toEqual(whole.getStates());
      expect(clocks(only)).toEqual(clocks(whole));
      // Hard case reached: an id named twice where the entry kept is not the last one of the message.
      for (const kept of applied) {
        const last = message.filter((each) => each.client === kept.client).at(-1)!;
        if (last !== kept && !isRemoval(kept)) repeatsChanged++;
      }
      whole.destroy();
      only.destroy();
    }), { numRuns: 500 });
    expect(repeatsChanged).toBeGreaterThan(10);
  });
});
