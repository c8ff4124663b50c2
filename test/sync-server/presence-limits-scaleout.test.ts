import * as encoding from 'lib0/encoding';
import { describe, expect, inject, it } from 'vitest';
import { closeCodes } from '../../shared/sync/protocol.js';
import { stockProvider } from './support/providers.js';
import { appState, duplicatePayload, floodFrame, presenceBytesHeld, presenceReceived, roomOf, sees } from './support/presence-frames.js';
import { RawClient } from './support/raw-client.js';
import { freshNamespace, startScaleoutInstance, stopAll } from './support/scaleout-instances.js';
import { capturingLogger, tokenFor, waitFor } from './support/test-server.js';

/**
 * review34, finding 1, across instances: presence-limits.test.ts runs on one server in both modes; this
 * file runs only on the shared Redis and PostgreSQL (vitest.config.ts, sharedServiceSuites), two and
 * then three scaled-out instances in a namespace of their own.
 */
describe('presence limits across scaled-out instances (review34)', () => {
  it('scaled out: a flood on one instance is refused there and never reaches the other; presence from another instance is held to the same bounds', async () => {
    const { redisUrl, postgresUrl } = inject('scaleoutServices');
    const namespace = freshNamespace();
    const instances = [await startScaleoutInstance({ redisUrl, postgresUrl }, namespace), await startScaleoutInstance({ redisUrl, postgresUrl }, namespace)];
    const [one, two] = instances as [typeof instances[0], typeof instances[0]];
    const token = tokenFor('acme');
    const ada = stockProvider(one.wsBase, 'acme', 'plan', token);
    const ben = stockProvider(two.wsBase, 'acme', 'plan', token);
    ada.awareness.setLocalState(appState('Ada'));
    ben.awareness.setLocalState(appState('Ben'));
    try {
      await waitFor(() => ada.synced && ben.synced && sees(ada, [ben]) && sees(ben, [ada]), 'Ada and Ben see each other across instances', 20_000);
      const viewer = await RawClient.joined(`${one.wsBase}/acme/plan?token=${encodeURIComponent(tokenFor('acme', 'viewer'))}`);
      viewer.send(floodFrame(4_000_000, 50_000));
      expect((await viewer.closed()).code).toBe(closeCodes.presenceLimit);
      ben.doc.getText('notes').insert(0, 'across');
      await waitFor(() => ada.doc.getText('notes').toString() === 'across', 'Ben\'s edit at Ada');
      // Ada's next change travels after the refusal: once it is at Ben, nothing of the flood came before it.
      ada.awareness.setLocalStateField('selection', 'n_0123456789abcdef01234');
      await waitFor(() => (ben.awareness.getStates().get(ada.awareness.clientID) as { selection?: string } | undefined)?.selection === 'n_0123456789abcdef01234', 'Ada\'s selection at Ben', 20_000);
      expect(roomOf(two, 'acme/plan').presenceFootprint().states).toBe(2);
      expect(ben.awareness.getStates().size).toBe(2);
      // Presence published as another instance would (the same fanout all use): a third instance with a
      // room bound of 3 takes states up to it and none over the state size; the rest is left out.
      const three = await startScaleoutInstance({ redisUrl, postgresUrl }, namespace, { maxRoomPresence: 3 });
      instances.push(three);
      const watcher = await RawClient.joined(`${three.wsBase}/acme/plan?token=${encodeURIComponent(token)}`);
      // Ada's and Ben's states reach the third instance only with their next change or 15-s renewal
      // (it has no room before the watcher joins). Ada renews now and is held there before the ghosts
      // come; Ben's renewal may come before them too on a slow run (review36d T4), so each state held
      // before the ghosts takes one of the three places.
      ada.awareness.setLocalState(ada.awareness.getLocalState());
      await waitFor(() => roomOf(three, 'acme/plan').awareness.getStates().has(ada.awareness.clientID), 'Ada\'s renewal at the third instance', 20_000);
      const ghost = JSON.stringify({ user: { name: 'Ghost', colour: '#3b6fd8' }, selection: null, view: 'outline' });
      const payload = (() => {
        const inner = encoding.createEncoder();
        encoding.writeVarUint(inner, 6);
        encoding.writeVarUint(inner, 5_000_000); encoding.writeVarUint(inner, 1); encoding.writeVarString(inner, JSON.stringify({ note: 'x'.repeat(5_000) }));
        for (let i = 1; i <= 5; i++) { encoding.writeVarUint(inner, 5_000_000 + i); encoding.writeVarUint(inner, 1); encoding.writeVarString(inner, ghost); }
        return encoding.toUint8Array(inner);
      })();
      one.backend.fanout.publish('acme/plan', { kind: 'awareness', payload, instance: 'another-instance' });
      await waitFor(() => roomOf(three, 'acme/plan').presenceFootprint().states === 3, 'remote ghosts taken at the third instance', 20_000);
      const room = roomOf(three, 'acme/plan');
      const held = [...room.awareness.getStates().keys()];
      const people = [ada.awareness.clientID, ben.awareness.clientID].filter((client) => held.includes(client));
      expect(people).toContain(ada.awareness.clientID);
      // The oversized state is left out; the ghosts are taken in order until the bound of 3 is reached.
      expect(held.filter((client) => !people.includes(client)).sort((a, b) => a - b)).toEqual([5_000_001, 5_000_002, 5_000_003].slice(0, 3 - people.length));
      await watcher.until(() => presenceReceived(watcher).states.size === 3, 'the three ghosts at the watcher');
      watcher.close();
    } finally {
      ada.destroy();
      ben.destroy();
      await stopAll(instances);
    }
  });

  it('scaled out: presence from another instance is counted for the state y-protocols keeps, and a state that is not JSON is dropped with one warning while delivery goes on (review36d B1, B7)', async () => {
    const { redisUrl, postgresUrl } = inject('scaleoutServices');
    const namespace = freshNamespace();
    const { logger, lines } = capturingLogger();
    const limit = 8 * 1024;
    const instances = [
      await startScaleoutInstance({ redisUrl, postgresUrl }, namespace),
      await startScaleoutInstance({ redisUrl, postgresUrl }, namespace, { maxRoomPresenceBytes: limit }, { log: logger }),
    ];
    const [one, two] = instances as [typeof instances[0], typeof instances[0]];
    const token = tokenFor('acme');
    const watchers = [await RawClient.joined(`${one.wsBase}/acme/plan?token=${encodeURIComponent(token)}`), await RawClient.joined(`${two.wsBase}/acme/plan?token=${encodeURIComponent(token)}`)];
    try {
      const room = roomOf(two, 'acme/plan');
      const ghost = JSON.stringify({ user: { name: 'Ghost', colour: '#3b6fd8' }, selection: null, view: 'outline' });
      // Published as another instance would: a ghost, then a state that is not JSON, in one message.
      const unreadable = (() => {
        const inner = encoding.createEncoder();
        encoding.writeVarUint(inner, 2);
        encoding.writeVarUint(inner, 9_000_000); encoding.writeVarUint(inner, 1); encoding.writeVarString(inner, ghost);
        encoding.writeVarUint(inner, 9_000_001); encoding.writeVarUint(inner, 1); encoding.writeVarString(inner, '{"user": not json');
        return encoding.toUint8Array(inner);
      })();
      one.backend.fanout.publish('acme/plan', { kind: 'awareness', payload: unreadable, instance: 'another-instance' });
      // Then four ids each named twice, [clock 5, 4 KB] before [clock 1, "{}"] (y-protocols keeps the first).
      const big = JSON.stringify({ note: 'x'.repeat(4_000) });
      one.backend.fanout.publish('acme/plan', { kind: 'awareness', payload: duplicatePayload(9_100_000, 4, big), instance: 'another-instance' });
      await waitFor(() => room.awareness.getStates().has(9_100_000), 'the second message taken at the second instance', 20_000);
      // The ghost and two of the big states fit in 8 KiB; the state that was not JSON is not there.
      expect([...room.awareness.getStates().keys()].sort()).toEqual([9_000_000, 9_100_000, 9_100_001]);
      expect(room.presenceFootprint()).toMatchObject({ states: 3, bytes: Buffer.byteLength(ghost) + 2 * Buffer.byteLength(big) });
      expect(presenceBytesHeld(room)).toBe(room.presenceFootprint().bytes);
      expect(lines.filter((line) => line.msg === 'presence from another instance that is not JSON dropped')).toEqual([expect.objectContaining({ room: 'acme/plan', dropped: 1 })]);
      // Nothing was thrown out of the delivery (it would be logged as a failed read or an unreadable doorbell).
      expect(lines.filter((line) => Number(line.level) >= 50 || line.msg === 'reading room streams failed; retrying')).toEqual([]);
      // The watcher on the second instance is sent what the room took.
      await watchers[1]!.until(() => presenceReceived(watchers[1]!).states.size === 3, 'the three states at the watcher');
    } finally {
      for (const watcher of watchers) watcher.close();
      await stopAll(instances);
    }
  });
});
