// Scalar fields written by two people while apart: the field shows one deterministic value on every
// replica (Yjs's winner) and the other value stays on the node, with who and when, until someone
// picks or writes the field again having seen both. Nothing typed is lost without a trace.
import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT_ID, createUndoManager, openPlan, type NodeId, type Plan } from '../../../shared/model/index.js';
import { TOP_LEVEL } from '../../../shared/model/schema.js';
import { fieldHeadsOf, MAX_LISTED_IDS, readFieldEdit, voidedRecords } from '../../../shared/model/field-edits.js';
import { TestContext, syncDocs } from './support.js';

interface Replicas { docs: Y.Doc[]; plans: Plan[]; ctxs: TestContext[]; kr: NodeId; person: string; other: string; syncAll(): void; refresh(): void }

function replicas(count = 2): Replicas {
  const docs = Array.from({ length: count }, () => new Y.Doc());
  const ctxs = docs.map((_, i) => new TestContext(undefined, `user${i}`, `r${i}x`));
  const first = openPlan(docs[0]!, ctxs[0]!);
  const person = first.addPerson({ name: 'Hana' });
  const other = first.addPerson({ name: 'Ravi' });
  const strategy = first.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
  const objective = first.createNode({ kind: 'objective', parent: strategy, title: 'Win EU' });
  const kr = first.createNode({ kind: 'key_result', parent: objective, title: 'Revenue', start: 0, target: 10, unit: '€' });
  const plans = [first];
  for (let i = 1; i < count; i++) { syncDocs(docs[0]!, docs[i]!); plans.push(openPlan(docs[i]!, ctxs[i]!)); }
  const refresh = () => { for (const plan of plans) plan.index.refresh(plan.index.now); };
  const syncAll = () => {
    for (let round = 0; round < 2; round++) for (const a of docs) for (const b of docs) if (a !== b) syncDocs(a, b);
    refresh();
  };
  return { docs, plans, ctxs, kr, person, other, syncAll, refresh };
}

describe('field conflicts', () => {
  it('two units set while apart: one value shown everywhere, the other kept on the node with who and when', () => {
    const { plans: [guest, host], ctxs, kr, syncAll } = replicas();
    ctxs[0]!.advance(5);
    guest!.updateNode(kr, { unit: 'k€' });
    host!.updateNode(kr, { unit: 'M€' });
    syncAll();
    const shown = guest!.index.node(kr)!.fields.unit;
    expect(['k€', 'M€']).toContain(shown);
    expect(host!.index.node(kr)!.fields.unit).toBe(shown);
    const lost = shown === 'k€' ? { value: 'M€', by: 'user1', at: ctxs[1]!.time } : { value: 'k€', by: 'user0', at: ctxs[0]!.time };
    for (const plan of [guest!, host!]) expect(plan.index.node(kr)!.fieldConflicts).toEqual([{ field: 'unit', ...lost }]);
  });

  it('a pick resolves the conflict for everyone, and a later write that saw both does too', () => {
    const { plans: [a, b], kr, syncAll } = replicas();
    a!.updateNode(kr, { target: 120 });
    b!.updateNode(kr, { target: 130 });
    syncAll();
    const other = a!.index.node(kr)!.fieldConflicts[0]!;
    b!.updateNode(kr, { target: other.value as number });
    syncAll();
    for (const plan of [a!, b!]) {
      expect(plan.index.node(kr)!.fields.target).toBe(other.value);
      expect(plan.index.node(kr)!.fieldConflicts).toEqual([]);
    }
    a!.updateNode(kr, { target: 140 });
    b!.updateNode(kr, { target: 150 });
    syncAll();
    expect(a!.index.node(kr)!.fieldConflicts).toHaveLength(1);
    // Re-setting the value already shown is a pick too: it saw both.
    b!.updateNode(kr, { target: b!.index.node(kr)!.fields.target! });
    syncAll();
    expect(a!.index.node(kr)!.fieldConflicts).toEqual([]);
  });

  it('the same value set on both sides is no conflict; different fields never conflict', () => {
    const { plans: [a, b], kr, person, syncAll } = replicas();
    a!.updateNode(kr, { unit: 'k€', owner: person });
    b!.updateNode(kr, { unit: 'k€', weight: 2 });
    syncAll();
    for (const plan of [a!, b!]) {
      expect(plan.index.node(kr)!.fieldConflicts).toEqual([]);
      expect(plan.index.node(kr)!.fields).toMatchObject({ unit: 'k€', owner: person, weight: 2 });
    }
  });

  it('clearing a field while someone else sets it is a conflict; the cleared side lists as null', () => {
    const { plans: [a, b], kr, person, other, syncAll } = replicas();
    a!.updateNode(kr, { owner: person });
    syncAll();
    a!.updateNode(kr, { owner: null });
    b!.updateNode(kr, { owner: other });
    syncAll();
    const conflicts = a!.index.node(kr)!.fieldConflicts;
    expect(conflicts).toHaveLength(1);
    expect(b!.index.node(kr)!.fieldConflicts).toEqual(conflicts);
    const shown = a!.index.node(kr)!.fields.owner ?? null;
    expect(new Set([shown, conflicts[0]!.value])).toEqual(new Set([null, other]));
  });

  it('an unchanged value writes nothing; task stamps (done at) are no conflict', () => {
    const { docs, plans: [a, b], ctxs, kr, syncAll } = replicas();
    const before = Y.encodeStateVector(docs[0]!);
    a!.updateNode(kr, { unit: '€' });
    expect(Y.encodeStateVector(docs[0]!)).toEqual(before);
    const initiative = a!.createNode({ kind: 'initiative', parent: kr, title: 'Ship' });
    const task = a!.createNode({ kind: 'task', parent: initiative, title: 'Do' });
    syncAll();
    ctxs[1]!.advance(3);
    a!.updateNode(task, { status: 'done' });
    b!.updateNode(task, { status: 'done' });
    syncAll();
    expect(a!.index.node(task)!.fieldConflicts).toEqual([]);
  });

  it('purging a node drops its field edit records', () => {
    const { docs, plans: [a, b], kr, syncAll } = replicas();
    a!.updateNode(kr, { unit: 'k€' });
    b!.updateNode(kr, { unit: 'M€' });
    syncAll();
    a!.deleteNode(kr);
    a!.purgeNode(kr);
    syncAll();
    expect([...docs[1]!.getMap(TOP_LEVEL.fieldEdits).keys()].filter((key) => key.startsWith(`${kr}|`))).toEqual([]);
  });

  it('undo of a field write takes its record back with it', () => {
    const { plans: [a], kr, refresh } = replicas(1);
    const undo = createUndoManager(a!);
    a!.updateNode(kr, { unit: 'k€' });
    undo.stopCapturing();
    a!.updateNode(kr, { unit: 'M€' });
    undo.undo();
    refresh();
    expect(a!.index.node(kr)!.fields.unit).toBe('k€');
    expect(a!.index.node(kr)!.fieldConflicts).toEqual([]);
  });

  it('hostile records never break the index: malformed ones are skipped, bad values of a field are not offered', () => {
    const { docs, plans: [a], kr, refresh } = replicas(1);
    a!.updateNode(kr, { unit: 'k€' });
    const edits = docs[0]!.getMap<unknown>(TOP_LEVEL.fieldEdits);
    docs[0]!.transact(() => {
      edits.set('garbage', { value: 'x', after: [], by: 'mallory', at: 1 });
      edits.set(`${kr}|notAField|e1`, { value: 'x', after: [], by: 'mallory', at: 1 });
      edits.set(`${kr}|unit|e2`, 'not an object');
      edits.set(`${kr}|unit|e3`, { value: { nested: true }, after: [], by: 'mallory', at: 1 });
      edits.set(`${kr}|unit|e4`, { value: 'x', after: 'all', by: 'mallory', at: 1 });
      edits.set(`${kr}|unit|e5`, { value: 'x', after: [], by: 7, at: 1 });
      edits.set(`${kr}|unit|e6`, { value: 'x', after: [], by: 'mallory', at: Number.NaN });
      edits.set(`${kr}|unit|e7`, [1, 2]);
      edits.set(`${kr}|target|e8`, { value: 'not a number', after: [], by: 'mallory', at: 1 });
      edits.set(`${kr}|target|e9`, { value: 5, after: [], by: 'mallory', at: 1 });
      edits.set(`${kr}|horizon|e10`, { value: '2027', after: [], by: 'mallory', at: 1 });
      edits.set(`${kr}|horizon|e11`, { value: '2028', after: [], by: 'mallory', at: 1 });
      edits.set(`nosuchnode|unit|e12`, { value: 'x', after: [], by: 'mallory', at: 1 });
      edits.set(`${kr}|weight|e13`, { value: 1, after: ['e13'], by: 'mallory', at: 1 });
    });
    refresh();
    const view = a!.index.node(kr)!;
    expect(view.fields.unit).toBe('k€');
    // target: a string is no target; 5 vs 10 (shown) is a real two-head disagreement on the doc.
    expect(view.fieldConflicts).toEqual([{ field: 'target', value: 5, by: 'mallory', at: 1 }]);
    // The owner can still write, and the write resolves what it saw.
    a!.updateNode(kr, { target: 12 });
    refresh();
    expect(a!.index.node(kr)!.fieldConflicts).toEqual([]);
  });
});

// ---- convergence property -------------------------------------------------------------------

const UNITS = ['k€', 'M€', '%', 'users'] as const;
const TARGETS = [100, 200, 300] as const;
type Field = 'unit' | 'target';
type Step =
  | { kind: 'write'; replica: number; field: Field; pick: number }
  | { kind: 'deliver'; to: number; pick: number }
  | { kind: 'resolve'; replica: number; field: Field };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('write' as const), replica: fc.nat({ max: 2 }), field: fc.constantFrom<Field>('unit', 'target'), pick: fc.nat({ max: 3 }) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('deliver' as const), to: fc.nat({ max: 2 }), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resolve' as const), replica: fc.nat({ max: 2 }), field: fc.constantFrom<Field>('unit', 'target') }) },
);

/** One recorded field write and the Yjs id of its transaction's last item (to know who received it). */
interface Write { id: number; field: Field; value: string | number | null; seen: Set<number>; client: number; clock: number }

describe('field conflicts converge (property)', () => {
  it('3 replicas, random writes, updates delivered one by one in random order (partitions = never delivered until the end): same value and alternatives everywhere; no unsuperseded write lost; a pick resolves', () => {
    fc.assert(fc.property(fc.array(stepArb, { minLength: 1, maxLength: 40 }), fc.nat({ max: 1000 }), (steps, clockSeed) => {
      const r = replicas(3);
      // Each replica's own updates, queued for each other replica: delivered in any order, any time.
      const inbox: Uint8Array[][] = [[], [], []];
      r.docs.forEach((doc, from) => doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === 'delivery') return;
        for (let to = 0; to < 3; to++) if (to !== from) inbox[to]!.push(update);
      }));
      // A pick of 3 clears the field (a deletion, or a null where the node's init holds a value).
      const valueOf = (field: Field, pick: number): string | number | null => (pick === 3 ? null : field === 'unit' ? UNITS[pick % UNITS.length]! : TARGETS[pick % TARGETS.length]!);
      const writes: Write[] = [];
      // A replica has a write once its Yjs state covers the write's item (out-of-order updates wait).
      const received = (replica: number, w: Write) => Y.getState(r.docs[replica]!.store, w.client) > w.clock;
      let stepIndex = 0;
      const write = (replica: number, field: Field, value: string | number | null) => {
        const doc = r.docs[replica]!;
        const clockBefore = Y.getState(doc.store, doc.clientID);
        r.ctxs[replica]!.advance(((clockSeed + stepIndex * 7) % 5) / 1000);
        const seen = new Set(writes.filter((w) => w.field === field && received(replica, w)).map((w) => w.id));
        r.plans[replica]!.updateNode(r.kr, { [field]: value });
        if (Y.getState(doc.store, doc.clientID) === clockBefore) return; // unchanged: nothing written
        // Yjs integrates a transaction's items one by one as their dependencies arrive: a replica has
        // this write once it has its record item (the field's value is written before it).
        let clock = -1;
        for (const [key, item] of doc.getMap(TOP_LEVEL.fieldEdits)._map) {
          if (key.includes(`|${field}|`) && !item.deleted && item.id.client === doc.clientID) clock = Math.max(clock, item.id.clock);
        }
        writes.push({ id: writes.length, field, value, seen, client: doc.clientID, clock });
      };
      for (const step of steps) {
        stepIndex++;
        if (step.kind === 'write') write(step.replica, step.field, valueOf(step.field, step.pick));
        else if (step.kind === 'deliver') {
          const queue = inbox[step.to]!;
          if (queue.length === 0) continue;
          const [update] = queue.splice(step.pick % queue.length, 1);
          Y.applyUpdate(r.docs[step.to]!, update!, 'delivery');
        } else {
          const plan = r.plans[step.replica]!;
          plan.index.refresh(plan.index.now);
          const conflict = plan.index.node(r.kr)!.fieldConflicts.find((c) => c.field === step.field);
          if (conflict && conflict.value !== null) write(step.replica, step.field, conflict.value as string | number);
        }
      }
      r.syncAll();
      const views = r.plans.map((plan) => plan.index.node(r.kr)!);
      for (const view of views.slice(1)) {
        expect(view.fields.unit ?? null).toBe(views[0]!.fields.unit ?? null);
        expect(view.fields.target ?? null).toBe(views[0]!.fields.target ?? null);
        expect(view.fieldConflicts).toEqual(views[0]!.fieldConflicts);
      }
      // A write no later write of the same field had seen is shown or offered.
      for (const w of writes) {
        if (writes.some((later) => later.seen.has(w.id))) continue;
        const offered = [views[0]!.fields[w.field] ?? null, ...views[0]!.fieldConflicts.filter((c) => c.field === w.field).map((c) => c.value)];
        expect(offered).toContain(w.value);
      }
      // A pick of each remaining conflict by one replica ends it everywhere, with the picked value.
      const picks = views[0]!.fieldConflicts;
      for (const conflict of picks) if (conflict === picks.find((c) => c.field === conflict.field)) r.plans[0]!.updateNode(r.kr, { [conflict.field]: conflict.value });
      r.syncAll();
      for (const plan of r.plans) {
        const view = plan.index.node(r.kr)!;
        expect(view.fieldConflicts).toEqual([]);
        for (const field of ['unit', 'target'] as const) {
          const picked = picks.find((c) => c.field === field);
          if (picked) expect(view.fields[field] ?? null).toBe(picked.value);
        }
      }
    }), { numRuns: 200 });
  });
});

// undo2, twenty-fourth session: an undo's record names the edits it states again (`restates`, `via`); a
// record from a hostile or buggy peer with anything else there is left out, as any malformed record is.
describe('readFieldEdit with an undo\'s restatement', () => {
  const base = { value: 12, after: ['e1'], by: 'ben', at: 1 };
  it('reads the lists of edit ids an undo\'s record states again', () => {
    expect(readFieldEdit('n1|target|e2', { ...base, restates: ['e1'], via: [] })).toMatchObject({ restates: ['e1'], via: [] });
    expect(readFieldEdit('n1|target|e2', base)).not.toHaveProperty('restates');
  });
  it('leaves out a record whose lists are not lists of ids', () => {
    for (const bad of [{ restates: 'e1' }, { restates: [1] }, { via: {} }, { via: [null] }]) expect(readFieldEdit('n1|target|e2', { ...base, ...bad })).toBeNull();
  });
});

// undo3, twenty-fifth session: an undo's record also names the edits it took back (`undoes`), and every list
// a record holds is bounded: a hostile peer's record listing a million ids would cost every reader that much.
describe('readFieldEdit: the undo mark and the bounds of the lists', () => {
  const base = { value: 12, after: ['e1'], by: 'ben', at: 1 };
  it('reads the edits an undo took back, and leaves out a record whose mark is no list of ids', () => {
    expect(readFieldEdit('n1|target|e2', { ...base, restates: [], via: [], undoes: ['e1'] })).toMatchObject({ undoes: ['e1'] });
    expect(readFieldEdit('n1|target|e2', base)).not.toHaveProperty('undoes');
    for (const bad of [{ undoes: 'e1' }, { undoes: [1] }, { undoes: [null] }]) expect(readFieldEdit('n1|target|e2', { ...base, ...bad })).toBeNull();
  });
  it('leaves out a record with a list of a million ids (any of its four lists) or an id of a megabyte', () => {
    const million = Array.from({ length: 1_000_000 }, (_, i) => `x${i}`);
    for (const list of ['after', 'restates', 'via', 'undoes']) expect(readFieldEdit('n1|target|e2', { ...base, [list]: million })).toBeNull();
    expect(readFieldEdit('n1|target|e2', { ...base, after: ['e'.repeat(1_000_000)] })).toBeNull();
    expect(readFieldEdit('n1|target|e2', { ...base, after: Array.from({ length: MAX_LISTED_IDS }, (_, i) => `x${i}`) })).not.toBeNull();
  });
  it('a hostile peer\'s record with a million-id list is ignored and nothing else is lost: the field and its conflict stay', () => {
    const { plans: [a, b], docs, kr, syncAll, refresh } = replicas();
    a!.updateNode(kr, { target: 120 });
    b!.updateNode(kr, { target: 130 });
    syncAll();
    const before = a!.index.node(kr)!;
    expect(before.fieldConflicts).toHaveLength(1);
    // The hostile record says it replaced every record there is and marks them all undone.
    const ids = [...docs[0]!.getMap(TOP_LEVEL.fieldEdits).keys()].map((key) => key.split('|')[2]!);
    const hostile = Array.from({ length: 1_000_000 }, (_, i) => ids[i % ids.length]!);
    docs[0]!.getMap(TOP_LEVEL.fieldEdits).set(`${kr}|target|hostile1`, { value: 999, after: hostile, undoes: hostile, restates: [], via: [], by: 'mallory', at: 1 });
    refresh();
    for (const plan of [a!]) {
      const view = plan.index.node(kr)!;
      expect(view.fields.target).toBe(before.fields.target);
      expect(view.fieldConflicts).toEqual(before.fieldConflicts);
    }
  });
});

// undo3, twenty-fifth session: docs written by main's record format (before `undoes`) keep their meaning.
describe('field edit records written before the undo mark', () => {
  it('a conflict, and an undo\'s restatement without a mark, read as they did: heads are the records nobody replaced', () => {
    const { docs, plans: [a], kr, refresh } = replicas();
    const map = docs[0]!.getMap(TOP_LEVEL.fieldEdits);
    // As main wrote them: Ada's 120 and Ben's 130 concurrent over e1; Carol's undo restating Ben's 130 (no `undoes`).
    docs[0]!.transact(() => {
      map.set(`${kr}|target|e2`, { value: 120, after: ['e1'], by: 'ada', at: 2 });
      map.set(`${kr}|target|e4`, { value: 130, after: ['e3', 'e1'], by: 'carol', at: 4, restates: ['e3'], via: [] });
      map.set(`${kr}|unit|e5`, { value: 'k€', after: [], by: 'ada', at: 5 });
      (docs[0]!.getMap(TOP_LEVEL.nodes).get(kr) as Y.Map<unknown>).set('target', 130);
    });
    refresh();
    const view = a!.index.node(kr)!;
    expect(view.fields.target).toBe(130);
    expect(view.fieldConflicts).toEqual([{ field: 'target', value: 120, by: 'ada', at: 2 }]);
    const records = [...map.entries()].map(([key, value]) => readFieldEdit(key, value)!).filter((record) => record.field === 'target');
    expect(voidedRecords(records).size).toBe(0);
    expect(fieldHeadsOf(records).map((record) => record.editId).sort()).toEqual(['e2', 'e4']);
    // A later write sees both and resolves it, as before.
    a!.updateNode(kr, { target: 140 });
    refresh();
    expect(a!.index.node(kr)!.fieldConflicts).toEqual([]);
    expect(a!.index.node(kr)!.fields.target).toBe(140);
  });
});
