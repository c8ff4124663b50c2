// Properties of the check-in columns (shared/model/check-in-columns.ts) on their own: a store read in
// one piece from entries in any order, then inserted into one entry at a time (ranges outgrowing their
// room and moving, holes reclaimed at a small threshold), holds exactly the reference — every entry
// decoded on its own, grouped by node, in history order (order stamp, equal stamps in their order in the
// stored list, which stands for the Y.Array; one equal in id and stamp to one before it kept once: trust36)
// — whether read as objects (decoded) or by position (series); and the count of refused entries equals
// the reference's duplicates. Inserts land anywhere in the stored list, as concurrent appends do in a Y.Array,
// and come in batches (a transaction's), the equal stamps of a batch settled together (ties37, review37b B1);
// a batch is inserted one entry at a time or at once (insertAll, merged into each node: ties38), and every
// node that reads otherwise after a batch is one the store named (the index re-derives only those).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHECKIN_STATUSES, decodeCheckIn, encodeCheckIn, orderOf, type CheckIn } from '../../../shared/model/index.js';
import { historyOrder } from '../../../shared/model/checkins.js';
import { CheckInColumns, CheckInReader, type CheckInSeries } from '../../../shared/model/check-in-columns.js';
import { itemsPerStep, type Steps } from '../../../shared/model/steps.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const SEED = Number(process.env.FUZZ_SEED ?? 20271204);
const T0 = Date.UTC(2027, 0, 4);
const nodes = ['n-0', 'n-1', 'n-2', 'n-3', 'n-4', 'n-5'];
const authors = ['alice', 'bob', 'carol-with-a-longer-id'];

interface Entry { node: number; id: number; at: number; value: number | null; confidence: number | null; status: number | null; blocker: boolean; note: string; by: number; asArray: boolean; ahead: number | null; clears: number[] | null }
const entryArb: fc.Arbitrary<Entry> = fc.record({
  node: fc.nat({ max: nodes.length - 1 }),
  // Few ids and times: equal stamps (ordered by place) and equal id-and-stamp pairs come often.
  id: fc.nat({ max: 30 }),
  at: fc.integer({ min: 0, max: 12 }),
  value: fc.option(fc.oneof(fc.integer({ min: -5, max: 200 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(-0))),
  confidence: fc.option(fc.oneof(fc.integer({ min: 0, max: 10 }), fc.double({ min: 0, max: 10, noNaN: true }))),
  status: fc.option(fc.nat({ max: CHECKIN_STATUSES.length - 1 })),
  blocker: fc.boolean(),
  note: fc.string({ maxLength: 6 }),
  by: fc.nat({ max: authors.length - 1 }),
  asArray: fc.boolean(),
  // trustA31: an order stamp later than the time (minutes ahead), and blocker ids cleared (absent: an older entry).
  ahead: fc.option(fc.integer({ min: 1, max: 12 })),
  clears: fc.option(fc.array(fc.nat({ max: 30 }), { maxLength: 3 })),
});

/** The stored form of an entry: the tuple's JSON string, or (an older peer) the plain array. */
function storedOf(entry: Entry): unknown {
  const checkIn: CheckIn = {
    id: `c-${entry.id}`, nodeId: nodes[entry.node]!, at: T0 + entry.at * 60_000, by: authors[entry.by]!, value: entry.value, confidence: entry.confidence,
    status: entry.status === null ? null : CHECKIN_STATUSES[entry.status]!, blocker: entry.blocker, note: entry.note,
  };
  if (entry.ahead !== null) checkIn.order = checkIn.at + entry.ahead * 60_000;
  if (entry.clears !== null) checkIn.clears = entry.clears.map((id) => `c-${id}`);
  const encoded = encodeCheckIn(checkIn);
  return entry.asArray ? JSON.parse(encoded) as unknown : encoded;
}

/** The reference: each stored entry decoded alone, grouped by node, in history order, equal id and stamp kept once (the first stored). */
function reference(stored: readonly unknown[]): { byNode: Map<string, CheckIn[]>; duplicates: number } {
  const byNode = new Map<string, CheckIn[]>();
  for (const raw of stored) {
    const checkIn = decodeCheckIn(raw)!;
    byNode.set(checkIn.nodeId, [...(byNode.get(checkIn.nodeId) ?? []), checkIn]);
  }
  let duplicates = 0;
  for (const [node, list] of byNode) {
    const unique = historyOrder(list);
    duplicates += list.length - unique.length;
    byNode.set(node, unique);
  }
  return { byNode, duplicates };
}

function fieldsByPosition(series: CheckInSeries, nodeId: string): CheckIn[] {
  const list: CheckIn[] = [];
  for (let i = 0; i < series.length; i++) {
    list.push({
      id: series.id(i), nodeId, at: series.at(i), by: series.by(i), value: series.value(i), confidence: series.confidence(i),
      status: series.status(i), blocker: series.blocker(i), note: series.note(i),
    });
    const checkIn = list[i]!;
    const unit = series.unit(i);
    if (unit !== undefined) checkIn.unit = unit;
    if (series.order(i) !== checkIn.at) checkIn.order = series.order(i);
    const clears = series.clears(i);
    if (clears !== undefined) checkIn.clears = [...clears];
  }
  return list;
}

function expectReference(columns: CheckInColumns, stored: readonly unknown[], refused: number): void {
  const { byNode, duplicates } = reference(stored);
  let held = 0;
  for (const node of nodes) {
    const want = byNode.get(node) ?? [];
    expect(columns.decoded(node)).toEqual(want);
    expect(fieldsByPosition(columns.series(node), node)).toEqual(want);
    expect(columns.count(node)).toBe(want.length);
    held += want.length;
  }
  expect(columns.size).toBe(held);
  expect(refused).toBe(duplicates);
  expect(new Set(columns.nodes())).toEqual(new Set(byNode.keys()));
}

describe('check-in columns', () => {
  it('hold each stored entry decoded alone, grouped, ordered, de-duplicated: read in one piece, then inserted in batches', () => {
    let moved = 0;
    // An insert is a new entry, or an entry stored before pushed again (kept once); it lands at the end of
    // the stored list or (a concurrent append placed before others) anywhere in it. Inserts come in
    // batches (one transaction's), settled together: `settle` ends a batch.
    // The last boolean: a batch its first insert marks so is inserted at once when it ends (insertAll, as
    // DocCache does with a transaction's entries: each node's merged in, any order of stamps; ties38),
    // else one entry at a time.
    const insertArb = fc.tuple(fc.oneof({ weight: 3, arbitrary: entryArb }, { weight: 1, arbitrary: fc.record({ again: fc.nat() }) }), fc.option(fc.nat()), fc.boolean(), fc.boolean());
    let again = 0, tied = 0, batched = 0, placedBefore = 0, whole = 0, wholeOutOfOrder = 0;
    fc.assert(fc.property(fc.array(entryArb, { maxLength: 30 }), fc.array(insertArb, { maxLength: 60 }), fc.integer({ min: 0, max: 6 }), (first, then, compactHoles) => {
      const stored = first.map(storedOf);
      const reader = new CheckInReader(stored.length);
      for (const raw of stored) reader.add(decodeCheckIn(raw)!, raw, (nodeId) => nodeId);
      const { columns: read, duplicates } = CheckInColumns.grouped(reader, compactHoles);
      expectReference(read, stored, duplicates);
      let refused = duplicates;
      let asked = 0;
      const positionsOf = (entries: readonly unknown[]) => { asked++; return entries.map((entry) => stored.indexOf(entry)); };
      // The batch under way: inserted at once or not, what each node read before it, the nodes said to have changed.
      let atOnce = false;
      let pending: { checkIn: CheckIn; stored: unknown }[] = [];
      let before = new Map<string, CheckIn[]>();
      const named = new Set<string>();
      const settle = () => {
        if (pending.length > 0) {
          if (pending.length > 1) whole++;
          if (pending.some((entry, j) => j > 0 && orderOf(entry.checkIn) < orderOf(pending[j - 1]!.checkIn))) wholeOutOfOrder++;
          read.insertAll(pending, (nodeId) => { named.add(nodeId); });
          pending = [];
        }
        asked = 0;
        refused += read.settleTies(positionsOf, (nodeId) => { named.add(nodeId); });
        // One question of where entries sit per batch, however many of its inserts were tied.
        expect(asked).toBeLessThanOrEqual(1);
        expectReference(read, stored, refused);
        // Every node that reads otherwise than before the batch was named (the index marks it dirty).
        for (const node of nodes) if (!named.has(node)) expect(read.decoded(node), node).toEqual(before.get(node));
      };
      let inBatch = 0;
      for (const [insert, where, ends, together] of then) {
        const raw = 'again' in insert ? stored[insert.again % Math.max(1, stored.length)] : storedOf(insert);
        if (raw === undefined) continue;
        if (inBatch === 0) {
          atOnce = together;
          before = new Map(nodes.map((node) => [node, read.decoded(node)]));
          named.clear();
        }
        const place = where === null ? stored.length : where % (stored.length + 1);
        // An entry of the same node, id and stamp already stored after where this one lands: the full read keeps this one.
        const checkIn = decodeCheckIn(raw)!;
        if (stored.slice(place).some((other) => { const o = decodeCheckIn(other)!; return o.nodeId === checkIn.nodeId && o.id === checkIn.id && orderOf(o) === orderOf(checkIn); })) placedBefore++;
        stored.splice(place, 0, raw);
        if (atOnce) pending.push({ checkIn, stored: raw });
        else {
          const count = read.count(checkIn.nodeId);
          if (read.insert(checkIn, raw) === 'tied') tied++;
          else { named.add(checkIn.nodeId); if (count > 0) moved++; }
        }
        if ('again' in insert) again++;
        inBatch++;
        if (ends) {
          if (inBatch > 1) batched++;
          settle();
          inBatch = 0;
        }
      }
      if (inBatch > 0) settle();
    }), { numRuns: RUNS * 4, seed: SEED });
    expect(whole).toBeGreaterThan(RUNS);
    // Batches inserted at once whose stamps were not in order (some newest first).
    expect(wholeOutOfOrder).toBeGreaterThan(RUNS);
    // The runs inserted into nodes that already held check-ins (ranges grew, moved and were packed).
    expect(moved).toBeGreaterThan(RUNS);
    expect(again).toBeGreaterThan(RUNS);
    expect(tied).toBeGreaterThan(RUNS);
    expect(batched).toBeGreaterThan(RUNS);
    // An entry placed before its duplicate took its place (the full read keeps the first).
    expect(placedBefore).toBeGreaterThan(0);
  });

  it('grouped in steps, paused anywhere, hold the same as grouped at once', () => {
    fc.assert(fc.property(fc.array(entryArb, { maxLength: 60 }), fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 6 }), (entries, pauses, compactHoles) => {
      const stored = entries.map(storedOf);
      const reader = new CheckInReader(stored.length);
      for (const raw of stored) reader.add(decodeCheckIn(raw)!, raw, (nodeId) => nodeId);
      const atOnce = CheckInColumns.grouped(reader, compactHoles);
      const steps = CheckInColumns.grouping(reader, compactHoles);
      let next = steps.next();
      for (let p = 0; !next.done; p++) {
        for (let i = 0; i < pauses[p % pauses.length]! && !next.done; i++) next = steps.next();
        if (!next.done) next = steps.next();
      }
      expect(next.value.duplicates).toBe(atOnce.duplicates);
      expectReference(next.value.columns, stored, next.value.duplicates);
    }), { numRuns: RUNS * 2, seed: SEED });
  });

  it('a large read is grouped in many short steps, not one (a 100k plan holds 495,000 check-ins)', () => {
    // 40,000 check-ins of 5,000 nodes, read newest first (every node's range must be sorted).
    const count = 40_000, nodeCount = 5_000;
    const reader = new CheckInReader(count);
    const stored: unknown[] = [];
    for (let k = count - 1; k >= 0; k--) {
      const checkIn: CheckIn = { id: `c-${k}`, nodeId: `n-${k % nodeCount}`, at: T0 + k * 1000, by: 'alice', value: k, confidence: 5, status: null, blocker: false, note: '' };
      const raw = encodeCheckIn(checkIn);
      stored.push(raw);
      reader.add(decodeCheckIn(raw)!, raw, (nodeId) => nodeId);
    }
    const steps: Steps<{ columns: CheckInColumns; duplicates: number }> = CheckInColumns.grouping(reader);
    let yields = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) yields++;
    // At least one yield per 16 × itemsPerStep entries moved and per 4 × itemsPerStep put in order.
    expect(yields).toBeGreaterThanOrEqual(Math.floor(count / (16 * itemsPerStep)) + Math.floor(count / (4 * itemsPerStep)));
    const { columns, duplicates } = next.value;
    expect(duplicates).toBe(0);
    expect(columns.size).toBe(count);
    const first = columns.decoded('n-0');
    expect(first.map((checkIn) => checkIn.at)).toEqual(Array.from({ length: count / nodeCount }, (_, i) => T0 + i * nodeCount * 1000));
  });
});
