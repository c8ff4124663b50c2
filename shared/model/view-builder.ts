/** Builds the immutable NodeView of a node and compares two views (to report only real changes). */
import { ROOT_ID } from './schema.js';
import { mergedFields, type DocCache } from './doc-cache.js';
import type { MaterialisedTree } from './tree.js';
import type { NodeContext, NodeDerived } from './derive.js';
import type { NodeView } from './views.js';
import type { NodeId } from './ids.js';
import type { Signal } from './signal-types.js';
import type { TextConflict } from './renames.js';
import * as Y from 'yjs';
import { NO_LOST_MOVES, moveKey, readMove, sameLostMoves } from './moves.js';
import { NO_KIND_CONFLICTS, sameKindConflicts } from './kind-changes.js';
import { editsLostToKind, sameEditsLostToKind } from './edits-lost-to-kind.js';
import { conflictsOfNode, NO_FIELD_CONFLICTS, type FieldConflict } from './field-edits.js';

const NO_CHILDREN: readonly NodeId[] = [];
const NO_CONFLICTS: readonly TextConflict[] = [];

/** The view of a live node from its record, tree position, context and derived state. */
export function buildView(id: string, cache: DocCache, tree: MaterialisedTree, context: NodeContext, derived: NodeDerived): NodeView {
  const record = cache.records.get(id)!;
  const parent = tree.parent.get(id);
  // The tree's ids are keys of `cache.records`, checked as NodeIds when read from the doc (readNodeRecord).
  return {
    id: record.id,
    kind: record.kind,
    title: cache.titles.get(id) ?? '',
    // The effective parent is a live node's record (its checked id), or the plan root.
    parent: parent === undefined || parent === ROOT_ID ? ROOT_ID : cache.records.get(parent)!.id,
    depth: tree.depth.get(id) ?? 1,
    // A copy: the tree's arrays are updated in place, a published view never changes.
    childIds: (tree.children.get(id)?.slice() as NodeId[] | undefined) ?? NO_CHILDREN,
    // A team or person merged into another reads as that one (what a peer gave them meanwhile too).
    fields: mergedFields(record.fields, cache),
    created: record.created,
    updated: record.updated,
    inactive: context.inactive,
    periodId: context.periodId,
    teamIds: context.teams,
    progress: derived.progress,
    value: derived.value,
    lastCheckInAt: derived.lastCheckInAt,
    checkInCount: derived.checkInCount,
    counts: derived.counts,
    aligned: context.aligned,
    signals: derived.signals,
    health: derived.health,
    healthCause: derived.cause,
    orphaned: tree.orphaned.has(id),
    reattached: tree.reattached.has(id),
    displaced: tree.displaced.has(id),
    undoneMove: tree.displaced.has(id) ? undoneMoveOf(id, cache) : null,
    conflicts: cache.textConflicts.get(id) ?? NO_CONFLICTS,
    fieldConflicts: fieldConflictsOf(id, cache),
    lostMoves: record.lostMoves ?? NO_LOST_MOVES,
    kindConflicts: record.kindConflicts ?? NO_KIND_CONFLICTS,
    editsLostToKind: editsLostToKind(record.kind, record.kindChange, cache.fieldEdits.get(id)?.values()),
  };
}

/**
 * The move whose loop was broken by sending a displaced node back: the move record its place names
 * (who moved it, and under what). Null when the loop was not made by moves alone: its place names no
 * readable move, or a node on the loop (its stored parents, up from the node's) was placed without one
 * (a peer wrote the parent, or a file did). Then no person's move made the loop, and none is said undone.
 */
function undoneMoveOf(id: string, cache: DocCache): { by: string; parent: string } | null {
  const record = cache.records.get(id)!;
  const move = moveOfPlace(id, cache);
  if (!move || move.parent !== record.place.parent) return null;
  const visited = new Set<string>([id]);
  for (let at = record.place.parent; at !== id; at = cache.records.get(at)!.place.parent) {
    // Off the loop (it went through deleted or purged nodes): say only what the node's own move was.
    if (visited.has(at) || !cache.records.has(at)) break;
    visited.add(at);
    if (moveOfPlace(at, cache) === null) return null;
  }
  return { by: move.by, parent: move.parent };
}

/** The readable move record a node's place names, or null. */
function moveOfPlace(id: string, cache: DocCache): { by: string; parent: string } | null {
  const moveId = cache.records.get(id)?.place.move;
  const node = cache.types.nodes.get(id);
  if (moveId === undefined || !(node instanceof Y.Map)) return null;
  return readMove(moveKey(moveId), node.get(moveKey(moveId)));
}

/** A node's field conflicts: only a node with two or more field edit records can have any. */
function fieldConflictsOf(id: string, cache: DocCache): readonly FieldConflict[] {
  const records = cache.fieldEdits.get(id);
  if (!records || records.size < 2) return NO_FIELD_CONFLICTS;
  const record = cache.records.get(id)!;
  return conflictsOfNode(record.kind, record.fields as Readonly<Record<string, unknown>>, records.values());
}

function sameFieldConflicts(a: readonly FieldConflict[], b: readonly FieldConflict[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!, y = b[i]!;
    if (x.field !== y.field || x.value !== y.value || x.by !== y.by || x.at !== y.at) return false;
  }
  return true;
}

function sameConflicts(a: readonly TextConflict[], b: readonly TextConflict[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!, y = b[i]!;
    if (x.field !== y.field || x.text !== y.text || x.by !== y.by || x.at !== y.at) return false;
  }
  return true;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Deep equality of plain JSON-like values (evidence: numbers, strings, null, arrays, small objects). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  for (const key of aKeys) if (!sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  return true;
}

function sameSignal(a: Signal, b: Signal): boolean {
  return a === b || (a.kind === b.kind && a.severity === b.severity && a.since === b.since && a.message === b.message && sameValue(a.evidence, b.evidence));
}

function sameSignals(a: readonly Signal[], b: readonly Signal[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameSignal(a[i]!, b[i]!)) return false;
  return true;
}

function sameRecord(a: object, b: object): boolean {
  if (a === b) return true;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  for (const key of aKeys) if ((a as Record<string, unknown>)[key] !== (b as Record<string, unknown>)[key]) return false;
  return true;
}

/** True if two views of a node show the same thing. */
export function sameView(a: NodeView, b: NodeView): boolean {
  return a.kind === b.kind && a.title === b.title && a.parent === b.parent && a.depth === b.depth && sameStrings(a.childIds, b.childIds)
    && sameRecord(a.fields, b.fields) && a.created?.at === b.created?.at && a.created?.by === b.created?.by
    && a.updated?.at === b.updated?.at && a.updated?.by === b.updated?.by && a.inactive === b.inactive && a.periodId === b.periodId
    && sameStrings(a.teamIds, b.teamIds)
    && a.progress === b.progress && a.value === b.value && a.lastCheckInAt === b.lastCheckInAt && a.checkInCount === b.checkInCount
    && sameRecord(a.counts, b.counts) && a.aligned === b.aligned && sameSignals(a.signals, b.signals) && a.health === b.health
    && sameStrings(a.healthCause?.path ?? [], b.healthCause?.path ?? []) && (a.healthCause === null) === (b.healthCause === null)
    && (a.healthCause === null || sameSignal(a.healthCause.signal, b.healthCause!.signal))
    && a.orphaned === b.orphaned && a.reattached === b.reattached && a.displaced === b.displaced
    && a.undoneMove?.by === b.undoneMove?.by && a.undoneMove?.parent === b.undoneMove?.parent && sameConflicts(a.conflicts, b.conflicts)
    && sameFieldConflicts(a.fieldConflicts, b.fieldConflicts) && sameLostMoves(a.lostMoves, b.lostMoves) && sameKindConflicts(a.kindConflicts, b.kindConflicts)
    && sameEditsLostToKind(a.editsLostToKind, b.editsLostToKind);
}
