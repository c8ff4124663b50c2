import { z } from 'zod';
import { NODE_ID_PATTERN, ROOT_ID, isValidId } from './schema.js';

/**
 * Branded ids (after tldraw's `BaseRecord`): a `NodeId` is a string checked once, where it entered —
 * the doc, a URL, a file, a network message — so a person's id can never be passed where a node's
 * is expected, and code past the boundary need not check again. The brands exist only for the type
 * checker; at run time they are plain strings.
 *
 * Each kind has a zod schema (for boundaries already parsed with zod) and a `parse…` function that
 * throws an `IdError` naming what was wrong; `is…` narrows without throwing.
 */

const idText = z.lazy(() => z.string().regex(NODE_ID_PATTERN, 'an id is 1–64 letters, digits, "-" or "_"'));

export const nodeIdSchema = z.lazy(() => idText.refine((id) => id !== ROOT_ID, `"${ROOT_ID}" is the plan root, not a node`).brand<'NodeId'>());
export const personIdSchema = z.lazy(() => idText.brand<'PersonId'>());
export const teamIdSchema = z.lazy(() => idText.brand<'TeamId'>());
/** A plan's id is also its sync room's name. */
export const planIdSchema = z.lazy(() => idText.brand<'PlanId'>());
/** A workspace's id is the first segment of its rooms' URLs on a server. */
export const workspaceIdSchema = z.lazy(() => idText.brand<'WorkspaceId'>());

export type NodeId = z.infer<typeof nodeIdSchema>;
/** Where a node hangs: another node, or the plan root (ROOT_ID) for a strategy. */
export type ParentId = NodeId | typeof ROOT_ID;
export const parentIdSchema = z.lazy(() => z.union([z.literal(ROOT_ID), nodeIdSchema]));
export type PersonId = z.infer<typeof personIdSchema>;
export type TeamId = z.infer<typeof teamIdSchema>;
export type PlanId = z.infer<typeof planIdSchema>;
export type WorkspaceId = z.infer<typeof workspaceIdSchema>;

/** An id that did not pass its boundary check: `kind` says which id, `value` what was given. */
export class IdError extends Error {
  readonly code = 'invalid-id';
  constructor(readonly kind: string, readonly value: unknown, reason: string) {
    super(`Invalid ${kind} ${JSON.stringify(typeof value === 'string' ? value.slice(0, 80) : value)}: ${reason}.`);
    this.name = 'IdError';
  }
}

function parser<S extends z.ZodType>(kind: string, schema: S): (value: unknown) => z.output<S> {
  return (value) => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    throw new IdError(kind, value, result.error.issues[0]?.message ?? 'not an id');
  };
}

function guard<S extends z.ZodType>(schema: S): (value: unknown) => value is z.output<S> {
  return (value): value is z.output<S> => schema.safeParse(value).success;
}

/** Checks a node id from outside (doc key, URL, file, message); throws `IdError`. */
export const parseNodeId = parser('node id', nodeIdSchema);
/** Checks a parent id from outside: a node id or ROOT_ID; throws `IdError`. */
export const parseParentId: (value: unknown) => ParentId = parser('parent id', parentIdSchema);
export const parsePersonId = parser('person id', personIdSchema);
export const parseTeamId = parser('team id', teamIdSchema);
export const parsePlanId = parser('plan id', planIdSchema);
export const parseWorkspaceId = parser('workspace id', workspaceIdSchema);

export const isNodeId = guard(nodeIdSchema);
export const isParentId: (value: unknown) => value is ParentId = guard(parentIdSchema);
export const isPersonId = guard(personIdSchema);
export const isTeamId = guard(teamIdSchema);
export const isPlanId = guard(planIdSchema);
export const isWorkspaceId = guard(workspaceIdSchema);

/**
 * The doc reader's check (readNodeRecord, link keys, fresh ids): nodeIdSchema's rule as a plain regex,
 * because it runs for every node of a 100k-node plan on load. Narrows without throwing.
 */
export function isStoredNodeId(id: string): id is NodeId {
  return isValidId(id);
}

/** As isStoredNodeId, for a stored parent: a node id or ROOT_ID. */
export function isStoredParentId(id: string): id is ParentId {
  return id === ROOT_ID || isValidId(id);
}
