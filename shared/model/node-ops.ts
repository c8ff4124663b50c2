/**
 * Operations on the nodes of a plan: create, edit fields, move, delete, restore, purge, check in
 * (titles and descriptions: TextOps). Every operation validates its input completely against the current doc state, then
 * writes in ONE transaction with the plan's local origin (so per-user undo sees it); invalid input
 * throws a PlanError and writes nothing.
 */
import * as Y from 'yjs';
import { PlanError } from './errors.js';
import { describe, FIELD_RULES } from './fields.js';
import { purgedTombstoneValue, readInit, type NodeRecord, type Place } from './doc.js';
import { encodeCheckIn, stampAfter } from './checkins.js';
import { orderKeyAt } from './order-keys.js';
import { rawChildrenOf } from './tree.js';
import type { NodeRules } from './node-rules.js';
import { checkInSchema, createNodeSchema, moveNodeSchema, parseInput, type CheckInInput, type CreateNodeInput, type MoveNodeInput, type NodeFieldPatch } from './inputs.js';
import { KIND_LABELS, NODE_KINDS, ROOT_ID, fieldAllowed, type NodeFieldName, type NodeKind } from './schema.js';
import { conflictsOfField, fieldEditKey, mapIdentity, fieldEditsOf, readFieldEdit, STAMPED_FIELDS, UNIT_CHANGE_BOUNDS, type FieldEditRecord, type FieldValue, type UnitChangeBefore } from './field-edits.js';
import { checkInValueAllowed } from './checkin-rules.js';
import { standingBlockers } from './signals.js';
import { freeTextAsKept, showsNothing } from '../text/invisible-text.js';
import type { PlanWriter } from './plan-writer.js';
import { isStoredParentId, type NodeId } from './ids.js';
import { writeMove } from './moves.js';
import { kindChangeKey, kindChangesOf, MAX_SEEN_EDITS } from './kind-changes.js';
import { editsLostToKind, type EditLostToKind } from './edits-lost-to-kind.js';

/** How a node is created beyond its input (NodeOps.createNode). */
export interface CreateNodeOptions {
  namingRemoved?: ReadonlySet<string>;
  /**
   * Place it under `parent` even where its kind does not belong (a task under a key result): only for an
   * import of a row its file holds there, as a plan holds a node a merge re-attached (review39b F6: the
   * app's own export of such a plan was refused on import). The plan shows it out of place, as it showed
   * the node the file came from.
   */
  outOfPlace?: boolean;
}

export class NodeOps {
  private readonly rules: NodeRules;

  constructor(private readonly writer: PlanWriter, rules: NodeRules) {
    this.rules = rules;
  }

  /**
   * Creates a node under `parent` (ROOT_ID for a strategy); returns its id. `options.namingRemoved`: removed
   * people or teams the node may name as they are (an import told to keep naming Carla, who was removed,
   * on the rows that name her: people38); any other removed one is refused as always.
   */
  createNode(input: CreateNodeInput, options: CreateNodeOptions = {}): NodeId {
    this.writer.assertWritable();
    const { kind, parent, title, description, index, ...rest } = parseInput(createNodeSchema, input, 'item');
    const { tree } = this.writer.index.structure();
    const parentKind = this.rules.liveParentKind(parent);
    if (!options.outOfPlace) this.rules.assertKindAllowed(kind, parentKind, parent);
    const fields = this.rules.checkFields(kind, rest, null, options.namingRemoved);
    const id = this.writer.freshNodeId();
    const siblings = this.rules.siblingOrders(tree.children.get(parent) ?? [], null);
    const now = this.writer.ctx.now();
    const place: Place = { parent, order: orderKeyAt(siblings, index ?? siblings.length), at: now, from: ROOT_ID };
    const stamp = { at: now, by: this.writer.ctx.actor };
    // Everything known at creation goes into one immutable JSON string: one Yjs item and one string
    // to decode instead of one item per field. Later edits are separate keys that override it.
    const init: Record<string, unknown> = { kind, created: stamp, place };
    for (const [name, value] of fields) if (value !== null) init[name] = value;
    this.writer.transact(() => {
      const node = new Y.Map<unknown>();
      this.writer.types.nodes.set(id, node);
      node.set('init', JSON.stringify(init));
      // Both texts exist from the start: a Y.Text created lazily by two users at once loses one's words.
      node.set('title', new Y.Text(title ?? ''));
      node.set('description', new Y.Text(freeTextAsKept(description ?? '')));
    });
    return id;
  }

  /** Sets or clears (null) scalar fields of a node. */
  updateNode(id: NodeId, patch: NodeFieldPatch): void {
    this.writer.assertWritable();
    const record = this.rules.liveRecord(id);
    if (typeof patch !== 'object' || patch === null) throw new PlanError('invalid-input', 'the change to an item must be an object');
    const fields = this.rules.checkFields(record.kind, patch as Record<string, unknown>, record);
    const edits = this.fieldEdits(id, record.kind, record.fields as Readonly<Record<string, unknown>>, fields);
    if (fields.size === 0) return;
    const editIds = [...edits.keys()].map(() => this.writer.freshId());
    // Read before the write: a unit change keeps the bounds it may rewrite with it (the old unit's values were judged against them).
    const unitBefore = edits.has('unit') ? unitChangeBefore(record.fields as Readonly<Record<string, unknown>>) : undefined;
    const clears = this.blockersUnblocked(id, record, fields);
    // One transaction: the clearing check-in (first: it may be refused, before anything is written) and the status.
    this.writer.transact(() => {
      if (clears.length > 0) this.addCheckIn(id, { clears });
      this.writeFields(id, fields, edits, editIds, unitBefore);
    });
  }

  /**
   * The check-in blockers a status change clears (review45c F5): a task's status set away from Blocked by
   * someone who sees blockers raised in check-ins standing on it says the task is no longer blocked, so
   * it clears those blockers knowingly, as a check-in naming them does (standingBlockers): it is written
   * as one (`clears`), signed by who changed the status, so history says who ended them. A blocker
   * raised where the status change was not seen (offline, concurrently) is not named and stands.
   */
  private blockersUnblocked(id: NodeId, record: NodeRecord, fields: ReadonlyMap<NodeFieldName, unknown>): string[] {
    if (record.kind !== 'task' || record.fields.status !== 'blocked' || !fields.has('status') || fields.get('status') === 'blocked') return [];
    const seen = this.writer.index.checkInSeries(id);
    return standingBlockers(seen).map((i) => seen.id(i));
  }

  private writeFields(id: NodeId, fields: Map<NodeFieldName, unknown>, edits: Map<NodeFieldName, FieldEditRecord[]>, editIds: string[], unitBefore: UnitChangeBefore | undefined): void {
    const { at, by } = this.writer.stamp();
    this.writeNode(id, (node) => {
      const init = readInit(node.get('init'));
      for (const [name, value] of fields) {
        // Clearing a field that `init` holds needs an explicit null that overrides it.
        if (value === null) {
          if (init[name] !== undefined) node.set(name, null);
          else node.delete(name);
        } else node.set(name, value);
      }
      // The records this write saw go: a field keeps one unless it was written concurrently. Not only the
      // heads: an undo leaves the copies it brought back that are no heads (undo.ts writeRepair), and they
      // must not come back into view once the undo's own record, which replaced them, is gone.
      let i = 0;
      for (const [name, seen] of edits) {
        for (const record of seen) this.writer.types.fieldEdits.delete(record.key);
        const key = fieldEditKey(id, name, editIds[i++]!);
        this.writer.types.fieldEdits.set(key, {
          value: (fields.get(name) ?? null) as FieldValue, after: seen.map((record) => record.editId), by, at, ...mapField(node),
          ...(name === 'unit' && unitBefore !== undefined ? { before: unitBefore } : {}),
        });
        this.writer.fieldEditKeys.written(key);
      }
    });
  }

  /**
   * Which fields of a patch get a field edit record, with the records each replaces (all it saw). A value the field
   * already shows is dropped from `fields` (rewriting it would be a new Yjs item that could beat a
   * concurrent write by client id, unrecorded), unless the field has a conflict: then it is a pick.
   */
  private fieldEdits(id: string, kind: NodeKind, shown: Readonly<Record<string, unknown>>, fields: Map<NodeFieldName, unknown>): Map<NodeFieldName, FieldEditRecord[]> {
    const edits = new Map<NodeFieldName, FieldEditRecord[]>();
    for (const [name, value] of fields) {
      if (STAMPED_FIELDS.has(name)) continue;
      const records = fieldEditsOf(this.writer.types.fieldEdits, id, name, this.writer.fieldEditKeys.keysOf(id));
      const unchanged = (value ?? undefined) === shown[name];
      if (unchanged && conflictsOfField(kind, name, shown[name], records).length === 0) { fields.delete(name); continue; }
      edits.set(name, records);
    }
    return edits;
  }

  /**
   * Changes a node's kind where the cascade allows it: the new kind must be allowed under its parent
   * and every live child must be allowed under the new kind. Fields the new kind does not have are
   * cleared in the same transaction (a key result's target has no meaning on a KPI's …).
   */
  changeKind(id: NodeId, kind: NodeKind): void {
    this.writer.assertWritable();
    if (typeof kind !== 'string' || !(NODE_KINDS as readonly string[]).includes(kind)) throw new PlanError('invalid-input', `the kind must be one of ${NODE_KINDS.map((known) => KIND_LABELS[known]).join(', ')}; got ${describe(kind)}`);
    const record = this.rules.liveRecord(id);
    // Keeping the kind shown is a pick when someone gave it another kind at the same time (kind-changes.ts),
    // or edited a field it does not have meanwhile (edits-lost-to-kind.ts): the change then saw that edit.
    if (record.kind === kind && (record.kindConflicts?.length ?? 0) === 0 && this.editsLostToKind(record).length === 0) return;
    const { tree, records } = this.writer.index.structure();
    const parent = tree.parent.get(id) ?? ROOT_ID;
    this.rules.assertKindAllowed(kind, parent === ROOT_ID ? ROOT_ID : records.get(parent)!.kind, parent);
    this.assertChildrenFit(id, kind);
    const changeId = this.writer.freshId();
    const stamp = this.writer.stamp();
    this.writeNode(id, (node) => this.writeKind(node, record, kind, changeId, stamp, undefined));
  }

  /** The field edits lost to the kind `record` shows (edits-lost-to-kind.ts), read from the doc now. */
  private editsLostToKind(record: NodeRecord): readonly EditLostToKind[] {
    if (record.kindChange === undefined) return [];
    const records: FieldEditRecord[] = [];
    for (const key of this.writer.fieldEditKeys.keysOf(record.id)) {
      const edit = readFieldEdit(key, this.writer.types.fieldEdits.get(key));
      if (edit !== null) records.push(edit);
    }
    return editsLostToKind(record.kind, record.kindChange, records);
  }

  /**
   * Puts back a field edit lost to a change of kind (edits-lost-to-kind.ts): the node takes the kind it had
   * before that change (`restoreKind`), then the edit's value, as its author meant it ("Make it a key result
   * again with target 4"). Refused where that kind cannot stand now, as changeKind refuses it.
   */
  restoreEditLostToKind(id: NodeId, editId: string): void {
    this.writer.assertWritable();
    const record = this.rules.liveRecord(id);
    const lost = this.editsLostToKind(record).find((edit) => edit.editId === editId);
    if (lost === undefined) throw new PlanError('invalid-input', `There is no edit lost to this item's change of kind to put back (${describe(editId)}); it may have been put back or replaced already.`);
    if (lost.restoreKind === null) throw new PlanError('invalid-input', `The edit cannot be put back: the kind this item had before the change has no ${lost.field} either.`);
    this.changeKind(id, lost.restoreKind);
    this.updateNode(id, { [lost.field]: lost.value } as NodeFieldPatch);
  }

  /** Throws unless every live child of `id` may sit under a node of `kind`. */
  private assertChildrenFit(id: NodeId, kind: NodeKind): void {
    const { tree, records } = this.writer.index.structure();
    for (const child of tree.children.get(id) ?? []) this.rules.assertKindAllowed(records.get(child)!.kind, kind, id);
  }

  /**
   * Writes a kind change: fields the new kind does not have are cleared in the same transaction (a key result's
   * target has no meaning on a KPI's …), and its record replaces the kind changes it saw (kind-changes.ts), so a
   * concurrent one shows as a conflict. `move`: the move writing it, whose place its kind travels with.
   */
  private writeKind(node: Y.Map<unknown>, record: NodeRecord, kind: NodeKind, changeId: string, stamp: { at: number; by: string }, move: string | undefined): void {
    const seen = kindChangesOf(node);
    for (const head of seen) node.delete(kindChangeKey(head.changeId));
    node.set('kind', kind);
    // The field edits of fields the new kind does not have, as this writer has them (trust36, review33 F4):
    // they go, and a field it clears gets a record of the clearing that replaces them, as an edit to nothing
    // would. A field edit made at the same time is then left standing beside it: a field conflict where
    // the kind shown has the field, an edit offered back where it has not (edits-lost-to-kind.ts). `seen`
    // names them too, and marks the record as one that claims what it cleared (older ones claim nothing).
    const seenEdits: string[] = [];
    const byField = new Map<NodeFieldName, FieldEditRecord[]>();
    for (const key of this.writer.fieldEditKeys.keysOf(record.id)) {
      const edit = readFieldEdit(key, this.writer.types.fieldEdits.get(key));
      if (edit === null || fieldAllowed(kind, edit.field)) continue;
      if (seenEdits.length < MAX_SEEN_EDITS) seenEdits.push(edit.editId);
      const list = byField.get(edit.field);
      if (list) list.push(edit);
      else byField.set(edit.field, [edit]);
    }
    for (const field of Object.keys(record.fields) as NodeFieldName[]) if (!fieldAllowed(kind, field) && !STAMPED_FIELDS.has(field) && !byField.has(field)) byField.set(field, []);
    for (const [field, edits] of byField) {
      for (const edit of edits) this.writer.types.fieldEdits.delete(edit.key);
      // A field already empty still gets a clearing record when it had records: they were the evidence of the
      // clearing, and a value set at the same time elsewhere may win the field's key by client id; without a
      // record beside it, that value would stand alone as the only head, neither shown nor offered.
      if ((record.fields[field] === undefined && edits.length === 0) || STAMPED_FIELDS.has(field)) continue;
      const key = fieldEditKey(record.id, field, this.writer.freshId());
      this.writer.types.fieldEdits.set(key, { value: null, after: edits.map((edit) => edit.editId), by: stamp.by, at: stamp.at, ...mapField(node) });
      this.writer.fieldEditKeys.written(key);
    }
    node.set(kindChangeKey(changeId), {
      kind, after: seen.map((head) => head.changeId), by: stamp.by, at: stamp.at, ...(move === undefined ? {} : { move }), from: record.kind, seen: seenEdits,
    });
    const init = readInit(node.get('init'));
    for (const field of Object.keys(record.fields)) {
      if (fieldAllowed(kind, field)) continue;
      if (init[field] !== undefined) node.set(field, null);
      else node.delete(field);
    }
  }

  /**
   * Moves a node under `parent` at `index` among its live children (default last). With `kind`, the
   * node also takes that kind in the same write: a blank outline line indented under an objective
   * becomes a key result and keeps its id, so what someone else writes on it meanwhile stays on it.
   */
  moveNode(id: NodeId, input: MoveNodeInput): void {
    this.writer.assertWritable();
    const { parent, index, kind } = parseInput(moveNodeSchema, input, 'move');
    const record = this.rules.liveRecord(id);
    const { tree } = this.writer.index.structure();
    const parentKind = this.rules.liveParentKind(parent);
    this.rules.assertKindAllowed(kind ?? record.kind, parentKind, parent);
    for (let current: string | undefined = parent; current !== undefined && current !== ROOT_ID; current = tree.parent.get(current)) {
      if (current === id) throw new PlanError('cycle', `cannot move the item ${id} under ${parent}: ${parent} is inside it`);
    }
    const retype = kind !== undefined && kind !== record.kind;
    if (retype) this.assertChildrenFit(id, kind);
    const siblings = this.rules.siblingOrders(tree.children.get(parent) ?? [], id);
    const moveId = this.writer.freshId();
    const changeId = retype ? this.writer.freshId() : '';
    const { at, by } = this.writer.stamp();
    const order = orderKeyAt(siblings, index ?? siblings.length);
    this.writeNode(id, (node) => {
      if (retype) this.writeKind(node, record, kind, changeId, { at, by }, moveId);
      writeMove(node, { moveId, parent, order, from: tree.parent.get(id) ?? ROOT_ID, at, by, kind: kind ?? record.kind });
    });
  }

  /**
   * Puts a node where a lost move of it (moves.ts) would have: under that move's parent, at the
   * position its order key has among the parent's live children now. One move, so one undo step, and
   * it saw every head, so the conflict is resolved for everyone.
   */
  takeLostMove(id: NodeId, moveId: string): void {
    this.writer.assertWritable();
    const record = this.rules.liveRecord(id);
    const lost = record.lostMoves?.find((move) => move.moveId === moveId);
    if (!lost) throw new PlanError('invalid-input', `the item ${id} has no lost move ${describe(moveId)}`);
    const { tree } = this.writer.index.structure();
    const parent = lost.parent;
    if (!isStoredParentId(parent) || (parent !== ROOT_ID && !tree.parent.has(parent))) throw new PlanError('deleted-node', `cannot put the item ${id} under ${parent}: it is no longer in the plan`);
    const siblings = this.rules.siblingOrders(tree.children.get(parent) ?? [], id);
    // With the kind the node had after that move: Ben's move under a task, lost to Ada's move that made it a key
    // result, puts it there as the task Ben moved (review33 F4: the pick failed, "a key result cannot be placed under a task").
    const kind = lost.kind !== undefined && lost.kind !== record.kind ? lost.kind : undefined;
    this.moveNode(id, { parent, index: siblings.filter((order) => order < lost.order).length, ...(kind === undefined ? {} : { kind }) });
  }

  /** Soft-deletes a node and its subtree (restorable). */
  deleteNode(id: NodeId): void {
    this.writer.assertWritable();
    const record = this.rules.liveRecord(id);
    const { records, purged } = this.writer.index.structure();
    // Remember which clients' placements were seen in the subtree: later (concurrent) placements survive.
    const rawChildren = rawChildrenOf(records, purged);
    const seen: Record<string, number> = {};
    const visited = new Set<string>([id]);
    const stack: string[] = [record.id];
    while (stack.length > 0) {
      const current = stack.pop()!;
      const item = records.get(current)?.placeItem;
      if (item) seen[String(item.client)] = Y.getState(this.writer.doc.store, item.client);
      for (const child of rawChildren.get(current) ?? []) if (!visited.has(child)) { visited.add(child); stack.push(child); }
    }
    // And the state vector over the clients with records on the subtree (and this one's own): a check-in
    // or edit on it whose item that does not cover was not seen here, and is offered back (deleted-work.ts).
    const store = this.writer.doc.store;
    const seenRecords: Record<string, number> = {};
    for (const client of this.writer.index.recordClientsOn(visited)) seenRecords[String(client)] = Y.getState(store, client);
    seenRecords[String(this.writer.doc.clientID)] = Y.getState(store, this.writer.doc.clientID);
    const now = this.writer.ctx.now();
    this.writeNode(id, (node) => node.set('deleted', { at: now, by: this.writer.ctx.actor, seen, seenRecords }));
  }

  /**
   * Restores a soft-deleted node with the subtree deleted with it, and makes it visible at once: every
   * deleted node on its stored path up to its nearest live ancestor is restored too (with what was
   * deleted with each). Each restored node's place is written again (same value, new Yjs item), so a
   * delete of an ancestor made concurrently, which cannot have seen the restore, does not hide it: it
   * stays shown under its nearest live ancestor, as a node created there concurrently would.
   * Returns the ancestors restored along with it (nearest first).
   */
  restoreNode(id: NodeId): NodeId[] {
    this.writer.assertWritable();
    const record = this.knownRecord(id);
    const { tree, records, purged } = this.writer.index.structure();
    if (!record.deleted) {
      const message = tree.hidden.has(id) ? `the item ${id} is inside a deleted item; restore that one instead` : `the item ${id} is not deleted`;
      throw new PlanError('not-deleted', message);
    }
    const path: NodeRecord[] = [record];
    for (let current = record.place.parent; current !== ROOT_ID && !tree.parent.has(current);) {
      const ancestor = records.get(current);
      if (!ancestor || path.includes(ancestor)) break; // purged (a tombstone) or a stored cycle: no further
      path.push(ancestor);
      current = ancestor.place.parent;
    }
    // Every node this restore shows again carries who restored it (review40a F4): the review diff read
    // the restorer off the path's `place`, which a later move by someone else writes too. The nodes
    // shown again are those on the path and the hidden nodes under them that were not deleted apart.
    const shown = new Set<string>(path.map((node) => node.id));
    const rawChildren = rawChildrenOf(records, purged);
    const stack = [...shown];
    while (stack.length > 0) {
      for (const child of rawChildren.get(stack.pop()!) ?? []) {
        const childRecord = records.get(child);
        if (shown.has(child) || !childRecord || childRecord.deleted || !tree.hidden.has(child)) continue;
        shown.add(child);
        stack.push(child);
      }
    }
    const restored = this.writer.stamp();
    this.writer.transact(() => {
      for (const node of path) {
        const map = this.writer.types.nodes.get(node.id)!;
        if (node.deleted) map.delete('deleted');
        map.set('place', { ...node.place });
        map.set('updated', this.writer.stamp());
      }
      for (const id of shown) this.writer.types.nodes.get(id)?.set('restored', restored);
    });
    return path.slice(1).filter((ancestor) => ancestor.deleted !== null).map((ancestor) => ancestor.id);
  }

  /**
   * Brings back a node an undo took away (the undo of its create) from what its tombstone keeps of it
   * (undo.ts): same id, kind, title, description and fields, under its parent (or that parent's nearest
   * live ancestor), so the check-ins someone made on it meanwhile, stored by its id, show with it again
   * on every device. Two people restoring it at once write the same node; one record stays.
   */
  restoreRemovedNode(id: NodeId): void {
    this.writer.assertWritable();
    const { tree, records, purged } = this.writer.index.structure();
    if (records.has(id)) throw new PlanError('not-deleted', `the item ${id} is in the plan; it was not taken away by an undo`);
    // The node as the tombstone keeps it, with the renames and field edits made on it since (someone
    // offline renamed it before the undo reached them): their records outlived the node's Y.Map.
    const content = this.writer.index.removedNode(id);
    if (content === null) throw new PlanError('unknown-node', `no item ${describe(id)} taken away by an undo is kept in this plan`);
    // What the tombstone keeps came from the doc, written by any peer: checked as a create's input is
    // (lengths, kinds, field values), so a restore cannot bring in what no create would write.
    parseInput(createNodeSchema, { kind: content.kind, parent: ROOT_ID, title: content.title, description: content.description }, 'item');
    // The people and teams it named come back with it, flagged as removed where they were removed
    // since, as every other item that names them keeps them (people37). Refused, the item could not come
    // back at all: it is in no plan view where another could be chosen (review39a F7).
    const named = new Set(Object.entries(content.fields).filter(([name, value]) => typeof value === 'string' && FIELD_RULES[name as NodeFieldName]?.type === 'ref').map(([, value]) => value as string));
    const fields = this.rules.checkFields(content.kind, { ...content.fields }, null, named);
    let parent = content.place.parent;
    for (const visited = new Set<string>(); parent !== ROOT_ID && !tree.parent.has(parent) && !visited.has(parent);) {
      visited.add(parent);
      parent = records.get(parent)?.place.parent ?? purged.get(parent)?.parent ?? ROOT_ID;
    }
    if (parent !== ROOT_ID && !tree.parent.has(parent)) parent = ROOT_ID;
    this.rules.assertKindAllowed(content.kind, this.rules.liveParentKind(parent), parent);
    const siblings = this.rules.siblingOrders(tree.children.get(parent) ?? [], null);
    const now = this.writer.ctx.now();
    const order = parent === content.place.parent ? content.place.order : orderKeyAt(siblings, siblings.length);
    const init: Record<string, unknown> = { ...Object.fromEntries([...fields].filter(([, value]) => value !== null)), kind: content.kind, created: content.created ?? this.writer.stamp(), place: { parent, order, at: now, from: ROOT_ID } };
    this.writer.transact(() => {
      const node = new Y.Map<unknown>();
      this.writer.types.nodes.set(id, node);
      node.set('init', JSON.stringify(init));
      node.set('title', new Y.Text(content.title));
      node.set('description', new Y.Text(content.description));
      node.set('updated', this.writer.stamp());
      this.writer.types.purged.delete(id);
    });
  }

  /**
   * Hard purge of a soft-deleted node: removes its Y.Map, those of the subtree deleted with it and
   * their links, and leaves a tombstone per removed node (`purged`: id → parent) so that a node placed
   * under one of them concurrently still finds its nearest live ancestor. Check-ins stay (history is
   * never rewritten). Live nodes that were placed under it concurrently and are known here are
   * re-placed under their current (nearest live) parent.
   */
  purgeNode(id: NodeId): void {
    this.writer.assertWritable();
    const record = this.knownRecord(id);
    if (!record.deleted) throw new PlanError('not-deleted', `the item ${id} must be deleted before it can be removed for good`);
    const { tree, records, purged } = this.writer.index.structure();
    const rawChildren = rawChildrenOf(records, purged);
    const purge = new Set<string>([id]);
    const visited = new Set<string>([id]);
    const keep: string[] = [];
    for (const stack: string[] = [id]; stack.length > 0;) {
      for (const child of rawChildren.get(stack.pop()!) ?? []) {
        if (visited.has(child)) continue;
        visited.add(child);
        if (!records.has(child)) stack.push(child); // an earlier tombstone: look below it
        else if (tree.hidden.has(child)) { purge.add(child); stack.push(child); }
        else keep.push(child);
      }
    }
    const now = this.writer.ctx.now();
    this.writer.transact(() => {
      for (const child of keep) {
        const current = records.get(child)!.place;
        this.writer.types.nodes.get(child)!.set('place', { ...current, parent: tree.parent.get(child) ?? ROOT_ID, at: now });
      }
      for (const nodeId of purge) {
        const purgedRecord = records.get(nodeId)!;
        // Stamped with who, when, what and the check-ins seen: one made on it offline meanwhile is listed (checkInsOnPurgedWork).
        const index = this.writer.index;
        this.writer.types.purged.set(nodeId, purgedTombstoneValue(purgedRecord.place.parent, purgedRecord.placeItem, {
          at: now, by: this.writer.ctx.actor, kind: purgedRecord.kind, title: index.title(nodeId), seenCheckIns: index.checkIns(nodeId).map((checkIn) => checkIn.id),
        }));
        this.writer.types.nodes.delete(nodeId);
      }
      for (const nodeId of purge) {
        for (const key of [...this.writer.renameKeys.keysOf(nodeId)]) this.writer.types.renames.delete(key);
        for (const key of [...this.writer.fieldEditKeys.keysOf(nodeId)]) this.writer.types.fieldEdits.delete(key);
      }
      for (const key of [...this.writer.types.links.keys()]) {
        const [from, , to] = key.split('>');
        if ((from !== undefined && purge.has(from)) || (to !== undefined && purge.has(to))) this.writer.types.links.delete(key);
      }
    });
  }

  /** Appends a check-in to a live node; returns its id. History is never rewritten. */
  addCheckIn(nodeId: NodeId, input: CheckInInput = {}): string {
    this.writer.assertWritable();
    const parsed = parseInput(checkInSchema, input, 'check-in');
    const record = this.rules.liveRecord(nodeId);
    // Signed by who is acting: a removed person signs nothing new (leftovers39), as a removed person owns
    // nothing new ('removed-person' in the fields' rules). Only this operation refuses: a check-in an older
    // Throughline signed so arrives by sync and is kept like any other (doc-cache.ts reads it as it is).
    const signer = this.writer.index.person(this.writer.ctx.actor);
    if (signer?.removed) {
      throw new PlanError('removed-person', `the person ${describe(signer.name)}, who signs this check-in, was removed from this plan: a removed person cannot sign a check-in; restore them first or choose who you are in this plan`);
    }
    checkInValueAllowed(record, parsed.value ?? null, parsed.note ?? '', parsed.blocker ?? false, (parsed.confidence ?? null) !== null || (parsed.status ?? null) !== null || (parsed.clears?.length ?? 0) > 0);
    // A note that shows nothing (spaces, zero-width characters) is kept as no note (invisible-text.ts).
    const note = freeTextAsKept(parsed.note ?? '');
    const id = this.writer.freshId();
    const value = parsed.value ?? null;
    // A value keeps the unit it was given in: a later change of the unit must not re-read it (check-in-units.ts).
    const measured = value !== null && (record.kind === 'key_result' || record.kind === 'kpi');
    const seen = this.writer.index.checkInSeries(nodeId);
    const clears = [...new Set(parsed.clears ?? [])];
    for (const blockerId of clears) {
      let found = false;
      for (let i = 0; i < seen.length && !found; i++) found = seen.blocker(i) && seen.id(i) === blockerId;
      if (!found) throw new PlanError('invalid-input', `this check-in cannot clear ${describe(blockerId)}: it is no blocker raised in a check-in on this item`);
    }
    // "Still blocked" restates blockers that stand: without one there is nothing to restate.
    const restates = parsed.restates === true;
    if (restates && parsed.blocker !== true) throw new PlanError('invalid-input', 'a check-in can say the item is still blocked only as a blocker');
    if (restates && standingBlockers(seen).length === 0) throw new PlanError('invalid-input', 'this check-in cannot say the item is still blocked: no blocker raised in a check-in stands on it');
    // A new blocker on an item a blocker already stands on is a new reason: its author becomes a raiser and its
    // note the reason shown. With no note it would list its author as raising a blocker without a reason
    // (review38b F7); "still blocked" without a new reason is `restates`.
    if (parsed.blocker === true && !restates && clears.length === 0 && showsNothing(parsed.note ?? '') && standingBlockers(seen).length > 0) {
      throw new PlanError('missing-reason', 'a new reason for a blocker needs the reason written in the note: this item is already blocked, so a check-in without one can only say it is still blocked');
    }
    // Stamped after every check-in on the node its author has seen (hybrid-logical-clock style): a
    // correction counts as later than what it corrects even when that came from a clock running fast.
    // `at` stays the author's clock (shown, and counted from); the order stamp is kept beside it.
    // An integer time (a fractional clock would make the entry malformed: checkins.ts validStamp).
    const at = parsed.at ?? Math.floor(this.writer.ctx.now());
    const latestSeen = parsed.at === undefined && seen.length > 0 ? seen.order(seen.length - 1) : -Infinity;
    const order = stampAfter(latestSeen, at);
    const tuple = encodeCheckIn({
      id, nodeId, at, by: this.writer.ctx.actor, value, confidence: parsed.confidence ?? null,
      status: parsed.status ?? null, blocker: parsed.blocker ?? false, note, ...(measured ? { unit: record.fields.unit ?? '' } : {}),
      ...(order === undefined ? {} : { order }), clears, ...(restates ? { restates: true as const } : {}),
    });
    this.writer.transact(() => this.writer.types.checkins.push([tuple]));
    return id;
  }

  private knownRecord(id: string): NodeRecord {
    const record = this.writer.index.structure().records.get(id);
    if (!record) throw new PlanError('unknown-node', `no item ${describe(id)} in this plan`);
    return record;
  }

  /** Writes to one node's map in a transaction, stamping `updated`. */
  writeNode(id: string, write: (node: Y.Map<unknown>) => void): void {
    const node = this.writer.types.nodes.get(id)!;
    this.writer.transact(() => {
      write(node);
      node.set('updated', { at: this.writer.ctx.now(), by: this.writer.ctx.actor });
    });
  }
}

/** The record's `map` field: the copy of the node's Y.Map the value was written into (field-edits.ts, `FieldEditRecord.map`). */
function mapField(node: Y.Map<unknown>): { map?: string } {
  const id = mapIdentity(node);
  return id === undefined ? {} : { map: id };
}

/** The unit and bounds a node has before a write that changes its unit (FieldEditRecord.before). */
function unitChangeBefore(fields: Readonly<Record<string, unknown>>): UnitChangeBefore {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const before: UnitChangeBefore = { unit: text(fields.unit), direction: text(fields.direction), start: null, target: null, rangeLow: null, rangeHigh: null, healthyLow: null, healthyHigh: null };
  for (const field of UNIT_CHANGE_BOUNDS) before[field] = typeof fields[field] === 'number' ? fields[field] : null;
  return before;
}
