// Helpers for the model tests: a pinned clock, sequential ids, and a canonical snapshot of an index.
import * as Y from 'yjs';
import { openPlan, parseNodeId, ROOT_ID, type NodeId, type Plan, type PlanContext, type PlanIndex } from '../../../shared/model/index.js';

/** A node id written in a test, checked like any id from outside (never a cast). */
export function nodeId(text: string): NodeId {
  return parseNodeId(text);
}

export const DAY = 86_400_000;
/** 2027-03-01 12:00 UTC. */
export const T0 = Date.UTC(2027, 2, 1, 12);

/** A context with a settable clock and ids `${prefix}1`, `${prefix}2`, … */
export class TestContext implements PlanContext {
  private counter = 0;
  constructor(public time = T0, readonly actor = 'alice', private readonly prefix = 'n') {}
  now = (): number => this.time;
  newId = (): string => `${this.prefix}${++this.counter}`;
  advance(days: number): number {
    this.time += days * DAY;
    return this.time;
  }
}

/** A fresh plan on a new doc. */
export function newPlan(options: { actor?: string; prefix?: string; time?: number } = {}): { doc: Y.Doc; ctx: TestContext; plan: Plan } {
  const doc = new Y.Doc();
  const ctx = new TestContext(options.time ?? T0, options.actor ?? 'alice', options.prefix ?? 'n');
  const plan = openPlan(doc, ctx);
  return { doc, ctx, plan };
}

/** A minimal cascade: strategy > objective (with a period) > key result > initiative > task. */
export function smallCascade(plan: Plan): { period: string; strategy: NodeId; objective: NodeId; keyResult: NodeId; initiative: NodeId; task: NodeId } {
  const period = plan.addPeriod({ name: '2027-Q1', start: '2027-01-01', end: '2027-03-31' });
  const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
  const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'Win EU', period });
  const keyResult = plan.createNode({ kind: 'key_result', parent: objective, title: 'Revenue', start: 0, target: 100, direction: 'increase' });
  const initiative = plan.createNode({ kind: 'initiative', parent: keyResult, title: 'Campaign', status: 'active' });
  const task = plan.createNode({ kind: 'task', parent: initiative, title: 'Ads', status: 'todo' });
  return { period, strategy, objective, keyResult, initiative, task };
}

/** Everything an index shows, as plain JSON with a fixed key order, for equality checks. */
export function snapshotIndex(index: PlanIndex): unknown {
  const nodes: unknown[] = [];
  const walk = (parent: string) => {
    for (const id of index.children(parent)) {
      const view = index.node(id);
      nodes.push(view ? JSON.parse(JSON.stringify(view)) : { missing: id });
      walk(id);
    }
  };
  walk(ROOT_ID);
  return { nodes, summary: index.summary(), teamSignals: index.teamSignals(), size: index.size };
}

/** Everything an index shows (snapshotIndex) and every node's title and check-ins, signals, deletions, links and people. */
export function snapshotEverything(index: PlanIndex): unknown {
  const nodes = [...index.walk()];
  return {
    shown: snapshotIndex(index),
    titles: nodes.map((id) => index.title(id)),
    checkIns: nodes.map((id) => index.checkIns(id).map((checkIn) => checkIn.id)),
    signals: index.signals(),
    deleted: index.deletedNodes(),
    links: index.links(),
    people: index.people(),
  };
}

/** The signal kinds on a node. */
export function signalKinds(index: PlanIndex, id: string): string[] {
  return index.node(id)?.signals.map((signal) => signal.kind) ?? [];
}

/** Applies every update of `from` that `to` lacks. */
export function syncDocs(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

/** Two people on one plan, apart until `sync`: what `setUp` writes on A's replica, then B opens a copy of it. */
export interface TwoReplicas { docA: Y.Doc; docB: Y.Doc; a: Plan; b: Plan; ctxA: TestContext; ctxB: TestContext; sync(): void }

/**
 * Two replicas of a plan `setUp` writes on the first (people `names`, ids `a1…` and `b1…`). `sync`
 * delivers each side's updates to the other and refreshes both indexes, as a reconnection does.
 */
export function twoReplicas<T>(setUp: (a: Plan) => T, names: readonly [string, string] = ['alice', 'bob']): TwoReplicas & T {
  const docA = new Y.Doc();
  const docB = new Y.Doc();
  const ctxA = new TestContext(undefined, names[0], 'a');
  const ctxB = new TestContext(undefined, names[1], 'b');
  const a = openPlan(docA, ctxA);
  const made = setUp(a);
  syncDocs(docA, docB);
  const b = openPlan(docB, ctxB);
  const sync = () => {
    syncDocs(docA, docB);
    syncDocs(docB, docA);
    a.index.refresh(a.index.now);
    b.index.refresh(b.index.now);
  };
  return { ...made, docA, docB, a, b, ctxA, ctxB, sync };
}

/** Replicas of one plan holding a strategy › objective › key result; the key result's fields and what the first replica does to it come from the caller. */
export interface KeyResultReplicas { docs: Y.Doc[]; ctxs: TestContext[]; plans: Plan[]; k: NodeId }

/**
 * `names.length` replicas: the first (actor names[0]) creates the cascade with the key result `keyResult`
 * and runs `seed` on it, each other starts from a copy of the first as it is then.
 */
export function keyResultReplicas(names: readonly string[], keyResult: { title: string; start: number; target: number; unit?: string }, seed: (plan: Plan, k: NodeId) => void = () => {}): KeyResultReplicas {
  const docs: Y.Doc[] = [], ctxs: TestContext[] = [], plans: Plan[] = [];
  let k = '' as NodeId;
  names.forEach((name, i) => {
    const doc = new Y.Doc();
    if (i > 0) syncDocs(docs[0]!, doc);
    const ctx = new TestContext(T0, name, name[0]!);
    const plan = openPlan(doc, ctx);
    if (i === 0) {
      const s = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
      const o = plan.createNode({ kind: 'objective', parent: s, title: 'O' });
      k = plan.createNode({ kind: 'key_result', parent: o, ...keyResult });
      seed(plan, k);
    }
    docs.push(doc); ctxs.push(ctx); plans.push(plan);
  });
  return { docs, ctxs, plans, k };
}
