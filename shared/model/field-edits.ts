/**
 * Field edits: the scalar-field counterpart of renames.ts. A node's scalar field (unit, target,
 * owner, due date, status …) is one Y.Map key, and Yjs keeps one of two concurrent writes by client
 * id, not by time: the other value would vanish without a trace. So `updateNode` writes, in the same
 * transaction as the field, a record in the top-level `fieldEdits` map:
 *
 *   key `${nodeId}|${field}|${editId}` → { value, after: [editIds it replaced], by, at }
 *
 * A write lists the records it saw (`after`) and deletes them, so a field keeps one record unless it
 * was written concurrently. The records nobody replaced are the field's heads. When heads hold
 * different values the field has a conflict: it keeps Yjs's deterministic winner (the node's value,
 * the same on every replica) and the other values stay on the node, with who and when, until a write
 * that saw all heads (a pick or any later edit) replaces them. Heads with the same value are no
 * conflict. An unchanged value writes nothing. The one record left per edited field is kept: dropping
 * it is not provably safe (a writer that saw it must be told apart from one that did not).
 */
import type * as Y from 'yjs';
import { FIELD_RULES, fieldValueReadable } from './fields.js';
import { fieldAllowed, type NodeFieldName, type NodeKind } from './schema.js';
import { recordsWithPrefix } from './records-by-node.js';
import { unreplaced } from './record-heads.js';
import { appendAll } from '../collections/long-lists.js';

/** A scalar value as a field edit stores it; null = the field was cleared. */
export type FieldValue = string | number | boolean | null;

/** One field write as stored. */
export interface FieldEditRecord {
  key: string;
  node: string;
  field: NodeFieldName;
  editId: string;
  value: FieldValue;
  after: readonly string[];
  by: string;
  at: number;
  /**
   * The node's Y.Map the value was written into (`mapIdentity`), absent in records written before it was
   * kept. An undo and a redo of a node's creation bring back a new copy of its map: a value written into
   * the old copy (Ben, offline) is then in no map, and the field shows the record's value instead.
   */
  map?: string;
  /**
   * Written by an undo or redo (undo.ts `repairField`): the edits whose value this record states again as
   * the undoer's write (empty: a value from before any record). An undo of one of them takes this record
   * away with it: Ben's Ctrl+Z that brought back his 20 wrote it again, and his next Ctrl+Z, of that 20,
   * left the 20 standing. (Whoever replaced one of them does not replace this record: it is a write of its
   * own, concurrent with theirs, so that its map item never beats theirs without a word.)
   */
  restates?: readonly string[];
  /** The undo records (`restates` present) this one states again, between it and `restates`' edits. */
  via?: readonly string[];
  /**
   * Written by an undo or redo: the edits (and undo records) it took back. While this record is in the map,
   * those edits, any copy of them another person's undo brings back, and any record stating one of them
   * again (`restates`, `via`) count for nothing (`voidedRecords`): Ada's Ctrl+Z of her 12 and Ben's Ctrl+Z
   * of his, each made before the other's arrived, each stated the other's 12 again, and nobody stood by
   * it. The mark is kept apart from the records' keys, which a concurrent undo restores under: a delete of
   * one's own copy of a record hid the copy the other person's undo brought back (one key, one Y.Map winner).
   * A redo takes this record away, and with it the mark. Absent in records of earlier versions: nothing undone.
   */
  undoes?: readonly string[];
  /**
   * On a `unit` record written by updateNode: the unit and the bounds (start, target, direction, range,
   * healthy range; null for none) the node had just before this write, which may rewrite them with the unit
   * (k€ 2000 → M€ 2). Check-ins in the old unit were judged against them, and the unmeasured signal still
   * can (derive.ts; blocker37, figures36b's leftover). Absent in older records and in an undo's or redo's
   * records. Read defensively: one that is not of this shape is read as absent, the record kept.
   */
  before?: UnitChangeBefore;
}

/** The bounds a unit change left behind (`FieldEditRecord.before`). */
export interface UnitChangeBefore {
  unit: string | null;
  start: number | null;
  target: number | null;
  direction: string | null;
  rangeLow: number | null;
  rangeHigh: number | null;
  healthyLow: number | null;
  healthyHigh: number | null;
}

/** The number fields of UnitChangeBefore. */
export const UNIT_CHANGE_BOUNDS = ['start', 'target', 'rangeLow', 'rangeHigh', 'healthyLow', 'healthyHigh'] as const;

/** Reads a stored `before`; undefined when it is not one (a hostile or buggy peer's): the record stays readable. */
function readUnitChangeBefore(stored: unknown): UnitChangeBefore | undefined {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return undefined;
  const raw = stored as Record<string, unknown>;
  const text = (value: unknown) => value === null || (typeof value === 'string' && value.length <= 200);
  if (!text(raw.unit) || !text(raw.direction)) return undefined;
  for (const field of UNIT_CHANGE_BOUNDS) if (raw[field] !== null && !(typeof raw[field] === 'number' && Number.isFinite(raw[field]))) return undefined;
  return {
    unit: raw.unit as string | null, direction: raw.direction as string | null, start: raw.start as number | null, target: raw.target as number | null,
    rangeLow: raw.rangeLow as number | null, rangeHigh: raw.rangeHigh as number | null, healthyLow: raw.healthyLow as number | null, healthyHigh: raw.healthyHigh as number | null,
  };
}

/** A value written concurrently with the one a field shows: kept on the node until someone picks. */
export interface FieldConflict {
  field: NodeFieldName;
  value: FieldValue;
  by: string;
  at: number;
}

/**
 * Fields whose value the app stamps itself (when a task got blocked or done), not what a person
 * typed: two people marking a task done together agree; their clocks do not, and that is no conflict.
 */
export const STAMPED_FIELDS: ReadonlySet<NodeFieldName> = new Set<NodeFieldName>(['blockedSince', 'doneAt']);

export const NO_FIELD_CONFLICTS: readonly FieldConflict[] = Object.freeze([]) as readonly FieldConflict[];

/** The key of a field edit record. */
export function fieldEditKey(node: string, field: NodeFieldName, editId: string): string {
  return `${node}|${field}|${editId}`;
}

/** The node id of a field edit key (null if malformed). */
export function fieldEditKeyNode(key: string): string | null {
  const at = key.indexOf('|');
  return at > 0 ? key.slice(0, at) : null;
}

function isFieldName(value: string): value is NodeFieldName {
  return Object.hasOwn(FIELD_RULES, value);
}

function isFieldValue(value: unknown): value is FieldValue {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/** Reads a stored field edit defensively; null when malformed (written by a hostile or buggy peer). */
export function readFieldEdit(key: string, stored: unknown): FieldEditRecord | null {
  const parts = key.split('|');
  if (parts.length !== 3 || !parts[0] || !parts[2] || !parts[1] || !isFieldName(parts[1])) return null;
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return null;
  const { value, after, by, at } = stored as Record<string, unknown>;
  if (!isFieldValue(value)) return null;
  if (!isIdList(after) || after === undefined) return null;
  if (typeof by !== 'string' || typeof at !== 'number' || !Number.isFinite(at)) return null;
  const { map } = stored as Record<string, unknown>;
  if (map !== undefined && (typeof map !== 'string' || !MAP_IDENTITY.test(map))) return null;
  const { restates, via, undoes } = stored as Record<string, unknown>;
  if (!isIdList(restates) || !isIdList(via) || !isIdList(undoes)) return null;
  const before = parts[1] === 'unit' ? readUnitChangeBefore((stored as Record<string, unknown>).before) : undefined;
  return {
    key, node: parts[0], field: parts[1], editId: parts[2], value, after, by, at,
    ...(map === undefined ? {} : { map }), ...(restates === undefined ? {} : { restates }), ...(via === undefined ? {} : { via }),
    ...(undoes === undefined ? {} : { undoes }), ...(before === undefined ? {} : { before }),
  };
}

/**
 * The most ids a record's list (`after`, `restates`, `via`, `undoes`) may hold, and the longest id. The app
 * writes a handful (the heads and copies a write saw, the edits one step took back; `via` is capped at
 * `MAX_VIA` when written); a hostile peer's list of a million ids would cost every reader of the field
 * that much work on every read, so such a record is skipped as malformed, like any other.
 */
export const MAX_LISTED_IDS = 4096;
const MAX_ID_LENGTH = 256;

/** Absent, or a list of at most MAX_LISTED_IDS edit ids. */
function isIdList(value: unknown): value is readonly string[] | undefined {
  if (value === undefined) return true;
  if (!Array.isArray(value) || value.length > MAX_LISTED_IDS) return false;
  return value.every((id) => typeof id === 'string' && id.length <= MAX_ID_LENGTH);
}

const MAP_IDENTITY = /^\d{1,20}:\d{1,20}$/;

/** A node's Y.Map's identity, the same on every replica: its item's id (client and clock); undefined before it is in a document. */
export function mapIdentity(node: Y.Map<unknown>): string | undefined {
  const id = node._item?.id;
  return id ? `${id.client}:${id.clock}` : undefined;
}

/**
 * A node's fields with each field whose one head was written into another copy of the node's map than
 * `mapId` (see `FieldEditRecord.map`) showing that head's value; `fields` itself when there is none. Only
 * the app's own records say which copy, so a peer writing the key without a record (a stock Yjs client)
 * into the current copy still shows; a value the field's rule refuses is never shown.
 *
 * Likewise a field whose map holds the value of a voided record (`voidedRecords`) and of no head shows its
 * heads' value (the most recent head's, the others offered): two undos each made before the other's arrived
 * each put the value they restated in the map, one of them won the key, and after the merge that value is
 * one nobody stands by (Ada's and Ben's undone 12s) while the head left is Ada's 11. When no head is left
 * at all (Ada sets 12, Ben 13, each undoes apart) the field shows the value it was created with
 * (`creation`: the node's `init`), which no record holds and every voided one replaced.
 */
export function fieldsWrittenElsewhere(kind: NodeKind, fields: Readonly<Record<string, unknown>>, records: Iterable<FieldEditRecord>, mapId: string | undefined, creation: Readonly<Record<string, unknown>> = {}): Readonly<Record<string, unknown>> {
  const byField = new Map<NodeFieldName, FieldEditRecord[]>();
  for (const record of records) {
    const list = byField.get(record.field);
    if (list) list.push(record);
    else byField.set(record.field, [record]);
  }
  let shown: Record<string, unknown> | null = null;
  for (const [field, list] of byField) {
    if (!fieldAllowed(kind, field)) continue;
    const value = shownValueOf(kind, field, fields[field] ?? null, list, mapId, creation[field] ?? null);
    if (value === undefined || value === (fields[field] ?? null)) continue;
    shown ??= { ...fields };
    if (value === null) delete shown[field];
    else shown[field] = value;
  }
  return shown ?? fields;
}

/** The value a field shows in place of the map's `current` (see fieldsWrittenElsewhere); undefined: the map's. */
function shownValueOf(kind: NodeKind, field: NodeFieldName, current: unknown, records: readonly FieldEditRecord[], mapId: string | undefined, created: unknown): FieldValue | undefined {
  const voided = voidedRecords(records);
  const heads = (voided.size === 0 ? unreplaced(records, (record) => record.editId) : unreplaced(records.filter((record) => !voided.has(record)), (record) => record.editId))
    .filter((head) => head.value === null || fieldValueReadable(kind, field, head.value));
  if (heads.length === 0) return voidedOnly(kind, field, current, voided, created);
  if (heads.length === 1 && mapId !== undefined && heads[0]!.map !== undefined && heads[0]!.map !== mapId) return heads[0]!.value;
  if (voided.size === 0 || heads.some((head) => head.value === current)) return undefined;
  if (![...voided].some((record) => record.value === current)) return undefined;
  return [...heads].sort(byRecency)[0]!.value;
}

/**
 * A field whose every record is voided: the map holds what one of the undos put there, a value nobody stands
 * by any more, so the value the node was created with is shown (undefined: the map's value is no voided
 * record's, e.g. a stock client's plain write, or the creation value is not one the field can hold).
 */
function voidedOnly(kind: NodeKind, field: NodeFieldName, current: unknown, voided: ReadonlySet<FieldEditRecord>, created: unknown): FieldValue | undefined {
  if (voided.size === 0 || created === current || ![...voided].some((record) => record.value === current)) return undefined;
  if (created !== null && !fieldValueReadable(kind, field, created)) return undefined;
  return created as FieldValue;
}

/**
 * The records that count for nothing while the records in the map mark an edit as undone (`undoes`), with
 * the ids of `alsoUndone` (the edits an undo in progress takes back): an undone edit (its key names it,
 * whichever copy), and a record stating an undone edit or undo record again (`restates`, `via`). A voided
 * record is no head and replaces nothing: what it replaced comes back into view, as undoing the edit it
 * stands for brings back what that edit replaced. Every present record's mark counts, voided or not: two
 * undos each made before the other's arrived, each restating what the other took back, void each other.
 */
export function voidedRecords(records: readonly FieldEditRecord[], alsoUndone: Iterable<string> = []): Set<FieldEditRecord> {
  return fieldVoiding(records, alsoUndone).voided;
}

/** The records `record` replaces in the voiding rounds: its `after`, less those it passes through (`via`). */
function replacedIds(record: FieldEditRecord): readonly string[] {
  if (record.via === undefined || record.via.length === 0) return record.after;
  const via = new Set(record.via);
  return record.after.filter((id) => !via.has(id));
}

/** `voidedRecords`, with the edit ids the standing marks name (`undone`). */
export function fieldVoiding(unordered: readonly FieldEditRecord[], alsoUndone: Iterable<string> = []): { voided: Set<FieldEditRecord>; undone: Set<string> } {
  const extra = [...alsoUndone];
  if (extra.length === 0 && !unordered.some((record) => record.undoes !== undefined)) return { voided: new Set(), undone: new Set() };
  // One order on every replica (a Y.Map's entries come in the order its updates arrived): where marks form
  // a cycle, which no writer of ours makes, the walk's order decides which stand, and replicas must agree.
  const records = [...unordered].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  // A mark counts unless a record that is not voided replaced its record, and voided records depend on the
  // marks: a few rounds from "every replacement counts" reach the fixed point in every case our writers make
  // (a hostile set of records may not settle; the rounds are capped, and the result is the same everywhere).
  let voided = new Set<FieldEditRecord>();
  let undone = new Set<string>(extra);
  const extraIds = new Set(extra);
  // Worked out once, not per round: a hostile record's 4,096 ids in each list made every round |after|·|via|
  // comparisons, on every read of the field (review26: 1.6 s per refresh of the node for 8 records).
  const replacing = records.map((record) => ({ record, ids: replacedIds(record) }));
  for (let round = 0; round < VOIDING_ROUNDS; round++) {
    const replaced = new Set<string>();
    // A pop's record passing through an undo record (`via`) replaces it without taking its mark away: Ben's
    // redo of his 13 passed through his undo of his 12, which still stands undone.
    for (const { record, ids } of replacing) if (!voided.has(record)) for (const id of ids) replaced.add(id);
    undone = undoneEdits(records, replaced, extraIds);
    for (const id of extra) undone.add(id);
    const next = new Set(records.filter((record) => undone.has(record.editId) || record.restates?.some((id) => undone.has(id)) || record.via?.some((id) => undone.has(id))));
    const settled = next.size === voided.size && [...next].every((record) => voided.has(record));
    voided = next;
    if (settled) break;
  }
  return { voided, undone };
}

const VOIDING_ROUNDS = 8;

/**
 * The edit ids marked undone by the records whose own mark stands: not one in `replaced`, nor one
 * that is itself undone (a redo
 * took back the undo that wrote it, and its copy came back with another person's undo) marks nothing. An
 * undo, its redo, an undo of that … alternate, so a mark stands when no standing mark names its record.
 * Iterative (a hostile chain of records must not overflow the stack); a cycle, which no writer of ours
 * makes, counts its marks as standing.
 */
function undoneEdits(records: readonly FieldEditRecord[], replaced: ReadonlySet<string>, takenBack: ReadonlySet<string>): Set<string> {
  const markers = new Map<string, FieldEditRecord[]>();
  for (const record of records) {
    // A record a later write (not voided) saw and replaced marks nothing: that write judged with its mark,
    // and a copy the write's pop kept (undo.ts writeRepair) must not come back marking what it restates.
    // Nor does one the pop in progress takes back (`takenBack`): its record, about to be written, will mark
    // it, and stand (Ada's redo of her undo, whose record a copy Ben's undo kept still held: its mark on
    // her 11 counted and hid the 11 her redo brought back).
    if (record.undoes === undefined || replaced.has(record.editId) || takenBack.has(record.editId)) continue;
    for (const id of record.undoes) {
      const list = markers.get(id);
      if (list) list.push(record);
      else markers.set(id, [record]);
    }
  }
  const undone = new Set<string>();
  if (markers.size === 0) return undone;
  // standing: true/false once known; 'open' while its markers are being decided (a cycle: standing).
  const standing = new Map<FieldEditRecord, boolean | 'open'>();
  const decide = (start: FieldEditRecord) => {
    const stack: FieldEditRecord[] = [start];
    while (stack.length > 0) {
      const record = stack[stack.length - 1]!;
      const known = standing.get(record);
      // A record pushed again by another marker is popped at once once decided, before its markers are
      // read: records each marking all the others (a hostile peer's) then cost n² pops, not n³ filters.
      if (known === true || known === false) { stack.pop(); continue; }
      const others = (markers.get(record.editId) ?? []).filter((marker) => marker !== record);
      if (known === undefined) {
        const waiting = others.filter((marker) => !standing.has(marker));
        if (waiting.length > 0) {
          standing.set(record, 'open');
          appendAll(stack, waiting);
          continue;
        }
      }
      stack.pop();
      standing.set(record, !others.some((marker) => standing.get(marker) !== false));
    }
  };
  for (const record of records) {
    if (record.undoes === undefined || replaced.has(record.editId) || takenBack.has(record.editId)) continue;
    decide(record);
    if (standing.get(record) !== false) for (const id of record.undoes) undone.add(id);
  }
  return undone;
}

/**
 * The records that no other record replaced, leaving out voided ones (`voidedRecords`), whose own `after`
 * does not count either; `alsoUndone` as there. Records of earlier versions mark nothing undone: for them
 * this is the records no other record replaced, as it always was.
 */
export function fieldHeadsOf(records: readonly FieldEditRecord[], alsoUndone: Iterable<string> = []): FieldEditRecord[] {
  const voided = voidedRecords(records, alsoUndone);
  return voided.size === 0 ? unreplaced(records, (record) => record.editId) : unreplaced(records.filter((record) => !voided.has(record)), (record) => record.editId);
}

/** Latest `at` first; ties by the greater key (the same order on every replica). */
export function byRecency(a: FieldEditRecord, b: FieldEditRecord): number {
  if (a.at !== b.at) return b.at - a.at;
  return a.key > b.key ? -1 : a.key < b.key ? 1 : 0;
}

/**
 * The values written concurrently with the one a field shows (`shown`: the node's value, undefined
 * when absent), given that field's records: empty unless its heads hold different values. Each
 * value is listed once, with who wrote it last and when; values the node's kind cannot hold are left
 * out (a hostile record, or a kind changed since).
 */
export function conflictsOfField(kind: NodeKind, field: NodeFieldName, shown: unknown, records: readonly FieldEditRecord[]): FieldConflict[] {
  if (records.length < 2 || !fieldAllowed(kind, field)) return [];
  const heads = fieldHeadsOf(records);
  if (heads.length < 2) return [];
  const first = heads[0]!.value;
  if (heads.every((head) => head.value === first)) return [];
  const seen = new Set<FieldValue>([shown === undefined ? null : (shown as FieldValue)]);
  const conflicts: FieldConflict[] = [];
  for (const head of [...heads].sort(byRecency)) {
    if (seen.has(head.value)) continue;
    seen.add(head.value);
    if (head.value !== null && !fieldValueReadable(kind, field, head.value)) continue;
    conflicts.push({ field, value: head.value, by: head.by, at: head.at });
  }
  return conflicts;
}

/** Every field conflict of one node, field by field in a stable order. */
export function conflictsOfNode(kind: NodeKind, fields: Readonly<Record<string, unknown>>, records: Iterable<FieldEditRecord>): readonly FieldConflict[] {
  const byField = new Map<NodeFieldName, FieldEditRecord[]>();
  for (const record of records) {
    const list = byField.get(record.field);
    if (list) list.push(record);
    else byField.set(record.field, [record]);
  }
  let conflicts: FieldConflict[] | null = null;
  for (const field of [...byField.keys()].sort()) {
    const found = conflictsOfField(kind, field, fields[field], byField.get(field)!);
    if (found.length > 0) appendAll(conflicts ??= [], found);
  }
  return conflicts ?? NO_FIELD_CONFLICTS;
}

/**
 * The field edit records of one node's field, read from the `fieldEdits` map: among `keys` (the
 * node's keys, from RecordKeys) when given, else by scanning the map.
 */
export function fieldEditsOf(fieldEdits: Y.Map<unknown>, node: string, field: NodeFieldName, keys?: Iterable<string>): FieldEditRecord[] {
  return recordsWithPrefix(fieldEdits, `${node}|${field}|`, readFieldEdit, keys);
}
