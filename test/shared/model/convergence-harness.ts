// Harness of the convergence fuzzer: replicas with real Y.Docs, a simulated network with partitions
// and partial, reordered delivery, and the invariants checked during and after a scenario.
import * as Y from 'yjs';
import fc from 'fast-check';
import { expect } from 'vitest';
import { PlanIndex, ROOT_ID, decodeCheckIn, openPlan, planTypes, type Plan } from '../../../shared/model/index.js';
import { TestContext, snapshotIndex } from './support.js';
import { applyFuzzOp, fuzzOpArb, newStats, seedPlan, type Effect, type FuzzOp, type OpStats } from './fuzz-ops.js';

export const REPLICAS = 3;

export type Step =
  | { kind: 'edit'; replica: number; op: FuzzOp }
  | { kind: 'deliver'; from: number; to: number; keep: number; reverse: boolean }
  | { kind: 'partition'; a: number; b: number };

const replicaArb = fc.nat({ max: REPLICAS - 1 });
export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('edit' as const), replica: replicaArb, op: fuzzOpArb }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('deliver' as const), from: replicaArb, to: replicaArb, keep: fc.nat({ max: 3 }), reverse: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('partition' as const), a: replicaArb, b: replicaArb }) },
);

interface Replica {
  doc: Y.Doc;
  ctx: TestContext;
  plan: Plan;
  stats: OpStats;
  /** Updates made here and not yet delivered, per peer. */
  outbox: Uint8Array[][];
}

/** What the run did, to assert it exercised the hard cases. */
export interface Work {
  displacedSteps: number; scenarios: number; edits: number; deliveries: number; partial: number; displaced: number; reattached: number;
  orphaned: number; checkIns: number; markers: number;
  /** Live nodes whose stored parent chain passes through a purged node (re-attached above its tombstone). */
  aboveTombstone: number;
  /** Hidden nodes checked against what a deleter knew. */
  hiddenChecked: number;
  /** Applied structural operations whose effect was checked after the full sync. */
  effectsChecked: number;
}

/** An applied structural operation with what its replica had seen when it ran. */
export interface AppliedEffect {
  effect: Effect;
  label: string;
  /** The replica's Yjs client id and its clock after the operation (identifies the write). */
  client: number;
  clockAfter: number;
  /** The replica's state vector before the operation (what it had seen). */
  seenBefore: Map<number, number>;
}

/** True if `earlier` had reached `later`'s replica before `later` ran (happened before it). */
function happenedBefore(earlier: AppliedEffect, later: AppliedEffect): boolean {
  return (later.seenBefore.get(earlier.client) ?? 0) >= earlier.clockAfter;
}

/** The operations whose concurrent or later occurrence may legitimately undo each kind of effect. */
const OVERRIDDEN_BY: Readonly<Record<Effect['kind'], readonly Effect['kind'][]>> = {
  delete: ['restore'],
  restore: ['delete', 'purge'],
  create: ['move', 'delete', 'purge', 'restore'],
  move: ['move', 'delete', 'purge', 'restore'],
  purge: [],
};

/**
 * After a full sync, each applied structural operation took effect, unless an operation that can
 * override it ran later or concurrently (anywhere): a delete hides its node, a restore shows it, a
 * create or move leaves the node under the parent it named, a purge removes it.
 */
export function checkEffects(plan: Plan, applied: readonly AppliedEffect[], label: string, work: Work): void {
  const { tree, records } = plan.index.structure();
  for (const entry of applied) {
    const { effect } = entry;
    const overriders = OVERRIDDEN_BY[effect.kind];
    const overridden = applied.some((other) => other !== entry && overriders.includes(other.effect.kind) && !happenedBefore(other, entry));
    if (overridden) continue;
    const where = `${label}: ${entry.label} (${effect.kind} ${effect.node})`;
    switch (effect.kind) {
      case 'delete': expect(tree.parent.has(effect.node), `${where} hides it`).toBe(false); break;
      case 'restore': expect(tree.parent.has(effect.node), `${where} shows it`).toBe(true); break;
      case 'purge': expect(records.has(effect.node), `${where} removes it`).toBe(false); break;
      case 'create':
      case 'move': expect(tree.parent.get(effect.node), `${where} leaves it under ${effect.parent}`).toBe(effect.parent); break;
    }
    work.effectsChecked++;
  }
}

const REMOTE = Symbol('remote');

/** Every live node is reachable from the root exactly once, and its parent chain has no cycle. */
export function assertTreeInvariants(plan: Plan, label: string): void {
  const { tree } = plan.index.structure();
  const seen = new Set<string>();
  const stack = [ROOT_ID];
  while (stack.length > 0) {
    for (const child of tree.children.get(stack.pop()!) ?? []) {
      expect(seen.has(child), `${label}: ${child} reached twice`).toBe(false);
      seen.add(child);
      stack.push(child);
    }
  }
  expect(seen.size, `${label}: every live node reachable`).toBe(tree.parent.size);
  for (const id of tree.parent.keys()) {
    let steps = 0;
    for (let current = id; current !== ROOT_ID;) {
      const parent = tree.parent.get(current);
      expect(parent, `${label}: ${id} has a broken parent chain`).toBeDefined();
      expect(++steps, `${label}: cycle through ${id}`).toBeLessThanOrEqual(tree.parent.size);
      current = parent!;
    }
  }
}

/**
 * After a full sync, checked against what the fuzzer itself knows rather than the tree code:
 * - nothing hidden without a cause: a node that is not live was deleted itself, or sits below a
 *   deleted node whose deleter knew it was there (a bug that hides too much fails here);
 * - nothing orphaned: every parent id was a real node, so a chain of stored parents (through the
 *   tombstones of purged nodes) never ends at an unknown id;
 * - a live node that did not lose a cycle sits under the first live node on its chain of stored
 *   parents: its parent, or its nearest live ancestor when the parent was deleted or purged.
 */
export function assertVisibility(plan: Plan, knownBelow: ReadonlyMap<string, ReadonlySet<string>>, label: string, work: Work): void {
  const { tree, records, purged } = plan.index.structure();
  expect(plan.index.summary().unreadableNodes, `${label}: every stored node is readable`).toBe(0);
  expect([...tree.orphaned], `${label}: no orphans after a full sync`).toEqual([]);
  const limit = records.size + purged.size + 1;
  for (const record of records.values()) {
    const id = record.id;
    const live = tree.parent.has(id);
    expect(live, `${label}: ${id} is either live or hidden`).toBe(!tree.hidden.has(id));
    // Stored ancestors, nearest first; `end` is where the chain stops (ROOT_ID, an unknown id, or a loop).
    const chain: string[] = [];
    let end: string | undefined = record.place.parent;
    while (end !== undefined && end !== ROOT_ID && chain.length < limit) {
      chain.push(end);
      end = records.get(end)?.place.parent ?? purged.get(end)?.parent;
    }
    if (!live) {
      const cause = record.deleted !== null || chain.some((ancestor) => records.get(ancestor)?.deleted && knownBelow.get(ancestor)?.has(id));
      expect(cause, `${label}: ${id} is hidden, but neither it nor a deleted ancestor that knew it was deleted`).toBe(true);
      work.hiddenChecked++;
      continue;
    }
    if (tree.displaced.has(id)) continue;
    const nearest = chain.find((ancestor) => tree.parent.has(ancestor));
    expect(nearest !== undefined || end === ROOT_ID, `${label}: the stored parents of ${id} lead nowhere (${chain.join(' > ')} > ${end})`).toBe(true);
    expect(tree.parent.get(id), `${label}: ${id} sits under its nearest live ancestor`).toBe(nearest ?? ROOT_ID);
    const upTo = nearest === undefined ? chain : chain.slice(0, chain.indexOf(nearest));
    if (upTo.some((ancestor) => !records.has(ancestor))) work.aboveTombstone++;
  }
}

/** True if the characters of `word` appear in `text` in order (other text may sit between them). */
function containsInOrder(text: string, word: string): boolean {
  let at = 0;
  for (const char of word) {
    at = text.indexOf(char, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

export function runScenario(steps: readonly Step[], work: Work): void {
  const origin = new Y.Doc();
  const originPlan = openPlan(origin, new TestContext(undefined, 'setup', 's'));
  seedPlan(originPlan);
  originPlan.index.destroy();
  const base = Y.encodeStateAsUpdate(origin);
  const replicas: Replica[] = [];
  for (let i = 0; i < REPLICAS; i++) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, base);
    const ctx = new TestContext(undefined, `user${i}`, `r${i}x`);
    const replica: Replica = { doc, ctx, plan: openPlan(doc, ctx), stats: newStats(), outbox: Array.from({ length: REPLICAS }, () => []) };
    doc.on('update', (update: Uint8Array, updateOrigin: unknown) => {
      if (updateOrigin === REMOTE) return;
      for (let peer = 0; peer < REPLICAS; peer++) if (peer !== i) replica.outbox[peer]!.push(update);
    });
    replicas.push(replica);
  }
  const applied: AppliedEffect[] = [];
  const cut = new Set<string>();
  const link = (a: number, b: number) => `${Math.min(a, b)}-${Math.max(a, b)}`;

  steps.forEach((step, n) => {
    let touched: number | null = null;
    if (step.kind === 'edit') {
      touched = step.replica;
      const replica = replicas[step.replica]!;
      const seenBefore = Y.decodeStateVector(Y.encodeStateVector(replica.doc));
      const effect = applyFuzzOp(replica.plan, replica.ctx, step.op, replica.stats);
      if (effect) {
        const client = replica.doc.clientID;
        applied.push({ effect, label: `step ${n} on replica ${step.replica}`, client, clockAfter: Y.getState(replica.doc.store, client), seenBefore });
      }
      work.edits++;
    } else if (step.kind === 'partition') {
      if (step.a !== step.b) {
        const key = link(step.a, step.b);
        if (cut.has(key)) cut.delete(key);
        else cut.add(key);
      }
    } else if (step.from !== step.to && !cut.has(link(step.from, step.to))) {
      // Deliver a random part of the queue, possibly reversed; the rest stays queued.
      const queue = replicas[step.from]!.outbox[step.to]!;
      const count = step.keep === 0 ? queue.length : Math.ceil(queue.length / (step.keep + 1));
      const batch = queue.splice(0, count);
      if (step.reverse) batch.reverse();
      for (const update of batch) Y.applyUpdate(replicas[step.to]!.doc, update, REMOTE);
      touched = step.to;
      work.deliveries += batch.length;
      if (queue.length > 0 || step.reverse) work.partial++;
    }
    // The replica that changed: its index refreshes, and its tree must be sound.
    for (const [i, replica] of replicas.entries()) {
      if (i !== touched) continue;
      replica.plan.index.refresh(replica.ctx.time);
      assertTreeInvariants(replica.plan, `replica ${i} after step ${n}`);
      const { tree } = replica.plan.index.structure();
      work.displacedSteps += tree.displaced.size > 0 ? 1 : 0;
    }
  });

  // Full sync: every replica sends every other what it lacks, twice (so relayed changes arrive too).
  for (let round = 0; round < 2; round++) {
    for (const from of replicas) {
      for (const to of replicas) {
        if (from !== to) Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc)), REMOTE);
      }
    }
  }

  const now = Math.max(...replicas.map((replica) => replica.ctx.time));
  const snapshots = replicas.map((replica, i) => {
    replica.plan.index.refresh(now);
    assertTreeInvariants(replica.plan, `replica ${i} after full sync`);
    const fresh = new PlanIndex(replica.doc, { now });
    const incremental = snapshotIndex(replica.plan.index);
    expect(incremental, `replica ${i}: incremental index equals a full recompute`).toEqual(snapshotIndex(fresh));
    fresh.destroy();
    return incremental;
  });
  for (let i = 1; i < REPLICAS; i++) expect(snapshots[i], `replica ${i} materialises the same plan as replica 0`).toEqual(snapshots[0]);

  const knownBelow = new Map<string, Set<string>>();
  for (const replica of replicas) {
    for (const { node, below } of replica.stats.deleted) {
      const known = knownBelow.get(node) ?? new Set<string>();
      for (const id of below) known.add(id);
      knownBelow.set(node, known);
    }
  }
  replicas.forEach((replica, i) => assertVisibility(replica.plan, knownBelow, `replica ${i} after full sync`, work));
  checkEffects(replicas[0]!.plan, applied, 'after full sync', work);

  const reference = replicas[0]!;
  const stored = new Set(planTypes(reference.doc).checkins.toArray().map((raw) => decodeCheckIn(raw)?.id));
  const nodes = planTypes(reference.doc).nodes;
  for (const replica of replicas) {
    for (const id of replica.stats.checkIns) expect(stored.has(id), `check-in ${id} by ${replica.ctx.actor} survived`).toBe(true);
    for (const { node, marker } of replica.stats.markers) {
      if (!nodes.has(node)) continue; // purged: its text went with it, on purpose
      // Later inserts may land inside the word: every typed character must still be there, in order.
      expect(containsInOrder(reference.plan.titleText(node).toString(), marker), `word ${marker} typed by ${replica.ctx.actor} survived`).toBe(true);
    }
    work.checkIns += replica.stats.checkIns.length;
    work.markers += replica.stats.markers.length;
  }
  const { tree } = reference.plan.index.structure();
  work.displaced += tree.displaced.size;
  work.reattached += tree.reattached.size;
  work.orphaned += tree.orphaned.size;
  work.scenarios++;
  for (const replica of replicas) replica.plan.index.destroy();
}

export function newWork(): Work {
  return { displacedSteps: 0, scenarios: 0, edits: 0, deliveries: 0, partial: 0, displaced: 0, reattached: 0, orphaned: 0, checkIns: 0, markers: 0, aboveTombstone: 0, hiddenChecked: 0, effectsChecked: 0 };
}
