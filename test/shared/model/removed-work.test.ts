// usercheck10: no check-in ever becomes invisible. A check-in is shown on its node, in Deleted items with
// the node (soft-deleted, or hidden under a deleted ancestor), or — when an undo of the node's create took
// the record away before the check-in reached that device — among the check-ins on removed items, whose
// restore brings the node back. Several replicas, random operations, updates delivered in random order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROOT_ID, createUndoManager, openPlan, type NodeId, type Plan } from '../../../shared/model/index.js';
import { decodeCheckIn } from '../../../shared/model/checkins.js';
import { TestContext, syncDocs } from './support.js';

type Op =
  | { kind: 'create'; replica: number }
  | { kind: 'checkIn'; replica: number; pick: number; blocker: boolean }
  | { kind: 'undo' | 'redo'; replica: number }
  | { kind: 'delete' | 'restore'; replica: number; pick: number }
  | { kind: 'sync'; from: number; to: number };

const REPLICAS = 3;
const replica = fc.integer({ min: 0, max: REPLICAS - 1 });
const pick = fc.nat(3);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('create' as const), replica }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('checkIn' as const), replica, pick, blocker: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('undo' as const), replica }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('redo' as const), replica }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), replica, pick }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('restore' as const), replica, pick }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('sync' as const), from: replica, to: replica }) },
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

describe('check-ins on nodes an undo took away', () => {
  it('property: on every replica, after every step, every check-in is shown, in Deleted items, or listed with its removed node', () => {
    let reached = 0;
    fc.assert(fc.property(fc.array(op, { minLength: 10, maxLength: 40 }), (ops) => {
      const docs = Array.from({ length: REPLICAS }, () => new Y.Doc({ gc: false }));
      const people = ['ada', 'ben', 'cy'];
      const first = openPlan(docs[0]!, new TestContext(undefined, people[0], 'r0-'));
      const objective = first.createNode({ kind: 'objective', parent: first.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' }), title: 'O' });
      for (const doc of docs.slice(1)) syncDocs(docs[0]!, doc);
      const plans = docs.map((doc, i) => (i === 0 ? first : openPlan(doc, new TestContext(undefined, people[i], `r${i}-`))));
      const undos = plans.map((plan) => createUndoManager(plan, { captureTimeout: 0 }));
      const created: NodeId[] = [];
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
          if (step.kind === 'create') created.push(plan.createNode({ kind: 'key_result', parent: objective, title: `K${created.length}`, start: 0, target: 10 }));
          else if (step.kind === 'checkIn' && live.length > 0) plan.addCheckIn(live[live.length - 1 - (step.pick % live.length)]!, { value: step.pick % 10, blocker: step.blocker });
          else if (step.kind === 'undo') undos[step.replica]!.undo();
          else if (step.kind === 'redo') undos[step.replica]!.redo();
          else if (step.kind === 'delete' && live.length > 0) plan.deleteNode(live[step.pick % live.length]!);
          else if (step.kind === 'restore') {
            const removed = plan.index.checkInsOnRemovedWork();
            const deleted = plan.index.deletedNodes();
            if (removed.length > 0 && step.pick !== 3) { plan.restoreRemovedNode(removed[step.pick % removed.length]!.nodeId); reached++; }
            else if (deleted.length > 0) plan.restoreNode(deleted[step.pick % deleted.length]!.id);
          }
        }
        for (const plan of plans) expect(invisibleCheckIns(plan), JSON.stringify(ops)).toEqual([]);
      }
      for (let round = 0; round < 2; round++) for (const from of docs) for (const to of docs) if (from !== to) syncDocs(from, to);
      for (const plan of plans) expect(invisibleCheckIns(plan)).toEqual([]);
      const listings = plans.map((plan) => plan.index.checkInsOnRemovedWork().map((entry) => [entry.nodeId, entry.count]));
      for (const listing of listings) expect(listing).toEqual(listings[0]);
      // Restoring each listed node on one replica brings it back live, with its check-ins, on all of them.
      const restorer = plans[ops.length % REPLICAS]!;
      for (const entry of restorer.index.checkInsOnRemovedWork()) { restorer.restoreRemovedNode(entry.nodeId); reached++; }
      for (let round = 0; round < 2; round++) for (const from of docs) for (const to of docs) if (from !== to) syncDocs(from, to);
      for (const plan of plans) {
        expect(invisibleCheckIns(plan)).toEqual([]);
        for (const [nodeId, count] of listings[0]!) {
          expect(plan.index.node(nodeId as NodeId)).toBeDefined();
          expect(plan.index.checkIns(nodeId as string).length).toBeGreaterThanOrEqual(count as number);
        }
      }
    }), { seed: 10, numRuns: 200 });
    // The run did real work: check-ins listed on removed nodes were restored.
    expect(reached).toBeGreaterThan(5);
  }, 120_000);
});
