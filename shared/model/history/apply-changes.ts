/**
 * Applies a diff's changes to the earlier plan state: the result equals the later state for every
 * field the diff covers. The property test holds the diff to this; it also documents, in code, what
 * each change means.
 */
import { RANGE_FIELDS, type ReviewChange } from './diff.js';
import type { NodeState, PlanState } from './plan-state.js';
import type { CheckIn } from '../checkins.js';

/** The earlier state with `changes` applied (a new state; the input is not touched). */
export function applyReviewChanges(earlier: PlanState, changes: readonly ReviewChange[], at: number): PlanState {
  const nodes = new Map<string, NodeState>();
  for (const [id, node] of earlier.nodes) nodes.set(id, { ...node, fields: { ...node.fields } });
  const checkIns = new Map(earlier.checkIns);
  const heldCheckIns = new Map(earlier.heldCheckIns);
  /** Moves a node's check-ins between shown and held (a node removed keeps its check-ins; one back brings them). */
  const carry = (nodeId: string, from: Map<string, CheckIn>, to: Map<string, CheckIn>) => {
    for (const [id, checkIn] of from) if (checkIn.nodeId === nodeId) { from.delete(id); to.set(id, checkIn); }
  };
  const periodDates = new Map(earlier.periodDates);
  const update = (id: string): NodeState => {
    const node = nodes.get(id);
    if (!node) throw new Error(`a change names node ${id}, which the earlier plan does not have`);
    return node;
  };
  for (const change of changes) {
    switch (change.kind) {
      case 'added':
        nodes.set(change.nodeId, { ...change.node, fields: { ...change.node.fields } });
        // Its check-ins from before the earlier plan (a restored item's) are shown again, not listed as new.
        carry(change.nodeId, heldCheckIns, checkIns);
        break;
      case 'removed':
        nodes.delete(change.nodeId);
        carry(change.nodeId, checkIns, heldCheckIns);
        break;
      case 'moved': update(change.nodeId).parent = change.to; break;
      case 'retitled': update(change.nodeId).title = change.after; break;
      case 'field': update(change.nodeId).fields[change.field] = change.after; break;
      case 'range': {
        const [low, high] = RANGE_FIELDS[change.range];
        const { fields } = update(change.nodeId);
        fields[low] = change.after.low;
        fields[high] = change.after.high;
        break;
      }
      case 'progress': update(change.nodeId).progress = change.after; break;
      case 'health': update(change.nodeId).health = change.after; break;
      case 'blocker': {
        const node = update(change.nodeId);
        node.blocked = change.state === 'new';
        node.blockedReason = change.state === 'new' ? change.reason : null;
        break;
      }
      case 'check-ins': for (const checkIn of change.checkIns) checkIns.set(checkIn.id, checkIn); break;
      case 'period-dates': periodDates.set(change.periodId, { ...change.after }); break;
    }
  }
  return { at, nodes, checkIns, strategyOf: new Map(), partial: earlier.partial, periodNames: earlier.periodNames, periodDates, heldCheckIns, blockerCheckIns: new Map() };
}
