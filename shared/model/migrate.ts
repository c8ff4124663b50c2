/**
 * Opening a plan doc: an empty doc is initialised, an older one migrated in place, a newer one is
 * left untouched and opened read-only.
 *
 * Version 0 is the pre-release layout: no `schemaVersion`, nodes with separate `parent` and `order`
 * keys, titles as plain strings and no description Y.Text.
 *
 * Replicas that migrate the same v0 doc concurrently (offline, or before their first sync) must not
 * make different writes: each would create its own title Y.Text and `place` value, the keys would go
 * to one replica's values, and the other replica's edits made inside its own values after the
 * migration would be lost. So the migration writes are made in a scratch copy of the doc whose Yjs
 * client id is derived from the doc state (a hash of its snapshot: state vector and delete set), in a
 * deterministic order, and applied from there: replicas holding the same state produce byte-identical
 * items (same ids, same content), which Yjs merges as one. Replicas holding different states derive
 * different client ids, so their migrations are ordinary concurrent writes that converge as before.
 * Values that cannot be deterministic (a new plan id, the creation time) are written separately.
 */
import * as Y from 'yjs';
import { generateNKeysBetween } from 'fractional-indexing';
import { ROOT_ID, SCHEMA_VERSION } from './schema.js';
import { planTypes } from './doc.js';
import type { PlanContext } from './context.js';

/** Transaction origin of initialisation and migration writes (never undone by a user's undo). */
export const MIGRATION_ORIGIN = Symbol('throughline-migration');

/** What opening found. */
export interface OpenResult {
  /** The version the doc had before opening (0 = unversioned, null = empty doc). */
  foundVersion: number | null;
  /** True if this code wrote the migration or initialisation. */
  migrated: boolean;
  /** Non-null when the plan must not be written, with the reason. */
  readOnlyReason: string | null;
}

/** Initialises an empty doc, migrates an older one, or reports why a newer one is read-only. */
export function openPlanDoc(doc: Y.Doc, ctx: PlanContext, name = 'Untitled plan'): OpenResult {
  const types = planTypes(doc);
  const version = types.meta.get('schemaVersion');
  if (typeof version === 'number' && version === SCHEMA_VERSION) return { foundVersion: version, migrated: false, readOnlyReason: null };
  if (version !== undefined && (typeof version !== 'number' || !Number.isInteger(version) || version < 0)) {
    return { foundVersion: null, migrated: false, readOnlyReason: `The plan's schema version ${JSON.stringify(version)} is not readable; it opens read-only.` };
  }
  if (typeof version === 'number' && version > SCHEMA_VERSION) {
    return { foundVersion: version, migrated: false, readOnlyReason: `This plan was written by a newer Throughline (schema v${version} > v${SCHEMA_VERSION}); it opens read-only.` };
  }
  const empty = types.nodes.size === 0 && types.meta.size === 0;
  if (!empty) migrateV0Deterministically(doc);
  doc.transact(() => {
    if (!types.meta.has('planId')) types.meta.set('planId', ctx.newId());
    if (!types.meta.has('name')) types.meta.set('name', name);
    if (!types.meta.has('createdAt')) types.meta.set('createdAt', ctx.now());
    if (types.meta.get('schemaVersion') !== SCHEMA_VERSION) types.meta.set('schemaVersion', SCHEMA_VERSION);
  }, MIGRATION_ORIGIN);
  return { foundVersion: empty ? null : typeof version === 'number' ? version : 0, migrated: true, readOnlyReason: null };
}

/** 32-bit FNV-1a hash of some bytes (a Yjs client id is an unsigned 32-bit number). */
function fnv1a(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193);
  return hash >>> 0;
}

/**
 * The Yjs client id the migration of a doc in this state writes with: a hash of the doc's snapshot
 * (state vector and delete set, both encoded in a canonical order), so equal states give equal ids.
 */
function migrationClientId(doc: Y.Doc): number {
  return fnv1a(Y.encodeSnapshot(Y.snapshot(doc)));
}

/** Migrates v0 → v1 in a scratch copy written by the state-derived client id, then applies the result. */
function migrateV0Deterministically(doc: Y.Doc): void {
  const scratch = new Y.Doc();
  scratch.clientID = migrationClientId(doc);
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(scratch);
  scratch.transact(() => migrateV0(scratch));
  const update = Y.encodeStateAsUpdate(scratch, before);
  scratch.destroy();
  Y.applyUpdate(doc, update, MIGRATION_ORIGIN);
}

/**
 * v0 → v1: `parent` + `order` become one `place`; string titles become Y.Text; descriptions exist.
 * Every loop runs in id order, so the same state always gives the same writes in the same order.
 */
function migrateV0(doc: Y.Doc): void {
  const { nodes, meta } = planTypes(doc);
  const ids = [...nodes.keys()].sort();
  const byParent = new Map<string, { id: string; order: string }[]>();
  for (const id of ids) {
    const node = nodes.get(id);
    if (!(node instanceof Y.Map) || node.has('place')) continue;
    const parent = node.get('parent');
    const order = node.get('order');
    const entry = { id, order: typeof order === 'string' || typeof order === 'number' ? String(order) : '' };
    const key = typeof parent === 'string' && parent !== '' ? parent : ROOT_ID;
    const list = byParent.get(key);
    if (list) list.push(entry);
    else byParent.set(key, [entry]);
  }
  for (const parent of [...byParent.keys()].sort()) {
    const siblings = byParent.get(parent)!;
    siblings.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1));
    const keys = generateNKeysBetween(null, null, siblings.length);
    siblings.forEach((sibling, i) => {
      const node = nodes.get(sibling.id)!;
      node.set('place', { parent, order: keys[i]!, at: 0, from: ROOT_ID });
      node.delete('parent');
      node.delete('order');
    });
  }
  for (const id of ids) {
    const node = nodes.get(id);
    if (!(node instanceof Y.Map)) continue;
    const title = node.get('title');
    if (!(title instanceof Y.Text)) node.set('title', new Y.Text(typeof title === 'string' ? title : ''));
    const description = node.get('description');
    if (!(description instanceof Y.Text)) node.set('description', new Y.Text(typeof description === 'string' ? description : ''));
  }
  meta.set('schemaVersion', SCHEMA_VERSION);
}
