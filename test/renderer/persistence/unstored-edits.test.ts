import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { memoryStore } from '../../../renderer/src/library/key-value-store.js';
import { applyUnstoredCopies, UnstoredEdits, unstoredEditsKey } from '../../../renderer/src/persistence/unstored-edits.js';

const storeOrigin = Symbol('store');
const state = (doc: Y.Doc) => Buffer.from(Y.encodeStateAsUpdate(doc)).toString('hex');

/** A flush the test completes by hand: the store's writes "reach the disk" when it says so. */
function manualFlush() {
  const waiting: (() => void)[] = [];
  return {
    flush: () => new Promise<void>((resolve) => { waiting.push(resolve); }),
    completeAll: async () => { for (const done of waiting.splice(0)) done(); await new Promise((r) => setTimeout(r, 0)); },
  };
}

describe('the safety copy of unstored changes', () => {
  it('holds every change until a flush started after it completes, then is removed', async () => {
    const store = memoryStore();
    const doc = new Y.Doc();
    const storedUpdates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => storedUpdates.push(update));
    const disk = manualFlush();
    const edits = new UnstoredEdits('p1', doc, store, disk.flush, storeOrigin, (error) => { throw error; });
    const key = unstoredEditsKey('p1', doc.clientID);
    doc.getMap('nodes').set('a', 'Grow');
    doc.getMap('nodes').set('b', 'Retain');  // while the first flush runs
    expect(edits.hasPending).toBe(true);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Buffer.from(store.getItem(key)!, 'base64url'));
    expect(copy.getMap('nodes').toJSON()).toEqual({ a: 'Grow', b: 'Retain' });

    await disk.completeAll();  // the first flush: only `a` is known stored
    expect(edits.hasPending).toBe(true);
    // On top of what the disk holds (`a`), the copy still brings `b`.
    const partial = new Y.Doc();
    Y.applyUpdate(partial, storedUpdates[0]!);
    Y.applyUpdate(partial, Buffer.from(store.getItem(key)!, 'base64url'));
    expect(partial.getMap('nodes').get('b')).toBe('Retain');
    await disk.completeAll();
    expect(edits.hasPending).toBe(false);
    expect(store.getItem(key)).toBeNull();

    // What the store applied itself is already stored: no copy.
    doc.transact(() => doc.getMap('nodes').set('c', 'from disk'), storeOrigin);
    expect(store.getItem(key)).toBeNull();
    edits.dispose();
  });

  it('is applied on the next open, once: applying it again, or over a doc that has it, changes nothing', async () => {
    const store = memoryStore();
    const before = new Y.Doc();
    before.getMap('nodes').set('a', 'Grow');
    const stored = Y.encodeStateAsUpdate(before);
    const edits = new UnstoredEdits('p1', before, store, () => new Promise<void>(() => {}), storeOrigin, () => {});
    before.getMap('nodes').set('a', 'Grow in Europe');
    before.getArray('list').insert(0, ['one line']);
    edits.dispose();  // the page went away before the write

    const reopened = new Y.Doc();
    Y.applyUpdate(reopened, stored, storeOrigin);
    const recovered = applyUnstoredCopies(store, 'p1', reopened, 'recovered');
    expect(recovered).toHaveLength(1);
    expect(state(reopened)).toBe(state(before));
    applyUnstoredCopies(store, 'p1', reopened, 'recovered');
    expect(state(reopened)).toBe(state(before));
    expect(reopened.getArray('list').toArray()).toEqual(['one line']);

    // The reopened window removes it once stored, unless it was rewritten meanwhile.
    const disk = manualFlush();
    const keeper = new UnstoredEdits('p1', reopened, store, disk.flush, storeOrigin, () => {});
    keeper.forgetOnceStored(recovered);
    await disk.completeAll();
    expect(store.getItem(recovered[0]!.key)).toBeNull();
    keeper.dispose();
  });

  it('removes a damaged or hostile copy without applying any of it, and ignores other plans', () => {
    const store = memoryStore();
    store.setItem('throughline:unstored:p1:1', 'not base64 !!');
    store.setItem('throughline:unstored:p1:2', Buffer.from([1, 2, 3, 250, 7]).toString('base64url'));
    store.setItem('throughline:unstored:p1:3', '');
    const other = new Y.Doc();
    other.getMap('nodes').set('x', 'other plan');
    store.setItem('throughline:unstored:p2:4', Buffer.from(Y.encodeStateAsUpdate(other)).toString('base64url'));
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    applyUnstoredCopies(store, 'p1', doc, 'recovered');
    expect(doc.getMap('nodes').size).toBe(0);
    expect(store.getItem('throughline:unstored:p1:1')).toBeNull();
    expect(store.getItem('throughline:unstored:p1:2')).toBeNull();
    expect(store.getItem('throughline:unstored:p2:4')).not.toBeNull();
  });
});
