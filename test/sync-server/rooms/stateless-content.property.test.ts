import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { findMissingDependency } from '../../../sync-server/protocol/update-dependencies.js';
import { DecodeError } from '../../../sync-server/protocol/byte-reader.js';
import { parseUpdate } from '../../../sync-server/protocol/update-format.js';
import { decodeSummary, encodeSummary, summarise } from '../../../sync-server/protocol/update-summary.js';
import { DeletedRanges } from '../../../sync-server/rooms/deleted-ranges.js';
import { DocumentContent } from '../../../sync-server/rooms/document-content.js';
import { StatelessContent } from '../../../sync-server/rooms/stateless-content.js';
import { TransientDocumentTurns } from '../../../sync-server/rooms/transient-documents.js';
import { SqliteUpdateStore } from '../../../sync-server/storage/sqlite-store.js';

/**
 * The stateless room (Redis + PostgreSQL mode) keeps a state vector and a delete set instead of the
 * document. These properties hold it to the document room on the same input: several replicas edit
 * at random, their updates (single edits and whole-state "join uploads", which carry every delete
 * again) reach the server in a random order, and both rooms must agree on every decision — missing
 * dependencies, whether an update changes anything — and what the stateless room stores must rebuild
 * the same plan.
 */

const log = pino({ level: 'silent' });
let folder: string;
let store: SqliteUpdateStore;
beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'throughline-stateless-'));
  store = new SqliteUpdateStore(path.join(folder, 'unused.sqlite'));
});
afterAll(async () => {
  await store.close();
  rmSync(folder, { recursive: true, force: true });
});

type Edit =
  | { readonly kind: 'insert'; readonly replica: number; readonly at: number; readonly text: string }
  | { readonly kind: 'delete'; readonly replica: number; readonly at: number; readonly length: number }
  | { readonly kind: 'set'; readonly replica: number; readonly key: string; readonly value: number }
  | { readonly kind: 'sync'; readonly from: number; readonly to: number }
  | { readonly kind: 'upload'; readonly replica: number };

const replicas = 3;
const editArbitrary: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), replica: fc.nat(replicas - 1), at: fc.nat(40), text: fc.string({ minLength: 1, maxLength: 6 }) }),
  fc.record({ kind: fc.constant('delete' as const), replica: fc.nat(replicas - 1), at: fc.nat(40), length: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('set' as const), replica: fc.nat(replicas - 1), key: fc.constantFrom('a', 'b', 'c'), value: fc.nat(99) }),
  fc.record({ kind: fc.constant('sync' as const), from: fc.nat(replicas - 1), to: fc.nat(replicas - 1) }),
  fc.record({ kind: fc.constant('upload' as const), replica: fc.nat(replicas - 1) }),
);

/** Runs the edits on fresh replicas; returns every update a server could receive, in edit order. */
function updatesOf(edits: readonly Edit[]): Uint8Array[] {
  return replay(edits).sent;
}

/** Runs the edits on fresh replicas: the updates they sent, and the replicas as they end. */
function replay(edits: readonly Edit[]): { sent: Uint8Array[]; docs: Y.Doc[] } {
  const docs = Array.from({ length: replicas }, (_, index) => {
    const doc = new Y.Doc({ gc: false });
    doc.clientID = index + 1;
    return doc;
  });
  const sent: Uint8Array[] = [];
  docs.forEach((doc) => doc.on('update', (update: Uint8Array, origin: unknown) => { if (origin !== 'sync') sent.push(update); }));
  for (const edit of edits) {
    if (edit.kind === 'sync') {
      Y.applyUpdate(docs[edit.to]!, Y.encodeStateAsUpdate(docs[edit.from]!, Y.encodeStateVector(docs[edit.to]!)), 'sync');
      continue;
    }
    const doc = docs[edit.replica]!;
    const text = doc.getText('t');
    if (edit.kind === 'insert') text.insert(Math.min(edit.at, text.length), edit.text);
    else if (edit.kind === 'delete' && text.length > 0) {
      const at = Math.min(edit.at, text.length - 1);
      text.delete(at, Math.min(edit.length, text.length - at));
    } else if (edit.kind === 'set') doc.getMap('m').set(edit.key, edit.value);
    // A join upload: the whole state, every delete included (what a reconnecting stock client sends).
    else if (edit.kind === 'upload') sent.push(Y.encodeStateAsUpdate(doc));
  }
  return { sent, docs };
}

const plan = (doc: Y.Doc) => ({ t: doc.getText('t').toString(), m: doc.getMap('m').toJSON() });

describe('a stateless room decides like a document room', () => {
  it('on dependencies, changes, state vector and what it stores, whatever the edits and delivery order', () => {
    fc.assert(fc.property(
      fc.array(editArbitrary, { minLength: 1, maxLength: 40 }),
      fc.infiniteStream(fc.nat()),
      (edits, picks) => {
        const updates = updatesOf(edits);
        const documentRoom = new DocumentContent('acme/p', store, log, []);
        const statelessRoom = new StatelessContent('acme/p', store, async () => undefined, log, []);
        // The same room on another instance, hearing each stored change with the summary the accepting
        // room sent (what it records instead of parsing the change again).
        const otherInstance = new StatelessContent('acme/p', store, async () => undefined, log, []);
        const stored: Uint8Array[] = [];
        // Random delivery order. A refused update is offered again later (a reconnecting client resends
        // it): the next ones in the queue are tried until one is taken.
        const queue = [...updates];
        const order = picks[Symbol.iterator]();
        while (queue.length > 0) {
          const start = order.next().value! % queue.length;
          let taken = false;
          for (let offset = 0; offset < queue.length && !taken; offset++) {
            const index = (start + offset) % queue.length;
            const update = queue[index]!;
            const parsed = parseUpdate(update);
            const missing = findMissingDependency(parsed, (client) => documentRoom.clockOf(client));
            expect(findMissingDependency(parsed, (client) => statelessRoom.clockOf(client))).toBe(missing);
            if (missing !== null) continue;
            taken = true;
            queue.splice(index, 1);
            // Never misses a change. It may see one where the document sees none only in the delete set:
            // a delete the document made itself (a map key overwritten by a concurrent set) arrives
            // later as a delete range, and without a document that cannot be told from a new delete.
            const byDocumentChanges = documentRoom.wouldChange(parsed);
            const byStatelessChanges = statelessRoom.wouldChange(parsed);
            if (byDocumentChanges) expect(byStatelessChanges).toBe(true);
            else if (byStatelessChanges) {
              expect(parsed.deletes.length).toBeGreaterThan(0);
              expect(statelessRoom.wouldChange({ clients: parsed.clients, deletes: [] })).toBe(false);
            }
            const byDocument = documentRoom.accept(update, parsed, null);
            const byStateless = statelessRoom.accept(update, parsed);
            expect(byDocument.ok && byStateless.ok).toBe(true);
            if (byStateless.ok) {
              stored.push(...byStateless.changes);
              if (byStateless.changes.length > 0) expect(byStateless.summary).toBeInstanceOf(Uint8Array);
              for (const change of byStateless.changes) otherInstance.acceptRemote(change, byStateless.summary);
            }
            expect(Y.decodeStateVector(statelessRoom.encodeStateVector())).toEqual(Y.decodeStateVector(documentRoom.encodeStateVector()));
            expect(Y.decodeStateVector(otherInstance.encodeStateVector())).toEqual(Y.decodeStateVector(statelessRoom.encodeStateVector()));
          }
          if (!taken) break;
        }
        // Everything was taken in the end (every update's dependencies are in some other update).
        expect(queue).toEqual([]);
        const rebuilt = new Y.Doc({ gc: false });
        for (const change of stored) Y.applyUpdate(rebuilt, change);
        expect(plan(rebuilt)).toEqual(plan(documentRoom.document));
        expect(Y.encodeStateVector(rebuilt)).toEqual(documentRoom.encodeStateVector());
        // The other instance decides as the accepting one does, deletes included.
        expect(otherInstance.footprint()).toEqual(statelessRoom.footprint());
        for (const update of updates) expect(otherInstance.wouldChange(parseUpdate(update))).toBe(statelessRoom.wouldChange(parseUpdate(update)));
        // And the stateless room keeps no document at all.
        expect(statelessRoom.footprint().documents).toBe(0);
        documentRoom.destroy();
        statelessRoom.destroy();
        otherInstance.destroy();
      },
    ), { numRuns: 150 });
  });

  it('learns the same state vector and delete set from stored rows as from the updates one by one', () => {
    fc.assert(fc.property(fc.array(editArbitrary, { minLength: 1, maxLength: 40 }), (edits) => {
      const updates = updatesOf(edits);
      const documentRoom = new DocumentContent('acme/p', store, log, updates);
      const loaded = new StatelessContent('acme/p', store, async () => undefined, log, updates);
      expect(Y.decodeStateVector(loaded.encodeStateVector())).toEqual(Y.decodeStateVector(documentRoom.encodeStateVector()));
      // Every update seen again changes nothing, for both.
      for (const update of updates) {
        const parsed = parseUpdate(update);
        expect(loaded.wouldChange(parsed)).toBe(false);
        expect(documentRoom.wouldChange(parsed)).toBe(false);
      }
      documentRoom.destroy();
      loaded.destroy();
    }), { numRuns: 100 });
  });
});

describe('a viewer\'s upload', () => {
  it('is decided by a stateless room exactly as by a document room, loading the plan only when its records cannot tell and keeping none', async () => {
    let plans = 0;
    // Uploads the records alone would have refused although they change nothing (a map value
    // overwritten by a concurrent set): the case the load exists for. Counted to prove it was seen.
    let unchangedButUnrecorded = 0;
    await fc.assert(fc.asyncProperty(fc.array(editArbitrary, { minLength: 1, maxLength: 40 }), fc.nat(), async (edits, cut) => {
      const { sent: updates, docs } = replay(edits);
      const key = `acme/viewed-${++plans}`;
      const documentRoom = new DocumentContent(key, store, log, []);
      const turns = new TransientDocumentTurns(0);
      const statelessRoom = new StatelessContent(key, store, async () => undefined, log, [], undefined, turns);
      // The room has taken (and stored) a first part of the edits, in order.
      for (const update of updates.slice(0, cut % (updates.length + 1))) {
        const parsed = parseUpdate(update);
        documentRoom.accept(update, parsed, null);
        const accepted = statelessRoom.accept(update, parsed);
        if (accepted.ok && accepted.changes.length > 0) await store.append(accepted.changes.map((change) => ({ room: key, update: change })));
      }
      // A viewer may send any of the updates (ones the room has, ones it lacks, whole-state join
      // uploads), or its whole state as it ends up.
      for (const update of [...updates, ...docs.map((doc) => Y.encodeStateAsUpdate(doc))]) {
        const parsed = parseUpdate(update);
        const loadsBefore = turns.completed;
        const byRecords = statelessRoom.wouldChange(parsed);
        const changes = documentRoom.wouldChange(parsed);
        expect(await statelessRoom.viewerUploadChanges(parsed, async () => true)).toBe(changes);
        // The turn counts as completed just after it has decided.
        await new Promise((resolve) => setImmediate(resolve));
        if (byRecords && !changes) unchangedButUnrecorded++;
        // The plan is loaded only when the records cannot tell, and what it showed is recorded: the
        // same upload is then decided without loading.
        if (turns.completed > loadsBefore) expect(byRecords).toBe(true);
        if (!changes) expect(statelessRoom.viewerUploadChanges(parsed, async () => true)).toBe(false);
      }
      expect(statelessRoom.footprint().documents).toBe(0);
      documentRoom.destroy();
      statelessRoom.destroy();
    }), { numRuns: 120, seed: 19 });
    expect(unchangedButUnrecorded).toBeGreaterThan(0);
  });

  it('is refused as before when the plan cannot be read to decide it, and nothing waits after the room is gone', async () => {
    const failing = new SqliteUpdateStore(path.join(folder, 'closed.sqlite'));
    await failing.close();
    const writer = new Y.Doc({ gc: false });
    writer.clientID = 1;
    const stored: Uint8Array[] = [];
    writer.on('update', (update: Uint8Array) => stored.push(update));
    writer.getText('t').insert(0, 'abc');
    const room = new StatelessContent('acme/unreadable', failing, async () => undefined, log, stored);
    // A delete the records do not have: only the plan could tell.
    const viewer = new Y.Doc({ gc: false });
    Y.applyUpdate(viewer, Y.encodeStateAsUpdate(writer));
    viewer.getText('t').delete(0, 1);
    const upload = parseUpdate(Y.encodeStateAsUpdate(viewer));
    expect(await room.viewerUploadChanges(upload, async () => true)).toBe(true);
    // A write it waited for was lost: refused too.
    expect(await room.viewerUploadChanges(upload, async () => false)).toBe(true);
    const pending = room.viewerUploadChanges(upload, () => new Promise(() => undefined));
    room.destroy();
    expect(await pending).toBe(false);
    expect(room.viewerUploadChanges(upload, async () => true)).toBe(true);
  });
});

describe('turns for loading a plan for a moment', () => {
  // On a fake clock (timers and performance.now), so the rest is checked to the millisecond: on the real
  // one, Node starts a timer from the event loop's cached time, which can fire it a few ms "early".
  it('run one at a time, each after a rest of restRatio times the last one\'s duration', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const turns = new TransientDocumentTurns(2);
      const started: string[] = [];
      const work = (name: string, ms: number) => async () => {
        started.push(name);
        await new Promise((resolve) => setTimeout(resolve, ms));
        return name;
      };
      const first = turns.run(work('first', 20));
      const second = turns.run(work('second', 5));
      const failing = turns.run(async () => {
        started.push('failing');
        throw new Error('unreadable');
      });
      const failed = failing.catch((error: Error) => error.message);
      await vi.advanceTimersByTimeAsync(20);
      expect(await first).toBe('first');
      // The first took 20 ms: the next starts after a rest of 40 ms, not a millisecond sooner.
      await vi.advanceTimersByTimeAsync(39);
      expect(started).toEqual(['first']);
      await vi.advanceTimersByTimeAsync(1);
      expect(started).toEqual(['first', 'second']);
      await vi.advanceTimersByTimeAsync(5);
      expect(await second).toBe('second');
      // The second took 5 ms: a rest of 10 ms. A turn that fails still takes its turn.
      await vi.advanceTimersByTimeAsync(9);
      expect(started).toEqual(['first', 'second']);
      await vi.advanceTimersByTimeAsync(1);
      expect(await failed).toBe('unreadable');
      expect(started).toEqual(['first', 'second', 'failing']);
      expect(turns.completed).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('an update\'s summary from another instance', () => {
  it('is recorded exactly as parsing the update would, and one that cannot be read falls back to the parse', () => {
    fc.assert(fc.property(fc.array(editArbitrary, { minLength: 1, maxLength: 30 }), fc.boolean(), fc.nat(255), (edits, cut, extra) => {
      const updates = updatesOf(edits);
      const bySummary = new StatelessContent('acme/p', store, async () => undefined, log, []);
      const byParse = new StatelessContent('acme/p', store, async () => undefined, log, []);
      const byGarbage = new StatelessContent('acme/p', store, async () => undefined, log, []);
      for (const update of updates) {
        bySummary.acceptRemote(update, encodeSummary(summarise(parseUpdate(update))));
        byParse.acceptRemote(update);
        // Cut short or with a byte after its end, a summary is refused whole (DecodeError), never half-recorded.
        const bytes = encodeSummary(summarise(parseUpdate(update)));
        byGarbage.acceptRemote(update, cut ? bytes.subarray(0, bytes.length - 1) : new Uint8Array([...bytes, extra]));
      }
      for (const room of [bySummary, byGarbage]) {
        expect(Y.decodeStateVector(room.encodeStateVector())).toEqual(Y.decodeStateVector(byParse.encodeStateVector()));
        expect(room.footprint()).toEqual(byParse.footprint());
      }
      for (const room of [bySummary, byParse, byGarbage]) room.destroy();
    }), { numRuns: 100 });
  });

  it('round-trips through its encoding and refuses bytes that are not one', () => {
    fc.assert(fc.property(fc.array(editArbitrary, { minLength: 1, maxLength: 30 }), (edits) => {
      for (const update of updatesOf(edits)) {
        const summary = summarise(parseUpdate(update));
        expect(decodeSummary(encodeSummary(summary))).toEqual(summary);
        const bytes = encodeSummary(summary);
        expect(() => decodeSummary(bytes.subarray(0, bytes.length - 1))).toThrow(DecodeError);
        expect(() => decodeSummary(new Uint8Array([...bytes, 0]))).toThrow(DecodeError);
      }
    }), { numRuns: 100 });
  });
});

describe('deleted ranges', () => {
  it('cover exactly the ids added, however ranges overlap or touch', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(3), fc.nat(60), fc.integer({ min: 1, max: 8 })), { maxLength: 40 }), (ranges) => {
      const deleted = new DeletedRanges();
      const naive = new Set<string>();
      for (const [client, clock, length] of ranges) {
        deleted.add(client, clock, length);
        for (let id = clock; id < clock + length; id++) naive.add(`${client}:${id}`);
      }
      for (let client = 0; client <= 3; client++) {
        for (let clock = 0; clock < 70; clock++) {
          expect(deleted.covers(client, clock, clock + 1)).toBe(naive.has(`${client}:${clock}`));
          const twoCovered = naive.has(`${client}:${clock}`) && naive.has(`${client}:${clock + 1}`);
          expect(deleted.covers(client, clock, clock + 2)).toBe(twoCovered);
        }
      }
    }), { numRuns: 200 });
  });
});
