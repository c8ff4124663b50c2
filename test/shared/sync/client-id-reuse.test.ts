import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';

import {
  clientIdOfRecordKey, clientIdRecordKey, clientIdRecordSchema, mayReuse, takeClientId, withClosingMarkers,
  type ClientIdLease, type ClientIdPorts, type ClientIdRecord,
} from '../../../shared/sync/client-id-reuse.js';

/**
 * A browser profile on one device: what IndexedDB has committed (the plan's update rows and the
 * client-id records) and the Web Locks held. A tab's y-indexeddb writes are committed only when the
 * tab "stores" them; a crash loses whatever is not committed yet, while the same writes may already
 * have reached the server — the case that makes a reused client id dangerous.
 */
class Device {
  readonly rows: Uint8Array[] = [];
  readonly records = new Map<number, ClientIdRecord>();
  readonly locks = new Set<number>();
  /** The closing markers (localStorage) as they stand, and every one ever written (an OS crash may lose their removal). */
  readonly markers = new Map<number, ClientIdRecord>();
  readonly markersWritten = new Map<number, ClientIdRecord>();
  /** True while a page goes away: its IndexedDB writes are aborted, its markers land (client-id-lease.ts). */
  unloading = false;

  ports(): ClientIdPorts {
    return {
      tryLock: async (clientId) => {
        await Promise.resolve();
        if (this.locks.has(clientId)) return null;
        this.locks.add(clientId);
        return () => { this.locks.delete(clientId); };
      },
      readRecords: async () => withClosingMarkers(this.records, this.markers),
      writeRecord: async (clientId, record) => {
        if (this.unloading) throw new Error('aborted: the page went away');
        this.records.set(clientId, clientIdRecordSchema.parse(record));
        if (record.state === 'in-use') this.markers.delete(clientId);
      },
      markClosed: (clientId, record) => {
        this.markers.set(clientId, clientIdRecordSchema.parse(record));
        this.markersWritten.set(clientId, record);
      },
    };
  }
}

interface Loading { device: Device; doc: Y.Doc; offline: boolean }
interface Tab { device: Device; doc: Y.Doc; lease: ClientIdLease; unstored: Uint8Array[]; sending: boolean }

/** Every struct range any session wrote with its own client id: two sessions writing one id range is the corruption. */
class WrittenRanges {
  private readonly byClient = new Map<number, [number, number][]>();
  add(client: number, from: number, to: number): void {
    if (to <= from) return;
    const ranges = this.byClient.get(client) ?? [];
    for (const [start, end] of ranges) {
      if (from < end && start < to) throw new Error(`client ${client} wrote clocks ${from}..${to} twice (already ${start}..${end})`);
    }
    ranges.push([from, to]);
    this.byClient.set(client, ranges);
  }
}

type Step =
  | { kind: 'open'; device: number; offline?: boolean }
  /** Loads a local copy now and takes its id at a later `finish-open`: other tabs act in between. */
  | { kind: 'begin-open'; device: number; offline: boolean }
  | { kind: 'finish-open'; loading: number }
  | { kind: 'edit'; tab: number; what: 'set' | 'insert' | 'delete'; at: number; text: string }
  | { kind: 'store'; tab: number }
  | { kind: 'pull'; tab: number }
  | { kind: 'close'; tab: number }
  | { kind: 'crash'; tab: number }
  /** A reload or closed tab: pagehide ends the lease, its IndexedDB write is aborted, its marker lands. */
  | { kind: 'unload'; tab: number }
  | { kind: 'crash-device'; device: number };

const deviceCount = 2;
const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('open' as const), device: fc.nat(deviceCount - 1), offline: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('begin-open' as const), device: fc.nat(deviceCount - 1), offline: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('finish-open' as const), loading: fc.nat(3) }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('edit' as const), tab: fc.nat(5), what: fc.constantFrom('set' as const, 'insert' as const, 'delete' as const),
      at: fc.nat(30), text: fc.string({ minLength: 1, maxLength: 6 }),
    }),
    weight: 6,
  },
  { arbitrary: fc.record({ kind: fc.constant('store' as const), tab: fc.nat(5) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('pull' as const), tab: fc.nat(5) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('close' as const), tab: fc.nat(5) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('crash' as const), tab: fc.nat(5) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('unload' as const), tab: fc.nat(5) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('crash-device' as const), device: fc.nat(deviceCount - 1) }), weight: 1 },
);

interface RunStats { reused: number; fresh: number; retired: number; unloaded: number }

/** Plays `steps` against real Y.Docs, a server replica and the real takeClientId; throws on a twice-written clock. */
async function play(steps: readonly Step[], seed: number, take = takeClientId): Promise<{ server: Y.Doc; tabs: Tab[]; stats: RunStats }> {
  let state = seed >>> 0 || 1;
  const random = () => { state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0; return state / 0x1_0000_0000; };
  const devices = Array.from({ length: deviceCount }, () => new Device());
  const server = new Y.Doc({ gc: false });
  const written = new WrittenRanges();
  const tabs: Tab[] = [];
  const stats: RunStats = { reused: 0, fresh: 0, retired: 0, unloaded: 0 };
  const tabAt = (index: number) => (tabs.length === 0 ? null : tabs[index % tabs.length]!);
  const storeAll = (tab: Tab) => { tab.device.rows.push(...tab.unstored); tab.unstored.length = 0; };
  const remove = (tab: Tab) => { tabs.splice(tabs.indexOf(tab), 1); tab.doc.destroy(); };
  const loading: Loading[] = [];
  const load = (device: Device, offline: boolean): Loading => {
    const doc = new Y.Doc({ gc: false });
    if (device.rows.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(device.rows), 'local copy');
    return { device, doc, offline };
  };
  const start = async ({ device, doc, offline }: Loading) => {
    const lease = await take(doc, device.ports(), random);
    if (lease.reused) stats.reused++;
    else stats.fresh++;
    const tab: Tab = { device, doc, lease, unstored: [], sending: true };
    // As y-indexeddb and y-websocket do: every update (local or remote) is queued for storage;
    // a local one is sent to the server at once, before it is stored.
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      tab.unstored.push(update);
      if (origin !== 'server' && tab.sending) Y.applyUpdate(server, update, 'client');
    });
    tabs.push(tab);
    // The first sync (whatever the server has), unless the session starts offline and edits first.
    if (!offline) Y.applyUpdate(doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(doc)), 'server');
  };
  const crash = (tab: Tab) => { tab.unstored.length = 0; tab.lease.abandon(); stats.retired++; remove(tab); };

  for (const step of steps) {
    switch (step.kind) {
      case 'open':
        await start(load(devices[step.device]!, step.offline ?? false));
        break;
      case 'begin-open':
        loading.push(load(devices[step.device]!, step.offline));
        break;
      case 'finish-open': {
        if (loading.length === 0) break;
        const [next] = loading.splice(step.loading % loading.length, 1);
        await start(next!);
        break;
      }
      case 'edit': {
        const tab = tabAt(step.tab);
        if (!tab) break;
        const client = tab.doc.clientID;
        const before = Y.getState(tab.doc.store, client);
        tab.doc.transact(() => {
          const text = tab.doc.getText('title');
          if (step.what === 'set') tab.doc.getMap('fields').set(step.text, step.at);
          else if (step.what === 'insert') text.insert(Math.min(step.at, text.length), step.text);
          else if (text.length > 0) text.delete(Math.min(step.at, text.length - 1), 1);
        });
        written.add(client, before, Y.getState(tab.doc.store, client));
        break;
      }
      case 'store': {
        const tab = tabAt(step.tab);
        if (tab) storeAll(tab);
        break;
      }
      case 'pull': {
        const tab = tabAt(step.tab);
        if (tab) Y.applyUpdate(tab.doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(tab.doc)), 'server');
        break;
      }
      case 'close': {
        const tab = tabAt(step.tab);
        if (!tab) break;
        // As PlanSession.close: the sync stops, the local copy is flushed, then the record is written.
        tab.sending = false;
        storeAll(tab);
        await tab.lease.end();
        remove(tab);
        break;
      }
      case 'crash': {
        const tab = tabAt(step.tab);
        if (tab) crash(tab);
        break;
      }
      case 'unload': {
        const tab = tabAt(step.tab);
        if (!tab) break;
        // As pagehide: the sync stops; the unstored copy (localStorage) keeps what IndexedDB has not stored.
        tab.sending = false;
        storeAll(tab);
        tab.device.unloading = true;
        const ended = tab.lease.end();
        tab.device.unloading = false;
        await ended.catch(() => undefined);
        stats.unloaded++;
        remove(tab);
        break;
      }
      case 'crash-device': {
        // The worst an OS crash can do to localStorage: every marker's removal lost.
        for (const [clientId, marker] of devices[step.device]!.markersWritten) devices[step.device]!.markers.set(clientId, marker);
        for (const tab of tabs.filter((candidate) => candidate.device === devices[step.device])) crash(tab);
        for (const pending of loading.filter((candidate) => candidate.device === devices[step.device])) loading.splice(loading.indexOf(pending), 1);
        break;
      }
    }
  }
  return { server, tabs, stats };
}

/** Everything reaches everyone: the server and every open tab end with the same content. */
function expectConverged(server: Y.Doc, tabs: readonly Tab[]): void {
  for (const tab of tabs) Y.applyUpdate(server, Y.encodeStateAsUpdate(tab.doc, Y.encodeStateVector(server)), 'client');
  for (const tab of tabs) {
    Y.applyUpdate(tab.doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(tab.doc)), 'server');
    expect(tab.doc.getText('title').toString()).toBe(server.getText('title').toString());
    expect(tab.doc.getMap('fields').toJSON()).toEqual(server.getMap('fields').toJSON());
    expect(Y.encodeStateVector(tab.doc)).toEqual(Y.encodeStateVector(server));
  }
}

describe('client id reuse', () => {
  it('never lets two sessions write the same client id clocks, across tabs, closes, crashes and restarts; replicas converge', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (steps, seed) => {
        const { server, tabs } = await play(steps, seed);
        expectConverged(server, tabs);
      }),
      { numRuns: 300 },
    );
  });

  it('reuses ids after clean closes, and sees every kind of session end (fixed seed: asserts coverage)', async () => {
    const totals: RunStats = { reused: 0, fresh: 0, retired: 0, unloaded: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary, { minLength: 20, maxLength: 60 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (steps, seed) => {
        const { server, tabs, stats } = await play(steps, seed);
        expectConverged(server, tabs);
        totals.reused += stats.reused;
        totals.fresh += stats.fresh;
        totals.retired += stats.retired;
        totals.unloaded += stats.unloaded;
      }),
      { numRuns: 200, seed: 20_261_202 },
    );
    expect(totals.reused).toBeGreaterThan(50);
    expect(totals.fresh).toBeGreaterThan(50);
    expect(totals.retired).toBeGreaterThan(20);
    expect(totals.unloaded).toBeGreaterThan(20);
  });

  it('a reload whose closing record never reaches IndexedDB still reuses its id: the marker written on pagehide closes it', async () => {
    const { tabs, server } = await play([
      { kind: 'open', device: 0 }, { kind: 'edit', tab: 0, what: 'insert', at: 0, text: 'a' }, { kind: 'unload', tab: 0 },
      { kind: 'open', device: 0 }, { kind: 'edit', tab: 0, what: 'insert', at: 0, text: 'b' }, { kind: 'unload', tab: 0 },
      { kind: 'open', device: 0 },
    ], 3);
    expect(tabs[0]!.lease.reused).toBe(true);
    expect(server.store.clients.size).toBe(1);
  });

  it('a marker left by an earlier session (its removal lost in an OS crash) never reopens the id a later session held', async () => {
    const { tabs, server } = await play([
      { kind: 'open', device: 0 }, { kind: 'edit', tab: 0, what: 'insert', at: 0, text: 'a' }, { kind: 'unload', tab: 0 },
      // The next session reuses the id, sends an edit the local copy never stores, and the device crashes.
      { kind: 'open', device: 0 }, { kind: 'edit', tab: 0, what: 'insert', at: 0, text: 'sent, not stored' }, { kind: 'crash-device', device: 0 },
      { kind: 'open', device: 0, offline: true }, { kind: 'edit', tab: 0, what: 'insert', at: 0, text: 'b' },
    ], 3);
    expect(tabs[0]!.lease.reused).toBe(false);
    expectConverged(server, tabs);
    expect(server.getText('title').toString()).toContain('sent, not stored');
  });

  it('a device that closes its sessions cleanly keeps writing with one client id', async () => {
    const steps: Step[] = [];
    for (let day = 0; day < 30; day++) steps.push({ kind: 'open', device: 0 }, { kind: 'edit', tab: 0, what: 'insert', at: 0, text: 'x' }, { kind: 'close', tab: 0 });
    const { server } = await play(steps, 7);
    expect(server.store.clients.size).toBe(1);
    expect(server.getText('title').toString()).toBe('x'.repeat(30));
  });

  it('a second tab of the same plan takes another id while the first holds its own', async () => {
    const { tabs, server } = await play([
      { kind: 'open', device: 0 }, { kind: 'edit', tab: 0, what: 'insert', at: 0, text: 'a' }, { kind: 'close', tab: 0 },
      { kind: 'open', device: 0 }, { kind: 'open', device: 0 },
      { kind: 'edit', tab: 0, what: 'insert', at: 0, text: 'b' }, { kind: 'edit', tab: 1, what: 'insert', at: 0, text: 'c' },
    ], 11);
    expect(tabs[0]!.lease.reused).toBe(true);
    expect(tabs[1]!.lease.reused).toBe(false);
    expect(tabs[0]!.doc.clientID).not.toBe(tabs[1]!.doc.clientID);
    expectConverged(server, tabs);
    expect(server.getText('title').length).toBe(3);
  });

  it('after a crash whose edit reached the server but not the local copy, the id is retired, not reused', async () => {
    const { tabs, server } = await play([
      { kind: 'open', device: 0 }, { kind: 'edit', tab: 0, what: 'insert', at: 0, text: 'a' }, { kind: 'close', tab: 0 },
      { kind: 'open', device: 0 }, { kind: 'edit', tab: 0, what: 'insert', at: 0, text: 'lost here' }, { kind: 'crash', tab: 0 },
      { kind: 'open', device: 0, offline: true }, { kind: 'edit', tab: 0, what: 'insert', at: 0, text: 'b' },
    ], 5);
    expect(tabs[0]!.lease.reused).toBe(false);
    expectConverged(server, tabs);
    expect(server.getText('title').toString()).toContain('lost here');
  });

  it('the detector catches the corruption: reusing the last id after that crash writes its clocks twice', async () => {
    // Naive reuse (the last id whenever its lock is free), which the records exist to prevent.
    const naive: typeof takeClientId = async (doc, ports, random) => {
      const last = [...(await ports.readRecords()).keys()].at(-1);
      const release = last === undefined ? null : await ports.tryLock(last);
      if (last === undefined || !release) return takeClientId(doc, ports, random);
      doc.clientID = last;
      return { clientId: last, reused: true, end: async () => release(), abandon: release } as unknown as ClientIdLease;
    };
    await expect(play([
      { kind: 'open', device: 0 }, { kind: 'edit', tab: 0, what: 'insert', at: 0, text: 'a' }, { kind: 'close', tab: 0 },
      { kind: 'open', device: 0 }, { kind: 'edit', tab: 0, what: 'insert', at: 0, text: 'lost here' }, { kind: 'crash', tab: 0 },
      { kind: 'open', device: 0, offline: true }, { kind: 'edit', tab: 0, what: 'insert', at: 0, text: 'b' },
    ], 5, naive)).rejects.toThrow(/wrote clocks .* twice/);
  });

  it('an id the caller refuses (its changes name another author) is not reused', async () => {
    const device = new Device();
    const first = new Y.Doc();
    const lease = await takeClientId(first, device.ports(), Math.random);
    first.getText('title').insert(0, 'mine');
    await lease.end();
    const second = new Y.Doc();
    Y.applyUpdate(second, Y.encodeStateAsUpdate(first));
    const refused = await takeClientId(second, device.ports(), Math.random, (id) => id !== lease.clientId);
    expect(refused.reused).toBe(false);
    expect(second.clientID).not.toBe(lease.clientId);
    await refused.end();
    // An ended lease leaves the doc on a throwaway id: nothing written later extends the record's id.
    expect(second.clientID).not.toBe(refused.clientId);
    const third = new Y.Doc();
    Y.applyUpdate(third, Y.encodeStateAsUpdate(first));
    const accepted = await takeClientId(third, device.ports(), Math.random);
    expect(accepted.clientId).toBe(lease.clientId);
  });

  it('mayReuse needs a closed record at exactly the loaded clock', () => {
    expect(mayReuse(undefined, 0)).toBe(false);
    expect(mayReuse({ state: 'in-use', clock: 4 }, 4)).toBe(false);
    expect(mayReuse({ state: 'closed', clock: 4 }, 3)).toBe(false);
    expect(mayReuse({ state: 'closed', clock: 4 }, 5)).toBe(false);
    expect(mayReuse({ state: 'closed', clock: 4 }, 4)).toBe(true);
  });

  it('record keys round-trip and foreign or malformed keys and records are refused', () => {
    expect(clientIdOfRecordKey(clientIdRecordKey(4_294_967_295))).toBe(4_294_967_295);
    for (const key of ['client-id:', 'client-id:-1', 'client-id:4294967296', 'client-id:1.5', 'other:3', 42, null]) expect(clientIdOfRecordKey(key)).toBeNull();
    expect(clientIdRecordSchema.safeParse({ state: 'closed', clock: -1 }).success).toBe(false);
    expect(clientIdRecordSchema.safeParse({ state: 'open', clock: 1 }).success).toBe(false);
    expect(clientIdRecordSchema.safeParse({ state: 'closed', clock: 1, extra: true }).success).toBe(false);
  });
});
