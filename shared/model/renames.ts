/**
 * Renames are replacements, not typing. `setTitle` / `setDescription` write only the changed span of
 * the Y.Text (so typing elsewhere in the text survives) and, in the same transaction, a rename record
 * in the top-level `renames` map:
 *
 *   key `${nodeId}|${field}|${editId}` → { after: [editIds it replaced], start, end, baseLength, next, by, at }
 *
 * `start`–`end` is the span of the text it saw (`baseLength` long) that it replaced with `next`'s
 * middle. A rename lists the records it saw as current (`after`) and deletes them, so a field keeps
 * one record unless replacements were made concurrently. The records nobody has replaced are the
 * field's heads. Two heads collide unless they replaced disjoint spans of the same text (same `after`
 * and `baseLength`, spans not touching, and not both inside one word): then Yjs has merged both
 * replacements into a text nobody wrote ("Title from BTitle from A", "Recruit 3 designering managers"),
 * so the field shows one deterministic winner (latest `at`, ties by the greater key) and every other
 * head stays on the node as a conflict to pick with one click.
 * Any later rename of the field (picking one included) lists all heads in `after` and resolves it.
 * Disjoint replacements can also merge into a text that shows nothing although each showed
 * something ("X Y" renamed to " Y" here and to "X " there merge to " "): that is a collision too, and
 * the winner is picked among the heads whose text shows something.
 */
import type * as Y from 'yjs';
import { recordsWithPrefix } from './records-by-node.js';
import { unreplaced } from './record-heads.js';
import { isInvisibleOnly } from '../text/invisible-text.js';

export const TEXT_FIELDS = ['title', 'description'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** One rename as stored. */
export interface RenameRecord {
  key: string;
  node: string;
  field: TextField;
  editId: string;
  after: readonly string[];
  start: number;
  end: number;
  baseLength: number;
  next: string;
  by: string;
  at: number;
  /**
   * The Y.Text the rename was typed into (`textIdentity`), absent in records written before it was kept.
   * An undo and a redo of a node's creation bring back a new copy of its text: a rename that went into the
   * old copy (Ben, offline) is then in no text, and the field shows the record's `next` instead.
   */
  text?: string;
}

/** A replacement that lost a collision: shown on the node until someone picks or renames. */
export interface TextConflict {
  field: TextField;
  /** The text this replacement would have made. */
  text: string;
  by: string;
  at: number;
}

/** The text a field shows and the conflicts on it. */
export interface ResolvedText {
  text: string;
  conflicts: readonly TextConflict[];
}

const NO_CONFLICTS: readonly TextConflict[] = Object.freeze([]) as readonly TextConflict[];

/** The key of a rename record. */
export function renameKey(node: string, field: TextField, editId: string): string {
  return `${node}|${field}|${editId}`;
}

/** The node id of a rename key (null if malformed). */
export function renameKeyNode(key: string): string | null {
  const at = key.indexOf('|');
  return at > 0 ? key.slice(0, at) : null;
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** Reads a stored rename defensively; null when malformed (written by a hostile or buggy peer). */
export function readRename(key: string, value: unknown): RenameRecord | null {
  const parts = key.split('|');
  if (parts.length !== 3 || !parts[0] || !parts[2] || (parts[1] !== 'title' && parts[1] !== 'description')) return null;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { after, start, end, baseLength, next, by, at } = value as Record<string, unknown>;
  if (!Array.isArray(after) || !after.every((id) => typeof id === 'string')) return null;
  if (!isCount(start) || !isCount(end) || !isCount(baseLength) || start > end || end > baseLength) return null;
  if (typeof next !== 'string' || typeof by !== 'string' || typeof at !== 'number' || !Number.isFinite(at)) return null;
  const { text } = value as Record<string, unknown>;
  if (text !== undefined && (typeof text !== 'string' || !TEXT_IDENTITY.test(text))) return null;
  return { key, node: parts[0], field: parts[1], editId: parts[2], after: after as string[], start, end, baseLength, next, by, at, ...(text === undefined ? {} : { text }) };
}

const TEXT_IDENTITY = /^\d{1,20}:\d{1,20}$/;

/** A Y.Text's identity, the same on every replica: its item's id (client and clock); undefined before it is in a document. */
export function textIdentity(text: Y.Text): string | undefined {
  const id = text._item?.id;
  return id ? `${id.client}:${id.clock}` : undefined;
}

/**
 * True when `head` was typed into another copy of the field's text than `textId` (see `RenameRecord.text`):
 * only the app's own records say which, so a peer that edits the text without a record (a stock Yjs
 * client) is still shown as merged.
 */
export function typedIntoAnotherCopy(head: RenameRecord, textId: string | undefined): boolean {
  return head.text !== undefined && textId !== undefined && head.text !== textId;
}

/** The records of one node's field that no other record replaced. */
export function headsOf(records: readonly RenameRecord[]): RenameRecord[] {
  return unreplaced(records, (record) => record.editId);
}

function sameAfter(a: RenameRecord, b: RenameRecord): boolean {
  if (a.after.length !== b.after.length) return false;
  const set = new Set(a.after);
  return b.after.every((id) => set.has(id));
}

/**
 * True unless both replaced disjoint, non-touching spans of the same text that lie in different words.
 * Spans are measured letter by letter, so two renames of one word ("engineers" → "designers" here,
 * → "engineering managers" there) or one number ("1,000" → "2,000", "1,005") replace apart spans of
 * it, and Yjs merges them into a word nobody typed ("designering managers", "2,005"): a collision.
 */
function collide(a: RenameRecord, b: RenameRecord): boolean {
  if (!sameAfter(a, b) || a.baseLength !== b.baseLength) return true;
  if (a.start <= b.end && b.start <= a.end) return true;
  const [first, second] = a.end < b.start ? [a, b] : [b, a];
  return sameWordBetween(first, second);
}

const isSpace = (character: string | undefined) => character === undefined || /\s/u.test(character);
/** How many UTF-16 units `record` inserted (its `next` is the base with its span replaced). */
const insertedLength = (record: RenameRecord) => record.next.length - record.baseLength + (record.end - record.start);

/**
 * True when the text between two apart spans (`first` before `second`) holds no space and both
 * renames changed the word it is part of. A rename leaves that word alone when the character before
 * (or after) the text between is a space or the text's edge both before and after it: "Title" renamed
 * to "Big Title" here and to "Title 2027" there merge to "Big Title 2027", every word someone's. Each
 * rename's `next` holds the base outside its own span, so the base between them is read from `second`.
 */
function sameWordBetween(first: RenameRecord, second: RenameRecord): boolean {
  const firstInserted = insertedLength(first), secondInserted = insertedLength(second);
  // A record whose numbers do not add up (a buggy or hostile peer) cannot be shown merged safely.
  if (firstInserted < 0 || secondInserted < 0 || second.start > second.next.length) return true;
  const between = second.next.slice(first.end, second.start);
  if (/\s/u.test(between)) return false;
  const firstTouches = !isSpace(first.end > 0 ? second.next[first.end - 1] : undefined)
    || !isSpace(first.start + firstInserted > 0 ? first.next[first.start + firstInserted - 1] : undefined);
  const secondTouches = !isSpace(first.next[second.start + first.next.length - first.baseLength])
    || !isSpace(second.next[second.start]);
  return firstTouches && secondTouches;
}

/** Latest `at` wins; ties by the greater key (the same on every replica). */
function wins(a: RenameRecord, b: RenameRecord): boolean {
  return a.at > b.at || (a.at === b.at && a.key > b.key);
}

/**
 * What a field shows: the merged Y.Text when its heads do not collide, else the winner's text with
 * the other heads as conflicts (heads that made the same text as the winner are no conflict). `textId`
 * is the field's current text (`textIdentity`): a lone head typed into another copy of it is shown.
 */
export function resolveText(merged: string, records: readonly RenameRecord[], textId?: string): ResolvedText {
  if (records.length === 0) return { text: merged, conflicts: NO_CONFLICTS };
  const heads = records.length === 1 ? records : headsOf(records);
  if (heads.length === 1 && typedIntoAnotherCopy(heads[0]!, textId)) return { text: heads[0]!.next, conflicts: NO_CONFLICTS };
  if (records.length < 2) return { text: merged, conflicts: NO_CONFLICTS };
  let colliding = false;
  for (let i = 0; i < heads.length && !colliding; i++) for (let j = i + 1; j < heads.length && !colliding; j++) colliding = collide(heads[i]!, heads[j]!);
  const shows = (text: string) => text !== '' && !isInvisibleOnly(text);
  const blankMerge = !colliding && !shows(merged) && heads.some((head) => shows(head.next));
  if (!colliding && !blankMerge) return { text: merged, conflicts: NO_CONFLICTS };
  const candidates = blankMerge ? heads.filter((head) => shows(head.next)) : heads;
  let winner = candidates[0]!;
  for (const head of candidates) if (wins(head, winner)) winner = head;
  const conflicts: TextConflict[] = [];
  const seen = new Set<string>([winner.next]);
  for (const head of [...heads].sort((a, b) => (wins(a, b) ? -1 : 1))) {
    if (seen.has(head.next)) continue;
    seen.add(head.next);
    conflicts.push({ field: head.field, text: head.next, by: head.by, at: head.at });
  }
  return { text: winner.next, conflicts: conflicts.length > 0 ? conflicts : NO_CONFLICTS };
}

/**
 * Who wrote the text a field shows, by its rename records: the winning head among those that made `shown`, else the
 * latest head (heads merged without colliding); null when the field has no record. An undo of a rename brings the
 * record before it back (and with it the node's older `updated` stamp), or writes its presser's own
 * (`PlanUndoManager.recordUndoneText`): the field's author is read here, not from `updated` (leftovers45a).
 */
export function shownTextAuthor(records: readonly RenameRecord[], shown: string): { by: string; at: number } | null {
  const heads = headsOf(records);
  const made = heads.filter((head) => head.next === shown);
  let author: RenameRecord | null = null;
  for (const head of made.length > 0 ? made : heads) if (author === null || wins(head, author)) author = head;
  return author && { by: author.by, at: author.at };
}

/**
 * The rename records of one node's field, read from the `renames` map: among `keys` (the node's
 * keys, from RecordKeys) when given, else by scanning the map.
 */
export function renamesOf(renames: Y.Map<unknown>, node: string, field: TextField, keys?: Iterable<string>): RenameRecord[] {
  return recordsWithPrefix(renames, `${node}|${field}|`, readRename, keys);
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The span to replace so `current` becomes `next`: common prefix and suffix left alone, both ending on
 * whole characters. Two emoji often share their first UTF-16 unit ("👍" and "👎" both start with
 * U+D83D); a span starting or ending between a pair's halves makes Yjs split its item there, and Yjs
 * then writes U+FFFD over both halves (ContentString.splice): "Morale 👍" renamed to "Morale 👎"
 * became "Morale ��" in the document, for everyone.
 */
export function changedSpan(current: string, next: string): { start: number; end: number; insert: string } {
  let start = 0;
  while (start < current.length && start < next.length && current[start] === next[start]) start++;
  if (start > 0 && isHighSurrogate(current.charCodeAt(start - 1))) start--;
  let tail = 0;
  while (tail < current.length - start && tail < next.length - start && current[current.length - 1 - tail] === next[next.length - 1 - tail]) tail++;
  if (tail > 0 && isLowSurrogate(current.charCodeAt(current.length - tail))) tail--;
  return { start, end: current.length - tail, insert: next.slice(start, next.length - tail) };
}
