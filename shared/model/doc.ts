/**
 * The Y.Doc layout of one plan: its top-level types, and how a node's Y.Map is read defensively into
 * a plain record. docs/data-model.md describes the layout field by field.
 */
import * as Y from 'yjs';
import { COMMON_FIELDS, KIND_FIELDS, NODE_KINDS, ROOT_ID, TOP_LEVEL, type NodeFieldName, type NodeKind } from './schema.js';
import { fieldValueReadable, type NodeFields } from './fields.js';
import { isStoredNodeId, type NodeId } from './ids.js';
import { isMoveKey, lostMovesOf, moveKey, movesOf, readMove, type LostMove } from './moves.js';
import { isKindChangeKey, kindChangesOf, kindConflictsOf, kindHeadsOf, NO_KIND_CONFLICTS, shownKind, shownKindChangeOf, type KindConflict, type ShownKindChange } from './kind-changes.js';

/** A node's place in the tree: parent, sibling order and the move that put it there, one atomic value. */
export interface Place {
  /** Parent node id, or ROOT_ID. */
  parent: string;
  /** Fractional order key among siblings (fractional-indexing). */
  order: string;
  /** When the move happened (the mover's clock); later moves lose a cycle. */
  at: number;
  /** The parent before this move (ROOT_ID for a new node); a cycle's loser goes back there. */
  from: string;
  /** The move record that wrote this place (moves.ts); absent for a node never moved. */
  move?: string;
}

/** Who did something and when. */
export interface Stamp {
  at: number;
  by: string;
}

/**
 * A soft delete of a subtree root. `seen` is the deleting replica's state vector restricted to the
 * clients that placed nodes in that subtree: a descendant whose `place` the deleter had not seen was
 * placed there concurrently and is kept (re-attached to the nearest live ancestor).
 */
export interface DeletedMark extends Stamp {
  seen: Record<string, number>;
  /**
   * The deleting replica's state vector restricted to the clients with records (check-ins, renames,
   * field edits) on the subtree's nodes, and its own client: a record on deleted work whose Yjs item
   * id it does not cover was not seen by the deleter, whatever the clocks say, and is listed to offer
   * back (deleted-work.ts). Absent in marks written before it was kept (those compare clock times).
   */
  seenRecords?: Record<string, number>;
}

/** The Yjs id of the item holding a node's current `place` (identical on every replica). */
export interface ItemId {
  client: number;
  clock: number;
}

/**
 * What a purge leaves of a node in the top-level `purged` map: the parent it had and the Yjs id of
 * the item that placed it there, so the tree treats it like the hidden node it was.
 */
export interface Tombstone {
  parent: string;
  placeItem: ItemId | null;
}

/** One node as read from the doc. */
export interface NodeRecord {
  id: NodeId;
  kind: NodeKind;
  place: Place;
  placeItem: ItemId | null;
  deleted: DeletedMark | null;
  created: Stamp | null;
  updated: Stamp | null;
  fields: NodeFields;
  /** Moves made concurrently with the one its place shows, that lost (moves.ts); absent when none (most nodes: one object shape). */
  lostMoves?: readonly LostMove[];
  /** Kinds given to it concurrently with the one it shows (kind-changes.ts); absent when none. */
  kindConflicts?: readonly KindConflict[];
  /** The change that gave it the kind it shows, with the field edits it saw (kind-changes.ts); absent when none claims any. */
  kindChange?: ShownKindChange;
}

/** The top-level shared types of a plan doc. */
export interface PlanTypes {
  meta: Y.Map<unknown>;
  nodes: Y.Map<Y.Map<unknown>>;
  checkins: Y.Array<unknown>;
  people: Y.Map<Y.Map<unknown>>;
  teams: Y.Map<Y.Map<unknown>>;
  periods: Y.Map<Y.Map<unknown>>;
  links: Y.Map<unknown>;
  /** Tombstones of purged nodes: id → {parent, client, clock}, so orphans find their nearest live ancestor. */
  purged: Y.Map<unknown>;
  /** Rename records of titles and descriptions (renames.ts). */
  renames: Y.Map<unknown>;
  /** Records of scalar field writes (field-edits.ts). */
  fieldEdits: Y.Map<unknown>;
}

/** The top-level types of `doc` (created on first access, as Yjs does). */
export function planTypes(doc: Y.Doc): PlanTypes {
  return {
    meta: doc.getMap<unknown>(TOP_LEVEL.meta),
    nodes: doc.getMap<Y.Map<unknown>>(TOP_LEVEL.nodes),
    checkins: doc.getArray<unknown>(TOP_LEVEL.checkins),
    people: doc.getMap<Y.Map<unknown>>(TOP_LEVEL.people),
    teams: doc.getMap<Y.Map<unknown>>(TOP_LEVEL.teams),
    periods: doc.getMap<Y.Map<unknown>>(TOP_LEVEL.periods),
    links: doc.getMap<unknown>(TOP_LEVEL.links),
    purged: doc.getMap<unknown>(TOP_LEVEL.purged),
    renames: doc.getMap<unknown>(TOP_LEVEL.renames),
    fieldEdits: doc.getMap<unknown>(TOP_LEVEL.fieldEdits),
  };
}

const KIND_SET: ReadonlySet<string> = new Set(NODE_KINDS);
const EMPTY: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;
/** The scalar field names each kind may carry. */
const KIND_FIELD_SETS = Object.fromEntries(NODE_KINDS.map((kind) => [kind, new Set<string>([...COMMON_FIELDS, ...KIND_FIELDS[kind]])])) as unknown as Record<NodeKind, ReadonlySet<string>>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a {at, by} stamp, or null if absent or malformed. */
export function readStamp(value: unknown): Stamp | null {
  if (!isRecord(value)) return null;
  const { at, by } = value;
  return typeof at === 'number' && Number.isFinite(at) && typeof by === 'string' ? { at, by } : null;
}

/** Reads a place value, or null if absent or malformed. */
export function readPlace(value: unknown): Place | null {
  if (!isRecord(value)) return null;
  const { parent, order, at, from, move } = value;
  if (typeof parent !== 'string' || typeof order !== 'string') return null;
  const when = typeof at === 'number' && Number.isFinite(at) ? at : 0;
  const before = typeof from === 'string' ? from : ROOT_ID;
  // Most places (a node never moved, read from `init`) have no move: keep their one object shape.
  return typeof move === 'string' ? { parent, order, at: when, from: before, move } : { parent, order, at: when, from: before };
}

/** Reads a deleted mark, or null if the node is not deleted (or the mark is malformed). */
export function readDeleted(value: unknown): DeletedMark | null {
  const stamp = readStamp(value);
  if (!stamp || !isRecord(value)) return null;
  const seen: Record<string, number> = {};
  if (isRecord(value.seen)) {
    for (const [client, clock] of Object.entries(value.seen)) if (typeof clock === 'number') seen[client] = clock;
  }
  if (!isRecord(value.seenRecords)) return { at: stamp.at, by: stamp.by, seen };
  const seenRecords: Record<string, number> = {};
  for (const [client, clock] of Object.entries(value.seenRecords)) if (typeof clock === 'number') seenRecords[client] = clock;
  return { at: stamp.at, by: stamp.by, seen, seenRecords };
}

/** Reads a tombstone value `{parent, client, clock}`, or null if malformed. */
export function readTombstone(value: unknown): Tombstone | null {
  if (!isRecord(value) || typeof value.parent !== 'string' || value.parent === '') return null;
  const { client, clock } = value;
  const known = typeof client === 'number' && Number.isInteger(client) && typeof clock === 'number' && Number.isInteger(clock);
  return { parent: value.parent, placeItem: known ? { client, clock } : null };
}

/**
 * What an undo that took a node's record away (the undo of its create, undo.ts) keeps of it beside its
 * tombstone, under `removed`: the node as it was, so a check-in someone made on it meanwhile, unseen by
 * the undo (they were offline), can be listed with its node and the node restored with it. `seenCheckIns`
 * are the check-ins the undo saw on it (made in the same step, as an import's current values): those went
 * with the step and are not listed.
 */
export interface RemovedContent {
  kind: NodeKind;
  title: string;
  description: string;
  /** The node's fields as shown when it was removed. */
  fields: NodeFields;
  created: Stamp | null;
  /** The place it had (its parent and order among siblings). */
  place: Place;
  /** Who removed it and when (the undo). */
  removed: Stamp;
  seenCheckIns: string[];
}

/** Reads the `removed` part of a tombstone value, or null if absent or malformed. */
export function readRemovedContent(value: unknown): RemovedContent | null {
  if (!isRecord(value) || !isRecord(value.removed)) return null;
  const stored = value.removed;
  const kind = stored.kind;
  const place = readPlace(stored.place);
  const removed = readStamp(stored.removedBy);
  if (typeof kind !== 'string' || !KIND_SET.has(kind) || place === null || removed === null) return null;
  const nodeKind = kind as NodeKind;
  const allowed = KIND_FIELD_SETS[nodeKind];
  const fields: Record<string, unknown> = {};
  if (isRecord(stored.fields)) {
    for (const [key, field] of Object.entries(stored.fields)) if (allowed.has(key) && field !== null && fieldValueReadable(nodeKind, key as NodeFieldName, field)) fields[key] = field;
  }
  const text = (field: unknown) => (typeof field === 'string' ? field : '');
  const seen = Array.isArray(stored.seenCheckIns) ? stored.seenCheckIns.filter((id): id is string => typeof id === 'string') : [];
  return { kind: nodeKind, title: text(stored.title), description: text(stored.description), fields: fields as NodeFields, created: readStamp(stored.created), place, removed, seenCheckIns: seen };
}

/** The tombstone value an undo leaves for a node record it took away, with what it keeps of it. */
export function removedTombstoneValue(placeItem: ItemId | null, content: RemovedContent): Record<string, unknown> {
  const { removed, ...rest } = content;
  return { ...tombstoneValue(content.place.parent, placeItem), removed: { ...rest, removedBy: removed } };
}

/**
 * What a purge stamps into each tombstone it leaves (purges since removedwork; older tombstones have
 * none): who purged the node and when, what it was, and the check-ins the purger saw on it. A check-in
 * made on it elsewhere meanwhile (offline) arrives on no node: with the stamp it can be listed, with its
 * node's kind and title (checkInsOnPurgedWork), instead of shown nowhere.
 */
export interface PurgeStamp extends Stamp {
  kind: NodeKind;
  title: string;
  seenCheckIns: string[];
}

/** Reads the purge stamp of a tombstone value, or null when absent (an older purge, an undo) or malformed. */
export function readPurgeStamp(value: unknown): PurgeStamp | null {
  if (!isRecord(value) || !isRecord(value.purgedBy)) return null;
  const stored = value.purgedBy;
  const stamp = readStamp(stored);
  const kind = stored.kind;
  if (stamp === null || typeof kind !== 'string' || !KIND_SET.has(kind)) return null;
  const seen = Array.isArray(stored.seenCheckIns) ? stored.seenCheckIns.filter((id): id is string => typeof id === 'string') : [];
  return { at: stamp.at, by: stamp.by, kind: kind as NodeKind, title: typeof stored.title === 'string' ? stored.title : '', seenCheckIns: seen };
}

/** The tombstone value a purge leaves for a node, stamped (PurgeStamp). */
export function purgedTombstoneValue(parent: string, placeItem: ItemId | null, stamp: PurgeStamp): Record<string, unknown> {
  return { ...tombstoneValue(parent, placeItem), purgedBy: { ...stamp } };
}

/** The value stored in `purged` for a node purged from `parent`. */
export function tombstoneValue(parent: string, placeItem: ItemId | null): { parent: string; client?: number; clock?: number } {
  return placeItem ? { parent, client: placeItem.client, clock: placeItem.clock } : { parent };
}

/**
 * The id of the first item ever written under `key` in `map`: the original write, where an undo or redo
 * restores a record as a later item under the same key (its client tells who brought it back).
 */
export function firstItemIdOf(map: Y.Map<unknown>, key: string): Y.ID | null {
  let item: Y.Item | null = map._map.get(key) ?? null;
  while (item?.left) item = item.left;
  return item?.id ?? null;
}

/** The Yjs id of the item currently holding `key` in `map`. */
export function itemIdOf(map: Y.Map<unknown>, key: string): ItemId | null {
  const item = map._map.get(key);
  return item && !item.deleted ? { client: item.id.client, clock: item.id.clock } : null;
}

/**
 * The values a node was created with, from its `init` key: a JSON string (compact to load: one
 * string instead of one Yjs item per field) or, from other writers, a plain object.
 */
export function readInit(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      return isRecord(parsed) ? parsed : {};
    } catch {
      return {};
    }
  }
  return isRecord(value) ? value : {};
}

/**
 * Reads one node defensively: its values are `init` overlaid with the node's own keys (a key set
 * later wins; null means cleared). Returns null for a node that cannot be shown (unknown kind or no
 * place): the index counts it as unreadable and re-attaches its children to the root.
 */
export function readNodeRecord(id: string, node: Y.Map<unknown>): NodeRecord | null {
  // The doc is where node ids enter: a key that is no node id makes the node unreadable, so every
  // record, and every NodeView built from one, has a checked NodeId.
  if (!isStoredNodeId(id)) return null;
  let init: Record<string, unknown> = EMPTY;
  let own: Record<string, unknown> = EMPTY;
  let moves = 0;
  let kindChanges = 0;
  // Iterate the map's items directly: most nodes hold only init, title and description.
  for (const [key, item] of node._map) {
    if (item.deleted) continue;
    if (key === 'init') init = readInit(node.get(key));
    else if (key === 'title' || key === 'description') continue;
    else if (isMoveKey(key)) moves++;
    else if (isKindChangeKey(key)) kindChanges++;
    else {
      if (own === EMPTY) own = {};
      own[key] = node.get(key);
    }
  }
  const valueOf = (key: string) => (Object.hasOwn(own, key) ? own[key] : init[key]);
  const kind = valueOf('kind');
  if (typeof kind !== 'string' || !KIND_SET.has(kind)) return null;
  const place = readPlace(valueOf('place'));
  if (place === null) return null;
  let nodeKind = kind as NodeKind;
  let kindConflicts: readonly KindConflict[] = NO_KIND_CONFLICTS;
  let kindChange: ShownKindChange | null = null;
  if (kindChanges > 0) {
    const heads = kindHeadsOf(kindChangesOf(node));
    const placeMove = place.move === undefined ? null : readMove(moveKey(place.move), node.get(moveKey(place.move)));
    nodeKind = shownKind(nodeKind, heads, place.move, placeMove?.kind);
    kindConflicts = kindConflictsOf(nodeKind, heads, place.move);
    kindChange = shownKindChangeOf(nodeKind, heads);
  }
  const allowed = KIND_FIELD_SETS[nodeKind];
  const fields: Record<string, unknown> = {};
  for (const key in init) {
    if (!allowed.has(key)) continue;
    const value = Object.hasOwn(own, key) ? own[key] : init[key];
    if (value !== null && value !== undefined && fieldValueReadable(nodeKind, key as NodeFieldName, value)) fields[key] = value;
  }
  if (own !== EMPTY) {
    for (const key in own) {
      if (!allowed.has(key)) continue;
      const value = own[key];
      if (value !== null && value !== undefined && fieldValueReadable(nodeKind, key as NodeFieldName, value)) fields[key] = value;
      else delete fields[key];
    }
  }
  // A node moved once (or only in sequence) holds the one record its place names: nothing lost, nothing read.
  const onlyItsOwnMove = moves === 0 || (moves === 1 && place.move !== undefined && node.has(moveKey(place.move)));
  const record: NodeRecord = {
    id,
    kind: nodeKind,
    place,
    placeItem: itemIdOf(node, 'place') ?? itemIdOf(node, 'init'),
    deleted: own === EMPTY ? null : readDeleted(own.deleted),
    created: readStamp(valueOf('created')),
    updated: own === EMPTY ? null : readStamp(own.updated),
    fields: fields as NodeFields,
  };
  if (!onlyItsOwnMove) record.lostMoves = lostMovesOf(place, movesOf(node));
  if (kindConflicts.length > 0) record.kindConflicts = kindConflicts;
  if (kindChange !== null) record.kindChange = kindChange;
  return record;
}

/** The kind of a node map (from `init` or its own key), or null. */
export function readKind(node: Y.Map<unknown>): NodeKind | null {
  const own = node.get('kind');
  const kind = own !== undefined ? own : readInit(node.get('init')).kind;
  return typeof kind === 'string' && KIND_SET.has(kind) ? (kind as NodeKind) : null;
}

/** The text of a node's title (empty when missing or not a Y.Text). */
export function readTitle(node: Y.Map<unknown>): string {
  const title = node.get('title');
  if (title instanceof Y.Text) return title.toString();
  return typeof title === 'string' ? title : '';
}
