// usercheck10: no check-in ever becomes invisible. A check-in is shown on its node, in Deleted items with
// the node (soft-deleted, or hidden under a deleted ancestor), or — when an undo of the node's create took
// the record away before the check-in reached that device — among the check-ins on removed items, whose
// restore brings the node back. Several replicas, random operations, updates delivered in random order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROOT_ID, createUndoManager, openPlan, type NodeId, type Plan } from '../../../shared/model/index.js';
import { decodeCheckIn } from '../../../shared/model/checkins.js';
import { readRemovedContent } from '../../../shared/model/doc.js';
import { TestContext, syncDocs } from './support.js';

type Op =
  | { kind: 'create'; replica: number }
  | { kind: 'checkIn'; replica: number; pick: number; blocker: boolean }
  | { kind: 'undo' | 'redo'; replica: number }
  | { kind: 'delete' | 'restore'; replica: number; pick: number }
  | { kind: 'rename' | 'edit'; replica: number; pick: number }
  | { kind: 'sync'; from: number; to: number };

const REPLICAS = 3;
const replica = fc.integer({ min: 0, max: REPLICAS - 1 });
const pick = fc.nat(3);
/** Random operations; with `edits`, renames and target edits of someone else's node too (removedwork). */
const opOf = (edits: boolean): fc.Arbitrary<Op> => fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('create' as const), replica }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('checkIn' as const), replica, pick, blocker: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('undo' as const), replica }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('redo' as const), replica }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), replica, pick }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('restore' as const), replica, pick }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('sync' as const), from: replica, to: replica }) },
  ...(edits ? [
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('rename' as const), replica, pick }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('edit' as const), replica, pick }) },
  ] : []),
);

/** The stored check-ins of a replica that no view shows: not on a node record, not listed as work on a removed item. */
function invisibleCheckIns(plan: Plan): string[] {
  plan.index.refresh(plan.index.now);
  const { records } = plan.index.structure();
  const listed = new Map(plan.index.checkInsOnRemovedWork().map((entry) => [entry.nodeId as string, entry.content.seenCheckIns]));
  const lost: string[] = [];
  for (const stored of plan.types.checkins.toArray()) {
    const checkIn = decodeCheckIn(stored);
    if (!checkIn || records.has(checkIn.nodeId)) continue;
    const seen = listed.get(checkIn.nodeId);
    if (seen === undefined || seen.includes(checkIn.id)) lost.push(`${checkIn.id} on ${checkIn.nodeId}`);
  }
  return lost;
}

/** The Yjs item id of the copy of a node's title text (`title`) or map (`target`) a replica holds now. */
function copyOf(plan: Plan, nodeId: string, field: 'title' | 'target'): string | undefined {
  const node = plan.types.nodes.get(nodeId);
  const type = node instanceof Y.Map ? (field === 'title' ? node.get('title') : node) : undefined;
  const id = type instanceof Y.AbstractType ? type._item?.id : undefined;
  return id ? `${id.client}:${id.clock}` : undefined;
}

/**
 * The latest renames and target edits of a replica that no view shows (removedwork): a head record (one
 * nobody replaced) on a node with no record, whose tombstone keeps the node, is shown when the kept node
 * holds its text or value, or when the node is listed among the edits on removed items.
 */
function invisibleEdits(plan: Plan, writtenInto: ReadonlyMap<string, string>): string[] {
  const { records } = plan.index.structure();
  const listed = new Set(plan.index.editsOnRemovedWork().map((entry) => entry.nodeId as string));
  const lost: string[] = [];
  const heads = (map: Y.Map<unknown>) => {
    const found = new Map<string, { node: string; value: unknown; after: string[] }>();
    for (const [key, value] of map) {
      const [node, field, editId] = key.split('|');
      const stored = value as { next?: string; value?: unknown; after: string[] };
      if (field === 'title' || field === 'target') found.set(editId!, { node: node!, value: field === 'title' ? stored.next : stored.value, after: stored.after });
    }
    for (const record of [...found.values()]) for (const replaced of record.after) found.delete(replaced);
    return found.values();
  };
  for (const [map, field] of [[plan.types.renames, 'title'], [plan.types.fieldEdits, 'target']] as const) {
    for (const head of heads(map)) {
      const live = plan.index.node(head.node as NodeId);
      const copy = copyOf(plan, head.node, field);
      const writtenTo = writtenInto.get(String(head.value));
      if (live && writtenTo !== undefined && copy !== undefined && writtenTo !== copy) {
        // usercheck16: a node brought back by a redo or a restore is a new copy; an edit written into the old
        // one must still be the value shown or one offered beside it. (Only edits into another copy: a head in
        // the current copy whose value an undo of a concurrent write took away is the fault the report names.)
        const shown = field === 'title' ? plan.index.title(head.node) : live.fields.target ?? null;
        const beside = field === 'title' ? live.conflicts.map((conflict) => conflict.text) : live.fieldConflicts.map((conflict) => conflict.value);
        if (shown !== head.value && !beside.includes(head.value as string)) lost.push(`${field} ${String(head.value)} on live ${head.node}`);
        continue;
      }
      if (records.has(head.node)) continue;
      const content = readRemovedContent(plan.types.purged.get(head.node));
      if (content === null) continue;
      const kept = field === 'title' ? content.title : content.fields.target;
      if (kept !== head.value && !listed.has(head.node)) lost.push(`${field} ${String(head.value)} on ${head.node}`);
    }
  }
  return lost;
}

describe('check-ins on nodes an undo took away', () => {
  it('property: on every replica, after every step, every check-in is shown, in Deleted items, or listed with its removed node', () => {
    const counts = runReplicas(opOf(false), 200);
    // The run did real work: check-ins listed on removed nodes were restored.
    expect(counts.reached).toBeGreaterThan(5);
  }, 120_000);

  it('property (removedwork): with renames and field edits offline too, no rename or edit becomes invisible, and the restore brings back the latest', () => {
    const counts = runReplicas(opOf(true), 300);
    // The run did real work: renames or edits listed on removed nodes were restored.
    expect(counts.renamedRestored).toBeGreaterThan(5);
  }, 120_000);
});

/** Three replicas, `numRuns` random runs of `op` (seeded), every view checked after every step and at the end. */
function runReplicas(op: fc.Arbitrary<Op>, numRuns: number): { reached: number; renamedRestored: number } {
  let reached = 0, renamedRestored = 0, renames = 0;
  fc.assert(fc.property(fc.array(op, { minLength: 10, maxLength: 40 }), (ops) => {
    const docs = Array.from({ length: REPLICAS }, () => new Y.Doc({ gc: false }));
    const people = ['ada', 'ben', 'cy'];
    const first = openPlan(docs[0]!, new TestContext(undefined, people[0], 'r0-'));
    const objective = first.createNode({ kind: 'objective', parent: first.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' }), title: 'O' });
    for (const doc of docs.slice(1)) syncDocs(docs[0]!, doc);
    const plans = docs.map((doc, i) => (i === 0 ? first : openPlan(doc, new TestContext(undefined, people[i], `r${i}-`))));
    const undos = plans.map((plan) => createUndoManager(plan, { captureTimeout: 0 }));
    const created: NodeId[] = [];
    const writtenInto = new Map<string, string>();
    for (const step of ops) {
      if (step.kind === 'sync') { if (step.from !== step.to) syncDocs(docs[step.from]!, docs[step.to]!); }
      else {
        for (const other of plans) other.index.refresh(other.index.now);
        // A restore is made by whoever sees work on a removed item (the replica named, else the next that does).
        const withRemoved = step.kind === 'restore' ? plans.findIndex((other, i) => i >= step.replica && other.index.checkInsOnRemovedWork().length > 0) : -1;
        // (the index is refreshed as the app's run does before an operation)
        const plan = plans[withRemoved >= 0 ? withRemoved : step.replica]!;
        plan.index.refresh(plan.index.now);
        const live = created.filter((id) => plan.index.node(id) !== undefined);
        const others = live.filter((id) => !id.startsWith(`r${plans.indexOf(plan)}-`));
        if (step.kind === 'create') created.push(plan.createNode({ kind: 'key_result', parent: objective, title: `K${created.length}`, start: 0, target: 10 }));
        else if (step.kind === 'checkIn' && live.length > 0) plan.addCheckIn(live[live.length - 1 - (step.pick % live.length)]!, { value: step.pick % 10, blocker: step.blocker, ...(step.blocker ? { note: 'in the way' } : {}) }); // a blocker on a blocked item needs a reason (undo38)
        else if (step.kind === 'undo') undos[step.replica]!.undo();
        else if (step.kind === 'redo') undos[step.replica]!.redo();
        else if (step.kind === 'delete' && live.length > 0) plan.deleteNode(live[step.pick % live.length]!);
        // Renames and edits of someone else's node (as Ben's of Ada's key result): one's own would be the
        // step their next Ctrl+Z takes back, before the create.
        else if ((step.kind === 'rename' || step.kind === 'edit') && others.length > 0) {
          const target = others[step.pick % others.length]!;
          // Which copy of the text or map each edit went into, as the run saw it (every value is written once).
          if (step.kind === 'rename') { plan.setTitle(target, `R${++renames}`); writtenInto.set(`R${renames}`, copyOf(plan, target, 'title')!); }
          else { plan.updateNode(target, { target: 20 + ++renames }); writtenInto.set(String(20 + renames), copyOf(plan, target, 'target')!); }
        }
        else if (step.kind === 'restore') {
          const removed = [...plan.index.checkInsOnRemovedWork(), ...plan.index.editsOnRemovedWork()];
          const deleted = plan.index.deletedNodes();
          if (removed.length > 0 && step.pick !== 3) { plan.restoreRemovedNode(removed[step.pick % removed.length]!.nodeId); reached++; }
          else if (deleted.length > 0) plan.restoreNode(deleted[step.pick % deleted.length]!.id);
        }
      }
      for (const plan of plans) {
        expect(invisibleCheckIns(plan), JSON.stringify(ops)).toEqual([]);
        expect(invisibleEdits(plan, writtenInto), JSON.stringify(ops)).toEqual([]);
      }
    }
    for (let round = 0; round < 2; round++) for (const from of docs) for (const to of docs) if (from !== to) syncDocs(from, to);
    for (const plan of plans) {
      expect(invisibleCheckIns(plan)).toEqual([]);
      expect(invisibleEdits(plan, writtenInto)).toEqual([]);
    }
    const editListings = plans.map((plan) => plan.index.editsOnRemovedWork().map((entry) => [entry.nodeId, entry.restored.title, entry.restored.fields.target]));
    for (const listing of editListings) expect(listing).toEqual(editListings[0]);
    const listings = plans.map((plan) => plan.index.checkInsOnRemovedWork().map((entry) => [entry.nodeId, entry.count]));
    for (const listing of listings) expect(listing).toEqual(listings[0]);
    // Restoring each listed node on one replica brings it back live, with its check-ins, on all of them.
    const restorer = plans[ops.length % REPLICAS]!;
    for (const entry of restorer.index.checkInsOnRemovedWork()) { restorer.restoreRemovedNode(entry.nodeId); reached++; }
    // …and each node listed with edits comes back as the latest of them left it.
    restorer.index.refresh(restorer.index.now);
    for (const entry of restorer.index.editsOnRemovedWork()) { restorer.restoreRemovedNode(entry.nodeId); renamedRestored++; }
    for (let round = 0; round < 2; round++) for (const from of docs) for (const to of docs) if (from !== to) syncDocs(from, to);
    for (const plan of plans) {
      expect(invisibleCheckIns(plan)).toEqual([]);
      expect(invisibleEdits(plan, writtenInto)).toEqual([]);
      for (const [nodeId, title, target] of editListings[0]!) {
        expect(plan.index.title(nodeId as string)).toBe(title);
        expect(plan.index.node(nodeId as NodeId)!.fields.target).toBe(target);
      }
      for (const [nodeId, count] of listings[0]!) {
        expect(plan.index.node(nodeId as NodeId)).toBeDefined();
        expect(plan.index.checkIns(nodeId as string).length).toBeGreaterThanOrEqual(count as number);
      }
    }
  }), { seed: 10, numRuns });
  return { reached, renamedRestored };
}
