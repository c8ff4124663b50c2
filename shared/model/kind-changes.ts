/**
 * Kind changes: the kind counterpart of field-edits.ts and moves.ts. A node's kind is one Y.Map key, and Yjs
 * keeps one of two concurrent writes by client id: Ada's "make it a KPI" and Ben's "make it an initiative"
 * made at once left one of them with no word (review33 F4). So `changeKind`, and `moveNode` with a kind,
 * write in the same transaction as the kind a record on the node's own Y.Map:
 *
 *   key `kindchange:${changeId}` → { kind, after: [changeIds it replaced], by, at, move?, from?, seen? }
 *
 * A change lists the records it saw (`after`) and deletes them, so a node keeps one record unless its kind
 * was changed concurrently. The records nobody replaced are the heads; heads naming another kind than the
 * one shown are kind conflicts, shown on the node with who and when until a change that saw them (a pick,
 * or keeping the kind shown) replaces them.
 *
 * `move`: the move (moves.ts) that wrote the kind, when a moveNode with a kind did. Its kind travels with
 * its place: when a concurrent move's place wins, the node shows the kind that move gave it (its move
 * record's `kind`), not the losing move's, so no node shows one person's kind under another's parent
 * (a blank task line made a key result by Ada and indented under a task by Ben was a key result under a task).
 *
 * `from` and `seen` (trust36): the kind shown before the change, and the field edits (field-edits.ts) of
 * fields the new kind does not have that its writer had: the values it cleared knowingly. A field edit the
 * change did not see was made at the same time (Ben tightened a key result's target while Ada made it a
 * KPI): its value is hidden by a kind that has no such field, and is offered back (edits-lost-to-kind.ts)
 * instead of vanishing (review33 F4). Records without `seen` were written before: they claim nothing.
 */
import type * as Y from 'yjs';
import { NODE_KINDS, type NodeKind } from './schema.js';
import { latestFirst, recordsOnMap, unreplaced } from './record-heads.js';

export const KIND_CHANGE_PREFIX = 'kindchange:';

export interface KindChangeRecord {
  changeId: string;
  kind: NodeKind;
  after: readonly string[];
  by: string;
  at: number;
  move?: string;
  /** The kind shown before the change (absent in records written before it was kept). */
  from?: NodeKind;
  /** Field edit ids of fields the new kind does not have, as its writer had them (absent: written before). */
  seen?: readonly string[];
}

/** The most field edits a kind change may list as seen (a longer list is read as none: the record claims nothing). */
export const MAX_SEEN_EDITS = 4096;

/** A kind given to the node concurrently with the one it shows: kept on the node until someone picks. */
export interface KindConflict {
  changeId: string;
  kind: NodeKind;
  by: string;
  at: number;
}

export const NO_KIND_CONFLICTS: readonly KindConflict[] = Object.freeze([]) as readonly KindConflict[];

const KINDS: ReadonlySet<string> = new Set(NODE_KINDS);

export function kindChangeKey(changeId: string): string {
  return KIND_CHANGE_PREFIX + changeId;
}

export function isKindChangeKey(key: string): boolean {
  return key.startsWith(KIND_CHANGE_PREFIX) && key.length > KIND_CHANGE_PREFIX.length;
}

/** Reads a stored kind change defensively; null when malformed. */
export function readKindChange(key: string, stored: unknown): KindChangeRecord | null {
  if (!isKindChangeKey(key) || typeof stored !== 'object' || stored === null || Array.isArray(stored)) return null;
  const { kind, after, by, at, move, from, seen } = stored as Record<string, unknown>;
  if (typeof kind !== 'string' || !KINDS.has(kind)) return null;
  if (!Array.isArray(after) || after.length > 4096 || !after.every((id) => typeof id === 'string')) return null;
  if (typeof by !== 'string' || typeof at !== 'number' || !Number.isFinite(at)) return null;
  if (move !== undefined && typeof move !== 'string') return null;
  const record: KindChangeRecord = { changeId: key.slice(KIND_CHANGE_PREFIX.length), kind: kind as NodeKind, after: after as string[], by, at, ...(move === undefined ? {} : { move }) };
  if (typeof from === 'string' && KINDS.has(from)) record.from = from as NodeKind;
  if (Array.isArray(seen) && seen.length <= MAX_SEEN_EDITS && seen.every((id) => typeof id === 'string')) record.seen = seen as string[];
  return record;
}

/** The kind change records on a node's map. */
export function kindChangesOf(node: Y.Map<unknown>): KindChangeRecord[] {
  return recordsOnMap(node, isKindChangeKey, readKindChange);
}

export function kindHeadsOf(records: readonly KindChangeRecord[]): KindChangeRecord[] {
  return unreplaced(records, (record) => record.changeId);
}

const byRecency = latestFirst<KindChangeRecord>((record) => record.changeId);

/**
 * The kind a node shows: the kind key's (`stored`), unless that kind was written by a move whose place lost
 * (another head's move is the place shown): then the kind the shown place's move gave it (`placeKind`).
 */
export function shownKind(stored: NodeKind, heads: readonly KindChangeRecord[], placeMove: string | undefined, placeKind: NodeKind | undefined): NodeKind {
  if (placeMove === undefined || placeKind === undefined || placeKind === stored) return stored;
  const writer = heads.find((head) => head.kind === stored);
  if (writer === undefined || writer.move === undefined || writer.move === placeMove) return stored;
  return placeKind;
}

/** Heads naming another kind than `shown`, latest first, each kind once; empty unless two heads disagree. */
export function kindConflictsOf(shown: NodeKind, heads: readonly KindChangeRecord[], placeMove: string | undefined): readonly KindConflict[] {
  if (heads.length < 2) return NO_KIND_CONFLICTS;
  const seen = new Set<NodeKind>([shown]);
  const conflicts: KindConflict[] = [];
  for (const head of [...heads].sort(byRecency)) {
    // A kind that came with a move whose place lost is offered with that move (LostMove.kind), not here.
    if (seen.has(head.kind) || (head.move !== undefined && placeMove !== undefined && head.move !== placeMove)) continue;
    seen.add(head.kind);
    conflicts.push({ changeId: head.changeId, kind: head.kind, by: head.by, at: head.at });
  }
  return conflicts.length > 0 ? conflicts : NO_KIND_CONFLICTS;
}

/**
 * The change that gave a node the kind it shows, as far as edits lost to it go (edits-lost-to-kind.ts):
 * who made it and when, the kind before, and the field edits it saw. Null when no head gave the shown kind,
 * or one that did was written before `seen` was kept (it claims nothing: nothing is offered).
 */
export interface ShownKindChange {
  by: string;
  at: number;
  from: NodeKind | null;
  seen: ReadonlySet<string>;
}

export function shownKindChangeOf(shown: NodeKind, heads: readonly KindChangeRecord[]): ShownKindChange | null {
  const giving = heads.filter((head) => head.kind === shown);
  if (giving.length === 0 || giving.some((head) => head.seen === undefined)) return null;
  // Any of them seeing an edit cleared it knowingly; the latest names who and when.
  const latest = [...giving].sort(byRecency)[0]!;
  return { by: latest.by, at: latest.at, from: latest.from ?? null, seen: new Set(giving.flatMap((head) => head.seen!)) };
}

export function sameKindConflicts(a: readonly KindConflict[], b: readonly KindConflict[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((x, i) => x.changeId === b[i]!.changeId && x.kind === b[i]!.kind && x.by === b[i]!.by && x.at === b[i]!.at);
}
