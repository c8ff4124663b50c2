import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';

import { splitDocumentDifference, splitUpdate, UpdateSplitError } from '../../../shared/sync/update-parts.js';

/** An operation one replica makes; `sync` lets two replicas exchange everything they have. */
type Op =
  | { kind: 'insert'; replica: number; at: number; text: string }
  | { kind: 'delete'; replica: number; at: number; count: number }
  | { kind: 'set'; replica: number; key: string; value: number | string }
  | { kind: 'nest'; replica: number; key: string; text: string }
  | { kind: 'edit-nested'; replica: number; key: string; at: number; text: string; drop: number }
  | { kind: 'sync'; from: number; to: number };

const replicaCount = 3;
const replica = fc.integer({ min: 0, max: replicaCount - 1 });
const key = fc.constantFrom('a', 'b', 'c', 'd');
const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  // Exchanges are weighted up so replicas build on each other's structs (cross-client origins).
  { arbitrary: fc.record({ kind: fc.constant('sync' as const), from: replica, to: replica }), weight: 4 },
  fc.record({ kind: fc.constant('insert' as const), replica, at: fc.nat(40), text: fc.string({ minLength: 1, maxLength: 30 }) }),
  fc.record({ kind: fc.constant('delete' as const), replica, at: fc.nat(40), count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('set' as const), replica, key, value: fc.oneof(fc.integer(), fc.string({ maxLength: 50 })) }),
  fc.record({ kind: fc.constant('nest' as const), replica, key, text: fc.string({ maxLength: 20 }) }),
  fc.record({
    kind: fc.constant('edit-nested' as const), replica, key, at: fc.nat(20), text: fc.string({ maxLength: 20 }), drop: fc.nat(4),
  }),
);

/** Client IDs drawn per run, so every order of clients in the encoded update is met. */
const clientIds = fc.uniqueArray(fc.integer({ min: 0, max: 2 ** 31 }), { minLength: replicaCount, maxLength: replicaCount });

function play(ops: readonly Op[], ids: readonly number[]): Y.Doc[] {
  const docs = ids.map((id) => {
    const doc = new Y.Doc();
    doc.clientID = id;
    return doc;
  });
  const docAt = (index: number): Y.Doc => docs[index] as Y.Doc;
  for (const op of ops) {
    if (op.kind === 'sync') {
      const to = docAt(op.to);
      Y.applyUpdate(to, Y.encodeStateAsUpdate(docAt(op.from), Y.encodeStateVector(to)));
      continue;
    }
    const doc = docAt(op.replica);
    const list = doc.getArray<string>('list');
    const map = doc.getMap<unknown>('map');
    if (op.kind === 'insert') {
      list.insert(Math.min(op.at, list.length), [...op.text]);
    } else if (op.kind === 'delete') {
      const at = Math.min(op.at, list.length);
      list.delete(at, Math.min(op.count, list.length - at));
    } else if (op.kind === 'set') {
      map.set(op.key, op.value);
    } else if (op.kind === 'nest') {
      const nested = new Y.Map<unknown>();
      nested.set('text', new Y.Text(op.text));
      nested.set('rows', Y.Array.from([op.text.length]));
      map.set(op.key, nested);
    } else {
      const nested = map.get(op.key);
      if (!(nested instanceof Y.Map)) continue;
      const text: unknown = nested.get('text');
      if (!(text instanceof Y.Text)) continue;
      const at = Math.min(op.at, text.length);
      text.delete(at, Math.min(op.drop, text.length - at));
      text.insert(Math.min(at, text.length), op.text);
    }
  }
  return docs;
}

/** Applies every part in order, checking that nothing is ever left waiting. */
function applyParts(doc: Y.Doc, parts: readonly Uint8Array[]): void {
  for (const part of parts) {
    Y.applyUpdate(doc, part);
    expect(doc.store.pendingStructs).toBeNull();
    expect(doc.store.pendingDs).toBeNull();
  }
}

function sameContent(actual: Y.Doc, expected: Y.Doc): void {
  expect(Y.encodeStateVector(actual)).toEqual(Y.encodeStateVector(expected));
  expect(actual.getArray('list').toJSON()).toEqual(expected.getArray('list').toJSON());
  expect(actual.getMap('map').toJSON()).toEqual(expected.getMap('map').toJSON());
  expect(Y.encodeStateAsUpdate(actual)).toEqual(Y.encodeStateAsUpdate(expected));
}

/** A part may exceed the limit only when it carries one struct and nothing else. */
function checkSizes(parts: readonly Uint8Array[], limit: number): void {
  for (const part of parts) {
    if (part.length <= limit) continue;
    const { structs, ds } = Y.decodeUpdate(part);
    expect(structs.length + [...ds.clients.values()].reduce((sum, ranges) => sum + ranges.length, 0)).toBe(1);
  }
}

/** A fresh doc holding everything the given docs and updates hold. */
function merged(...sources: Array<Y.Doc | Uint8Array>): Y.Doc {
  const doc = new Y.Doc();
  for (const source of sources) Y.applyUpdate(doc, source instanceof Y.Doc ? Y.encodeStateAsUpdate(source) : source);
  return doc;
}

describe('splitUpdate', () => {
  it('splits a whole document into parts that rebuild it one by one, each within the limit', () => {
    fc.assert(
      fc.property(fc.array(opArbitrary, { minLength: 1, maxLength: 80 }), clientIds, fc.integer({ min: 16, max: 120 }), (ops, ids, limit) => {
        const docs = play(ops, ids);
        const whole = Y.encodeStateAsUpdate(merged(...docs));
        const parts = splitUpdate(whole, limit);
        checkSizes(parts, limit);
        const rebuilt = new Y.Doc();
        applyParts(rebuilt, parts);
        sameContent(rebuilt, merged(whole));
      }),
      { numRuns: 150 },
    );
  });

  it('parts merged with Y.mergeUpdates (how the Redis + PostgreSQL store merges rows) give back the whole, and split again cleanly', () => {
    fc.assert(
      fc.property(fc.array(opArbitrary, { minLength: 1, maxLength: 80 }), clientIds, fc.integer({ min: 16, max: 120 }), (ops, ids, limit) => {
        const docs = play(ops, ids);
        const whole = Y.encodeStateAsUpdate(merged(...docs));
        const rows = splitUpdate(whole, limit);
        const fromRows = Y.mergeUpdates(rows);
        sameContent(merged(fromRows), merged(whole));
        const rebuilt = new Y.Doc();
        applyParts(rebuilt, splitUpdate(fromRows, limit));
        sameContent(rebuilt, merged(whole));
      }),
      { numRuns: 150 },
    );
  });

  it('splits a difference update so a replica that lacks it catches up without pending structs', () => {
    fc.assert(
      fc.property(fc.array(opArbitrary, { minLength: 1, maxLength: 80 }), clientIds, fc.integer({ min: 16, max: 120 }), (ops, ids, limit) => {
        const [first, second, third] = play(ops, ids) as [Y.Doc, Y.Doc, Y.Doc];
        // What the first and third replicas know together that the second lacks: several clients' structs.
        const others = merged(first, third);
        const difference = Y.encodeStateAsUpdate(others, Y.encodeStateVector(second));
        const parts = splitUpdate(difference, limit);
        checkSizes(parts, limit);
        const caughtUp = merged(second);
        applyParts(caughtUp, parts);
        sameContent(caughtUp, merged(second, difference));
      }),
      { numRuns: 150 },
    );
  });

  it('splits what a doc has beyond a state vector, read from its store, like the encoded difference', () => {
    fc.assert(
      fc.property(fc.array(opArbitrary, { minLength: 1, maxLength: 80 }), clientIds, fc.integer({ min: 16, max: 120 }), (ops, ids, limit) => {
        const [first, second, third] = play(ops, ids) as [Y.Doc, Y.Doc, Y.Doc];
        const others = merged(first, third);
        const parts = splitDocumentDifference(others, Y.encodeStateVector(second), limit);
        checkSizes(parts, limit);
        applyParts(second, parts);
        sameContent(second, merged(first, third, play(ops, ids)[1] as Y.Doc));
        expect(() => splitDocumentDifference(others, new Uint8Array([0xff]), limit)).toThrow(UpdateSplitError);
      }),
      { numRuns: 150 },
    );
  });

  it('sends another client\'s origin before the struct that builds on it, whatever the client order', () => {
    const earlier = new Y.Doc();
    earlier.clientID = 1;
    const later = new Y.Doc();
    later.clientID = 2; // encoded first: Yjs writes clients in descending order
    earlier.getArray('list').insert(0, ['x', 'y']);
    Y.applyUpdate(later, Y.encodeStateAsUpdate(earlier));
    later.getArray('list').insert(1, ['between']);
    const parts = splitUpdate(Y.encodeStateAsUpdate(later), 16);
    expect(parts.length).toBeGreaterThan(1);
    const rebuilt = new Y.Doc();
    applyParts(rebuilt, parts);
    sameContent(rebuilt, later);
  });

  it('keeps a struct larger than the limit whole, alone in its part', () => {
    const doc = new Y.Doc();
    doc.getMap('map').set('big', 'x'.repeat(5000));
    doc.getArray('list').insert(0, ['a', 'b']);
    const parts = splitUpdate(Y.encodeStateAsUpdate(doc), 100);
    expect(parts.some((part) => part.length > 5000)).toBe(true);
    checkSizes(parts, 100);
    const rebuilt = new Y.Doc();
    applyParts(rebuilt, parts);
    sameContent(rebuilt, doc);
  });

  it('returns one part when the update already fits, and an empty update as one empty part', () => {
    const doc = new Y.Doc();
    doc.getArray('list').insert(0, [1, 2, 3]);
    const whole = Y.encodeStateAsUpdate(doc);
    expect(splitUpdate(whole, 1 << 20)).toEqual([whole]);
    expect(splitUpdate(Y.encodeStateAsUpdate(new Y.Doc()), 64)).toEqual([new Uint8Array([0, 0])]);
  });

  it('refuses garbage, truncated updates and impossible limits with a typed error', () => {
    const doc = new Y.Doc();
    doc.getArray('list').insert(0, ['some', 'content', { nested: true }]);
    const whole = Y.encodeStateAsUpdate(doc);
    expect(() => splitUpdate(whole.subarray(0, whole.length - 3), 64)).toThrow(UpdateSplitError);
    expect(() => splitUpdate(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), 64)).toThrow(UpdateSplitError);
    expect(() => splitUpdate(whole, 0)).toThrow(/limit/);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.integer({ min: 16, max: 100 }), (bytes, limit) => {
        try {
          checkSizes(splitUpdate(bytes, limit), limit);
        } catch (error) {
          expect(error).toBeInstanceOf(UpdateSplitError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
