// Review36c F2: work done offline on something deleted meanwhile is offered back when the deleter had not
// seen it, whatever the clocks say. The deletion keeps its author's state vector over the clients with
// records on the subtree (DeletedMark.seenRecords); a check-in or edit record whose Yjs item it does not
// cover is listed by checkInsOnDeletedWork / editsOnDeletedWork, and one it covers is not.
import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openPlan, ROOT_ID, type NodeId, type Plan } from '../../../shared/model/index.js';
import { planTypes, readDeleted } from '../../../shared/model/doc.js';
import { storedCheckInId } from '../../../shared/model/record-items.js';
import { T0, TestContext, smallCascade, syncDocs } from './support.js';

const H = 3_600_000;

function replica(actor: string, prefix: string, from?: Y.Doc) {
  const doc = new Y.Doc();
  if (from) syncDocs(from, doc);
  const ctx = new TestContext(T0, actor, prefix);
  return { doc, ctx, plan: openPlan(doc, ctx) };
}

function exchange(a: Y.Doc, b: Y.Doc): void {
  syncDocs(a, b);
  syncDocs(b, a);
}

/** Ada's plan with the small cascade, and Ben's replica of it. */
function adaAndBen() {
  const ada = replica('ada', 'a');
  const cascade = smallCascade(ada.plan);
  const ben = replica('ben', 'b', ada.doc);
  return { ada, ben, cascade };
}

/** Ben, offline: renames the task, sets it blocked, checks in a blocker (the reviewer's steps). */
function bensOfflineWork(ben: { plan: Plan }, task: NodeId): void {
  ben.plan.setTitle(task, 'Contract review — legal must sign first');
  ben.plan.updateNode(task, { status: 'blocked' });
  ben.plan.addCheckIn(task, { blocker: true, note: 'Legal has not reviewed the contract' });
}

describe('work on deleted items the deleter had not seen (review36c F2)', () => {
  it('Ben works offline at 10:00, Ada (who never saw it) deletes the initiative at 11:00: his rename, status and blocker are listed on both sides', () => {
    const { ada, ben, cascade } = adaAndBen();
    ben.ctx.time = T0 + 1 * H;
    bensOfflineWork(ben, cascade.task);
    ada.ctx.time = T0 + 2 * H;
    ada.plan.deleteNode(cascade.initiative);
    exchange(ada.doc, ben.doc);
    for (const { plan } of [ada, ben]) {
      plan.index.refresh(T0 + 5 * H);
      expect(plan.index.node(cascade.task)).toBeUndefined();
      expect(plan.index.checkInsOnDeletedWork()).toEqual([{
        nodeId: cascade.task, deletedId: cascade.initiative, deletedAt: T0 + 2 * H, deletedBy: 'ada',
        count: 1, blockers: 1, latestAt: T0 + 1 * H, latestBy: 'ben',
      }]);
      expect(plan.index.editsOnDeletedWork()).toEqual([{
        nodeId: cascade.task, deletedId: cascade.initiative, deletedAt: T0 + 2 * H, deletedBy: 'ada',
        count: 2, fields: ['status', 'title'], people: ['ben'], latestAt: T0 + 1 * H, latestBy: 'ben', renamedBy: ['ben'],
      }]);
    }
  });

  it('Ben works after the deletion in real time, but his clock runs 2 h behind so his work is dated before it: still listed', () => {
    const { ada, ben, cascade } = adaAndBen();
    ada.ctx.time = T0 + 4 * H; // 14:00
    ada.plan.deleteNode(cascade.initiative);
    ben.ctx.time = T0 + 3 * H; // real 15:00, his clock reads 13:00
    bensOfflineWork(ben, cascade.task);
    exchange(ada.doc, ben.doc);
    for (const { plan } of [ada, ben]) {
      plan.index.refresh(T0 + 6 * H);
      expect(plan.index.checkInsOnDeletedWork().map(({ nodeId, count, blockers, latestBy }) => ({ nodeId, count, blockers, latestBy })))
        .toEqual([{ nodeId: cascade.task, count: 1, blockers: 1, latestBy: 'ben' }]);
      expect(plan.index.editsOnDeletedWork().map(({ nodeId, count, fields }) => ({ nodeId, count, fields })))
        .toEqual([{ nodeId: cascade.task, count: 2, fields: ['status', 'title'] }]);
    }
  });

  it('what the deleter had seen is not listed, even dated after the deletion (Ben’s clock ahead); what she had not seen from the same person is', () => {
    const { ada, ben, cascade } = adaAndBen();
    ben.ctx.time = T0 + 10 * H; // his clock runs far ahead
    ben.plan.setTitle(cascade.task, 'Seen rename');
    ben.plan.addCheckIn(cascade.task, { note: 'seen check-in' });
    ben.plan.updateNode(cascade.keyResult, { target: 120 });
    exchange(ada.doc, ben.doc);
    ada.ctx.time = T0 + 1 * H;
    ada.plan.deleteNode(cascade.keyResult);
    // Then, before the deletion reaches him, Ben checks in again and edits the description.
    ben.ctx.time = T0 + 11 * H;
    ben.plan.addCheckIn(cascade.task, { blocker: true, note: 'unseen blocker' });
    ben.plan.setDescription(cascade.task, 'unseen description');
    exchange(ada.doc, ben.doc);
    for (const { plan } of [ada, ben]) {
      plan.index.refresh(T0 + 12 * H);
      expect(plan.index.checkInsOnDeletedWork().map(({ nodeId, deletedId, count, blockers }) => ({ nodeId, deletedId, count, blockers })))
        .toEqual([{ nodeId: cascade.task, deletedId: cascade.keyResult, count: 1, blockers: 1 }]);
      expect(plan.index.editsOnDeletedWork().map(({ nodeId, count, fields }) => ({ nodeId, count, fields })))
        .toEqual([{ nodeId: cascade.task, count: 1, fields: ['description'] }]);
    }
  });

  it('a mark written before seenRecords was kept still compares clock times', () => {
    const { ada, ben, cascade } = adaAndBen();
    ben.ctx.time = T0 + 1 * H;
    ben.plan.addCheckIn(cascade.task, { note: 'before, by the clock' });
    ben.ctx.time = T0 + 3 * H;
    ben.plan.setTitle(cascade.task, 'after, by the clock');
    ada.ctx.time = T0 + 2 * H;
    ada.plan.deleteNode(cascade.initiative);
    // Rewrite Ada's mark as an older writer wrote it: no seenRecords.
    const node = planTypes(ada.doc).nodes.get(cascade.initiative) as Y.Map<unknown>;
    const mark = node.get('deleted') as Record<string, unknown>;
    expect(readDeleted(mark)?.seenRecords).toBeDefined();
    const { seenRecords: _dropped, ...old } = mark;
    node.set('deleted', old);
    exchange(ada.doc, ben.doc);
    ada.plan.index.refresh(T0 + 4 * H);
    expect(ada.plan.index.checkInsOnDeletedWork()).toEqual([]);
    expect(ada.plan.index.editsOnDeletedWork().map(({ fields }) => fields)).toEqual([['title']]);
  });

  it('reads a check-in id from a stored entry without parsing it whole, and with escapes or odd spacing by parsing', () => {
    expect(storedCheckInId('[1,"c1","n1",0,"ben",null,null,null,0,""]')).toBe('c1');
    expect(storedCheckInId('[1,"c\\"2","n1",0,"ben",null,null,null,0,""]')).toBe('c"2');
    expect(storedCheckInId('[ 1, "c3", "n1"]')).toBe('c3');
    expect(storedCheckInId([1, 'c4', 'n1'])).toBe('c4');
    expect(storedCheckInId('not json')).toBeNull();
    expect(storedCheckInId(42)).toBeNull();
  });
});

// The property: several replicas, random edits, check-ins and deletes, random delivery order and clock
// skews. What each deleter had seen is noted when it deletes (every record its doc then held); after
// convergence every replica lists exactly the records on hidden nodes that the deletion hiding them
// (the nearest deleted node on their stored path, as the listing reads it) had not seen, and the
// listings agree across replicas.

type Op =
  | { kind: 'edit'; who: number; node: number; field: 'title' | 'description' }
  | { kind: 'checkIn'; who: number; node: number; blocker: boolean }
  | { kind: 'delete'; who: number; node: number }
  | { kind: 'sync'; from: number; to: number };

const REPLICAS = 3;
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), who: fc.nat(REPLICAS - 1), node: fc.nat(7), field: fc.constantFrom('title' as const, 'description' as const) }),
  fc.record({ kind: fc.constant('checkIn' as const), who: fc.nat(REPLICAS - 1), node: fc.nat(7), blocker: fc.boolean() }),
  fc.record({ kind: fc.constant('delete' as const), who: fc.nat(REPLICAS - 1), node: fc.nat(7) }),
  fc.record({ kind: fc.constant('sync' as const), from: fc.nat(REPLICAS - 1), to: fc.nat(REPLICAS - 1) }),
);

/** Every record a doc holds: check-in ids, and rename and field edit keys. */
function recordsIn(doc: Y.Doc): Set<string> {
  const types = planTypes(doc);
  const held = new Set<string>();
  for (const stored of types.checkins.toArray()) { const id = storedCheckInId(stored); if (id !== null) held.add(`c:${id}`); }
  for (const key of types.renames.keys()) held.add(`e:${key}`);
  for (const key of types.fieldEdits.keys()) held.add(`e:${key}`);
  return held;
}

/** Per hidden node, the check-in ids and edit keys on it (read from the doc, not the index). */
function recordsByNode(doc: Y.Doc): Map<string, { checkIns: string[]; edits: string[] }> {
  const types = planTypes(doc);
  const byNode = new Map<string, { checkIns: string[]; edits: string[] }>();
  const of = (node: string) => { let found = byNode.get(node); if (!found) byNode.set(node, found = { checkIns: [], edits: [] }); return found; };
  for (const stored of types.checkins.toArray()) {
    const tuple = JSON.parse(stored as string) as unknown[];
    of(tuple[2] as string).checkIns.push(tuple[1] as string);
  }
  for (const key of [...types.renames.keys(), ...types.fieldEdits.keys()]) of(key.split('|')[0]!).edits.push(key);
  return byNode;
}

describe('property: the listings name exactly what the deletion’s author had not seen', () => {
  it('holds after convergence on every replica, whatever the delivery order and clocks', () => {
    fc.assert(fc.property(
      fc.array(op, { minLength: 1, maxLength: 40 }),
      fc.array(fc.integer({ min: -5 * H, max: 5 * H }), { minLength: REPLICAS, maxLength: REPLICAS }),
      (ops, skews) => {
        const first = replica('p0', 'x');
        const { strategy, objective, keyResult, initiative, task } = smallCascade(first.plan);
        const second = first.plan.createNode({ kind: 'task', parent: initiative, title: 'Second task' });
        const objective2 = first.plan.createNode({ kind: 'objective', parent: strategy, title: 'Other' });
        const kr2 = first.plan.createNode({ kind: 'key_result', parent: objective2, title: 'Other KR', start: 0, target: 10, direction: 'increase' });
        const nodes: NodeId[] = [strategy, objective, keyResult, initiative, task, second, objective2, kr2];
        const replicas = [first, ...Array.from({ length: REPLICAS - 1 }, (_, i) => replica(`p${i + 1}`, `r${i + 1}`, first.doc))];
        replicas.forEach((r, i) => { r.ctx.time = T0 + skews[i]!; });
        /** What each deletion (by `${by}@${at}`) had seen. */
        const seenAt = new Map<string, Set<string>>();
        let step = 0;
        for (const o of ops) {
          step++;
          if (o.kind === 'sync') { if (o.from !== o.to) syncDocs(replicas[o.from]!.doc, replicas[o.to]!.doc); continue; }
          const r = replicas[o.who]!;
          r.ctx.time += 60_000;
          const id = nodes[o.node]!;
          try {
            if (o.kind === 'edit') {
              if (o.field === 'title') r.plan.setTitle(id, `title ${step}`);
              else r.plan.setDescription(id, `description ${step}`);
            } else if (o.kind === 'checkIn') {
              r.plan.addCheckIn(id, { note: `check-in ${step}`, blocker: o.blocker, ...(id === keyResult || id === kr2 ? { value: step } : {}) });
            } else {
              const before = recordsIn(r.doc);
              r.plan.deleteNode(id);
              seenAt.set(`${r.ctx.actor}@${r.ctx.time}`, before);
            }
          } catch {
            // The node is hidden or deleted on this replica: nothing was written.
          }
        }
        for (const a of replicas) for (const b of replicas) if (a !== b) syncDocs(a.doc, b.doc);
        const listings = replicas.map(({ plan }) => {
          plan.index.refresh(T0 + 100 * H);
          return { checkIns: plan.index.checkInsOnDeletedWork(), edits: plan.index.editsOnDeletedWork() };
        });
        // The oracle, read from the doc: per hidden node, its records the hiding deletion had not seen.
        const { plan } = replicas[0]!;
        const { records, tree } = plan.index.structure();
        const byNode = recordsByNode(replicas[0]!.doc);
        const expectedCheckIns: { nodeId: string; count: number }[] = [];
        const expectedEdits: { nodeId: string; count: number }[] = [];
        for (const nodeId of tree.hidden) {
          let at: string | undefined = nodeId;
          while (at !== undefined && at !== ROOT_ID && !records.get(at)?.deleted) at = records.get(at)?.place.parent;
          const mark = at === undefined || at === ROOT_ID ? null : records.get(at)!.deleted!;
          const seen = seenAt.get(`${mark!.by}@${mark!.at}`)!;
          const held = byNode.get(nodeId) ?? { checkIns: [], edits: [] };
          const checkIns = held.checkIns.filter((id) => !seen.has(`c:${id}`)).length;
          const edits = held.edits.filter((key) => !seen.has(`e:${key}`)).length;
          if (checkIns > 0) expectedCheckIns.push({ nodeId, count: checkIns });
          if (edits > 0) expectedEdits.push({ nodeId, count: edits });
        }
        const byId = (a: { nodeId: string }, b: { nodeId: string }) => (a.nodeId < b.nodeId ? -1 : 1);
        expect(listings[0]!.checkIns.map(({ nodeId, count }) => ({ nodeId, count })).sort(byId)).toEqual(expectedCheckIns.sort(byId));
        expect(listings[0]!.edits.map(({ nodeId, count }) => ({ nodeId, count })).sort(byId)).toEqual(expectedEdits.sort(byId));
        for (const listing of listings) expect(listing).toEqual(listings[0]);
      },
    ), { numRuns: 150 });
  });
});
