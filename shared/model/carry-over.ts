/**
 * Carrying a key result over to the next period (review46b F3). At a quarter's close a leadership team keeps
 * working on what it missed: before, the only way was to retype the key result (title, unit, direction, target,
 * owner, team …) under the new quarter's objective and drag each of its open initiatives across by hand.
 *
 * What a carry-over does, as one undo step:
 * - a new key result under the chosen objective, with the old one's title, description, metric (unit, direction,
 *   target, range) and common fields (owner, team, priority, weight); its start is the old one's latest value
 *   (the new quarter measures from where the last one ended), its start value for a range or when none was
 *   checked in; it takes no period of its own (it is in its objective's).
 * - the old key result's open initiatives (no status or active, not archived) move under the new one, with their
 *   tasks and check-ins (a move keeps ids, so someone checking in on one meanwhile keeps it on the same item).
 * - the old key result is left as it was: its check-ins, its figure and its objective's roll-up stay the
 *   ended period's history; finished, proposed, paused or cancelled initiatives stay under it.
 * Pure: reads the index, returns what to write.
 */
import { PlanError } from './errors.js';
import { describe } from './fields.js';
import type { NodeId } from './ids.js';
import type { CreateNodeInput } from './inputs.js';
import type { PlanIndex } from './plan-index.js';

/** The fields a carried-over key result keeps (its period is its new objective's). */
const KEPT_FIELDS = ['unit', 'direction', 'target', 'rangeLow', 'rangeHigh', 'weight', 'owner', 'team', 'priority'] as const;

/** What carrying `keyResult` over to `objective` writes: the new key result, and the initiatives that move under it. */
export interface CarryOverWrite {
  create: CreateNodeInput & { kind: 'key_result' };
  description: string;
  moves: NodeId[];
}

/** True for a person or team the plan has and has not removed. */
const isLive = (found: { removed?: unknown } | undefined): boolean => found !== undefined && found.removed === undefined;

/** True for an initiative still under way (no status or active) and not archived: it goes with the key result. */
function goesAlong(index: PlanIndex, id: NodeId): boolean {
  const node = index.node(id);
  if (!node || node.kind !== 'initiative' || node.fields.archived === true) return false;
  return node.fields.status === undefined || node.fields.status === 'active';
}

/** Validates a carry-over of `keyResult` to `objective` and says what it writes; throws a PlanError naming the problem. */
export function carryOverWrite(index: PlanIndex, keyResult: NodeId, objective: NodeId, description: string): CarryOverWrite {
  const from = index.node(keyResult);
  if (!from) throw new PlanError('unknown-node', `no key result ${describe(keyResult)} in this plan`);
  if (from.kind !== 'key_result') throw new PlanError('invalid-input', `only a key result is carried over, not a ${from.kind.replace('_', ' ')}`);
  const into = index.node(objective);
  if (!into) throw new PlanError('unknown-node', `no objective ${describe(objective)} in this plan`);
  if (into.kind !== 'objective') throw new PlanError('invalid-input', `a key result is carried over to an objective, not to a ${into.kind.replace('_', ' ')}`);
  if (into.inactive) throw new PlanError('invalid-input', `the objective ${describe(index.title(objective))} is archived: carry the key result over to one in use`);
  const create: CreateNodeInput & { kind: 'key_result' } = { kind: 'key_result', parent: objective, title: index.title(keyResult) };
  for (const field of KEPT_FIELDS) {
    const value = from.fields[field];
    if (value !== undefined) Object.assign(create, { [field]: value });
  }
  // A person or team removed from the plan is named by no new item (createNode refuses them): the new one has none.
  if (typeof create.owner === 'string' && !isLive(index.person(create.owner))) delete create.owner;
  if (typeof create.team === 'string' && !isLive(index.team(create.team))) delete create.team;
  // The latest value in its current unit (null while a value in a new unit is awaited: progress is null then).
  // An achieved one starts where it started (its value at or past the target would cross start and target).
  const reached = from.progress === null || from.progress >= 1 ? null : from.value;
  const start = from.fields.direction !== 'range' && reached !== null ? reached : from.fields.start;
  if (start !== undefined) create.start = start;
  const moves = from.childIds.filter((id) => goesAlong(index, id));
  return { create, description, moves };
}
