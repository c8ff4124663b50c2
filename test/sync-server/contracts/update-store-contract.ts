import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { UpdateStore } from '../../../sync-server/storage/update-store.js';

/** A backend under test: every `open()` is another store (another instance) on the same data. */
export interface StoreBackend {
  open(): Promise<UpdateStore>;
}

/** A real Yjs update that sets `key` in map `m` of a fresh document (so merges are meaningful). */
export function updateSetting(key: string, value: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('m').set(key, value);
  return Y.encodeStateAsUpdate(doc);
}

/** The map `m` of the document made by merging a room's stored updates. */
export function documentOf(updates: readonly Uint8Array[]): Record<string, unknown> {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getMap('m').toJSON();
}

let roomCounter = 0;
/** A room name no other test of this run uses (backends may share data between tests). */
export function freshRoom(): string {
  roomCounter++;
  return `contract/room-${process.pid}-${Date.now().toString(36)}-${roomCounter}`;
}

/**
 * The rules written on UpdateStore (sync-server/storage/update-store.ts), numbered as there. Call
 * inside a describe; `backend` is read when the tests run, so it may be set up in a beforeAll.
 */
export function updateStoreContract(backend: () => StoreBackend): void {
  const opened: UpdateStore[] = [];
  async function open(): Promise<UpdateStore> {
    const store = await backend().open();
    opened.push(store);
    return store;
  }
  async function closeAll(): Promise<void> {
    for (const store of opened.splice(0)) await store.close();
  }

  describe('UpdateStore contract', () => {
    it('1. a room nobody wrote to loads as empty', async () => {
      const store = await open();
      try {
        expect(await store.load(freshRoom())).toEqual({ updates: [], lastId: 0, bytes: 0 });
      } finally { await closeAll(); }
    });

    it('2. append resolves with one increasing id per update, within and across batches', async () => {
      const store = await open();
      try {
        const room = freshRoom();
        const first = await store.append([1, 2, 3].map((n) => ({ room, update: updateSetting(`k${n}`, n) })));
        const second = await store.append([{ room, update: updateSetting('k4', 4) }]);
        const ids = [...first, ...second];
        expect(ids).toHaveLength(4);
        for (let i = 1; i < ids.length; i++) expect(ids[i]!).toBeGreaterThan(ids[i - 1]!);
        expect(await store.append([])).toEqual([]);
      } finally { await closeAll(); }
    });

    it('3. rooms are kept apart: a room loads exactly what was appended to it', async () => {
      const store = await open();
      try {
        const [a, b] = [freshRoom(), freshRoom()];
        await store.append([{ room: a, update: updateSetting('a1', 1) }, { room: b, update: updateSetting('b1', 1) }, { room: a, update: updateSetting('a2', 2) }]);
        expect(documentOf((await store.load(a)).updates)).toEqual({ a1: 1, a2: 2 });
        expect(documentOf((await store.load(b)).updates)).toEqual({ b1: 1 });
      } finally { await closeAll(); }
    });

    it('4. once append resolves, another store on the same data loads it, also after this one closed', async () => {
      const writer = await open();
      const room = freshRoom();
      try {
        await writer.append([{ room, update: updateSetting('durable', 1) }]);
        const other = await open();
        expect(documentOf((await other.load(room)).updates)).toEqual({ durable: 1 });
      } finally { await closeAll(); }
      const reopened = await open();
      try {
        const loaded = await reopened.load(room);
        expect(documentOf(loaded.updates)).toEqual({ durable: 1 });
        expect(loaded.lastId).toBeGreaterThan(0);
      } finally { await closeAll(); }
    });

    it('5. updates appended concurrently by several instances are all kept', async () => {
      const [one, two] = [await open(), await open()];
      try {
        const room = freshRoom();
        const writes: Promise<number[]>[] = [];
        for (let n = 0; n < 40; n++) writes.push((n % 2 === 0 ? one : two).append([{ room, update: updateSetting(`k${n}`, n) }]));
        await Promise.all(writes);
        const reader = await open();
        const document = documentOf((await reader.load(room)).updates);
        expect(Object.keys(document)).toHaveLength(40);
      } finally { await closeAll(); }
    });

    it('6. compact keeps the document and every update appended after throughId', async () => {
      const store = await open();
      try {
        const room = freshRoom();
        const updates = [1, 2, 3].map((n) => updateSetting(`k${n}`, n));
        const ids = await store.append(updates.map((update) => ({ room, update })));
        const later = await store.append([{ room, update: updateSetting('later', 9) }]);
        await store.compact(room, Y.mergeUpdates(updates), ids[2]!);
        const loaded = await store.load(room);
        expect(documentOf(loaded.updates)).toEqual({ k1: 1, k2: 2, k3: 3, later: 9 });
        expect(loaded.lastId).toBeGreaterThanOrEqual(later[0]!);
        // Compaction also holds after further appends.
        await store.append([{ room, update: updateSetting('after', 10) }]);
        expect(documentOf((await (await open()).load(room)).updates)).toEqual({ k1: 1, k2: 2, k3: 3, later: 9, after: 10 });
      } finally { await closeAll(); }
    });

    it('7. size agrees with load on bytes, and is zero for an untouched room', async () => {
      const store = await open();
      try {
        const room = freshRoom();
        expect(await store.size(room)).toEqual({ rows: 0, bytes: 0 });
        await store.append([{ room, update: updateSetting('a', 1) }, { room, update: updateSetting('b', 2) }]);
        const loaded = await store.load(room);
        const size = await store.size(room);
        expect(size.bytes).toBe(loaded.bytes);
        expect(loaded.bytes).toBe(loaded.updates.reduce((sum, update) => sum + update.byteLength, 0));
        expect(size.rows).toBe(loaded.updates.length);
      } finally { await closeAll(); }
    });

    it('8. after close, append and load reject', async () => {
      const store = await backend().open();
      await store.close();
      await expect(store.append([{ room: freshRoom(), update: updateSetting('x', 1) }])).rejects.toThrow();
      await expect(store.load(freshRoom())).rejects.toThrow();
    });
  });
}
