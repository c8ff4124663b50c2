/**
 * Opening a plan doc: an empty doc is initialised, an older one migrated in place, a newer one is
 * left untouched and opened read-only.
 *
 * Version 0 is the pre-release layout: no `schemaVersion`, nodes with separate `parent` and `order`
 * keys, titles as plain strings and no description Y.Text. Migration is deterministic (the same
 * input gives the same writes on every replica), so two replicas migrating concurrently converge.
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
  doc.transact(() => {
    if (!empty) migrateV0(doc);
    if (!types.meta.has('planId')) types.meta.set('planId', ctx.newId());
    if (!types.meta.has('name')) types.meta.set('name', name);
    if (!types.meta.has('createdAt')) types.meta.set('createdAt', ctx.now());
    types.meta.set('schemaVersion', SCHEMA_VERSION);
  }, MIGRATION_ORIGIN);
  return { foundVersion: empty ? null : typeof version === 'number' ? version : 0, migrated: true, readOnlyReason: null };
}

/** v0 → v1: `parent` + `order` become one `place`; string titles become Y.Text; descriptions exist. */
function migrateV0(doc: Y.Doc): void {
  const { nodes } = planTypes(doc);
  const byParent = new Map<string, { id: string; order: string }[]>();
  for (const [id, node] of nodes) {
    if (!(node instanceof Y.Map) || node.has('place')) continue;
    const parent = node.get('parent');
    const order = node.get('order');
    const entry = { id, order: typeof order === 'string' || typeof order === 'number' ? String(order) : '' };
    const key = typeof parent === 'string' && parent !== '' ? parent : ROOT_ID;
    const list = byParent.get(key);
    if (list) list.push(entry);
    else byParent.set(key, [entry]);
  }
  for (const [parent, siblings] of byParent) {
    siblings.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1));
    const keys = generateNKeysBetween(null, null, siblings.length);
    siblings.forEach((sibling, i) => {
      const node = nodes.get(sibling.id)!;
      node.set('place', { parent, order: keys[i]!, at: 0, from: ROOT_ID });
      node.delete('parent');
      node.delete('order');
    });
  }
  for (const node of nodes.values()) {
    if (!(node instanceof Y.Map)) continue;
    const title = node.get('title');
    if (!(title instanceof Y.Text)) node.set('title', new Y.Text(typeof title === 'string' ? title : ''));
    const description = node.get('description');
    if (!(description instanceof Y.Text)) node.set('description', new Y.Text(typeof description === 'string' ? description : ''));
  }
}
