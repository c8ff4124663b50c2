/**
 * Who made a change: the Yjs item holding a value names the client that wrote it, and the plan's
 * `clients` map names the person acting through that client. Stamps (`created`, `deleted`) name the
 * actor directly.
 */
import * as Y from 'yjs';
import { readNodeRecord, readPlace, readStamp } from '../doc.js';
import { firstItemIdOf, planTypes } from '../doc.js';
import { ROOT_ID } from '../schema.js';
import { headsOf, renameKeyNode, renamesOf, type RenameRecord } from '../renames.js';

/** Looks up the author of each kind of change in the later plan of a diff. */
export interface ChangeAuthors {
  /** Who wrote the current value of `key` (a field, or `place`) of a node. */
  field(nodeId: string, key: string): string | null;
  /** Who typed in a node's title after the earlier plan. */
  title(nodeId: string): string | null;
  /** Who created a node. */
  creation(nodeId: string): string | null;
  /** Who deleted a node (or the ancestor whose delete hid it). */
  removal(nodeId: string): string | null;
  /** Who wrote the current value of `key` (start, end) of a period. */
  period(periodId: string, key: string): string | null;
  /**
   * A node absent from the earlier plan that was in its doc all along (deleted, or inside a deleted
   * item, then): who restored it, as `{ by }`; null for a node created since (review39b F4: a restored
   * item read "added by" its original creator).
   */
  restoration(nodeId: string): { by: string | null } | null;
  /**
   * Why a node's parent in the plan changed when its own place was not written since: its stored
   * parent was restored (`restore`, it is back under it) or is hidden by a delete (`delete`, it is kept
   * under the nearest live ancestor), with the item restored or deleted and who did it; null when the
   * node itself was moved since. review39b F4: the re-attachment a restore caused read "author unknown".
   */
  placeCause(nodeId: string, parentNow: string): { kind: 'restore' | 'delete'; nodeId: string; by: string | null } | null;
}

/**
 * Authors read from `laterDoc` (the live doc, or a past doc from planDocAsOf: item ids are kept).
 * `earlierStateVector` tells which title edits are new; `actors` maps client ids to actors.
 */
export function docAuthors(laterDoc: Y.Doc, earlierStateVector: ReadonlyMap<number, number>, actors: ReadonlyMap<number, string>): ChangeAuthors {
  const { nodes, renames, periods } = planTypes(laterDoc);
  const nodeMap = (id: string): Y.Map<unknown> | null => {
    const map = nodes.get(id);
    return map instanceof Y.Map ? map : null;
  };
  const updatedBy = (id: string): string | null => {
    const map = nodeMap(id);
    return map ? readNodeRecord(id, map)?.updated?.by ?? null : null;
  };
  // The renames map's keys by node, read once for the whole diff (a diff asks for many titles).
  let renameKeys: Map<string, string[]> | null = null;
  const renameKeysOf = (nodeId: string): readonly string[] => {
    if (!renameKeys) {
      renameKeys = new Map();
      for (const key of renames.keys()) {
        const node = renameKeyNode(key);
        if (node === null) continue;
        const keys = renameKeys.get(node);
        if (keys) keys.push(key);
        else renameKeys.set(node, [key]);
      }
    }
    return renameKeys.get(nodeId) ?? [];
  };
  const isNew = (item: Y.Item | undefined): boolean => item !== undefined && item.id.clock >= (earlierStateVector.get(item.id.client) ?? 0);
  const storedParent = (id: string): string | null => {
    const map = nodeMap(id);
    if (!map) return null;
    return (readNodeRecord(id, map)?.place ?? readPlace(map.get('place')))?.parent ?? null;
  };
  /**
   * Who restored `id`: the `restored` stamp a restore writes on each node it shows again, when written
   * since (review40a F4: the place a restore writes is written again by a later move, so its writer
   * named the mover). A doc from before the stamp: the writer of the first place written since on its
   * stored path (a restore writes the place of each node on it).
   */
  const restorer = (id: string): string | null => {
    const stamp = nodeMap(id)?._map.get('restored');
    if (stamp && !stamp.deleted && isNew(stamp)) {
      const by = readStamp(nodeMap(id)!.get('restored'))?.by;
      if (by !== undefined) return by;
    }
    const seen = new Set<string>();
    for (let at: string | null = id; at !== null && at !== ROOT_ID && !seen.has(at); at = storedParent(at)) {
      seen.add(at);
      const map = nodeMap(at);
      const item = map?._map.get('place') ?? map?._map.get('init');
      if (item && !item.deleted && isNew(item)) return actors.get(item.id.client) ?? updatedBy(at);
    }
    return updatedBy(id);
  };
  return {
    restoration(nodeId) {
      const item = nodes._map.get(nodeId);
      if (!item || item.deleted || isNew(item)) return null;
      return { by: restorer(nodeId) };
    },
    placeCause(nodeId, parentNow) {
      // The place a node was created with is in its `init` value; a move writes `place`.
      const map = nodeMap(nodeId);
      const place = map?._map.get('place') ?? map?._map.get('init');
      if (!place || place.deleted || isNew(place)) return null;
      const parent = storedParent(nodeId);
      if (parent === null || parent === ROOT_ID) return null;
      if (parent === parentNow) return { kind: 'restore', nodeId: parent, by: restorer(parent) };
      // Kept under its nearest live ancestor: the stored parent, or an item above it, was deleted.
      const deleted = hiddenBy(parent);
      return deleted ? { kind: 'delete', nodeId: deleted.id, by: deleted.by } : null;
    },
    field(nodeId, key) {
      const item = nodeMap(nodeId)?._map.get(key);
      if (!item || item.deleted) return null;
      return actors.get(item.id.client) ?? updatedBy(nodeId);
    },
    title(nodeId) {
      // The app's renames leave a record naming their author: of the title's renames since the earlier
      // plan that nobody replaced, the one the field shows (latest, as resolveText picks it).
      const made = newestHead(renames, nodeId, renameKeysOf(nodeId), earlierStateVector);
      // A copy of the record written by another client is an undo or redo that brought that rename back:
      // the person who pressed it changed the title since, not the rename's author (review24).
      if (made) return (made.copiedBy === null ? undefined : actors.get(made.copiedBy)) ?? made.record.by;
      const text = nodeMap(nodeId)?.get('title');
      if (!(text instanceof Y.Text)) return null;
      // Typing without a record (a stock Yjs peer): a client with characters still in the title typed
      // since. The newest by clock was taken before, deleted characters included, and clocks of two
      // clients are not comparable: a replaced rename named its author (usercheck18).
      let typed: Y.Item | null = null;
      for (let item = text._start; item !== null; item = item.right) {
        if (!item.deleted && item.id.clock >= (earlierStateVector.get(item.id.client) ?? 0)) { typed = item; break; }
      }
      // Only deletions (or typing by an unrecorded client): the node's last update names someone.
      return (typed ? actors.get(typed.id.client) : undefined) ?? updatedBy(nodeId);
    },
    creation(nodeId) {
      const map = nodeMap(nodeId);
      return map ? readNodeRecord(nodeId, map)?.created?.by ?? null : null;
    },
    period(periodId, key) {
      const entry = periods.get(periodId);
      const item = entry instanceof Y.Map ? entry._map.get(key) : undefined;
      return !item || item.deleted ? null : actors.get(item.id.client) ?? null;
    },
    removal(nodeId) {
      return hiddenBy(nodeId)?.by ?? null;
    },
  };

  /** The item whose delete hides `nodeId` (itself or the nearest deleted one on its stored path), and who deleted it. */
  function hiddenBy(nodeId: string): { id: string; by: string } | null {
    const seen = new Set<string>();
    for (let id: string = nodeId; id !== ROOT_ID && !seen.has(id);) {
      seen.add(id);
      const map = nodeMap(id);
      if (!map) return null;
      const record = readNodeRecord(id, map);
      if (record?.deleted) return { id, by: record.deleted.by };
      const place = record?.place ?? readPlace(map.get('place'));
      if (!place) return null;
      id = place.parent;
    }
    return null;
  }
}

/**
 * Of a node's title renames written since `earlier` (their record's item is new), the head shown: latest
 * `at`, ties by key; with the client that wrote this copy of it when that is not the one that first wrote
 * the record (an undo or redo restores a record as a new item under the same key).
 */
function newestHead(renames: Y.Map<unknown>, nodeId: string, keys: readonly string[], earlier: ReadonlyMap<number, number>): { record: RenameRecord; copiedBy: number | null } | null {
  let newest: RenameRecord | null = null;
  let newestItem: Y.Item | null = null;
  for (const head of headsOf(renamesOf(renames, nodeId, 'title', keys))) {
    const item = renames._map.get(head.key);
    if (!item || item.id.clock < (earlier.get(item.id.client) ?? 0)) continue;
    if (!newest || head.at > newest.at || (head.at === newest.at && head.key > newest.key)) {
      newest = head;
      newestItem = item;
    }
  }
  if (!newest || !newestItem) return null;
  const first = firstItemIdOf(renames, newest.key);
  return { record: newest, copiedBy: first === null || first.client === newestItem.id.client ? null : newestItem.id.client };
}
