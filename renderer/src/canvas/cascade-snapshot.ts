import { HEALTH_RANK, NODE_KINDS, riskOriginSeverity, shownName, type NodeKind, type NodeView, type PlanIndex, type Signal, type NodeId } from '../../../shared/model/index.js';

/**
 * The plan as the canvas sees it: one row per live node in outline (depth-first) order, held in
 * columns of typed arrays so a 100,000-node plan is a few megabytes that can be copied to a layout
 * worker in one message. A parent always comes before its children (`parent[i] < i`).
 */
export interface CascadeStructure {
  ids: NodeId[];
  /** Row of the parent, -1 for strategies (children of the plan root). */
  parent: Int32Array;
  /** 1 for strategies, 2 for their children, … */
  depth: Uint16Array;
  /** Health of each node: 0 on track, 1 at risk, 2 off track (HEALTH_RANK). */
  health: Uint8Array;
}

/** Badge and state bits of a node (its own signals, not inherited ones). */
export const CardFlag = {
  blocked: 1,
  stale: 2,
  overdue: 4,
  forecastMiss: 8,
  /** Active work with no path to a key result or objective (it carries the unaligned signal). */
  unaligned: 16,
  inactive: 32,
  /** Carries a risk signal of its own (not only inherited): where risk begins. */
  riskOrigin: 64,
} as const;

export interface CascadeSnapshot extends CascadeStructure {
  /** Row of each id. */
  rowOf: Map<string, number>;
  /** Index into NODE_KINDS. */
  kind: Uint8Array;
  /** Worst severity of the node's own risk signals (unaligned excluded): 0 none, 1 at risk, 2 off track. */
  ownRisk: Uint8Array;
  /**
   * 0–1, NaN when the node has nothing to measure; the model's shares as they are. Float64, not Float32:
   * a share half way between two whole percents (7 of 40 is 17.5%) lost its half in 32 bits, and the
   * card read 17 where the outline read 18%.
   */
  progress: Float64Array;
  flags: Uint16Array;
  titles: string[];
  /** The owner's (or a task's assignee's) name, '' when nobody. */
  owners: string[];
  /** Tasks in the subtree, done and blocked ones (NodeView.counts). */
  tasks: Int32Array;
  done: Int32Array;
  blocked: Int32Array;
}

export const kindCode = (kind: NodeKind): number => NODE_KINDS.indexOf(kind);
export const kindAt = (snapshot: CascadeSnapshot, row: number): NodeKind => NODE_KINDS[snapshot.kind[row]!]!;

/** Where risk begins: the one rule the pulse reads too (shared/model/risk-origins.ts). */
function ownRiskOf(signals: readonly Signal[]): number {
  return riskOriginSeverity(signals);
}

function flagsOf(node: NodeView): number {
  let flags = 0;
  for (const signal of node.signals) {
    if (signal.kind === 'blocked') flags |= CardFlag.blocked;
    else if (signal.kind === 'stale') flags |= CardFlag.stale;
    else if (signal.kind === 'overdue') flags |= CardFlag.overdue;
    else if (signal.kind === 'forecast' && signal.severity !== 'info') flags |= CardFlag.forecastMiss;
    else if (signal.kind === 'unaligned') flags |= CardFlag.unaligned;
  }
  if (node.inactive) flags |= CardFlag.inactive;
  if (ownRiskOf(node.signals) > 0) flags |= CardFlag.riskOrigin;
  return flags;
}

/** Writes one node's columns (used by the full build and by the repaint of a remote edit). */
function writeRow(snapshot: CascadeSnapshot, row: number, node: NodeView, title: string, personName: (id: string) => string): void {
  snapshot.kind[row] = kindCode(node.kind);
  snapshot.health[row] = HEALTH_RANK[node.health];
  snapshot.ownRisk[row] = ownRiskOf(node.signals);
  snapshot.progress[row] = node.progress ?? Number.NaN;
  snapshot.flags[row] = flagsOf(node);
  snapshot.titles[row] = title;
  const owner = node.fields.owner ?? node.fields.assignee;
  snapshot.owners[row] = owner ? personName(owner) : '';
  snapshot.tasks[row] = node.counts.tasks;
  snapshot.done[row] = node.counts.done;
  snapshot.blocked[row] = node.counts.blocked;
}

function nameLookup(index: PlanIndex): (id: string) => string {
  const names = new Map<string, string>([...index.people(), ...index.removedPeople()].map((person) => [person.id, shownName(person)]));
  return (id) => names.get(id) ?? '';
}

/** The canvas's picture of the plan as of the index's last refresh: a pure function of the index. */
export function snapshotFromIndex(index: PlanIndex): CascadeSnapshot {
  const ids = [...index.walk()];
  const count = ids.length;
  const rowOf = new Map<string, number>();
  ids.forEach((id, row) => rowOf.set(id, row));
  const snapshot: CascadeSnapshot = {
    ids, rowOf,
    parent: new Int32Array(count), depth: new Uint16Array(count), health: new Uint8Array(count), kind: new Uint8Array(count), ownRisk: new Uint8Array(count),
    progress: new Float64Array(count), flags: new Uint16Array(count), titles: new Array<string>(count), owners: new Array<string>(count),
    tasks: new Int32Array(count), done: new Int32Array(count), blocked: new Int32Array(count),
  };
  const personName = nameLookup(index);
  for (let row = 0; row < count; row++) {
    const node = index.node(ids[row]!)!;
    const parentRow = rowOf.get(node.parent) ?? -1;
    snapshot.parent[row] = parentRow;
    snapshot.depth[row] = parentRow === -1 ? 1 : Math.min(65_535, snapshot.depth[parentRow]! + 1);
    writeRow(snapshot, row, node, index.title(node.id), personName);
  }
  return snapshot;
}

/**
 * Brings a snapshot up to date after a refresh that changed `changedIds`. Returns false when the
 * tree's shape changed (a node added, removed or moved): the caller builds a new snapshot and lays
 * it out again. Otherwise only the changed rows are rewritten and the layout stands.
 */
export function patchSnapshot(snapshot: CascadeSnapshot, index: PlanIndex, changedIds: ReadonlySet<string>): boolean {
  if (index.size !== snapshot.ids.length) return false;
  const personName = nameLookup(index);
  for (const id of changedIds) {
    const row = snapshot.rowOf.get(id);
    const node = row === undefined ? undefined : index.node(id);
    if (row === undefined || !node) {
      if (index.node(id) || row !== undefined) return false;
      continue; // ROOT_ID: the summary changed, nothing on a card
    }
    const parentRow = snapshot.parent[row]!;
    if ((parentRow === -1 ? index.parentOf(id) !== 'root' : snapshot.ids[parentRow] !== node.parent)) return false;
    const children = node.childIds;
    let shown = 0;
    const end = subtreeEnd(snapshot, row);
    for (let next = row + 1; next < end; next++) {
      if (snapshot.parent[next] !== row) continue;
      if (snapshot.ids[next] !== children[shown]) return false;
      shown++;
    }
    if (shown !== children.length) return false;
    writeRow(snapshot, row, node, index.title(id), personName);
  }
  return true;
}

/** Rows from `row` up to its strategy (both included). */
export function pathUp(structure: Pick<CascadeStructure, 'parent'>, row: number): number[] {
  const path: number[] = [];
  for (let at = row; at !== -1; at = structure.parent[at]!) path.push(at);
  return path;
}

/** One past the last row of the subtree under `row`: a subtree is contiguous in outline order. */
export function subtreeEnd(structure: Pick<CascadeStructure, 'depth'>, row: number): number {
  const depth = structure.depth[row]!;
  let end = row + 1;
  while (end < structure.depth.length && structure.depth[end]! > depth) end++;
  return end;
}
