/**
 * Moves: the place counterpart of field-edits.ts. A node's place is one Y.Map key, and Yjs keeps one
 * of two concurrent writes by client id, not by time: the other person's move would be undone on
 * their screen without a word. So `moveNode` writes, in the same transaction as the place, a record
 * on the node's own Y.Map:
 *
 *   key `move:${moveId}` → { parent, order, after: [moveIds it replaced], by, at }
 *
 * and the place names its move (`place.move`). A move lists the records it saw (`after`) and deletes
 * them, so a node keeps one record unless it was moved concurrently. The records nobody replaced are
 * the heads. A head other than the place's own move that puts the node somewhere else (another
 * parent, or another position) is a lost move: kept on the node, with who and when, until a move
 * that saw it (a pick or any later move) replaces it. It is a pure function of the node's map, so
 * every replica holding the same doc state reports the same lost moves.
 *
 * The place is written before its record, in one transaction: Yjs integrates a client's writes in
 * clock order and holds back a place that follows a move the receiver lacks, so the record is held back
 * with it. Written the other way round, a peer could hold (and replace, as "seen") a record whose move it
 * does not show, and that move would be undone without a word.
 *
 * The records sit on the node's map, not in a top-level map: a node's records are read with the
 * node (a few keys), nothing is indexed at open, and a purge removes them with the node. A place
 * without `move` (a node never moved, or a place written by a Throughline that records no moves)
 * reports nothing: it cannot be told apart from a move made after the records.
 */
import type * as Y from 'yjs';
import { latestFirst, recordsOnMap, unreplaced } from './record-heads.js';
import { NODE_KINDS, type NodeKind } from './schema.js';

const KINDS: ReadonlySet<string> = new Set(NODE_KINDS);

/** Prefix of a move record's key on a node's Y.Map (no field name contains ':'). */
export const MOVE_KEY_PREFIX = 'move:';

/** One move as stored on the node. */
export interface MoveRecord {
  moveId: string;
  parent: string;
  order: string;
  after: readonly string[];
  by: string;
  at: number;
  /** The kind the node had after this move (its own kind, or the one the move gave it); absent in records of earlier versions. */
  kind?: NodeKind;
}

/** A move made concurrently with the one the node shows, that lost: shown on the node until someone picks. */
export interface LostMove {
  moveId: string;
  /** The parent it put the node under (ROOT_ID for the top level): possibly deleted since. */
  parent: string;
  /** Its order key among that parent's children. */
  order: string;
  by: string;
  at: number;
  /** The kind the node had after that move: putting it there gives it that kind again (review33 F4). Absent in older records. */
  kind?: NodeKind;
}

export const NO_LOST_MOVES: readonly LostMove[] = Object.freeze([]) as readonly LostMove[];

/** The key of a move record. */
export function moveKey(moveId: string): string {
  return MOVE_KEY_PREFIX + moveId;
}

/** True if a node map key holds a move record. */
export function isMoveKey(key: string): boolean {
  return key.startsWith(MOVE_KEY_PREFIX) && key.length > MOVE_KEY_PREFIX.length;
}

/** Reads a stored move record defensively; null when malformed (written by a hostile or buggy peer). */
export function readMove(key: string, stored: unknown): MoveRecord | null {
  if (!isMoveKey(key) || typeof stored !== 'object' || stored === null || Array.isArray(stored)) return null;
  const { parent, order, after, by, at, kind } = stored as Record<string, unknown>;
  if (typeof parent !== 'string' || parent === '' || typeof order !== 'string') return null;
  if (!Array.isArray(after) || !after.every((id) => typeof id === 'string')) return null;
  if (typeof by !== 'string' || typeof at !== 'number' || !Number.isFinite(at)) return null;
  const known = typeof kind === 'string' && KINDS.has(kind) ? { kind: kind as NodeKind } : {};
  return { moveId: key.slice(MOVE_KEY_PREFIX.length), parent, order, after: after as string[], by, at, ...known };
}

/** The move records on a node's map. */
export function movesOf(node: Y.Map<unknown>): MoveRecord[] {
  return recordsOnMap(node, isMoveKey, readMove);
}

/** The records that no other record replaced. */
export function moveHeadsOf(records: readonly MoveRecord[]): MoveRecord[] {
  return unreplaced(records, (record) => record.moveId);
}

/** A move as `writeMove` stores it: where the node goes, from where, by whom, and the kind it has there. */
export interface MoveWrite {
  moveId: string;
  parent: string;
  order: string;
  from: string;
  at: number;
  by: string;
  kind: NodeKind;
}

/**
 * Writes a move on a node's map: the records it saw go (a node keeps one unless it was moved concurrently),
 * then its place, then its record. The place before its record: Yjs integrates a client's writes in clock
 * order, and a place can wait for a move its writer saw and a peer has not received yet. Written after the
 * place, the record waits with it, so no peer sees (and replaces) a move whose place it does not show.
 * Must run inside a transaction. The moves a pop brings back (undo.ts) are written the same way.
 */
export function writeMove(node: Y.Map<unknown>, move: MoveWrite): void {
  const seen = movesOf(node);
  for (const head of seen) node.delete(moveKey(head.moveId));
  const { moveId, parent, order, from, at, by, kind } = move;
  node.set('place', { parent, order, at, from, move: moveId });
  // The kind it has after this move travels with the record: a pick of this move, lost to another, gives it back (review33 F4).
  node.set(moveKey(moveId), { parent, order, after: seen.map((head) => head.moveId), by, at, kind });
}

const byRecency = latestFirst<MoveRecord>((record) => record.moveId);

/**
 * The lost moves of a node whose place is `shown` (with the move that wrote it, if any): every head
 * other than that move which puts the node elsewhere, latest first, each place once.
 */
export function lostMovesOf(shown: { parent: string; order: string; move?: string }, records: readonly MoveRecord[]): readonly LostMove[] {
  if (shown.move === undefined || records.length === 0) return NO_LOST_MOVES;
  const seen = new Set<string>([`${shown.parent}|${shown.order}`]);
  const lost: LostMove[] = [];
  for (const head of moveHeadsOf(records).sort(byRecency)) {
    const place = `${head.parent}|${head.order}`;
    if (head.moveId === shown.move || seen.has(place)) continue;
    seen.add(place);
    lost.push({ moveId: head.moveId, parent: head.parent, order: head.order, by: head.by, at: head.at, ...(head.kind === undefined ? {} : { kind: head.kind }) });
  }
  return lost.length > 0 ? lost : NO_LOST_MOVES;
}

/** True if two lists of lost moves say the same. */
export function sameLostMoves(a: readonly LostMove[], b: readonly LostMove[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!, y = b[i]!;
    if (x.moveId !== y.moveId || x.parent !== y.parent || x.order !== y.order || x.by !== y.by || x.at !== y.at || x.kind !== y.kind) return false;
  }
  return true;
}
