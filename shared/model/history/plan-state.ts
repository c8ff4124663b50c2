/**
 * What a review compares: per live node, the fields a diff covers, read from a PlanIndex — the same
 * index the live plan uses, whether it indexes the live doc or the plan as of a review point.
 */
import type { CheckIn } from '../checkins.js';
import type { PlanIndex } from '../plan-index.js';
import { ROOT_ID, type NodeKind } from '../schema.js';
import type { Health } from '../signal-types.js';
import type { BaselineNode, PlanBaseline } from '../views.js';

/** The node fields a review reports changes of (besides place and title). */
export const REVIEW_FIELDS = ['target', 'weight', 'priority', 'owner', 'startDate', 'dueDate', 'status'] as const;
export type ReviewField = (typeof REVIEW_FIELDS)[number];
export type ReviewFieldValue = string | number | null;

/** One live node as a review sees it. */
export interface NodeState {
  kind: NodeKind;
  parent: string;
  title: string;
  fields: Record<ReviewField, ReviewFieldValue>;
  /** Progress rounded to 0.001 (finer moves are noise in a review), or null. */
  progress: number | null;
  health: Health;
  /** Blocked: a blocked status or a blocker raised in the latest check-ins. */
  blocked: boolean;
  blockedReason: string | null;
}

/** The plan at one moment: every live node and every check-in of a live node. */
export interface PlanState {
  at: number;
  nodes: Map<string, NodeState>;
  checkIns: Map<string, CheckIn>;
  /** Strategy (top-level node) of every node, for grouping. */
  strategyOf: Map<string, string>;
  /** Only kind, place, title, target, weight, priority and owner are known (a device-local review point). */
  partial: boolean;
}

const round3 = (value: number | null): number | null => (value === null ? null : Math.round(value * 1000) / 1000);

function emptyFields(): Record<ReviewField, ReviewFieldValue> {
  return { target: null, weight: null, priority: null, owner: null, startDate: null, dueDate: null, status: null };
}

/** The state of the plan an index shows (call `index.refresh(at)` first). */
export function planStateOf(index: PlanIndex, at: number): PlanState {
  const nodes = new Map<string, NodeState>();
  const checkIns = new Map<string, CheckIn>();
  const strategyOf = new Map<string, string>();
  for (const id of index.walk()) {
    const view = index.node(id);
    if (!view) continue;
    const fields = emptyFields();
    for (const field of REVIEW_FIELDS) {
      const value = view.fields[field];
      fields[field] = typeof value === 'string' || typeof value === 'number' ? value : null;
    }
    const blocked = view.signals.find((signal) => signal.kind === 'blocked');
    nodes.set(id, {
      kind: view.kind, parent: view.parent, title: view.title, fields,
      progress: round3(view.progress), health: view.health,
      blocked: blocked !== undefined,
      blockedReason: blocked && blocked.kind === 'blocked' ? blocked.evidence.reason : null,
    });
    strategyOf.set(id, view.parent === ROOT_ID ? id : strategyOf.get(view.parent) ?? id);
    for (const checkIn of index.checkIns(id)) checkIns.set(checkIn.id, checkIn);
  }
  return { at, nodes, checkIns, strategyOf, partial: false };
}

/** The state a device-local review point remembered (no dates, status, progress, health, check-ins). */
export function planStateOfLegacy(legacy: PlanBaseline): PlanState {
  const nodes = new Map<string, NodeState>();
  for (const [id, node] of Object.entries(legacy.nodes)) {
    nodes.set(id, {
      kind: node.kind, parent: node.parent, title: node.title,
      fields: { ...emptyFields(), target: node.target, weight: node.weight, priority: node.priority, owner: node.owner },
      progress: null, health: 'on_track', blocked: false, blockedReason: null,
    });
  }
  const strategyOf = new Map<string, string>();
  const strategy = (id: string, depth: number): string => {
    const known = strategyOf.get(id);
    if (known) return known;
    const parent = nodes.get(id)?.parent ?? ROOT_ID;
    const result = parent === ROOT_ID || !nodes.has(parent) || depth > 1000 ? id : strategy(parent, depth + 1);
    strategyOf.set(id, result);
    return result;
  };
  for (const id of nodes.keys()) strategy(id, 0);
  return { at: legacy.at, nodes, checkIns: new Map(), strategyOf, partial: true };
}

/** What priority-shift signals compare against: the baseline review point's state of each node. */
export function baselineOfState(state: PlanState, name: string): PlanBaseline {
  const nodes: Record<string, BaselineNode> = {};
  for (const [id, node] of state.nodes) {
    const { target, weight, priority, owner } = node.fields;
    nodes[id] = {
      kind: node.kind, parent: node.parent, title: node.title,
      target: typeof target === 'number' ? target : null,
      weight: typeof weight === 'number' ? weight : null,
      priority: typeof priority === 'string' ? priority : null,
      owner: typeof owner === 'string' ? owner : null,
    };
  }
  return { at: state.at, name, nodes };
}
