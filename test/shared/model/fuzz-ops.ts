// Random plan operations for the property test and the convergence fuzzer. An operation picks its
// targets by index into the replica's current (sorted) ids, so any generated sequence is meaningful
// on any replica; operations the model refuses (PlanError) are counted and skipped.
import fc from 'fast-check';
import { ALLOWED_PARENTS, NODE_KINDS, ROOT_ID, fieldAllowed, isPlanError, type NodeId, type NodeKind, type ParentId, type Plan } from '../../../shared/model/index.js';
import type { TestContext } from './support.js';

export type FuzzOp =
  | { op: 'create'; parent: number; kind: number; title: string }
  | { op: 'update'; node: number; variant: number; value: number }
  | { op: 'move'; node: number; parent: number; index: number }
  | { op: 'nest'; tasks: boolean; node: number; under: number }
  | { op: 'delete'; node: number }
  | { op: 'restore'; node: number }
  | { op: 'purge'; node: number }
  | { op: 'checkIn'; node: number; value: number; confidence: number; blocker: boolean }
  | { op: 'text'; node: number; at: number; marker: boolean }
  | { op: 'link'; from: number; to: number; unlink: boolean }
  | { op: 'settings'; cadence: number }
  | { op: 'zone'; zone: string }
  | { op: 'clock'; days: number };

const pick = fc.nat({ max: 1000 });

/** Operations, weighted towards the ones that exercise structure and derived state. */
export const fuzzOpArb: fc.Arbitrary<FuzzOp> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('create' as const), parent: pick, kind: pick, title: fc.constantFrom('a', 'b', 'c', 'launch', 'hire') }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constant('update' as const), node: pick, variant: fc.nat({ max: 11 }), value: fc.integer({ min: -3, max: 120 }) }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('move' as const), node: pick, parent: pick, index: fc.nat({ max: 4 }) }) },
  // Moves one objective (or task) under another: done the other way round on another replica, a cycle.
  { weight: 5, arbitrary: fc.record({ op: fc.constant('nest' as const), tasks: fc.boolean(), node: fc.nat({ max: 3 }), under: fc.nat({ max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), node: pick }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('restore' as const), node: pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('purge' as const), node: pick }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('checkIn' as const), node: pick, value: fc.integer({ min: 0, max: 120 }), confidence: fc.integer({ min: 0, max: 10 }), blocker: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('text' as const), node: pick, at: pick, marker: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('link' as const), from: pick, to: pick, unlink: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('settings' as const), cadence: fc.integer({ min: 1, max: 14 }) }) },
  // The plan's zone moves every period and due date boundary: replicas changing it concurrently must converge.
  { weight: 1, arbitrary: fc.record({ op: fc.constant('zone' as const), zone: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'Pacific/Kiritimati') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('clock' as const), days: fc.integer({ min: 1, max: 10 }) }) },
);

/** The structural effect an applied operation must have once every replica has it (see checkEffects). */
export type Effect =
  | { kind: 'create' | 'move'; node: string; parent: string }
  | { kind: 'delete' | 'restore' | 'purge'; node: string };

/** What a replica did, for the "did real work" and "nothing lost" checks. */
export interface OpStats {
  applied: number;
  refused: number;
  /** Check-in ids this replica wrote. */
  checkIns: string[];
  /** Unique words this replica typed into titles, by node. */
  markers: { node: NodeId; marker: string }[];
  /** Every node this replica deleted, with the ids it knew below it and not above it (stored parents, through hidden and purged nodes). */
  deleted: { node: string; below: Set<string> }[];
}

export function newStats(): OpStats {
  return { applied: 0, refused: 0, checkIns: [], markers: [], deleted: [] };
}

/**
 * Ids below `id` following stored parents (and the parents of purged nodes), as the replica knows
 * them now, leaving out those above it (concurrent moves can put a node both above and below).
 */
export function storedDescendants(plan: Plan, id: string): Set<string> {
  const { records, purged } = plan.index.structure();
  const above = new Set<string>();
  for (let current = records.get(id)?.place.parent; current !== undefined && current !== ROOT_ID && !above.has(current);) {
    above.add(current);
    current = records.get(current)?.place.parent ?? purged.get(current)?.parent;
  }
  const children = new Map<string, string[]>();
  const add = (parent: string, child: string) => children.set(parent, [...(children.get(parent) ?? []), child]);
  for (const record of records.values()) add(record.place.parent, record.id);
  for (const [purgedId, tombstone] of purged) if (!records.has(purgedId)) add(tombstone.parent, purgedId);
  const below = new Set<string>();
  for (const stack = [id]; stack.length > 0;) {
    for (const child of children.get(stack.pop()!) ?? []) if (!below.has(child) && !above.has(child) && child !== id) { below.add(child); stack.push(child); }
  }
  return below;
}

const at = <T>(list: readonly T[], index: number): T | undefined => (list.length === 0 ? undefined : list[index % list.length]);

/**
 * Applies one fuzz operation to a replica's plan; returns its structural effect (null for other
 * operations and for refusals). Only the model's own refusal (a PlanError) counts as a refusal: any
 * other exception propagates and fails the run.
 */
export function applyFuzzOp(plan: Plan, ctx: TestContext, op: FuzzOp, stats: OpStats): Effect | null {
  let effect: Effect | null = null;
  const { tree, records } = plan.index.structure();
  // The tree's ids are its records' (checked) ids.
  const live = [...tree.parent.keys()].map((id) => records.get(id)!.id).sort();
  const places: readonly ParentId[] = [ROOT_ID, ...live];
  const deleted = [...records.values()].filter((record) => record.deleted !== null).map((record) => record.id).sort();
  const kindOf = (id: string): NodeKind | typeof ROOT_ID => (id === ROOT_ID ? ROOT_ID : records.get(id)!.kind);
  try {
    switch (op.op) {
      case 'create': {
        const parent = at(places, op.parent)!;
        const kinds = NODE_KINDS.filter((kind) => (ALLOWED_PARENTS[kind] as readonly string[]).includes(kindOf(parent)));
        const kind = at(kinds, op.kind);
        if (!kind) { stats.refused++; return null; }
        const created = plan.createNode({ kind, parent, title: op.title, ...(kind === 'task' ? { status: 'todo' as const } : {}), ...(kind === 'key_result' ? { start: 0, target: 100 } : {}) });
        effect = { kind: 'create', node: created, parent };
        break;
      }
      case 'update': {
        const id = at(live, op.node);
        if (!id) { stats.refused++; return null; }
        const kind = kindOf(id);
        const value = op.value;
        const patches: Record<string, unknown>[] = [
          { status: kind === 'task' ? (['todo', 'in_progress', 'blocked', 'done', 'dropped'] as const)[Math.abs(value) % 5] : kind === 'initiative' ? (['active', 'paused', 'done', 'proposed'] as const)[Math.abs(value) % 4] : undefined },
          { weight: Math.abs(value) % 4 },
          { target: 100 + Math.abs(value) },
          { archived: value % 2 === 0 },
          { priority: (['critical', 'high', 'medium', 'low'] as const)[Math.abs(value) % 4] },
          { dueDate: `2027-0${1 + (Math.abs(value) % 6)}-1${Math.abs(value) % 10}` },
          { manualProgress: value % 3 === 0 ? null : Math.min(1, Math.abs(value) / 100) },
          { healthyLow: 10, healthyHigh: 10 + Math.abs(value) },
          { period: plan.index.periods()[Math.abs(value) % 2]?.id },
          { team: plan.index.teams()[Math.abs(value) % 2]?.id },
          { assignee: plan.index.people()[Math.abs(value) % 2]?.id, owner: plan.index.people()[0]?.id },
          { startDate: '2027-01-01', dueDate: `2027-0${2 + (Math.abs(value) % 6)}-15` },
        ];
        const usable = patches.map((candidate) => Object.fromEntries(Object.entries(candidate).filter(([field, v]) => v !== undefined && kind !== ROOT_ID && fieldAllowed(kind, field))))
          .filter((candidate) => Object.keys(candidate).length > 0);
        const patch = at(usable, op.variant);
        if (!patch) { stats.refused++; return null; }
        plan.updateNode(id, patch);
        break;
      }
      case 'move': {
        const id = at(live, op.node);
        // Mostly parents the cascade allows (so moves happen, and cycles can form between replicas).
        const candidates = id === undefined ? [] : places.filter((p) => op.index === 4 || (ALLOWED_PARENTS[records.get(id)!.kind] as readonly string[]).includes(kindOf(p)));
        const parent = at(candidates, op.parent);
        if (!id || !parent) { stats.refused++; return null; }
        plan.moveNode(id, { parent, index: op.index });
        effect = { kind: 'move', node: id, parent };
        break;
      }
      case 'nest': {
        const nestable = live.filter((id) => kindOf(id) === (op.tasks ? 'task' : 'objective'));
        const id = at(nestable, op.node);
        const under = at(nestable, op.under);
        if (!id || !under) { stats.refused++; return null; }
        plan.moveNode(id, { parent: under });
        effect = { kind: 'move', node: id, parent: under };
        break;
      }
      case 'delete': {
        const id = at(live, op.node);
        if (!id) { stats.refused++; return null; }
        const below = storedDescendants(plan, id);
        plan.deleteNode(id);
        stats.deleted.push({ node: id, below });
        effect = { kind: 'delete', node: id };
        break;
      }
      case 'restore':
      case 'purge': {
        const id = at(deleted, op.node);
        if (!id) { stats.refused++; return null; }
        if (op.op === 'restore') plan.restoreNode(id);
        else plan.purgeNode(id);
        effect = { kind: op.op, node: id };
        break;
      }
      case 'checkIn': {
        const id = at(live, op.node);
        if (!id) { stats.refused++; return null; }
        stats.checkIns.push(plan.addCheckIn(id, { value: op.value, confidence: op.confidence, blocker: op.blocker, ...(op.blocker ? { note: 'in the way' } : {}) }));
        break;
      }
      case 'text': {
        const id = at(live, op.node);
        if (!id) { stats.refused++; return null; }
        const text = plan.titleText(id);
        const marker = ` ${ctx.actor}${stats.markers.length}`;
        plan.doc.transact(() => text.insert(op.at % (text.length + 1), op.marker ? marker : 'x'), plan.origin);
        if (op.marker) stats.markers.push({ node: id, marker: marker.trim() });
        break;
      }
      case 'link': {
        const from = at(live.filter((id) => ['initiative', 'task', 'kpi'].includes(kindOf(id))), op.from);
        const to = at(live.filter((id) => ['key_result', 'objective', 'kpi'].includes(kindOf(id))), op.to);
        if (!from || !to) { stats.refused++; return null; }
        if (op.unlink) plan.unlink(from, 'contributes_to', to);
        else plan.link(from, 'contributes_to', to);
        break;
      }
      case 'settings':
        plan.updateSettings({ cadenceDays: op.cadence });
        break;
      case 'zone':
        plan.setTimeZone(op.zone);
        break;
      case 'clock':
        ctx.advance(op.days);
        break;
    }
    stats.applied++;
    return effect;
  } catch (error) {
    if (!isPlanError(error)) throw error;
    stats.refused++;
    return null;
  }
}

/** People, teams, periods and a small cascade every replica starts with (so operations have targets). */
export function seedPlan(plan: Plan): void {
  const growth = plan.addTeam({ name: 'Growth' });
  plan.addTeam({ name: 'Platform', parent: growth });
  const ana = plan.addPerson({ name: 'Ana', team: growth });
  plan.addPerson({ name: 'Bo' });
  const q1 = plan.addPeriod({ name: 'Q1', start: '2027-01-01', end: '2027-03-31' });
  plan.addPeriod({ name: 'Q2', start: '2027-04-01', end: '2027-06-30' });
  const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
  plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Excel' });
  const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'Win EU', period: q1, team: growth });
  const teamObjective = plan.createNode({ kind: 'objective', parent: objective, title: 'Sales EU' });
  plan.createNode({ kind: 'objective', parent: objective, title: 'Marketing EU' });
  const revenue = plan.createNode({ kind: 'key_result', parent: objective, title: 'Revenue', start: 0, target: 100 });
  const logos = plan.createNode({ kind: 'key_result', parent: teamObjective, title: 'Logos', start: 0, target: 40 });
  const churn = plan.createNode({ kind: 'kpi', parent: revenue, title: 'Churn', healthyHigh: 5 });
  const campaign = plan.createNode({ kind: 'initiative', parent: revenue, title: 'Campaign', status: 'active', startDate: '2027-01-01', dueDate: '2027-03-31' });
  plan.createNode({ kind: 'initiative', parent: churn, title: 'Save desk' });
  plan.createNode({ kind: 'initiative', parent: logos, title: 'Outbound' });
  const ads = plan.createNode({ kind: 'task', parent: campaign, title: 'Ads', status: 'todo', assignee: ana });
  plan.createNode({ kind: 'task', parent: ads, title: 'Copy', status: 'done' });
  plan.createNode({ kind: 'task', parent: campaign, title: 'Blog', status: 'in_progress', dueDate: '2027-02-15' });
  plan.createNode({ kind: 'task', parent: campaign, title: 'Video', status: 'blocked' });
}
