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
  if (!Array.isArray(after) || !after.every((id) => typeof id === 'string')) return null;
  if (typeof by !== 'string' || typeof at !== 'number' || !Number.isFinite(at)) return null;
  const { map } = stored as Record<string, unknown>;
  if (map !== undefined && (typeof map !== 'string' || !MAP_IDENTITY.test(map))) return null;
  const { restates, via } = stored as Record<string, unknown>;
  if (!isIdList(restates) || !isIdList(via)) return null;
  return {
    key, node: parts[0], field: parts[1], editId: parts[2], value, after: after as string[], by, at,
    ...(map === undefined ? {} : { map }), ...(restates === undefined ? {} : { restates }), ...(via === undefined ? {} : { via }),
  };
}

/** Absent, or a list of edit ids. */
function isIdList(value: unknown): value is readonly string[] | undefined {
  return value === undefined || (Array.isArray(value) && value.every((id) => typeof id === 'string'));
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
 */
export function fieldsWrittenElsewhere(kind: NodeKind, fields: Readonly<Record<string, unknown>>, records: Iterable<FieldEditRecord>, mapId: string | undefined): Readonly<Record<string, unknown>> {
  if (mapId === undefined) return fields;
  const byField = new Map<NodeFieldName, FieldEditRecord[]>();
  for (const record of records) {
    const list = byField.get(record.field);
    if (list) list.push(record);
    else byField.set(record.field, [record]);
  }
  let shown: Record<string, unknown> | null = null;
  for (const [field, list] of byField) {
    if (!fieldAllowed(kind, field)) continue;
    const heads = list.length === 1 ? list : fieldHeadsOf(list);
    if (heads.length !== 1) continue;
    const head = heads[0]!;
    if (head.map === undefined || head.map === mapId) continue;
    if (head.value !== null && !fieldValueReadable(kind, field, head.value)) continue;
    if (head.value === (fields[field] ?? null)) continue;
    shown ??= { ...fields };
    if (head.value === null) delete shown[field];
    else shown[field] = head.value;
  }
  return shown ?? fields;
}

/** The records that no other record replaced. */
export function fieldHeadsOf(records: readonly FieldEditRecord[]): FieldEditRecord[] {
  return unreplaced(records, (record) => record.editId);
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
    if (found.length > 0) (conflicts ??= []).push(...found);
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
