// Properties: the check-ins the index reads (where equal node ids, authors and short notes are kept as
// one string: doc-cache.ts, sharedString) equal, field for field, the stored entries decoded one by
// one, grouped by node, in (at, id) order, each entry pushed twice counted once — for random histories
// written concurrently by two replicas (shared and unshared authors and notes, long notes, entries of
// nodes that do not exist, entries pushed twice, an id written again at another time, malformed
// entries), built in steps, then after more appends. Likewise every node record read (its parent, creator and short field values shared) equals
// the node read on its own (readNodeRecord), for generated plans edited concurrently by two replicas.
// The check-ins are kept as columns (check-in-columns.ts): they are compared both decoded into objects
// and read by position, as the signals read them.
import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHECKIN_STATUSES, PlanIndex, openPlan, decodeCheckIn, encodeCheckIn, planTypes, runToEnd, type CheckIn } from '../../../shared/model/index.js';
import { historyOrder } from '../../../shared/model/checkins.js';
import { DocCache } from '../../../shared/model/doc-cache.js';
import { readNodeRecord } from '../../../shared/model/doc.js';
import { generatePlan } from '../../../shared/model/fixtures/generate-plan.js';
import { T0, TestContext, newPlan, smallCascade, syncDocs } from './support.js';
import { applyFuzzOp, fuzzOpArb, newStats } from './fuzz-ops.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const SEED = Number(process.env.FUZZ_SEED ?? 20271203);

const base = newPlan();
const cascade = smallCascade(base.plan);
const stored = Y.encodeStateAsUpdate(base.doc);
const nodeIds: string[] = [cascade.strategy, cascade.objective, cascade.keyResult, cascade.initiative, cascade.task, 'gone-node', 'never-a-node'];
const authors = ['alice', 'alicia', 'bob', 'carol-with-a-longer-id-than-ten', 'Dmitri0123456789'];
const notes = ['', 'Weekly update', 'On track', 'On hold', 'a note longer than the thirty-two characters that are shared', 'x'.repeat(32), 'y'.repeat(33)];

interface Entry { node: number; at: number; by: number; note: number; value: number | null; confidence: number | null; status: number | null; blocker: boolean }
/**
 * An entry, pushed once or twice, or (rarely) a malformed one, or an earlier entry's id written again
 * at another time (a buggy or hostile peer): two entries, both kept, by the full read and by an append.
 */
type Write = { entry: Entry; twice: boolean; replica: 0 | 1 } | { garbage: string; replica: 0 | 1 } | { again: number; at: number; replica: 0 | 1 };

const entryArb: fc.Arbitrary<Entry> = fc.record({
  node: fc.nat({ max: nodeIds.length - 1 }),
  at: fc.integer({ min: 0, max: 40 }),
  by: fc.nat({ max: authors.length - 1 }),
  note: fc.nat({ max: notes.length - 1 }),
  value: fc.option(fc.integer({ min: -5, max: 200 })),
  confidence: fc.option(fc.integer({ min: 0, max: 10 })),
  status: fc.option(fc.nat({ max: CHECKIN_STATUSES.length - 1 })),
  blocker: fc.boolean(),
});
const writeArb: fc.Arbitrary<Write> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ entry: entryArb, twice: fc.boolean(), replica: fc.constantFrom<0 | 1>(0, 1) }) },
  { weight: 1, arbitrary: fc.record({ garbage: fc.constantFrom('not json', '[2,"c"]', '[1,"c","n"]'), replica: fc.constantFrom<0 | 1>(0, 1) }) },
  { weight: 2, arbitrary: fc.record({ again: fc.nat(), at: fc.integer({ min: 0, max: 40 }), replica: fc.constantFrom<0 | 1>(0, 1) }) },
);

function checkInOf(entry: Entry, id: number): CheckIn {
  // Strings built at run time, as a decoder would make them, never the literals above.
  return {
    id: `c-${id}`, nodeId: [...nodeIds[entry.node]!].join(''), at: T0 + entry.at * 60_000, by: [...authors[entry.by]!].join(''),
    value: entry.value, confidence: entry.confidence, status: entry.status === null ? null : CHECKIN_STATUSES[entry.status]!, blocker: entry.blocker, note: [...notes[entry.note]!].join(''),
  };
}

let nextId = 0;
function write(docs: readonly Y.Doc[], writes: readonly Write[], earlier: CheckIn[]): void {
  for (const written of writes) {
    const checkins = planTypes(docs[written.replica]!).checkins;
    if ('garbage' in written) { checkins.push([written.garbage]); continue; }
    if ('again' in written) {
      const first = earlier[written.again % Math.max(1, earlier.length)];
      if (first) checkins.push([encodeCheckIn({ ...first, at: T0 + written.at * 60_000 })]);
      continue;
    }
    const checkIn = checkInOf(written.entry, nextId++);
    earlier.push(checkIn);
    const encoded = encodeCheckIn(checkIn);
    checkins.push(written.twice ? [encoded, encoded] : [encoded]);
  }
}

/** The reference: every stored entry decoded on its own, grouped by node, sorted, an entry pushed twice kept once. */
function expected(doc: Y.Doc): { byNode: Map<string, CheckIn[]>; skipped: number } {
  const byNode = new Map<string, CheckIn[]>();
  let skipped = 0;
  for (const raw of planTypes(doc).checkins.toArray()) {
    const checkIn = decodeCheckIn(raw);
    if (checkIn === null) { skipped++; continue; }
    byNode.set(checkIn.nodeId, [...(byNode.get(checkIn.nodeId) ?? []), checkIn]);
  }
  for (const [node, list] of byNode) {
    const unique = historyOrder(list);
    skipped += list.length - unique.length;
    byNode.set(node, unique);
  }
  return { byNode, skipped };
}

/** A node's check-ins read by position from the index's columns (what the signals read). */
function byPosition(index: PlanIndex, node: string): CheckIn[] {
  const series = index.checkInSeries(node);
  const list: CheckIn[] = [];
  for (let i = 0; i < series.length; i++) {
    list.push({
      id: series.id(i), nodeId: node, at: series.at(i), by: series.by(i), value: series.value(i), confidence: series.confidence(i),
      status: series.status(i), blocker: series.blocker(i), note: series.note(i),
    });
  }
  return list;
}

function expectSameCheckIns(index: PlanIndex, doc: Y.Doc): void {
  const { byNode, skipped } = expected(doc);
  for (const node of nodeIds) expect(index.checkIns(node)).toEqual(byNode.get(node) ?? []);
  for (const node of nodeIds) expect(byPosition(index, node)).toEqual(byNode.get(node) ?? []);
  expect(index.summary().skippedCheckIns).toBe(skipped);
}

describe('check-ins read with equal strings kept once', () => {
  it('equal the stored entries decoded one by one, after a stepped build and after more appends', () => {
    fc.assert(fc.property(fc.array(writeArb, { maxLength: 40 }), fc.array(writeArb, { maxLength: 12 }), (before, after) => {
      const docs = [new Y.Doc(), new Y.Doc()];
      for (const doc of docs) Y.applyUpdate(doc, stored);
      const earlier: CheckIn[] = [];
      write(docs, before, earlier);
      syncDocs(docs[0]!, docs[1]!);
      syncDocs(docs[1]!, docs[0]!);
      const index = runToEnd(PlanIndex.build(docs[0]!, { now: T0 }));
      expectSameCheckIns(index, docs[0]!);
      // Appends reach the index incrementally (or, out of order with what it holds, by a full re-read).
      write(docs, after, earlier);
      syncDocs(docs[1]!, docs[0]!);
      index.refresh(T0);
      expectSameCheckIns(index, docs[0]!);
      index.destroy();
    }), { numRuns: RUNS, seed: SEED });
  });
});

const generatedSource = new Y.Doc();
const generated = generatePlan(generatedSource, { nodes: 60, checkIns: 120, teams: 4, people: 10, seed: 11 });
const generatedUpdate = Y.encodeStateAsUpdate(generatedSource);

describe('node records read with equal strings kept once', () => {
  it('equal each node read on its own, for generated plans edited concurrently', () => {
    fc.assert(fc.property(fc.array(fuzzOpArb, { maxLength: 20 }), fc.array(fuzzOpArb, { maxLength: 20 }), (mine, theirs) => {
      const docs = [new Y.Doc(), new Y.Doc()];
      for (const doc of docs) Y.applyUpdate(doc, generatedUpdate);
      const contexts = [new TestContext(generated.now, 'alice', 'a'), new TestContext(generated.now, 'bob', 'b')];
      [mine, theirs].forEach((ops, replica) => {
        const plan = openPlan(docs[replica]!, contexts[replica]!, { now: generated.now });
        const stats = newStats();
        for (const op of ops) applyFuzzOp(plan, contexts[replica]!, op, stats);
      });
      syncDocs(docs[1]!, docs[0]!);
      const cache = new DocCache(docs[0]!, 'in-steps');
      runToEnd(cache.reading());
      const nodes = planTypes(docs[0]!).nodes;
      let read = 0;
      for (const [id, node] of nodes) {
        const alone = node instanceof Y.Map ? readNodeRecord(id, node) : null;
        expect(cache.records.get(id) ?? null).toEqual(alone);
        if (alone) read++;
      }
      expect(cache.records.size).toBe(read);
    }), { numRuns: Math.ceil(RUNS / 2), seed: SEED });
  });
});
