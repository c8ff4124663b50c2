// Random plan edits for the history properties: the ops two replicas make between review points.
import fc from 'fast-check';
import * as Y from 'yjs';
import { ROOT_ID, isPlanError, type NodeKind, type Plan } from '../../../../shared/model/index.js';
import { closePlanAsOf, openPlanAsOf, planStateOf, type PlanState, type ReviewPoint } from '../../../../shared/model/history/index.js';

const childKind: Partial<Record<NodeKind | 'root', NodeKind>> = {
  root: 'strategy', strategy: 'objective', objective: 'key_result', key_result: 'initiative', initiative: 'task', task: 'task',
};

/** The fields an op may set: what leaders decide, and every goalpost that moves a figure (review36a F1). */
const OP_FIELDS = [
  'target', 'weight', 'priority', 'owner', 'dueDate', 'status',
  'start', 'rangeLow', 'rangeHigh', 'healthyLow', 'healthyHigh', 'direction', 'unit', 'manualProgress', 'period', 'archived',
] as const;
type OpField = (typeof OP_FIELDS)[number];

export type Op =
  | { type: 'create'; pick: number }
  | { type: 'field'; pick: number; field: OpField; value: number }
  | { type: 'kpi'; pick: number }
  | { type: 'move'; pick: number; to: number }
  | { type: 'title'; pick: number; text: string }
  | { type: 'delete'; pick: number }
  | { type: 'restore'; pick: number }
  | { type: 'checkIn'; pick: number; value: number; blocker: boolean }
  | { type: 'sync' };

export const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ type: fc.constant('create' as const), pick: fc.nat() }),
  // Field edits weigh more: there are sixteen fields to cover.
  { arbitrary: fc.record({ type: fc.constant('field' as const), pick: fc.nat(), field: fc.constantFrom(...OP_FIELDS), value: fc.nat(200) }), weight: 4 },
  fc.record({ type: fc.constant('kpi' as const), pick: fc.nat() }),
  fc.record({ type: fc.constant('move' as const), pick: fc.nat(), to: fc.nat() }),
  fc.record({ type: fc.constant('title' as const), pick: fc.nat(), text: fc.string({ minLength: 1, maxLength: 12 }) }),
  fc.record({ type: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ type: fc.constant('restore' as const), pick: fc.nat() }),
  fc.record({ type: fc.constant('checkIn' as const), pick: fc.nat(), value: fc.nat(200), blocker: fc.boolean() }),
  fc.constant({ type: 'sync' as const }),
);

const fieldHolders: Record<OpField, NodeKind[]> = {
  target: ['key_result'], weight: ['objective', 'key_result'], priority: ['strategy', 'objective', 'key_result', 'initiative', 'task'],
  owner: ['objective', 'key_result', 'initiative', 'task'], dueDate: ['initiative', 'task'], status: ['initiative', 'task'],
  start: ['key_result'], rangeLow: ['key_result'], rangeHigh: ['key_result'], healthyLow: ['kpi'], healthyHigh: ['kpi'],
  direction: ['key_result', 'kpi'], unit: ['key_result', 'kpi'], manualProgress: ['initiative'], period: ['objective', 'key_result'],
  archived: ['objective', 'key_result', 'kpi', 'initiative', 'task'],
};
const priorities = ['critical', 'high', 'medium', 'low'] as const;
const statuses = ['todo', 'in_progress', 'blocked', 'done', 'dropped'] as const;

function fieldValue(op: Extract<Op, { type: 'field' }>, kind: NodeKind, people: string[], periods: string[]): unknown {
  switch (op.field) {
    case 'start': case 'rangeLow': case 'healthyLow': return op.value % 50;
    case 'rangeHigh': case 'healthyHigh': return 50 + (op.value % 50);
    case 'direction': return (['increase', 'decrease', 'range'] as const)[op.value % 3];
    case 'unit': return ['k€', 'M€', '%'][op.value % 3];
    // Cleared sometimes: a manual progress taken away counts tasks again.
    case 'manualProgress': return op.value % 4 === 0 ? undefined : (op.value % 101) / 100;
    case 'period': return periods[op.value % periods.length];
    case 'archived': return op.value % 2 === 0;
    case 'target': return op.value;
    case 'weight': return op.value % 5;
    case 'priority': return priorities[op.value % priorities.length];
    case 'owner': return people[op.value % people.length];
    case 'dueDate': return `2027-0${1 + (op.value % 9)}-1${op.value % 10}`;
    case 'status': return kind === 'task' ? statuses[op.value % statuses.length] : (['proposed', 'active', 'paused', 'done'] as const)[op.value % 4];
  }
}

/** What an op made that a diff names an author for: a node it created, or the node it restored. */
export interface OpMade { created?: string; restored?: string }

/** Runs one op; operations the plan refuses (a cycle, a kind not allowed…) are simply not made. */
export function runOp(plan: Plan, op: Op, people: string[], periods: string[]): OpMade {
  const index = plan.index;
  index.refresh(plan.ctx.now());
  const live = [...index.walk()];
  const deleted = index.deletedNodes().map((node) => node.id);
  const pick = <T,>(list: readonly T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length]);
  try {
    switch (op.type) {
      case 'create': {
        const parent = op.pick % 5 === 0 ? ROOT_ID : pick(live, op.pick) ?? ROOT_ID;
        const kind = childKind[parent === ROOT_ID ? 'root' : index.node(parent)!.kind]!;
        const fields = kind === 'key_result' ? { start: 0, target: 100, direction: 'increase' as const } : {};
        return { created: plan.createNode({ kind, parent, title: `${kind} ${op.pick}`, ...fields }) };
      }
      case 'field': {
        const holders = live.filter((id) => fieldHolders[op.field].includes(index.node(id)!.kind));
        const id = pick(holders, op.pick);
        if (id) plan.updateNode(id, { [op.field]: fieldValue(op, index.node(id)!.kind, people, periods) });
        break;
      }
      case 'kpi': {
        const parents = live.filter((id) => ['objective', 'key_result'].includes(index.node(id)!.kind));
        const parent = pick(parents, op.pick);
        if (parent) return { created: plan.createNode({ kind: 'kpi', parent, title: `kpi ${op.pick}`, unit: '%', healthyLow: 0, healthyHigh: 3 + (op.pick % 5) }) };
        break;
      }
      case 'move': {
        const id = pick(live, op.pick);
        const parents = id ? live.filter((candidate) => childKind[index.node(candidate)!.kind] === index.node(id)!.kind) : [];
        const to = pick(parents, op.to);
        if (id && to) plan.moveNode(id, { parent: to });
        break;
      }
      case 'title': { const id = pick(live, op.pick); if (id) plan.setTitle(id, op.text); break; }
      case 'delete': { const id = pick(live, op.pick); if (id) plan.deleteNode(id); break; }
      case 'restore': { const id = pick(deleted, op.pick); if (id) { plan.restoreNode(id); return { restored: id }; } break; }
      case 'checkIn': {
        const id = pick(live, op.pick);
        if (!id) break;
        const kind = index.node(id)!.kind;
        plan.addCheckIn(id, { ...(kind === 'key_result' || kind === 'kpi' ? { value: op.value } : {}), blocker: op.blocker, note: 'n' });
        break;
      }
      case 'sync': break;
    }
  } catch (error) {
    if (!isPlanError(error)) throw error;
  }
  return {};
}

export function stateAt(doc: Y.Doc, point: ReviewPoint, plan: Plan): PlanState {
  const past = openPlanAsOf(doc, { at: point.at, snapshot: point.snapshot! }, plan.ctx);
  past.index.refresh(point.at);
  const state = planStateOf(past.index, point.at);
  closePlanAsOf(past);
  return state;
}

/** A history-keeping doc with a fixed Yjs client id. */
export function docWithClient(clientID: number): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  doc.clientID = clientID;
  return doc;
}
