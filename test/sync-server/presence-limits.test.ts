import { Writable } from 'node:stream';
import fc from 'fast-check';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { closeCodes } from '../../shared/sync/protocol.js';
import { refusalRecordingSocket, stockProvider } from './support/providers.js';
import { appState, duplicateFrame, floodFrame, presenceBytesHeld, presenceReceived, roomOf, sees } from './support/presence-frames.js';
import { RawClient } from './support/raw-client.js';
import { startTestServer, tokenFor, waitFor, type TestServer } from './support/test-server.js';

/**
 * review34, finding 1: one viewer connection announced 400,000 made-up participants in 8 ordinary
 * presence messages (each under the message-size and rate limits); joins took 17 s, pages froze, the
 * server kept the memory and the viewer stayed connected. Presence is now bounded per connection (client
 * ids, bytes per state) and per room (sync-server/rooms/presence-limits.ts). These tests run in SQLite
 * mode (`servers`) and again on Redis + PostgreSQL (`redis+postgres`); presence-limits-scaleout.test.ts
 * runs the flood across scaled-out instances.
 */

/** A server whose warnings are kept (the refusal's one log line is part of what is tested). */
async function serverWithLog(options: Parameters<typeof startTestServer>[0] = {}): Promise<{ running: TestServer; lines: Record<string, unknown>[] }> {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const running = await startTestServer(options, { logger: pino({ level: 'warn' }, stream) });
  return { running, lines };
}


describe('presence limits (review34)', () => {
  it('the review\'s flood from a viewer link is refused: the viewer is closed with 1008 naming the limit, logged once, and nobody else notices', async () => {
    const { running, lines } = await serverWithLog();
    const token = tokenFor('acme');
    const ada = stockProvider(running.wsBase, 'acme', 'plan', token);
    const ben = stockProvider(running.wsBase, 'acme', 'plan', token);
    ada.awareness.setLocalState(appState('Ada'));
    ben.awareness.setLocalState(appState('Ben'));
    try {
      await waitFor(() => ada.synced && ben.synced && sees(ada, [ben]) && sees(ben, [ada]), 'Ada and Ben see each other');
      const room = roomOf(running, 'acme/plan');
      const clocksBefore = room.awareness.meta.size;
      const viewer = await RawClient.joined(running.roomUrl('acme', 'plan', 'viewer'));
      // Two of the review's eight messages: 50,000 made-up participants each, 4.15 MB.
      viewer.send(floodFrame(1_000_000, 50_000));
      viewer.send(floodFrame(1_050_000, 50_000));
      const closed = await viewer.closed();
      expect(closed.code).toBe(closeCodes.presenceLimit);
      expect(closed.reason).toBe('presence limit: more than 4 presence client ids on one connection');
      const refusals = lines.filter((line) => line.msg === 'presence refused');
      expect(refusals).toHaveLength(1);
      expect(refusals[0]).toMatchObject({ room: 'acme/plan', limit: 'maxPresenceClients', connection: expect.any(Number) as number });
      // Nothing of it was taken: the room holds Ada's and Ben's presence and no clock of a ghost.
      await waitFor(() => room.peerCount === 2, 'the viewer left the room');
      expect([...room.awareness.getStates().keys()].sort()).toEqual([ada.awareness.clientID, ben.awareness.clientID].sort());
      expect(room.awareness.meta.size).toBe(clocksBefore);
      // Ben's edit reaches Ada; a newcomer's join brings two states in a few hundred bytes.
      ben.doc.getText('notes').insert(0, 'still here');
      await waitFor(() => ada.doc.getText('notes').toString() === 'still here', 'Ben\'s edit at Ada');
      const newcomer = await RawClient.joined(running.roomUrl('acme', 'plan'));
      await newcomer.until(() => presenceReceived(newcomer).states.size === 2, 'Ada\'s and Ben\'s presence at the newcomer');
      const received = presenceReceived(newcomer);
      expect([...received.states.keys()].sort()).toEqual([ada.awareness.clientID, ben.awareness.clientID].sort());
      expect(received.bytes).toBeLessThan(4 * 1024);
      expect(ada.awareness.getStates().size).toBe(2);
      newcomer.close();
    } finally {
      ada.destroy();
      ben.destroy();
      await running.stop();
    }
  });

  it('a state over the size limit closes its connection with 1008; what the connection held is released when it leaves', async () => {
    const { running, lines } = await serverWithLog();
    const ada = stockProvider(running.wsBase, 'acme', 'plan', tokenFor('acme'));
    ada.awareness.setLocalState(appState('Ada'));
    try {
      await waitFor(() => ada.synced && running.server.rooms.loaded('acme/plan')?.awareness.getStates().size === 1, 'Ada\'s presence in the room');
      const room = roomOf(running, 'acme/plan');
      // Within the limits: four client ids with states of almost 4 KiB each. Taken.
      const heavy = await RawClient.joined(running.roomUrl('acme', 'plan', 'viewer'));
      const bulky = JSON.stringify({ user: { name: 'Heavy', colour: '#3b6fd8' }, selection: null, view: 'outline', note: 'x'.repeat(3_900) });
      heavy.send(floodFrame(2_000_000, 4, bulky));
      await waitFor(() => room.awareness.getStates().size === 5, 'the four heavy states taken');
      // Then one state of 5,000 bytes for one of its own ids: refused, the connection closed.
      heavy.send(floodFrame(2_000_000, 1, JSON.stringify({ user: { name: 'Heavy', colour: '#3b6fd8' }, note: 'x'.repeat(5_000) }), 2));
      const closed = await heavy.closed();
      expect(closed.code).toBe(closeCodes.presenceLimit);
      expect(closed.reason).toMatch(/^presence limit: a presence state of 50\d\d bytes; at most 4096 are taken$/);
      expect(lines.filter((line) => line.msg === 'presence refused')).toEqual([expect.objectContaining({ room: 'acme/plan', limit: 'maxPresenceStateBytes' })]);
      // Its states go with it: the room is back to Ada's presence alone, bytes and all.
      await waitFor(() => room.peerCount === 1, 'the heavy connection left');
      const adaBytes = Buffer.byteLength(JSON.stringify(ada.awareness.getLocalState()));
      expect(room.presenceFootprint()).toMatchObject({ states: 1, bytes: adaBytes });
      const newcomer = await RawClient.joined(running.roomUrl('acme', 'plan'));
      await newcomer.until(() => presenceReceived(newcomer).states.size === 1, 'Ada\'s presence at the newcomer');
      newcomer.close();
    } finally {
      ada.destroy();
      await running.stop();
    }
  });

  it('a room holds at most --max-room-presence states: past it new presence is not taken, the connection stays and syncs', async () => {
    const { running, lines } = await serverWithLog({ maxRoomPresence: 3 });
    const token = tokenFor('acme');
    const people = ['Ada', 'Ben', 'Cleo'].map((name) => {
      const provider = stockProvider(running.wsBase, 'acme', 'plan', token);
      provider.awareness.setLocalState(appState(name));
      return provider;
    });
    let late: WebsocketProvider | null = null;
    try {
      await waitFor(() => people.every((provider) => provider.synced && sees(provider, people)), 'three people see each other');
      // A fourth person (the stock client announces an empty state at once, then Dan's).
      late = stockProvider(running.wsBase, 'acme', 'plan', token);
      late.awareness.setLocalState(appState('Dan'));
      const dan = late;
      await waitFor(() => dan.synced && lines.some((line) => line.msg === 'presence not taken: the room holds as much presence as it may'), 'the fourth state refused');
      const room = roomOf(running, 'acme/plan');
      expect(room.presenceFootprint().states).toBe(3);
      expect(dan.wsconnected).toBe(true);
      dan.doc.getText('notes').insert(0, 'from Dan');
      await waitFor(() => people.every((provider) => provider.doc.getText('notes').toString() === 'from Dan'), 'Dan\'s edit everywhere');
      expect(people.every((provider) => !provider.awareness.getStates().has(dan.awareness.clientID))).toBe(true);
    } finally {
      for (const provider of people) provider.destroy();
      late?.destroy();
      await running.stop();
    }
  });

  it('a message naming a client id twice (higher clock first) is counted for the state y-protocols keeps: the room stays within --max-room-presence-bytes (review36d B1)', async () => {
    const limit = 8 * 1024;
    const { running, lines } = await serverWithLog({ maxRoomPresenceBytes: limit });
    const big = JSON.stringify({ note: 'x'.repeat(4_000) });
    const clients: RawClient[] = [];
    try {
      // The review's run: six viewers, each four messages of [id clock 5, 4 KB] [id clock 1, "{}"].
      for (let c = 0; c < 6; c++) {
        const client = await RawClient.joined(running.roomUrl('acme', 'plan', 'viewer'));
        clients.push(client);
        for (let k = 0; k < 4; k++) client.send(duplicateFrame(7_000_000 + c * 10 + k, 1, big));
        // Presence is handled as it is read: once the server has read these, the room has judged them.
        await client.roundTrip();
      }
      const room = roomOf(running, 'acme/plan');
      // Two states of 4,011 bytes fit in 8 KiB, and the count is of the states held.
      expect(room.presenceFootprint()).toMatchObject({ states: 2, bytes: 2 * Buffer.byteLength(big) });
      expect(presenceBytesHeld(room)).toBe(2 * Buffer.byteLength(big));
      expect([...room.awareness.getStates().values()]).toEqual([JSON.parse(big), JSON.parse(big)]);
      // The rest was not taken; every connection stays (it broke no rule of its own).
      expect(lines.filter((line) => line.msg === 'presence not taken: the room holds as much presence as it may')).toHaveLength(6);
      expect(clients.every((client) => client.closeInfo === null)).toBe(true);
    } finally {
      for (const client of clients) client.close();
      await running.stop();
    }
  });

  it('a room open through many reconnects forgets the clocks of clients removed longer than the awareness timeout ago, once it has seen twice --max-room-presence (T1)', async () => {
    const { running } = await serverWithLog({ maxRoomPresence: 3 });
    const ada = stockProvider(running.wsBase, 'acme', 'plan', tokenFor('acme'));
    ada.awareness.setLocalState(appState('Ada'));
    try {
      await waitFor(() => ada.synced && running.server.rooms.loaded('acme/plan')?.awareness.getStates().size === 1, 'Ada\'s presence in the room');
      const room = roomOf(running, 'acme/plan');
      // Visitors come and go, two presence ids each: their clocks stay behind (y-protocols keeps them).
      const visit = async (first: number) => {
        const visitor = await RawClient.joined(running.roomUrl('acme', 'plan', 'viewer'));
        visitor.send(floodFrame(first, 2));
        await waitFor(() => room.awareness.getStates().size === 3, 'the visitor\'s two states taken');
        visitor.close();
        await waitFor(() => room.peerCount === 1 && room.awareness.getStates().size === 1, 'the visitor gone');
      };
      await visit(8_000_000);
      await visit(8_000_010);
      // Six clocks (the room's own awareness, Ada's, four removed), not past twice the bound of 3: kept,
      // however old.
      const afterTimeout = () => Date.now() + awarenessProtocol.outdatedTimeout + 1;
      room.forgetOldRemovals(afterTimeout());
      expect(room.presenceFootprint()).toMatchObject({ states: 1, clocks: 6 });
      await visit(8_000_020);
      // Eight clocks: past the bound, but removed just now (a late copy of a removed state is still refused).
      expect(room.presenceFootprint()).toMatchObject({ states: 1, clocks: 8 });
      // After the awareness timeout, the clocks of clients without a state go; Ada's state and clock stay.
      room.forgetOldRemovals(afterTimeout());
      expect(room.presenceFootprint()).toMatchObject({ states: 1, clocks: 1 });
      expect([...room.awareness.meta.keys()]).toEqual([ada.awareness.clientID]);
      // The room works on: Ada's next change reaches a newcomer.
      ada.awareness.setLocalStateField('selection', 'n_0123456789abcdef01234');
      const newcomer = await RawClient.joined(running.roomUrl('acme', 'plan'));
      await newcomer.until(() => (presenceReceived(newcomer).states.get(ada.awareness.clientID) as { selection?: string } | undefined)?.selection === 'n_0123456789abcdef01234', 'Ada\'s selection at the newcomer');
      newcomer.close();
    } finally {
      ada.destroy();
      await running.stop();
    }
  });

  it('property: app sessions (state changes, reconnects, reloads, leaving) are never refused, and a flood among them always is', async () => {
    const { running, lines } = await serverWithLog();
    const token = tokenFor('acme');
    const name = fc.string({ unit: fc.constantFrom('a', 'Z', 'é', 'ß', '李', '🎯', '👩‍💻', ' ', '"', '\\'), minLength: 1, maxLength: 80 }).filter((text) => text.length <= 80);
    const state = fc.record({
      user: fc.record({ name, colour: fc.constantFrom('#3b6fd8', '#D81B60', '#00aa00'), personId: fc.option(fc.string({ minLength: 1, maxLength: 64 }), { nil: undefined }) }),
      selection: fc.option(fc.constantFrom('n_0123456789abcdef01234', 'n_zyxwvutsrqponmlkjihgf'), { nil: null }),
      view: fc.constantFrom('outline', 'cascade', 'board', 'plans'),
      viewport: fc.option(fc.record({ cx: fc.double({ min: -1e9, max: 1e9, noNaN: true }), cy: fc.double({ min: -1e9, max: 1e9, noNaN: true }), k: fc.double({ min: 0.01, max: 100, noNaN: true }) }), { nil: null }),
      presenting: fc.boolean(),
      appInstance: fc.string({ minLength: 22, maxLength: 64 }),
    }, { requiredKeys: ['user', 'selection', 'view'] });
    const action = fc.oneof(
      fc.record({ kind: fc.constant('state' as const), who: fc.nat(2), state }),
      fc.record({ kind: fc.constant('select' as const), who: fc.nat(2), node: fc.constantFrom('n_0123456789abcdef01234', null) }),
      fc.record({ kind: fc.constant('reconnect' as const), who: fc.nat(2) }),
      fc.record({ kind: fc.constant('reload' as const), who: fc.nat(2), state }),
      fc.record({ kind: fc.constant('hide' as const), who: fc.nat(2) }),
    );
    let run = 0;
    let duplicatesSent = 0;
    try {
      // `duplicates`: before its flood the viewer sends, within its own limits, four ids each named twice
      // in one message (higher clock first, review36d B1): taken, and counted for the states kept.
      await fc.assert(fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 12 }), fc.nat(12), fc.boolean(), async (actions, floodAt, duplicates) => {
        const plan = `plan-${++run}`;
        const closes: number[] = [];
        const open = (doc = new Y.Doc()) => new WebsocketProvider(`${running.wsBase}/acme`, plan, doc, { params: { token }, WebSocketPolyfill: refusalRecordingSocket([], closes), disableBc: true });
        const apps = [open(), open(), open()];
        const refusedBefore = lines.filter((line) => line.msg === 'presence refused').length;
        let flooder: RawClient | null = null;
        try {
          for (const app of apps) app.awareness.setLocalState(appState('Someone'));
          await waitFor(() => apps.every((app) => app.synced), 'the apps synced');
          for (const [index, step] of actions.entries()) {
            if (index === Math.min(floodAt, actions.length - 1)) {
              flooder = await RawClient.joined(running.roomUrl('acme', plan, 'viewer'));
              if (duplicates) {
                flooder.send(duplicateFrame(3_100_000, 4, JSON.stringify({ note: 'x'.repeat(4_000) })));
                await flooder.roundTrip();
                const room = roomOf(running, `acme/${plan}`);
                expect([3_100_000, 3_100_001, 3_100_002, 3_100_003].every((client) => room.awareness.getStates().has(client))).toBe(true);
                expect(room.presenceFootprint().bytes).toBe(presenceBytesHeld(room));
                duplicatesSent++;
              }
              flooder.send(floodFrame(3_000_000, 5));
            }
            const app = apps[step.who]!;
            if (step.kind === 'state') app.awareness.setLocalState(step.state);
            else if (step.kind === 'select') app.awareness.setLocalStateField('selection', step.node);
            else if (step.kind === 'hide') app.awareness.setLocalState(null);
            else if (step.kind === 'reconnect') {
              app.disconnect();
              app.connect();
            } else {
              // A reload: the page's provider goes, a new one (a new document, a new client id) comes.
              app.destroy();
              const fresh = open();
              fresh.awareness.setLocalState(step.state);
              apps[step.who] = fresh;
            }
          }
          // Once connected, every app announces itself once more (a returning client's unchanged state
          // carries the clock the room already has, so the server would otherwise take it only at its
          // 15 s renewal — y-protocols' rule, the same before the limits), and each sees every other.
          await waitFor(() => apps.every((app) => app.wsconnected && app.synced), 'every app connected');
          for (const app of apps) app.awareness.setLocalState({ ...(app.awareness.getLocalState() ?? appState('Back')) });
          await waitFor(() => apps.every((app) => sees(app, apps)), 'every app sees every other', 20_000);
          const floodClose = await flooder!.closed();
          expect(floodClose.code).toBe(closeCodes.presenceLimit);
          expect(closes.filter((code) => code === closeCodes.presenceLimit)).toEqual([]);
          expect(lines.filter((line) => line.msg === 'presence refused')).toHaveLength(refusedBefore + 1);
          const room = roomOf(running, `acme/${plan}`);
          expect(room.presenceFootprint().bytes).toBe(presenceBytesHeld(room));
        } finally {
          for (const app of apps) app.destroy();
          flooder?.close();
        }
      }), { numRuns: 12, endOnFailure: true });
      // The run reached the duplicate case (12 runs: the chance of none is 1 in 4,096).
      expect(duplicatesSent).toBeGreaterThan(0);
    } finally {
      await running.stop();
    }
  });
});
