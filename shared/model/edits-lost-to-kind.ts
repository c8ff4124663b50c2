/**
 * Field edits lost to a change of kind (review33 F4, second half). Ben tightens a key result's target
 * while Ada, at the same time, makes it a KPI: a KPI has no target, so his edit is hidden by the kind
 * shown and, before, vanished without a word (the kind conflict itself is offered: kind-changes.ts).
 *
 * An edit is lost to the kind when it is the latest edit of its field (a head: field-edits.ts), its field
 * is one the shown kind does not have, and the change that gave the shown kind did not see it (its record's
 * `seen`): a change made after seeing the edit cleared it knowingly. Each is offered on the node, with who
 * and when, and can be put back ("Make it a key result again with target 4": `restoreKind`, the kind before
 * the change, when that kind has the field) or let go (keeping the kind shown writes a change that saw it).
 *
 * A field the shown kind does have is not lost: a kind change deletes only the values its writer saw, and
 * a value set concurrently is another Yjs item that survives the delete, so it shows (and a concurrent
 * edit of it is a field conflict as any other).
 */
import { fieldValueReadable } from './fields.js';
import { fieldHeadsOf, STAMPED_FIELDS, type FieldEditRecord, type FieldValue } from './field-edits.js';
import type { ShownKindChange } from './kind-changes.js';
import { fieldAllowed, type NodeFieldName, type NodeKind } from './schema.js';

/** A field edit hidden by a kind change made at the same time, offered on the node until someone picks. */
export interface EditLostToKind {
  editId: string;
  field: NodeFieldName;
  value: string | number | boolean;
  by: string;
  at: number;
  /** Who gave the node the kind it shows, and when. */
  kindBy: string;
  kindAt: number;
  /** The kind to go back to for the edit to stand (the kind before the change), or null when it has no such field either. */
  restoreKind: NodeKind | null;
}

export const NO_EDITS_LOST_TO_KIND: readonly EditLostToKind[] = Object.freeze([]) as readonly EditLostToKind[];

/** The edits lost to the kind a node shows (`kind`, given by `change`), field by field in a stable order, latest first in a field. */
export function editsLostToKind(kind: NodeKind, change: ShownKindChange | undefined, records: Iterable<FieldEditRecord> | undefined): readonly EditLostToKind[] {
  if (change === undefined || records === undefined) return NO_EDITS_LOST_TO_KIND;
  const byField = new Map<NodeFieldName, FieldEditRecord[]>();
  for (const record of records) {
    if (fieldAllowed(kind, record.field) || STAMPED_FIELDS.has(record.field)) continue;
    const list = byField.get(record.field);
    if (list) list.push(record);
    else byField.set(record.field, [record]);
  }
  if (byField.size === 0) return NO_EDITS_LOST_TO_KIND;
  let lost: EditLostToKind[] | null = null;
  for (const field of [...byField.keys()].sort()) {
    const values = new Set<FieldValue>();
    const heads = fieldHeadsOf(byField.get(field)!).sort((a, b) => b.at - a.at || (a.key > b.key ? -1 : a.key < b.key ? 1 : 0));
    for (const head of heads) {
      // A cleared value has nothing to put back; one the kind before cannot hold is offered without a way back.
      if (head.value === null || change.seen.has(head.editId) || values.has(head.value)) continue;
      values.add(head.value);
      const from = change.from;
      const restoreKind = from !== null && fieldAllowed(from, field) && fieldValueReadable(from, field, head.value) ? from : null;
      (lost ??= []).push({ editId: head.editId, field, value: head.value, by: head.by, at: head.at, kindBy: change.by, kindAt: change.at, restoreKind });
    }
  }
  return lost ?? NO_EDITS_LOST_TO_KIND;
}

export function sameEditsLostToKind(a: readonly EditLostToKind[], b: readonly EditLostToKind[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i]!;
    return x.editId === y.editId && x.field === y.field && x.value === y.value && x.by === y.by && x.at === y.at && x.kindBy === y.kindBy && x.kindAt === y.kindAt && x.restoreKind === y.restoreKind;
  });
}
