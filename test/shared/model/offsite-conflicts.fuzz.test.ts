// Offsite conflicts fuzzer (review44b): four replicas with real Y.Docs, each with its own undo manager,
// edit one plan while a simulated network partitions them (long offline stretches) and delivers their
// updates partially and out of order. Beyond the convergence fuzzer's operations (moves, cycles,
// deletes, restores, purges, check-ins), every replica also renames titles and replaces descriptions
// (whole words), changes a key result's unit, direction and target, merges two people or two teams of
// one name, and presses undo and redo. Invariants a person relies on:
// - on every replica, after every step: no cycle, every live node reachable once;
// - after a full sync: every replica shows the same plan (views, titles, descriptions, conflicts,
//   check-ins, signals, deleted items, people and teams), the incremental index equals a full recompute;
// - nothing lost: every check-in anyone made is still in the plan;
// - no nonsense: every word a title or description shows is a word someone wrote there;
// - a rename that lost is offered: when a replica's last rename of a field is neither shown nor
//   replaced by a later rename or undo that saw it, it is listed as a conflict on the node.
// Clashes (leftovers46b): two replicas rename the same title or description, or set the same key result
// field, of one node before either has seen the other's, as two people at an offsite do; most then hear
// each other at once. Without them conflicts arose by chance (picks: 1 in 100 scenarios, leftovers45a).
import { readFileSync, writeFileSync } from 'node:fs';
import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlanIndex, ROOT_ID, createUndoManager, decodeCheckIn, isPlanError, openPlan, planTypes, type NodeId, type PersonId, type Plan, type TeamId } from '../../../shared/model/index.js';
import type { PlanUndoManager } from '../../../shared/model/undo.js';
import { TestContext, snapshotEverything } from './support.js';
import { applyFuzzOp, fuzzOpArb, newStats, seedPlan, type FuzzOp, type OpStats } from './fuzz-ops.js';
import { assertTreeInvariants } from './convergence-harness.js';

const REPLICAS = Number(process.env.FUZZ_REPLICAS ?? 4);
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const SEED = Number(process.env.FUZZ_SEED ?? 44);

const TITLES = ['Alpha plan', 'Beta launch', 'Gamma', 'Alpha Beta', 'Delta rollout now'] as const;
const DESCRIPTIONS = ['Grow revenue in Europe', 'Cut churn by half', 'Hire two engineers', 'Grow churn'] as const;

type ExtraOp =
  // `id`: the node itself (a clash names it on both replicas; `node` picks among a replica's own live nodes).
  | { op: 'rename'; node: number; field: 'title' | 'description'; text: number; id?: NodeId }
  | { op: 'undo' } | { op: 'redo' }
  | { op: 'metric'; node: number; variant: number; value: number; id?: NodeId }
  | { op: 'merge'; teams: boolean; reverse: boolean }
  | { op: 'pick'; node: number; which: number; id?: NodeId }
  | { op: 'type'; node: number; field: 'title' | 'description'; atEnd: boolean };
type Op = FuzzOp | ExtraOp;

const extraArb: fc.Arbitrary<ExtraOp> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('rename' as const), node: fc.nat({ max: 2 }), field: fc.constantFrom('title' as const, 'description' as const), text: fc.nat({ max: 4 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('undo' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('redo' as const) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('metric' as const), node: fc.nat({ max: 1 }), variant: fc.nat({ max: 3 }), value: fc.integer({ min: 1, max: 200 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('merge' as const), teams: fc.boolean(), reverse: fc.boolean() }) },
  // Picks an offered rename, field value or lost move, as the detail panel's "use it" does.
  { weight: 2, arbitrary: fc.record({ op: fc.constant('pick' as const), node: fc.nat({ max: 2 }), which: fc.nat({ max: 5 }) }) },
  // Types a whole word at the start or end of a title or description, as an editor bound to the Y.Text does.
  { weight: 2, arbitrary: fc.record({ op: fc.constant('type' as const), node: fc.nat({ max: 6 }), field: fc.constantFrom('title' as const, 'description' as const), atEnd: fc.boolean() }) },
);
// The convergence fuzzer's typing ('text') breaks words on purpose; it is left out so every word can be checked.
const opArb: fc.Arbitrary<Op> = fc.oneof({ weight: 3, arbitrary: fuzzOpArb.filter((op) => op.op !== 'text') }, { weight: 2, arbitrary: extraArb });

type Step =
  | { kind: 'edit'; replica: number; op: Op }
  // The same field of one node written on replicas `a` and `b` apart (texts or values `first` and `second`),
  // then, when `meet`, delivered both ways at once.
  | { kind: 'clash'; a: number; b: number; node: number; field: 'title' | 'description' | 'target' | 'unit'; first: number; second: number; meet: boolean; pick: boolean }
  | { kind: 'deliver'; from: number; to: number; keep: number; reverse: boolean }
  | { kind: 'partition'; a: number; b: number };
const replicaArb = fc.nat({ max: REPLICAS - 1 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 7, arbitrary: fc.record({ kind: fc.constant('edit' as const), replica: replicaArb, op: opArb }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('deliver' as const), from: replicaArb, to: replicaArb, keep: fc.nat({ max: 3 }), reverse: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('partition' as const), a: replicaArb, b: replicaArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('clash' as const), a: replicaArb, b: replicaArb, node: fc.nat({ max: 4 }), field: fc.constantFrom('title' as const, 'description' as const, 'target' as const, 'unit' as const), first: fc.nat({ max: 4 }), second: fc.nat({ max: 4 }), meet: fc.boolean(), pick: fc.boolean() }) },
);

/** A rename or a field write one replica made, identified by its Yjs client and clock after it. */
interface Write { /** The edit's place in the run (a step may hold several: a clash's writes and pick). */ step: number; replica: number; node: string; field: string; value: unknown; client: number; clockAfter: number; label: string }
/** Any operation: which fields it may have written (null = any, as undo, redo and the fuzzer's updates may), and what it had seen. */
interface Seen { step: number; node: string | null; field: string | null; seenBefore: Map<number, number> }

interface Replica { doc: Y.Doc; ctx: TestContext; plan: Plan; undo: PlanUndoManager; stats: OpStats; outbox: Uint8Array[][]; typed: string[] }

export interface OffsiteWork { scenarios: number; renames: number; undos: number; merges: number; metrics: number; conflictsShown: number; checkIns: number; writesChecked: number; picks: number; typed: number; clashes: number; offered: number }
const REMOTE = Symbol('remote');
const words = (text: string) => text.split(/\s+/u).filter((word) => word !== '');

/** The seed plan, plus a second "Ana" and a second "Growth" (added apart by two people) to merge. */
function seed(plan: Plan): void {
  seedPlan(plan);
  const growth2 = plan.addTeam({ name: 'Growth' });
  plan.addPerson({ name: 'Ana', team: growth2 });
}

/** The rename or field write an extra operation made (null for others); set by applyExtra. */
let lastWrite: { node: string; field: string; value: unknown } | null = null;

function applyExtra(replica: Replica, op: ExtraOp, work: OffsiteWork): void {
  const { plan, undo } = replica;
  const { tree, records } = plan.index.structure();
  const live = [...tree.parent.keys()].map((id) => records.get(id)!.id).sort();
  switch (op.op) {
    case 'rename': {
      const id = op.id ?? live[op.node % live.length];
      if (!id) return;
      const text = op.field === 'title' ? TITLES[op.text]! : DESCRIPTIONS[op.text % DESCRIPTIONS.length]!;
      if (op.field === 'title') plan.setTitle(id, text);
      else plan.setDescription(id, text);
      lastWrite = { node: id, field: op.field, value: text };
      work.renames++;
      return;
    }
    case 'pick': {
      const id = op.id ?? live[op.node % live.length];
      const view = id ? plan.index.node(id) : undefined;
      if (!id || !view) return;
      const choices = [
        ...view.conflicts.map((conflict) => () => plan.pickText(id, conflict.field, conflict.text)),
        ...view.fieldConflicts.map((conflict) => () => plan.updateNode(id, { [conflict.field]: conflict.value })),
        ...view.lostMoves.map((move) => () => plan.takeLostMove(id, move.moveId)),
      ];
      const choice = choices[op.which % Math.max(1, choices.length)];
      if (!choice) return;
      choice();
      work.picks++;
      return;
    }
    case 'type': {
      const id = live[op.node % live.length];
      if (!id) return;
      const text = op.field === 'title' ? plan.titleText(id) : plan.descriptionText(id);
      const word = `w${replica.ctx.actor.slice(-1)}${work.typed++}`;
      plan.doc.transact(() => (op.atEnd ? text.insert(text.length, ` ${word} `) : text.insert(0, ` ${word} `)), plan.origin);
      replica.typed.push(word);
      return;
    }
    case 'undo': undo.undo(); work.undos++; return;
    case 'redo': undo.redo(); work.undos++; return;
    case 'metric': {
      const measured = live.filter((id) => records.get(id)!.kind === 'key_result');
      const id = op.id ?? measured[op.node % Math.max(1, measured.length)];
      if (!id) return;
      const patches: Record<string, unknown>[] = [
        { unit: (['%', 'EUR', 'customers', 'days'] as const)[op.value % 4] },
        { direction: (['increase', 'decrease'] as const)[op.value % 2] },
        { target: op.value },
        { start: op.value % 50 },
      ];
      const patch = patches[op.variant]!;
      plan.updateNode(id, patch);
      const [field, value] = Object.entries(patch)[0]!;
      lastWrite = { node: id, field, value };
      work.metrics++;
      return;
    }
    case 'merge': {
      if (op.teams) {
        const growth = plan.index.teams().filter((team) => team.name === 'Growth').map((team) => team.id).sort();
        if (growth.length < 2) return;
        const [a, b] = op.reverse ? [growth[1]!, growth[0]!] : [growth[0]!, growth[1]!];
        plan.mergeTeam(a as TeamId, b as TeamId);
      } else {
        const ana = plan.index.people().filter((person) => person.name === 'Ana').map((person) => person.id).sort();
        if (ana.length < 2) return;
        const [a, b] = op.reverse ? [ana[1]!, ana[0]!] : [ana[0]!, ana[1]!];
        plan.mergePerson(a as PersonId, b as PersonId);
      }
      work.merges++;
      return;
    }
  }
}

function isExtra(op: Op): op is ExtraOp {
  return ['rename', 'undo', 'redo', 'metric', 'merge', 'pick', 'type'].includes(op.op);
}

export function runOffsite(steps: readonly Step[], work: OffsiteWork): void {
  const origin = new Y.Doc();
  const originPlan = openPlan(origin, new TestContext(undefined, 'setup', 's'));
  seed(originPlan);
  originPlan.index.destroy();
  const base = Y.encodeStateAsUpdate(origin);
  const replicas: Replica[] = [];
  for (let i = 0; i < REPLICAS; i++) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, base);
    const ctx = new TestContext(undefined, `user${i}`, `r${i}x`);
    const plan = openPlan(doc, ctx);
    const replica: Replica = { doc, ctx, plan, undo: createUndoManager(plan, { captureTimeout: 0 }), stats: newStats(), outbox: Array.from({ length: REPLICAS }, () => []), typed: [] };
    doc.on('update', (update: Uint8Array, updateOrigin: unknown) => {
      if (updateOrigin === REMOTE) return;
      for (let peer = 0; peer < REPLICAS; peer++) if (peer !== i) replica.outbox[peer]!.push(update);
    });
    replicas.push(replica);
  }
  const writes: Write[] = [];
  const seen: Seen[] = [];
  const cut = new Set<string>();
  const link = (a: number, b: number) => `${Math.min(a, b)}-${Math.max(a, b)}`;
  let edits = 0;
  /** One replica's edit, with what it wrote and what it had seen noted for the checks after the full sync. */
  const edit = (at: number, op: Op, n: number) => {
    const replica = replicas[at]!;
    replica.ctx.advance(0.001);
    const seenBefore = Y.decodeStateVector(Y.encodeStateVector(replica.doc));
    const client = replica.doc.clientID;
    lastWrite = null;
    if (isExtra(op)) {
      try { applyExtra(replica, op, work); } catch (error) { if (!isPlanError(error)) throw error; lastWrite = null; }
    } else {
      const effect = applyFuzzOp(replica.plan, replica.ctx, op, replica.stats);
      if (effect?.kind === 'move') lastWrite = { node: effect.node, field: 'place', value: effect.parent };
    }
    const clockAfter = Y.getState(replica.doc.store, client);
    const anyField = ['undo', 'redo', 'update', 'pick', 'type'].includes(op.op);
    // What else puts a node elsewhere: a restore rewrites its place, a delete or purge hides it or re-attaches its children.
    const placing = ['restore', 'delete', 'purge'].includes(op.op);
    const written = lastWrite as { node: string; field: string; value: unknown } | null;
    // An undo may only delete (no new Yjs item): it is counted as a writer whatever it wrote.
    const order = ++edits;
    seen.push({ step: order, node: anyField ? null : written?.node ?? '', field: anyField ? null : written?.field ?? '', seenBefore });
    if (placing) seen.push({ step: order, node: null, field: 'place', seenBefore });
    if (written && clockAfter > (seenBefore.get(client) ?? 0)) writes.push({ step: order, replica: at, ...written, client, clockAfter, label: `step ${n} on replica ${at}` });
  };
  const refreshed = (touched: number, n: number) => {
    const replica = replicas[touched]!;
    replica.plan.index.refresh(replica.ctx.time);
    assertTreeInvariants(replica.plan, `replica ${touched} after step ${n}`);
  };
  /** Delivers everything queued from one replica to another (as a reconnect does), unless their link is cut. */
  const deliverAll = (from: number, to: number) => {
    if (cut.has(link(from, to))) return false;
    for (const update of replicas[from]!.outbox[to]!.splice(0)) Y.applyUpdate(replicas[to]!.doc, update, REMOTE);
    return true;
  };
  steps.forEach((step, n) => {
    let touched: number | null = null;
    if (step.kind === 'edit') {
      touched = step.replica;
      edit(step.replica, step.op, n);
    } else if (step.kind === 'clash') {
      if (step.a === step.b) return;
      // The node by id, live on both replicas (their trees may differ): the same field of the same node.
      const liveOn = (at: number) => { const { tree, records } = replicas[at]!.plan.index.structure(); return new Set([...tree.parent.keys()].map((key) => records.get(key)!)); };
      const onB = new Set([...liveOn(step.b)].map((record) => record.id));
      const metric = step.field === 'target' || step.field === 'unit';
      const shared = [...liveOn(step.a)].filter((record) => onB.has(record.id) && (!metric || record.kind === 'key_result')).map((record) => record.id).sort();
      const id = shared[step.node % Math.max(1, shared.length)];
      if (!id) return;
      const opOf = (value: number): Op => (metric
        ? { op: 'metric', node: 0, variant: step.field === 'unit' ? 0 : 2, value: step.field === 'unit' ? value : 10 + value, id }
        : { op: 'rename', node: 0, field: step.field as 'title' | 'description', text: value, id });
      edit(step.a, opOf(step.first), n);
      edit(step.b, opOf(step.second), n);
      work.clashes++;
      refreshed(step.a, n);
      touched = step.b;
      if (step.meet) {
        deliverAll(step.a, step.b);
        deliverAll(step.b, step.a);
        refreshed(step.a, n);
        work.offered += replicas[step.a]!.plan.index.node(id as NodeId)?.conflicts.length ?? 0;
        work.offered += replicas[step.a]!.plan.index.node(id as NodeId)?.fieldConflicts.length ?? 0;
        // Replica a takes one of what it is offered, as the detail panel's "use it" does, while b may still edit.
        if (step.pick) {
          edit(step.a, { op: 'pick', node: 0, which: step.first, id }, n);
          refreshed(step.a, n);
        }
      }
    } else if (step.kind === 'partition') {
      if (step.a !== step.b) {
        const key = link(step.a, step.b);
        if (cut.has(key)) cut.delete(key); else cut.add(key);
      }
    } else if (step.from !== step.to && !cut.has(link(step.from, step.to))) {
      const queue = replicas[step.from]!.outbox[step.to]!;
      const count = step.keep === 0 ? queue.length : Math.ceil(queue.length / (step.keep + 1));
      const batch = queue.splice(0, count);
      if (step.reverse) batch.reverse();
      for (const update of batch) Y.applyUpdate(replicas[step.to]!.doc, update, REMOTE);
      touched = step.to;
    }
    if (touched !== null) refreshed(touched, n);
  });

  for (let round = 0; round < 2; round++) {
    for (const from of replicas) for (const to of replicas) if (from !== to) Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc)), REMOTE);
  }
  const now = Math.max(...replicas.map((replica) => replica.ctx.time));
  const snapshots = replicas.map((replica, i) => {
    replica.plan.index.refresh(now);
    assertTreeInvariants(replica.plan, `replica ${i} after full sync`);
    const fresh = new PlanIndex(replica.doc, { now });
    const shown = snapshotEverything(replica.plan.index);
    expect(shown, `replica ${i}: incremental index equals a full recompute`).toEqual(snapshotEverything(fresh));
    fresh.destroy();
    const descriptions = [...replica.plan.index.walk()].map((id) => replica.plan.index.description(id));
    return { shown, descriptions, teams: replica.plan.index.teams() };
  });
  for (let i = 1; i < REPLICAS; i++) expect(snapshots[i], `replica ${i} shows the same plan as replica 0`).toEqual(snapshots[0]);

  // Nothing lost, no nonsense.
  const reference = replicas[0]!;
  const stored = new Set(planTypes(reference.doc).checkins.toArray().map((raw) => decodeCheckIn(raw)?.id));
  for (const replica of replicas) for (const id of replica.stats.checkIns) expect(stored.has(id), `check-in ${id} by ${replica.ctx.actor} survived`).toBe(true);
  work.checkIns += stored.size;
  const seedWords = new Set(['Grow', 'Excel', 'Win', 'EU', 'Sales', 'Marketing', 'Revenue', 'Logos', 'Churn', 'Campaign', 'Save', 'desk', 'Outbound', 'Ads', 'Copy', 'Blog', 'Video', 'a', 'b', 'c', 'launch', 'hire']);
  const typedWords = replicas.flatMap((replica) => replica.typed);
  const titleWords = new Set([...seedWords, ...TITLES.flatMap(words), ...typedWords]);
  const descriptionWords = new Set([...DESCRIPTIONS.flatMap(words), ...typedWords]);
  const index = reference.plan.index;
  for (const id of index.walk()) {
    for (const word of words(index.title(id))) expect(titleWords.has(word), `title of ${id} "${index.title(id)}" shows "${word}", which nobody wrote`).toBe(true);
    const description = index.description(id);
    for (const word of words(description)) expect(descriptionWords.has(word), `description of ${id} "${description}" shows "${word}", which nobody wrote`).toBe(true);
    work.conflictsShown += index.node(id)?.conflicts.length ?? 0;
  }
  // A write that lost is offered: shown, offered as a conflict, or replaced by a later write that saw it.
  for (const write of writes) {
    const view = index.node(write.node as NodeId);
    if (!view) continue; // hidden or purged with its item
    const laterSaw = seen.some((other) => other.step > write.step
      && (other.seenBefore.get(write.client) ?? 0) >= write.clockAfter
      && ((other.node === null && (other.field === null || other.field === write.field)) || (other.node === write.node && other.field === write.field)));
    if (laterSaw) continue;
    if (write.field === 'place') {
      // A move that lost a cycle goes back and says whose (displaced); one whose parent went is re-attached.
      const { tree } = reference.plan.index.structure();
      if (view.displaced || view.reattached || !tree.parent.has(String(write.value)) && write.value !== ROOT_ID) continue;
      const offered = view.lostMoves.some((move) => move.parent === write.value);
      expect(view.parent === write.value || offered, `${write.label}: the move of ${write.node} under ${String(write.value)} lost to ${view.parent} without a word (lost moves ${JSON.stringify(view.lostMoves)})`).toBe(true);
    } else if (write.field === 'title' || write.field === 'description') {
      const shownText = write.field === 'title' ? index.title(write.node) : index.description(write.node);
      const offered = view.conflicts.some((conflict) => conflict.field === write.field && conflict.text === write.value);
      const merged = words(String(write.value)).every((word) => words(shownText).includes(word));
      expect(shownText === write.value || offered || merged, `${write.label}: the ${write.field} "${String(write.value)}" of ${write.node} lost to "${shownText}" without a word (conflicts ${JSON.stringify(view.conflicts)})`).toBe(true);
    } else {
      const shownValue = (view.fields as Record<string, unknown>)[write.field];
      const offered = view.fieldConflicts.some((conflict) => conflict.field === write.field && conflict.value === write.value);
      expect(shownValue === write.value || offered, `${write.label}: ${write.field} = ${String(write.value)} on ${write.node} lost to ${String(shownValue)} without a word (conflicts ${JSON.stringify(view.fieldConflicts)})`).toBe(true);
    }
    work.writesChecked++;
  }
  work.scenarios++;
  for (const replica of replicas) { replica.undo.destroy(); replica.plan.index.destroy(); }
}

const sameMomentUnitClash = '[{"kind":"edit","replica":2,"op":{"op":"checkIn","node":588,"value":0,"confidence":0,"blocker":false}},{"kind":"clash","a":1,"b":0,"node":0,"field":"unit","first":0,"second":0,"meet":false},{"kind":"edit","replica":0,"op":{"op":"zone","zone":"UTC"}},{"kind":"deliver","from":0,"to":0,"keep":0,"reverse":false},{"kind":"clash","a":0,"b":0,"node":0,"field":"title","first":0,"second":0,"meet":false},{"kind":"edit","replica":0,"op":{"op":"metric","node":0,"variant":0,"value":4}},{"kind":"clash","a":0,"b":0,"node":0,"field":"title","first":0,"second":0,"meet":false},{"kind":"edit","replica":0,"op":{"op":"checkIn","node":0,"value":0,"confidence":0,"blocker":false}},{"kind":"edit","replica":0,"op":{"op":"nest","tasks":false,"node":0,"under":0}},{"kind":"deliver","from":0,"to":0,"keep":0,"reverse":false},{"kind":"deliver","from":0,"to":0,"keep":0,"reverse":false},{"kind":"edit","replica":0,"op":{"op":"pick","node":0,"which":0}},{"kind":"edit","replica":0,"op":{"op":"merge","teams":false,"reverse":false}},{"kind":"edit","replica":0,"op":{"op":"rename","node":0,"field":"title","text":0}},{"kind":"deliver","from":0,"to":0,"keep":0,"reverse":false},{"kind":"deliver","from":0,"to":0,"keep":0,"reverse":false},{"kind":"clash","a":0,"b":0,"node":0,"field":"title","first":0,"second":0,"meet":false}]';

export const stepsArb = fc.array(stepArb, { minLength: 15, maxLength: 50, size: 'max' });
export function newOffsiteWork(): OffsiteWork { return { scenarios: 0, renames: 0, undos: 0, merges: 0, metrics: 0, conflictsShown: 0, checkIns: 0, writesChecked: 0, picks: 0, typed: 0, clashes: 0, offered: 0 }; }

describe('offsite conflicts fuzzer', () => {
  // FUZZ_REPLAY=trace.json replays one scenario (a counterexample) alone. Declared only then, so that an
  // ordinary run reports no skipped test.
  const replay = process.env.FUZZ_REPLAY;
  if (replay) {
    it(`replays ${replay}`, () => {
      runOffsite(JSON.parse(readFileSync(replay, 'utf8')) as Step[], newOffsiteWork());
    });
  }

  // Found by the clashes (seed 44): two replicas set one key result's unit to "%" at the same moment; the
  // "unit changed … by" signal named whichever record each replica had met first (derive.ts laterUnitEdit).
  it('pinned: one unit set on two replicas at the same moment is told as the same person\'s change everywhere (leftovers46b)', () => {
    runOffsite(JSON.parse(sameMomentUnitClash) as Step[], newOffsiteWork());
  });

  it(`${REPLICAS} replicas with undo, renames, metric changes and merges converge without nonsense (${RUNS} scenarios, seed ${SEED})`, { timeout: 600_000 }, () => {
    const work = newOffsiteWork();
    fc.assert(fc.property(stepsArb, (steps) => { if (process.env.FUZZ_TRACE) writeFileSync(process.env.FUZZ_TRACE, JSON.stringify(steps)); runOffsite(steps, work); }), { seed: SEED, numRuns: RUNS });
    console.log(`offsite fuzzer: ${JSON.stringify(work)}`);
    expect(work.scenarios).toBe(RUNS);
    expect(work.renames).toBeGreaterThan(RUNS);
    expect(work.undos).toBeGreaterThan(RUNS);
    expect(work.conflictsShown).toBeGreaterThan(0);
    // The conflict UI's paths are exercised, not reached by chance: clashes offer a choice right after they
    // meet, and the replicas pick offered ones (1 pick in 100 scenarios before the clashes, leftovers45a).
    expect(work.clashes).toBeGreaterThan(RUNS);
    expect(work.offered).toBeGreaterThan(RUNS / 2);
    expect(work.picks).toBeGreaterThan(RUNS / 10);
  });
});

