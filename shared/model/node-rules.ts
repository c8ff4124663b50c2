/** Validation of node operations against the current doc state: ids, cascade, fields, references. */
import { PlanError } from './errors.js';
import { isRemoved } from './removed.js';
import { checkFieldValue, describe, FIELD_RULES, FIELD_WORDS, fieldWords } from './fields.js';
import { metricValueProblem, type FigureFormat } from './unit-bounds.js';
import { parseDate } from './dates.js';
import { showsNothing } from '../text/invisible-text.js';
import { KIND_LABELS, ROOT_ID, ALLOWED_PARENTS, fieldAllowed, parentAllowed, type NodeFieldName, type NodeKind } from './schema.js';
import type { NodeRecord, PlanTypes } from './doc.js';
import type { PlanIndex } from './plan-index.js';
import type { NodeFields } from './fields.js';

const labelOf = (kind: NodeKind | typeof ROOT_ID) => (kind === ROOT_ID ? 'the plan root' : `${/^[aeiouAEIOU]/.test(KIND_LABELS[kind]) ? 'an' : 'a'} ${KIND_LABELS[kind]}`);

export class NodeRules {
  constructor(private readonly index: PlanIndex, private readonly types: PlanTypes, private readonly now: () => number) {}

  /** The record of a live (not deleted) node, or a PlanError naming the problem. */
  liveRecord(id: unknown): NodeRecord {
    if (typeof id !== 'string') throw new PlanError('invalid-input', `expected a node id, got ${describe(id)}`);
    const { tree, records } = this.index.structure();
    const record = records.get(id);
    if (!record) throw new PlanError('unknown-node', `no item ${describe(id)} in this plan`);
    if (tree.hidden.has(id)) throw new PlanError('deleted-node', `the item ${id} is deleted; restore it first`);
    return record;
  }

  /** The kind of a live parent (ROOT_ID for the plan root). */
  liveParentKind(parent: string): NodeKind | typeof ROOT_ID {
    if (parent === ROOT_ID) return ROOT_ID;
    return this.liveRecord(parent).kind;
  }

  /** Throws 'kind-not-allowed' unless `kind` may sit under a parent of `parentKind` (SPEC §2 cascade). */
  assertKindAllowed(kind: NodeKind, parentKind: NodeKind | typeof ROOT_ID, parentId: string): void {
    if (parentAllowed(kind, parentKind)) return;
    const allowed = ALLOWED_PARENTS[kind].map(labelOf).join(' or ');
    throw new PlanError('kind-not-allowed', `${labelOf(kind)} cannot be placed under ${labelOf(parentKind)}${parentId === ROOT_ID ? '' : ` (${parentId})`}; it belongs under ${allowed}`);
  }

  /** Order keys of siblings (excluding the moving node). */
  siblingOrders(children: readonly string[], except: string | null): string[] {
    const { records } = this.index.structure();
    const orders: string[] = [];
    for (const child of children) if (child !== except) orders.push(records.get(child)!.place.order);
    return orders;
  }

  /**
   * Validates a field patch for a node of `kind` (current = null when creating) and returns the writes
   * to make, null meaning delete. Status changes stamp or clear blockedSince and doneAt.
   */
  checkFields(kind: NodeKind, patch: Record<string, unknown>, current: NodeRecord | null, namingRemoved?: ReadonlySet<string>): Map<NodeFieldName, unknown> {
    const writes = new Map<NodeFieldName, unknown>();
    for (const [name, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (!fieldAllowed(kind, name)) throw new PlanError('field-not-allowed', `${labelOf(kind)} has no field ${fieldWords(name).startsWith('"') ? fieldWords(name) : `“${fieldWords(name)}”`}`);
      if (value === null || (name === 'archived' && value === false)) { writes.set(name, null); continue; }
      const error = checkFieldValue(kind, name, value);
      if (error) throw error;
      const rule = FIELD_RULES[name];
      // A unit, horizon or blocked reason of only spaces or zero-width characters says nothing: the
      // field is cleared, as an emptied field is (invisible-text.ts), never stored looking empty.
      if (rule.type === 'text' && showsNothing(value as string)) { writes.set(name, null); continue; }
      if (rule.type === 'ref') this.assertRefExists(rule.refers, value as string, name, namingRemoved);
      writes.set(name, value);
    }
    const status = writes.get('status');
    if (kind === 'task' && status !== undefined && status !== current?.fields.status) {
      const now = this.now();
      if (status === 'blocked' && !writes.has('blockedSince')) writes.set('blockedSince', now);
      if (status !== 'blocked' && current?.fields.status === 'blocked') {
        if (!writes.has('blockedSince')) writes.set('blockedSince', null);
        if (!writes.has('blockedReason')) writes.set('blockedReason', null);
      }
      if (status === 'done' && !writes.has('doneAt')) writes.set('doneAt', now);
      if (status !== 'done' && current?.fields.status === 'done' && !writes.has('doneAt')) writes.set('doneAt', null);
    }
    const merged: NodeFields = { ...(current?.fields ?? {}) };
    for (const [name, value] of writes) (merged as Record<string, unknown>)[name] = value === null ? undefined : value;
    this.assertConsistent(kind, merged, writes);
    assertMetricValues(merged, writes);
    // Checked only when the patch sets start or target: an older plan may hold start = target, and
    // editing another field of such a key result must still work.
    if (kind === 'key_result' && (writes.has('start') || writes.has('target')) && merged.direction !== 'range' && merged.start !== undefined && merged.start === merged.target) {
      throw new PlanError('invalid-input', `start and target are both ${merged.start}: a key result measures change, so its target must differ from its start`);
    }
    return writes;
  }

  /** `namingRemoved`: removed people or teams the caller was told to name as they are (an import, people38). */
  private assertRefExists(refers: 'person' | 'team' | 'period', id: string, field: string, namingRemoved?: ReadonlySet<string>): void {
    const map: { has(key: string): boolean } = refers === 'person' ? this.types.people : refers === 'team' ? this.types.teams : this.types.periods;
    if (!map.has(id)) throw new PlanError(`unknown-${refers}`, `the ${fieldWords(field)} ${describe(id)} is no ${refers} in this plan`);
    // A removed person or team is no choice (pickers leave them out); items that named them keep them, flagged.
    if (refers !== 'period' && !namingRemoved?.has(id) && isRemoved(refers === 'person' ? this.types.people : this.types.teams, id)) {
      const name: unknown = (refers === 'person' ? this.types.people : this.types.teams).get(id)?.get('name');
      throw new PlanError(`removed-${refers}`, `the ${fieldWords(field)} ${describe(typeof name === 'string' ? name : id)} was removed from this plan; restore ${refers === 'person' ? 'them' : 'it'} first or choose another`);
    }
  }

  /**
   * Cross-field rules on the merged fields, each checked when the patch writes one of its fields.
   * Two people's edits, each valid alone, can merge into bounds that cross (rollups.ts crossedBounds):
   * the node then says so, and an edit of its owner or weight must still work rather than be refused
   * over bounds this edit does not touch; an edit of one of those bounds must make them agree.
   */
  private assertConsistent(kind: NodeKind, fields: NodeFields, writes: ReadonlyMap<NodeFieldName, unknown>): void {
    const { start, target, direction, rangeLow, rangeHigh, healthyLow, healthyHigh, startDate, dueDate } = fields;
    const touches = (...names: NodeFieldName[]) => names.some((name) => writes.has(name));
    if (kind === 'key_result' && start !== undefined && target !== undefined && touches('start', 'target', 'direction')) {
      if (direction === 'increase' && target < start) throw new PlanError('invalid-input', `an increasing key result needs target ≥ start (start ${start}, target ${target})`);
      if (direction === 'decrease' && target > start) throw new PlanError('invalid-input', `a decreasing key result needs target ≤ start (start ${start}, target ${target})`);
    }
    if (rangeLow !== undefined && rangeHigh !== undefined && rangeLow > rangeHigh && (touches('rangeLow', 'rangeHigh') || writes.get('direction') === 'range')) throw new PlanError('invalid-input', `the range's low ${rangeLow} is above its high ${rangeHigh}`);
    if (healthyLow !== undefined && healthyHigh !== undefined && healthyLow > healthyHigh && touches('healthyLow', 'healthyHigh')) throw new PlanError('invalid-input', `the healthy range's low ${healthyLow} is above its high ${healthyHigh}`);
    if (startDate !== undefined && dueDate !== undefined && parseDate(startDate)! > parseDate(dueDate)! && touches('startDate', 'dueDate')) throw new PlanError('invalid-date', `the start date ${startDate} is after the due date ${dueDate}`);
  }
}

/** The fields holding a value of the node's metric, in its unit. */
const METRIC_FIELDS = ['start', 'target', 'rangeLow', 'rangeHigh', 'healthyLow', 'healthyHigh'] as const;

/**
 * Why the metric values a patch writes cannot be taken (each one written, or every one when it changes the unit,
 * must be one its unit can take, unit-bounds.ts), or null. `fields`: the node's fields with the patch applied.
 * `format`: how the message prints a figure — a screen passes the person's number formatting, so a refusal
 * groups "12.000" as the warnings and the history beside it do (leftovers46a; the model alone writes "12000").
 */
export function metricFieldsProblem(fields: NodeFields, written: ReadonlySet<string>, format?: FigureFormat): string | null {
  const unitChanged = written.has('unit');
  for (const name of METRIC_FIELDS) {
    const value = fields[name];
    if (value === undefined || (!unitChanged && !written.has(name))) continue;
    const problem = metricValueProblem(value, fields.unit, `the ${FIELD_WORDS[name]}`, format);
    if (problem) return unitChanged && !written.has(name) ? `the unit ${JSON.stringify(fields.unit)} cannot be set: ${problem}` : problem;
  }
  return null;
}

/**
 * Each metric value the patch writes, or every one when it changes the unit, must be one its unit can
 * take (unit-bounds.ts): a target of 1e308 or an NPS target of 12,000 is refused, naming the bounds.
 * A value that arrived by sync is not judged until this node's bounds or unit are edited.
 */
function assertMetricValues(fields: NodeFields, writes: ReadonlyMap<NodeFieldName, unknown>): void {
  const problem = metricFieldsProblem(fields, new Set(writes.keys()));
  if (problem) throw new PlanError('out-of-range', problem);
}
