/**
 * The stamps a task's status carries (`doneAt` with done, `blockedSince` with blocked) follow the status
 * the task shows.
 *
 * Ada adds a task; Ben, offline, marks it done (or blocked) on his copy; Ada undoes the task's creation
 * and redoes it. The redo brings back a new copy of the node's map. Ben's status has an edit record
 * naming the copy it went into, so the task shows his status (`fieldsWrittenElsewhere`, field-edits.ts),
 * but the stamp his write set beside it has no record (stamps get none: STAMPED_FIELDS) and was in no
 * map any more: the done task had no done date (its slowdown and effort figures fell back to its last
 * update) and "Blocked for 3 days" read "Blocked for 4 days", counted from the task's creation. Here the
 * stamp is read from the copy the status went into (kept while the doc keeps its history, as the app's
 * docs do), else taken from the status write's own time, which is when `checkFields` stamped it.
 *
 * Kept apart from field-edits.ts (owned by the undo work this session): `shownFields` is the one call the
 * readers make (doc-cache.ts, the plan file).
 */
import * as Y from 'yjs';
import { readInit } from './doc.js';
import { fieldHeadsOf, fieldsWrittenElsewhere, mapIdentity, type FieldEditRecord } from './field-edits.js';
import type { NodeKind } from './schema.js';

/** Each stamp and the status it goes with. */
const STAMP_OF_STATUS = [['doneAt', 'done'], ['blockedSince', 'blocked']] as const;

/** A node's fields as the plan shows them: `fieldsWrittenElsewhere`, with a task's stamps following its status. */
export function shownFields(kind: NodeKind, fields: Readonly<Record<string, unknown>>, records: Iterable<FieldEditRecord>, node: Y.Map<unknown>): Readonly<Record<string, unknown>> {
  const list = [...records];
  const mapId = mapIdentity(node);
  const shown = fieldsWrittenElsewhere(kind, fields, list, mapId, readInit(node.get('init')));
  if (kind !== 'task' || shown === fields || shown.status === fields.status) return shown;
  const heads = fieldHeadsOf(list.filter((record) => record.field === 'status'));
  const head = heads.length === 1 ? heads[0]! : null;
  // The status came from another copy of the map: only then do the stamps beside it live there too.
  if (head === null || head.map === undefined || head.map === mapId || head.value !== (shown.status ?? null)) return shown;
  const stamped: Record<string, unknown> = { ...shown };
  for (const [stamp, status] of STAMP_OF_STATUS) {
    if (shown.status !== status) { delete stamped[stamp]; continue; }
    stamped[stamp] = valueInCopy(node.doc, head.map, stamp) ?? head.at;
  }
  return stamped;
}

/**
 * A finite number stored under `key` in the map whose item is `identity` (`client:clock`), deleted or
 * not; null when the doc no longer holds it (garbage collected) or holds no such map or number.
 */
function valueInCopy(doc: Y.Doc | null, identity: string, key: string): number | null {
  if (doc === null) return null;
  const [client, clock] = identity.split(':').map(Number) as [number, number];
  if (!doc.store.clients.has(client) || Y.getState(doc.store, client) <= clock) return null;
  const item = Y.getItem(doc.store, Y.createID(client, clock));
  if (!(item instanceof Y.Item) || !(item.content instanceof Y.ContentType) || !(item.content.type instanceof Y.Map)) return null;
  // The map's entries stay readable after it was deleted, unless garbage collection took them.
  const entry = item.content.type._map.get(key);
  if (entry === undefined || !(entry.content instanceof Y.ContentAny)) return null;
  const value: unknown = entry.content.getContent()[0];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
