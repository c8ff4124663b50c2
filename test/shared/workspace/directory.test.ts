import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  directoryRoom, DirectoryError, isPlanRoomId, listedPlans, listPlan, readDirectory, removeListedPlan, renameListedPlan,
} from '../../../shared/workspace/directory.js';

/** Two replicas that exchange everything they have (in both directions). */
function exchange(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB);
  Y.applyUpdate(a, toA);
}

function replica(clientID: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  return doc;
}

describe('workspace directory', () => {
  it('lists, renames and removes plans, sorted by name', () => {
    const doc = new Y.Doc();
    expect(listPlan(doc, { id: 'p2', name: '  Budget ', at: 1, by: 'Ana' })).toBe(true);
    listPlan(doc, { id: 'p1', name: 'Annual plan', at: 2, by: 'Ben' });
    expect(listedPlans(doc).map((entry) => [entry.id, entry.name, entry.createdBy])).toEqual([['p1', 'Annual plan', 'Ben'], ['p2', 'Budget', 'Ana']]);
    expect(renameListedPlan(doc, 'p2', 'Zebra')).toBe(true);
    expect(renameListedPlan(doc, 'p2', 'Zebra')).toBe(false);
    expect(removeListedPlan(doc, 'p1', 3, 'Ana')).toBe(true);
    expect(listedPlans(doc).map((entry) => entry.id)).toEqual(['p2']);
    expect(readDirectory(doc).find((entry) => entry.id === 'p1')?.removed).toEqual({ at: 3, by: 'Ana' });
  });

  it('refuses bad input with a sentence and changes nothing', () => {
    const doc = new Y.Doc();
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => listPlan(doc, { id: directoryRoom, name: 'x', at: 1, by: 'a' })).toThrow(DirectoryError);
    expect(() => listPlan(doc, { id: 'a b', name: 'x', at: 1, by: 'a' })).toThrow(/cannot be a plan id/);
    expect(() => listPlan(doc, { id: 'ok', name: '   ', at: 1, by: 'a' })).toThrow('A plan needs a name.');
    expect(() => listPlan(doc, { id: 'ok', name: 'x'.repeat(201), at: 1, by: 'a' })).toThrow(/at most 200/);
    expect(() => renameListedPlan(doc, 'missing', 'Name')).toThrow('No plan "missing" in this workspace.');
    expect(() => removeListedPlan(doc, 'missing', 1, 'a')).toThrow(DirectoryError);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(isPlanRoomId('_directory')).toBe(false);
    expect(isPlanRoomId('abcXYZ_-09')).toBe(true);
  });

  it('two people creating plans at once both keep theirs, even under the same name', () => {
    const a = replica(1);
    const b = replica(2);
    listPlan(a, { id: 'planA', name: 'Offsite', at: 1, by: 'Ana' });
    listPlan(b, { id: 'planB', name: 'Offsite', at: 1, by: 'Ben' });
    exchange(a, b);
    for (const doc of [a, b]) expect(listedPlans(doc).map((entry) => entry.id)).toEqual(['planA', 'planB']);
  });

  it('a rename concurrent with another device re-listing the plan is not undone by the re-listing', () => {
    const a = replica(1);
    const b = replica(2);
    listPlan(a, { id: 'p', name: 'Old', at: 1, by: 'Ana' });
    exchange(a, b);
    renameListedPlan(a, 'p', 'New');
    // b re-lists what it holds (every device does on connect) without having seen the rename.
    expect(listPlan(b, { id: 'p', name: 'Old', at: 2, by: 'Ben' })).toBe(false);
    exchange(a, b);
    for (const doc of [a, b]) expect(listedPlans(doc)).toEqual([{ id: 'p', name: 'New', createdAt: 1, createdBy: 'Ana', removed: null }]);
  });

  it('concurrent renames of one plan keep one deterministic winner everywhere', () => {
    const a = replica(1);
    const b = replica(2);
    listPlan(a, { id: 'p', name: 'Start', at: 1, by: 'Ana' });
    exchange(a, b);
    renameListedPlan(a, 'p', 'From Ana');
    renameListedPlan(b, 'p', 'From Ben');
    exchange(a, b);
    expect(listedPlans(a)).toEqual(listedPlans(b));
    expect(['From Ana', 'From Ben']).toContain(listedPlans(a)[0]?.name);
  });

  it('a rename concurrent with a removal survives, and re-listing restores the renamed plan', () => {
    const a = replica(1);
    const b = replica(2);
    listPlan(a, { id: 'p', name: 'Start', at: 1, by: 'Ana' });
    exchange(a, b);
    removeListedPlan(a, 'p', 2, 'Ana');
    renameListedPlan(b, 'p', 'Renamed');
    exchange(a, b);
    expect(listedPlans(a)).toEqual([]);
    expect(readDirectory(b)[0]?.name).toBe('Renamed');
    listPlan(b, { id: 'p', name: 'ignored', at: 3, by: 'Ben' });
    exchange(a, b);
    expect(listedPlans(a).map((entry) => entry.name)).toEqual(['Renamed']);
  });

  it('refuses a typed name holding a control character or showing nothing, as node titles are', () => {
    const doc = new Y.Doc();
    listPlan(doc, { id: 'p1', name: 'Budget', at: 1, by: 'Ana' });
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => listPlan(doc, { id: 'p2', name: 'Bell\u0007', at: 1, by: 'a' })).toThrow('The plan name contains a control character (U+0007), which does not show; delete it.');
    expect(() => renameListedPlan(doc, 'p1', '\u200B\u200B')).toThrow('The plan name is only invisible characters (U+200B), which show nothing: type a name that shows.');
    expect(() => renameListedPlan(doc, 'p1', '\u2060')).toThrow(/U\+2060/);
    expect(() => renameListedPlan(doc, 'p1', 'a\u0000b')).toThrow(/U\+0000/);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('shows another client\'s name with control characters as signs, and one that shows nothing as "Untitled plan", still listed', () => {
    const doc = new Y.Doc();
    for (const [id, name] of [['bell', 'Q1\u0007 plan'], ['zw', '\u200B\u2060'], ['spaces', '   ']] as const) {
      doc.getMap('created').set(id, { at: 1, by: 'peer' });
      doc.getMap('names').set(id, name);
    }
    expect(listedPlans(doc).map((entry) => [entry.id, entry.name])).toEqual([['bell', 'Q1␇ plan'], ['spaces', 'Untitled plan'], ['zw', 'Untitled plan']]);
  });

  it('counts a name\'s characters as the plan library does: a name of 150 emoji is listed, renamed and read back whole', () => {
    // The library allows 200 characters (code points); the directory counted UTF-16 units (300 here),
    // so a plan the library made was refused when listed and hidden when read.
    const emoji = '🚀'.repeat(150);
    const doc = new Y.Doc();
    listPlan(doc, { id: 'p1', name: emoji, at: 1, by: 'Ana' });
    expect(listedPlans(doc).map((entry) => entry.name)).toEqual([emoji]);
    renameListedPlan(doc, 'p1', `${emoji}!`);
    expect(listedPlans(doc).map((entry) => entry.name)).toEqual([`${emoji}!`]);
    expect(() => renameListedPlan(doc, 'p1', '🚀'.repeat(201))).toThrow('A plan name can be at most 200 characters.');
  });

  it('a malformed value from a hostile client hides only that entry', () => {
    const doc = new Y.Doc();
    listPlan(doc, { id: 'good', name: 'Good', at: 1, by: 'Ana' });
    doc.getMap('created').set('bad', { at: 'yesterday' });
    doc.getMap('names').set('bad', 'Bad');
    doc.getMap('created').set('noname', { at: 1, by: 'x' });
    doc.getMap('names').set('noname', 42);
    doc.getMap('created').set('a b', { at: 1, by: 'x' });
    doc.getMap('names').set('a b', 'Spaces');
    expect(listedPlans(doc).map((entry) => entry.id)).toEqual(['good']);
    // Re-listing an entry with a malformed name repairs it.
    expect(listPlan(doc, { id: 'noname', name: 'Repaired', at: 2, by: 'Ben' })).toBe(true);
    expect(listedPlans(doc).map((entry) => entry.name)).toEqual(['Good', 'Repaired']);
  });

  type Op =
    | { kind: 'list'; replica: number; plan: number; name: string }
    | { kind: 'rename'; replica: number; plan: number; name: string }
    | { kind: 'remove'; replica: number; plan: number }
    | { kind: 'deliver'; from: number; to: number };
  const replicas = 3;
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('list' as const), replica: fc.nat({ max: replicas - 1 }), plan: fc.nat({ max: 2 }), name: fc.constantFrom('Alpha', 'Beta', 'Gamma') }),
    fc.record({ kind: fc.constant('rename' as const), replica: fc.nat({ max: replicas - 1 }), plan: fc.nat({ max: 2 }), name: fc.constantFrom('One', 'Two', 'Three') }),
    fc.record({ kind: fc.constant('remove' as const), replica: fc.nat({ max: replicas - 1 }), plan: fc.nat({ max: 2 }) }),
    fc.record({ kind: fc.constant('deliver' as const), from: fc.nat({ max: replicas - 1 }), to: fc.nat({ max: replicas - 1 }) }),
  );

  it('replicas listing, renaming and removing plans in any order converge and lose no listed plan', () => {
    const work = { concurrentRenames: 0, relistsOfRemoved: 0, runs: 0 };
    fc.assert(fc.property(fc.array(opArb, { minLength: 10, maxLength: 40, size: 'max' }), (ops) => {
      const docs = Array.from({ length: replicas }, (_, index) => replica(index + 1));
      /** Plans each replica listed: they must all be in the merged directory. */
      const everListed = new Set<string>();
      /** Replicas that renamed each plan: a rename after another replica's counts as concurrent-prone. */
      const renamedSinceSync = new Map<string, Set<number>>();
      let time = 0;
      for (const op of ops) {
        time++;
        if (op.kind === 'deliver') {
          if (op.from !== op.to) Y.applyUpdate(docs[op.to]!, Y.encodeStateAsUpdate(docs[op.from]!, Y.encodeStateVector(docs[op.to]!)));
          continue;
        }
        const doc = docs[op.replica]!;
        const id = `plan${op.plan}`;
        const known = readDirectory(doc).some((entry) => entry.id === id);
        if (op.kind === 'list') {
          if (known && readDirectory(doc).find((entry) => entry.id === id)?.removed) work.relistsOfRemoved++;
          listPlan(doc, { id, name: op.name, at: time, by: `r${op.replica}` });
          everListed.add(id);
        } else if (known && op.kind === 'rename') {
          const renamers = renamedSinceSync.get(id) ?? new Set<number>();
          if ([...renamers].some((other) => other !== op.replica)) work.concurrentRenames++;
          renamers.add(op.replica);
          renamedSinceSync.set(id, renamers);
          renameListedPlan(doc, id, op.name);
        } else if (known && op.kind === 'remove') {
          removeListedPlan(doc, id, time, `r${op.replica}`);
        }
      }
      for (const from of docs) for (const to of docs) if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
      const merged = readDirectory(docs[0]!);
      for (const doc of docs.slice(1)) expect(readDirectory(doc)).toEqual(merged);
      expect(new Set(merged.map((entry) => entry.id))).toEqual(everListed);
      work.runs++;
    }), { numRuns: 300, seed: 13 });
    // The run reached the cases that matter.
    expect(work.runs).toBe(300);
    expect(work.concurrentRenames).toBeGreaterThan(20);
    expect(work.relistsOfRemoved).toBeGreaterThan(5);
  });
});
