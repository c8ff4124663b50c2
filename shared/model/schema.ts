/**
 * The plan's schema: node kinds, the cascade (which kind may sit under which), field names per kind,
 * enumerations and the names of the Y.Doc's top-level types. Pure constants; docs/data-model.md
 * describes the same layout for other programs.
 */

/** The schema version this code writes. A doc with a higher version opens read-only. */
export const SCHEMA_VERSION = 1;

/** Sentinel parent id of top-level nodes (strategies). Never a valid node id. */
export const ROOT_ID = 'root';

/** Names of the Y.Doc's top-level shared types. */
export const TOP_LEVEL = {
  meta: 'meta',
  nodes: 'nodes',
  checkins: 'checkins',
  people: 'people',
  teams: 'teams',
  periods: 'periods',
  links: 'links',
  /** Tombstones of purged nodes: node id → the parent it had and its place item (docs/data-model.md). */
  purged: 'purged',
  /** Rename records of titles and descriptions: concurrent replacements shown as conflicts (renames.ts). */
  renames: 'renames',
  /** Records of scalar field writes: concurrent writes of different values shown as conflicts (field-edits.ts). */
  fieldEdits: 'fieldEdits',
} as const;

export const NODE_KINDS = ['strategy', 'objective', 'key_result', 'kpi', 'initiative', 'task'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** The cascade of SPEC §2: the parents each kind may have (ROOT_ID = the plan root). */
export const ALLOWED_PARENTS: Readonly<Record<NodeKind, readonly (NodeKind | typeof ROOT_ID)[]>> = {
  strategy: [ROOT_ID],
  objective: ['strategy', 'objective'],
  key_result: ['objective'],
  kpi: ['key_result', 'objective'],
  initiative: ['key_result', 'kpi', 'objective'],
  task: ['initiative', 'task'],
};

/** Human names of the kinds, for error messages and the UI. */
export const KIND_LABELS: Readonly<Record<NodeKind, string>> = {
  strategy: 'strategy',
  objective: 'objective',
  key_result: 'key result',
  kpi: 'KPI',
  initiative: 'initiative',
  task: 'task',
};

export const TASK_STATUSES = ['todo', 'in_progress', 'blocked', 'done', 'dropped'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const INITIATIVE_STATUSES = ['proposed', 'active', 'paused', 'done', 'cancelled'] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];

export const METRIC_DIRECTIONS = ['increase', 'decrease', 'range'] as const;
export type MetricDirection = (typeof METRIC_DIRECTIONS)[number];

export const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const IMPACT_LEVELS = ['low', 'medium', 'high'] as const;
export type ImpactLevel = (typeof IMPACT_LEVELS)[number];

export const CHECKIN_STATUSES = ['on_track', 'at_risk', 'off_track'] as const;
export type CheckInStatus = (typeof CHECKIN_STATUSES)[number];

export const LINK_TYPES = ['contributes_to', 'depends_on'] as const;
export type LinkType = (typeof LINK_TYPES)[number];

/** Kinds that may be the source and the target of a "contributes to" link. */
export const CONTRIBUTES_FROM: readonly NodeKind[] = ['initiative', 'task', 'kpi'];
export const CONTRIBUTES_TO: readonly NodeKind[] = ['key_result', 'objective', 'kpi'];

/** Scalar fields every node may carry (besides kind, place, title, description and the stamps). */
export const COMMON_FIELDS = ['owner', 'team', 'priority', 'archived'] as const;

/** Scalar fields specific to each kind. */
export const KIND_FIELDS = {
  strategy: ['horizon'],
  objective: ['period', 'weight'],
  key_result: ['start', 'target', 'unit', 'direction', 'rangeLow', 'rangeHigh', 'weight', 'period'],
  kpi: ['unit', 'healthyLow', 'healthyHigh', 'direction'],
  initiative: ['status', 'startDate', 'dueDate', 'effort', 'impact', 'manualProgress'],
  task: ['status', 'assignee', 'dueDate', 'blockedReason', 'blockedSince', 'doneAt'],
} as const satisfies Record<NodeKind, readonly string[]>;

/** Every scalar field name a node may carry. */
export type CommonField = (typeof COMMON_FIELDS)[number];
export type KindField = (typeof KIND_FIELDS)[NodeKind][number];
export type NodeFieldName = CommonField | KindField;

/** Keys of a node's Y.Map that are not scalar fields. */
export const NODE_STRUCT_KEYS = ['kind', 'place', 'title', 'description', 'deleted', 'created', 'updated', 'restored'] as const;

/** True if `kind` may carry the scalar field `field`. */
export function fieldAllowed(kind: NodeKind, field: string): field is NodeFieldName {
  return (COMMON_FIELDS as readonly string[]).includes(field) || (KIND_FIELDS[kind] as readonly string[]).includes(field);
}

/** True if a node of `kind` may be placed under a parent of `parentKind` (ROOT_ID for the plan root). */
export function parentAllowed(kind: NodeKind, parentKind: NodeKind | typeof ROOT_ID): boolean {
  return ALLOWED_PARENTS[kind].includes(parentKind);
}

/**
 * The parents a merge can leave a node of each kind under (review40a F5): its allowed parents, and what two
 * merges make of them, repeated. Re-attachment: its parent deleted while someone added or moved it there, it
 * is kept under the nearest live ancestor, any kind its parent can sit under (a task under a key result). A
 * kind change: its parent changed, where the parent stands, into a kind it does not belong under, while
 * someone added it there (a key result under a sub-objective turned into a key result). No merge puts a
 * strategy under anything: nothing becomes a strategy below the root, and nothing sits above it.
 */
export const MERGE_PARENTS: Readonly<Record<NodeKind, ReadonlySet<NodeKind | typeof ROOT_ID>>> = (() => {
  const under = Object.fromEntries(NODE_KINDS.map((kind) => [kind, new Set(ALLOWED_PARENTS[kind])])) as Record<NodeKind, Set<NodeKind | typeof ROOT_ID>>;
  let grown = true;
  const add = (kind: NodeKind, parent: NodeKind | typeof ROOT_ID) => { if (!under[kind].has(parent)) { under[kind].add(parent); grown = true; } };
  while (grown) {
    grown = false;
    for (const kind of NODE_KINDS) {
      for (const parent of [...under[kind]]) {
        if (parent === ROOT_ID) continue;
        for (const grand of [...under[parent]]) {
          add(kind, grand);
          for (const other of NODE_KINDS) if (other !== parent && parentAllowed(other, grand)) add(kind, other);
        }
      }
    }
  }
  return under;
})();

/**
 * The kinds a node may be changed to where it stands (the rule `changeKind` enforces): allowed under its
 * parent's kind and allowing each of its live children's kinds below it. Includes its own kind.
 */
export function kindsAllowedAt(parentKind: NodeKind | typeof ROOT_ID, childKinds: Iterable<NodeKind>): NodeKind[] {
  const below = new Set(childKinds);
  return NODE_KINDS.filter((kind) => parentAllowed(kind, parentKind) && [...below].every((child) => parentAllowed(child, kind)));
}

/** Node ids: what `newId()` must produce. Excludes ROOT_ID and '>' (the link-key separator). */
export const NODE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** True if `id` is usable as a node, person, team, period or check-in id. */
export function isValidId(id: string): boolean {
  return NODE_ID_PATTERN.test(id) && id !== ROOT_ID;
}
