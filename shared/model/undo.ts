/** Per-user undo/redo: a Y.UndoManager that tracks only this plan's local origin. */
import * as Y from 'yjs';
import { changedSpan, headsOf, renameKey, renamesOf, TEXT_FIELDS, textIdentity, type TextField } from './renames.js';
import { readPlace, removedTombstoneValue, tombstoneValue, type NodeRecord, type PlanTypes, type Stamp } from './doc.js';
import { moveHeadsOf, movesOf, writeMove } from './moves.js';
import type { Plan } from './plan.js';
import type { NodeId } from './ids.js';
import { decodeCheckIn } from './checkins.js';
import { byRecency, readFieldEdit, fieldEditKey, fieldEditKeyNode, fieldEditsOf, fieldHeadsOf, mapIdentity, STAMPED_FIELDS, fieldVoiding, type FieldEditRecord, type FieldValue } from './field-edits.js';
import { unreplaced } from './record-heads.js';
import { FIELD_RULES, fieldValueReadable } from './fields.js';
import { COMMON_FIELDS, KIND_FIELDS, fieldAllowed, type NodeFieldName } from './schema.js';
import { firstItemIdOf, readInit, readKind, readPurgeStamp, readRemovedContent } from './doc.js';
import { groupByNode } from './records-by-node.js';
import { appendAll } from '../collections/long-lists.js';

/**
 * Creates an undo manager for the local user's changes to nodes, links, people, teams, periods and
 * settings. Check-ins are left out on purpose: history is never rewritten, a wrong check-in is
 * corrected by a new one. Remote changes are never undone (they have another origin).
 */
export function createUndoManager(plan: Plan, options: { captureTimeout?: number } = {}): PlanUndoManager {
  // Brought up to date just before the pop and read after it, before anything syncs the index again:
  // the records as they were before the undo.
  const recordsBefore = () => plan.index.structure().records;
  const holdsCheckIns = (id: string) => plan.index.checkIns(id).length > 0;
  const softDelete = (id: string) => plan.deleteNode(id as NodeId);
  const checkInIds = (id: string) => plan.index.checkIns(id).map((checkIn) => checkIn.id);
  const stamp = (): Stamp => ({ at: plan.ctx.now(), by: plan.ctx.actor });
  const newId = () => plan.ctx.newId();
  return new PlanUndoManager(plan.types, recordsBefore, { holdsCheckIns, softDelete, checkInIds, stamp, newId }, { captureTimeout: options.captureTimeout ?? 500, trackedOrigins: new Set([plan.origin]) });
}

/** What the undo of a create asks of the plan for a node that holds check-ins (see keptCreations). */
interface CheckedInCreations {
  holdsCheckIns(id: string): boolean;
  softDelete(id: string): void;
  /** The ids of the check-ins stored on a node now. */
  checkInIds(id: string): string[];
  /** Who is undoing, and now. */
  stamp(): Stamp;
  /** A fresh id for a field edit record. */
  newId(): string;
}

/** What the pop may take away of a node created by the step: its texts and check-ins as they were before it. */
interface CreationBefore {
  title: string;
  description: string;
  checkInIds: string[];
}

/**
 * Undo of a rename is undo of a replacement, not of typing. Y.UndoManager takes back a text change
 * as keystrokes: it deletes the characters the rename inserted and brings back the ones it deleted.
 * When someone else replaced the same span since (or concurrently, offline), their replacement had
 * already deleted those inserted characters, so the undo only brings the old ones back beside theirs:
 * "Open a Munich office" renamed to "…Berlin…" by Ada, then to "…Paris…" by Ben, and Ada's Ctrl+Z
 * made "Open a MunichParis office" for everyone. A field's rename records say what it should show: with
 * one head left after the undo, the field is that head's text (the rename still standing); so inside
 * the undo's own transaction (one step, same redo entry) each title or description the undo touched
 * is made equal to its single head's text. Several heads are a conflict the field already shows as a
 * winner with the others to pick (renames.ts); no head is the node's first text, which the undo restored.
 */
export class PlanUndoManager extends Y.UndoManager {
  constructor(
    private readonly types: PlanTypes,
    private readonly recordsBefore: () => ReadonlyMap<string, NodeRecord>,
    private readonly checkedIn: CheckedInCreations,
    options: { captureTimeout: number; trackedOrigins: Set<unknown> },
  ) {
    super([types.meta, types.nodes, types.people, types.teams, types.periods, types.links, types.purged, types.renames, types.fieldEdits], {
      ...options,
      deleteFilter: (item) => this.mayTakeAway(item),
    });
    // What each step changed, kept on it (and, for a pop, the popped step's words on the entry it leaves).
    const noteStep = ({ stackItem, changedParentTypes }: { stackItem: StackItem; changedParentTypes: Y.Transaction['changedParentTypes'] }, merge: boolean) => {
      if (this.undoing || this.redoing) return;
      const step = summarizeStep(this.types, changedParentTypes);
      const earlier = merge ? stepOf(stackItem) : null;
      stackItem.meta.set(STEP_META, earlier ? mergeSteps(earlier, step) : step);
    };
    this.on('stack-item-added', (event: { stackItem: StackItem; type: 'undo' | 'redo'; changedParentTypes: Y.Transaction['changedParentTypes'] }) => {
      // A new step of the person's own (an edit, or a redo): a check-in made before it is no longer the last thing they did.
      if (event.type === 'undo') this.checkInsSinceStep = [];
      noteStep(event, false);
    });
    this.on('stack-item-updated', (event: { stackItem: StackItem; changedParentTypes: Y.Transaction['changedParentTypes'] }) => {
      this.checkInsSinceStep = [];
      noteStep(event, true);
    });
    const trackedOrigins = options.trackedOrigins;
    const onCheckIns = (event: Y.YArrayEvent<unknown>, transaction: Y.Transaction) => {
      if (!trackedOrigins.has(transaction.origin)) return;
      for (const item of event.changes.added) {
        for (const raw of item.content.getContent()) {
          const checkIn = decodeCheckIn(raw);
          if (checkIn) this.checkInsSinceStep.push({ id: checkIn.id, nodeId: checkIn.nodeId });
        }
      }
    };
    types.checkins.observe(onCheckIns);
    this.stopObservingCheckIns = () => types.checkins.unobserve(onCheckIns);
  }

  private readonly stopObservingCheckIns: () => void;

  /**
   * The person's own check-ins since their last undo step (review38b F4). Check-ins are history and no undo
   * step, so a Ctrl+Z pressed right after one reaches past it to an older, unrelated edit (Ada sets a due
   * date, checks in "moving", presses Ctrl+Z: the check-in stayed and the due date went, unsaid). The shell
   * asks first while this holds any (PlanOperations.undo). Emptied by a new step, an undo, or `forgetCheckIns`.
   */
  checkInsSinceLastStep(): readonly { id: string; nodeId: string }[] {
    return this.checkInsSinceStep;
  }

  /** The person has been told their check-ins stay: the next undo goes ahead. */
  forgetCheckIns(): void {
    this.checkInsSinceStep = [];
  }

  private checkInsSinceStep: { id: string; nodeId: string }[] = [];

  /**
   * What the next undo (or redo) takes back (or brings back), as it was recorded; null with nothing to pop.
   * Yjs passes over a step whose changes others have all replaced since (it would change nothing) and pops
   * the one below too: the step named is the first from the top that would still change something (the
   * top one when none would), so the Undo button and the question after a check-in name what goes (review39a F1).
   */
  nextStep(which: 'undo' | 'redo'): UndoStep | null {
    const stack = which === 'undo' ? this.undoStack : this.redoStack;
    const top = stack[stack.length - 1];
    if (!top) return null;
    // A few steps down at most: each one passed over was replaced by someone else since.
    for (let index = stack.length - 1; index >= Math.max(0, stack.length - STEPS_LOOKED_PAST); index--) {
      if (wouldChange(this, stack[index]!)) return stepOf(stack[index]!) ?? EMPTY_STEP;
    }
    return stepOf(top) ?? EMPTY_STEP;
  }

  /**
   * What the last undo (or redo) did: the step it took back (or brought back), null when it changed nothing,
   * and the newer steps it passed over because others had replaced all they changed (review39a F1: the
   * notice was worked out from the top step before the pop, and named an edit that was not undone).
   */
  lastPop(): PoppedSteps | null {
    return this.popped;
  }

  private popped: PoppedSteps | null = null;
  /** The stack items the pop running now took off its stack, oldest first. */
  private poppedItems: readonly StackItem[] = [];

  private notePop(result: StackItem | null): void {
    const step = result ? stepOf(result) ?? EMPTY_STEP : null;
    this.popped = { step, passedOver: this.poppedItems.filter((item) => item !== result).reverse().map((item) => stepOf(item) ?? EMPTY_STEP) };
  }

  override destroy(): void {
    this.stopObservingCheckIns();
    super.destroy();
  }

  /**
   * Node records whose creation an undo or redo found holding check-ins: kept, and soft-deleted instead.
   * Check-ins are history (never undone), and taking the record away hid them with it for good: Ada adds
   * a key result, Ben checks in on it with a blocker, Ada presses Ctrl+Z, and the key result, Ben's
   * check-in and his blocker were gone on every device, in no list, the pulse saying nothing blocked.
   * Soft-deleted, the node is in Deleted items with its check-ins, and can be restored; redo restores it.
   */
  private keptCreations = new Set<string>();

  /**
   * The live node records the next pop would take away, as they were before it: the tombstone it leaves
   * keeps them (removedTombstoneValue). Someone offline may have checked in on such a node; their
   * check-in arrives after the record went, and was then shown nowhere. With the node kept in its
   * tombstone, the check-in is listed with its node (checkInsOnRemovedWork) and the node can be restored.
   */
  private creationsBefore = new Map<string, CreationBefore>();

  /**
   * The last non-empty title this manager's pops took from a node (its title just before a pop changed
   * it). Ada adds a key result and types "Churn under 5%"; Ben sees it and, offline, checks in on it; her
   * first Ctrl+Z undoes the typing, the second the create. The tombstone kept the empty title, so the
   * node was listed and restored as "Untitled"; it keeps the title it was last shown by instead.
   */
  private titlesBeforePops = new Map<string, string>();

  /** The titles and descriptions the next pop of the stack changes, as they are just before it (recordUndoneText). */
  private readonly textsBeforePop = new Map<Y.Text, string>();

  /** Notes the titles of the nodes whose title the next pop of `stack` changes, as they are now. */
  private noteTitlesBeforePop(transaction: Y.Transaction, stack: readonly { insertions: InsertedIds; deletions: InsertedIds }[]): void {
    const next = stack[stack.length - 1];
    if (!next) return;
    this.textsBeforePop.clear();
    const note = (struct: Y.Item | Y.GC) => {
      const text = struct instanceof Y.Item ? struct.parent : null;
      if (!(text instanceof Y.Text) || this.textsBeforePop.has(text)) return;
      const field = text._item?.parentSub;
      if (field !== 'title' && field !== 'description') return;
      const record = text.parent;
      const node = record instanceof Y.Map ? record._item?.parentSub : null;
      if (!node || this.types.nodes.get(node) !== record) return;
      const shown = text.toString();
      this.textsBeforePop.set(text, shown);
      if (field !== 'title') return;
      if (shown.trim() !== '') this.titlesBeforePops.set(node, shown);
    };
    Y.iterateDeletedStructs(transaction, next.insertions, note);
    Y.iterateDeletedStructs(transaction, next.deletions, note);
  }

  /** Undo's deleteFilter: false for a kept record (keptCreations) and for everything inside it. */
  private mayTakeAway(item: Y.Item): boolean {
    if (this.keptCreations.size === 0) return true;
    let current: Y.Item | null = item;
    while (current) {
      const parent: Y.AbstractType<unknown> | Y.ID | null = current.parent;
      if (parent === this.types.nodes) return !(current.parentSub !== null && this.keptCreations.has(current.parentSub) && this.types.nodes._map.get(current.parentSub) === current);
      current = parent instanceof Y.AbstractType ? parent._item : null;
    }
    return true;
  }

  /**
   * The live node records the next pop of `stack` would take away (it inserted them) that hold a
   * check-in made after that step: an import undone with the check-ins it brought still goes whole.
   * Reads only what that step inserted (as the pop itself does), not every record of the plan: an undo
   * stays as cheap at 100,000 nodes as at ten.
   */
  private findKeptCreations(transaction: Y.Transaction, stack: readonly { insertions: InsertedIds }[]): void {
    this.keptCreations.clear();
    this.creationsBefore.clear();
    const next = stack[stack.length - 1];
    if (!next) return;
    const nodes = this.types.nodes;
    const candidates = new Set<string>();
    Y.iterateDeletedStructs(transaction, next.insertions, (struct) => {
      if (!(struct instanceof Y.Item) || struct.deleted || struct.parent !== nodes || struct.parentSub === null) return;
      const id = struct.parentSub;
      if (nodes._map.get(id) !== struct) return;
      const node = nodes.get(id);
      const text = (field: string) => { const value = node?.get(field); return value instanceof Y.Text ? value.toString() : ''; };
      const title = text('title');
      this.creationsBefore.set(id, { title: title.trim() === '' ? this.titlesBeforePops.get(id) ?? title : title, description: text('description'), checkInIds: this.checkedIn.checkInIds(id) });
      if (this.checkedIn.holdsCheckIns(id)) candidates.add(id);
    });
    if (candidates.size > 0) for (const id of checkInsAfter(this.types.checkins, candidates, next.insertions)) this.keptCreations.add(id);
  }

  override undo(): ReturnType<Y.UndoManager['undo']> {
    this.checkInsSinceStep = [];
    const result = this.carryingStep(this.asReplacements(() => super.undo(), 'undoing'), this.redoStack);
    this.notePop(result);
    return result;
  }

  override redo(): ReturnType<Y.UndoManager['redo']> {
    const result = this.carryingStep(this.asReplacements(() => super.redo(), 'redoing'), this.undoStack);
    this.notePop(result);
    return result;
  }

  /** The entry a pop leaves on the other stack names the step it popped (its redo is that step again). */
  private carryingStep<T>(popped: T, other: readonly StackItem[]): T {
    const step = popped instanceof Object && 'meta' in popped ? stepOf(popped as unknown as StackItem) : undefined;
    const top = other[other.length - 1];
    if (step && top && top !== (popped as unknown) && !top.meta.has(STEP_META)) top.meta.set(STEP_META, step);
    return popped;
  }

  private asReplacements<T>(pop: () => T, flag: 'undoing' | 'redoing'): T {
    let result!: T;
    const doc = this.doc;
    // One outer transaction: the pop (Yjs joins it) and the repair land as one change, which the
    // handler after the transaction files as this undo's redo entry (or redo's undo entry) because the
    // flag is still up then (super.undo lowers it when the pop returns).
    this[flag] = true;
    this.poppedItems = [];
    try {
      const records = this.recordsBefore();
      doc.transact((transaction) => {
        const stack = flag === 'undoing' ? this.undoStack : this.redoStack;
        this.noteTitlesBeforePop(transaction, stack);
        this.findKeptCreations(transaction, stack);
        // One press takes back one step. Yjs pops the next step too when a step changed nothing, and a
        // step whose only change is a kept creation changes nothing (the filter keeps it): Ada's Ctrl+Z on
        // a key result Ben had checked in on also took away the key result she made before it, with no
        // tombstone content and Ben's check-ins on that one with it. The steps below wait outside the pop
        // then (only then: a step others' edits emptied still moves on to the next, as Yjs does).
        const stackBefore = [...stack];
        const below = this.keptCreations.size > 0 ? stack.splice(0, Math.max(0, stack.length - 1)) : [];
        try {
          result = pop();
        } finally {
          // In place (the UndoManager holds this array), and without spreading a long stack into a call.
          const above = stack.splice(0);
          appendAll(stack, below);
          appendAll(stack, above);
        }
        // Every step this press popped, not only the first: Yjs pops on past a step others' edits emptied (Ada's
        // undo emptied Ben's "set 11", so his press took his "set 12" back with it, and that edit is taken too).
        // The pop takes steps off the top only, so they are what lies past the stack's new length (a filter with
        // includes cost stack² per press: 0.2-0.4 s at 30,000 steps, review27 R5).
        const popped = stackBefore.slice(stack.length);
        this.poppedItems = popped;
        const taken = takenEdits(transaction, popped, this.types.fieldEdits);
        this[flag] = true;
        for (const id of this.keptCreations) if (!records.get(id)?.deleted) this.checkedIn.softDelete(id);
        for (const [text, node, field] of touchedTexts(transaction, this.types)) {
          this.repair(text, node, field);
          this.recordUndoneText(text, node, field);
        }
        this.textsBeforePop.clear();
        for (const [node, id] of movedNodes(transaction, this.types)) this.recordUndoneMove(node, id, records);
        const fields = touchedFields(transaction, this.types, taken);
        // One pass over the records for the whole pop, not one per field: an undo of a change to many nodes.
        const keys = fields.length > 0 ? fieldEditKeysByNode(this.types.fieldEdits) : null;
        const takenByField = fields.length > 0 ? editsByField(taken) : null;
        const restoredHere = restoredIn(transaction, this.types.fieldEdits);
        const reaffirmed = reaffirmedIn(transaction, popped, this.types.fieldEdits);
        for (const { map, node, field, mapTouched } of fields) {
          this.repairField(map, node, field, keys?.get(node) ?? [], { mapTouched, takenOfField: takenByField?.get(`${node}|${field}`) ?? [], restoredHere, reaffirmed });
        }
        this.leaveTombstones(transaction, records);
      }, this);
    } finally {
      this[flag] = false;
    }
    return result;
  }

  /**
   * Undo of a create takes the node's record away (Yjs undoes the insertion), as a purge does, so it
   * leaves what a purge leaves: a tombstone with the parent the node had. Someone may have put a child
   * under it meanwhile (or will, offline): Ben adds a key result under the objective Ada just made, Ada
   * presses Ctrl+Z, and without the tombstone nothing says the objective was under its strategy, so
   * Ben's key result went to the plan's root. With it, the child goes to its nearest live ancestor, the
   * strategy, marked as re-attached. Redo takes the tombstone back with the record (same transaction).
   */
  private leaveTombstones(transaction: Y.Transaction, recordsBefore: ReadonlyMap<string, NodeRecord>): void {
    let keys: Set<string | null> | undefined;
    for (const [type, changed] of transaction.changed) if ((type as unknown) === this.types.nodes) keys = changed;
    for (const id of keys ?? []) {
      if (id === null || this.types.nodes.has(id) || this.types.purged.has(id)) continue;
      const record = recordsBefore.get(id);
      if (!record) continue;
      const before = this.creationsBefore.get(id);
      this.types.purged.set(id, before
        ? removedTombstoneValue(record.placeItem, {
          kind: record.kind, title: before.title, description: before.description, fields: record.fields, created: record.created,
          place: record.place, removed: this.checkedIn.stamp(), seenCheckIns: before.checkInIds,
        })
        : tombstoneValue(record.place.parent, record.placeItem));
    }
  }

  private repair(text: Y.Text, node: string, field: TextField): void {
    const heads = headsOf(renamesOf(this.types.renames, node, field));
    if (heads.length !== 1) return;
    const current = text.toString();
    const shown = heads[0]!.next;
    if (current === shown) return;
    const span = changedSpan(current, shown);
    if (span.end > span.start) text.delete(span.start, span.end - span.start);
    if (span.insert.length > 0) text.insert(span.start, span.insert);
  }

  /**
   * A pop that changes a title or description is its presser's replacement, recorded as a rename is
   * (review44b F1). Yjs takes a rename back as keystrokes: it deletes the characters the rename typed and
   * types the old ones again as new characters. Ada renames "Win EU" to "Alpha plan" and presses Ctrl+Z
   * while Ben, offline, renames "Win EU" to "Beta launch": Ben's rename deleted the old characters, not the
   * ones Ada's undo typed again, and without a record of hers the field showed "Win EUBeta launch" for
   * everyone, no conflict. With the record, the two replacements collide like any two renames (renames.ts):
   * one shows, the other is offered. A pop that only deletes writes none. A field in conflict (several heads) is left as the pop left it, as a
   * field write's repair does; a text the pop did not change, or one it changed in a step passed over, gets
   * no record (its text before the pop is not known). Either way the pop stamps the node's `updated` as its presser's.
   */
  private recordUndoneText(text: Y.Text, node: string, field: TextField): void {
    const before = this.textsBeforePop.get(text);
    const now = text.toString();
    if (before === undefined || before === now) return;
    // The node was last changed by this pop's presser, as a rename stamps it: the pop brought back the stamp of the
    // rename before it, so Ada's own Ctrl+Z read as that person's rename on her screen (leftovers45a).
    this.types.nodes.get(node)?.set('updated', this.checkedIn.stamp());
    const heads = headsOf(renamesOf(this.types.renames, node, field));
    if (heads.length > 1) return;
    const span = changedSpan(before, now);
    // A pop that only took characters away typed nothing a concurrent rename could be glued to: no record, as
    // before (an undone create's title emptied by the pop before it is then restored by its kept title).
    if (span.insert.length === 0) return;
    const { at, by } = this.checkedIn.stamp();
    for (const head of heads) this.types.renames.delete(head.key);
    const textId = textIdentity(text);
    this.types.renames.set(renameKey(node, field, this.checkedIn.newId()), {
      after: heads.map((head) => head.editId), start: span.start, end: span.end, baseLength: before.length, next: now, by, at, ...(textId === undefined ? {} : { text: textId }),
    });
  }

  /**
   * A pop that puts a node back where it was is its presser's move, recorded as `moveNode` records one
   * (review44b F3). Yjs brings the place before the step back as a new write of the `place` key, without
   * the move record the step deleted when the node had never been moved (its first place names none). Ada
   * moves a key result under another objective and presses Ctrl+Z while Ben, offline, moves it under a third:
   * Yjs kept one of the two `place` writes by client id, and when Ada's won, Ben's move was undone on every
   * screen and offered nowhere (a place naming no move reports no lost move, moves.ts). With the pop's own
   * record the two moves are concurrent heads: one shows, the other is offered ("Also moved under …"). A pop
   * that brings back several heads (the undo of a pick) leaves the conflict to pick again.
   */
  private recordUndoneMove(node: Y.Map<unknown>, id: string, recordsBefore: ReadonlyMap<string, NodeRecord>): void {
    // A node never moved before has its first place in `init`: the pop then deleted the `place` key.
    const restored = readPlace(node.get('place') ?? readInit(node.get('init')).place);
    const kind = readKind(node);
    if (!restored || !kind) return;
    const seen = movesOf(node);
    // A pop that brings back a conflict (an undone pick: several heads) leaves it to pick again, as renames do.
    if (moveHeadsOf(seen).length > 1) return;
    const moveId = this.checkedIn.newId();
    const { at, by } = this.checkedIn.stamp();
    writeMove(node, { moveId, parent: restored.parent, order: restored.order, from: recordsBefore.get(id)?.place.parent ?? restored.from, at, by, kind });
  }

  /**
   * Undo of a field write is undo of one person's value, as for renames above, and the value it leaves is
   * a write of the undoer's like any other. Ada sets a target to 30 while Ben sets 40; Yjs keeps one of
   * the two map items and deletes the other. Ben's Ctrl+Z took his item away and brought back the value
   * before his edit (10), not Ada's 30, which the merge had deleted: both screens showed 10 and nothing
   * offered her 30, which nobody took back. And the value a pop brings back is a new map item: when Ada,
   * offline, set the field meanwhile, Yjs kept one of her item and the pop's by client id, without a word.
   * So inside the pop's own transaction each field it touched is set to what its edit records say (the
   * value of the heads left after the pop, or the value the pop restored when no record holds one) and
   * recorded as the undoer's write stating those heads again (`restates`): a concurrent write is then
   * offered beside it, not lost. Heads with different values are a conflict the field offers; the value a
   * pop put in the map is still recorded, as a restatement of the heads holding it (else a concurrent
   * write that replaced all the heads lost to the pop's map item by client id, its value in no list).
   *
   * Before the heads are read, the records that are no heads of anyone's go (`staleRecords`): a restored
   * copy of an edit its author's own later write replaced, and a restatement of an edit this pop takes back.
   */
  private repairField(map: Y.Map<unknown>, node: string, field: NodeFieldName, keys: readonly string[], pop: { mapTouched: boolean; takenOfField: readonly string[]; restoredHere: (key: string) => boolean; reaffirmed: ReadonlySet<string> }): void {
    const kind = readKind(map);
    // Stamps the app sets itself get no records (field-edits.ts): their undo stays Yjs's.
    if (kind === null || !fieldAllowed(kind, field) || STAMPED_FIELDS.has(field)) return;
    const records = fieldEditsOf(this.types.fieldEdits, node, field, keys);
    // The edits of this field the pop takes back: its record marks them undone (`undoes`) and replaces them,
    // so that a copy of one brought back by an undo of someone who had not yet seen this one is no head
    // while this record stands, nor is a record stating one of them again.
    const taken = pop.takenOfField;
    const { voided, undone } = fieldVoiding(records, taken);
    // A stale copy matters only where nothing else replaced it: one a standing record replaced is left to it.
    const unvoided = unreplaced(records.filter((record) => !voided.has(record)), (record) => record.editId);
    const staleHeads = dominatedRecords(this.types.fieldEdits, records, voided);
    const dominated = new Set(unvoided.filter((record) => staleHeads.has(record)));
    const heads = unvoided.filter((record) => !dominated.has(record));
    // The field's own key, else the value the node was created with (`init`), as readNodeRecord reads it.
    const current = ((map.has(field) ? map.get(field) : readInit(map.get('init'))[field]) ?? null) as FieldValue;
    const readable = heads.filter((head) => head.value === null || fieldValueReadable(kind, field, head.value));
    // Heads holding different values are a conflict the field offers: the map keeps one of them.
    const conflict = readable.some((head) => head.value !== readable[0]!.value);
    const value = conflict
      ? (readable.some((head) => head.value === current) ? current : [...readable].sort(byRecency)[0]!.value)
      : readable[0]?.value ?? (records.length > 0 && heads.length === 0 ? creationValue(map, field) : current);
    // A pop that took no edit of the field back, left the map alone, and left the heads as every reader
    // already reads them (no stale copy among them) with the map agreeing needs no write.
    if (!pop.mapTouched && value === current && taken.length === 0 && sameRecords(heads, fieldHeadsOf(records))) return;
    if (value !== current) {
      if (value === null) map.set(field, null);
      else map.set(field, value);
    }
    this.writeRepair(node, field, value, mapIdentity(map), { records, heads, dominated, voided, undone, taken, restoredHere: pop.restoredHere, reaffirmed: pop.reaffirmed, restateEach: conflict });
  }

  /**
   * Records the value a pop left in a field as the undoer's write. It replaces (`after`) the heads holding
   * that value, the stale copies (`dominatedRecords`), the voided records (`voidedRecords`: judged with their
   * marks, which stop counting once a present record replaced them), every record only those replaced (they would come
   * back into view with them gone), and the edits the pop took back (also marked `undoes`). A record that a
   * head it leaves standing replaced is left alone: that head may yet be undone by someone who has not seen
   * this pop, and what it replaced must then come back (Ben's 11 under his undone 12). It deletes what it
   * replaced, except copies this pop itself brought back: a copy's delete is a later item under its key than
   * the copy another person's concurrent undo brings back, and one of the two wins the key by client id
   * (Ben's delete of his stale copy of Ada's 11 hid the copy her own undo restored). Such a copy stays,
   * replaced; the next write of the field deletes it. Another device's newest plain edit among them stays too
   * (`othersToKeep`), for that device's concurrent undo.
   */
  private writeRepair(node: string, field: NodeFieldName, value: FieldValue, identity: string | undefined, seen: { records: readonly FieldEditRecord[]; heads: readonly FieldEditRecord[]; dominated: ReadonlySet<FieldEditRecord>; voided: ReadonlySet<FieldEditRecord>; undone: ReadonlySet<string>; taken: readonly string[]; restoredHere: (key: string) => boolean; reaffirmed: ReadonlySet<string>; restateEach: boolean }): void {
    const { at, by } = this.checkedIn.stamp();
    // Without a conflict every head is restated (one whose value the field refuses, a hostile one, too).
    const holding = seen.restateEach ? seen.heads.filter((head) => head.value === value) : seen.heads;
    const others = replacedWith(seen.records, new Set([...holding, ...seen.dominated, ...seen.voided]), seen);
    // A restored copy of an undo's own record goes all the same: what it stated is stated again by this
    // record, and kept, each undo/redo cycle would bring back one more of them.
    // A restored copy of an undo's own record goes all the same (what it stated is stated again by this
    // record; kept, each undo/redo cycle would bring back one more of them), unless its mark stands: Ben's
    // redo brought back his first undo's record, whose mark on his 11 Ada's concurrent undo, restating that
    // 11, needs to count for nothing; the mark stays on its record, which his own redo can take away.
    const replacedBefore = new Set(seen.records.filter((record) => !seen.voided.has(record)).flatMap((record) => record.after));
    const marking = (record: FieldEditRecord) => record.undoes !== undefined && !seen.undone.has(record.editId) && !replacedBefore.has(record.editId);
    // The records the sweep below would take are candidates too: a record a standing head replaced may be the
    // newest of its device, and its author's concurrent undo must find it (review27 R1: Ben's 11 was swept while
    // Cy's 13 stood over it, and his undo of his 12 left nothing of it on any screen).
    const swept = seen.records.filter((record) => replacedBefore.has(record.editId) && !seen.restoredHere(record.key));
    const kept = othersToKeep(this.types.fieldEdits, [...new Set([...others, ...swept])], this.doc.clientID);
    const deleted = [...others.filter((record) => !kept.has(record)), ...holding].filter((record) => !seen.restoredHere(record.key) || (record.restates !== undefined && !marking(record)));
    // Every other record a standing record replaced goes too (not a copy this pop restored, nor a kept one): it is no
    // head and marks nothing, and left behind, each cycle of two people's undos and redos kept a few more of them.
    const sweep = new Set(deleted);
    for (const record of seen.records) if (!kept.has(record) && replacedBefore.has(record.editId) && !seen.restoredHere(record.key)) sweep.add(record);
    for (const record of sweep) this.types.fieldEdits.delete(record.key);
    const undoes = seen.taken;
    const write = (restated: readonly FieldEditRecord[]) => {
      this.types.fieldEdits.set(fieldEditKey(node, field, this.checkedIn.newId()), {
        value, after: [...new Set([...restated, ...others].map((record) => record.editId).concat(seen.taken))], by, at, ...(identity === undefined ? {} : { map: identity }),
        restates: [...new Set(restated.flatMap((head) => head.restates ?? [head.editId]))],
        via: boundedVia(restated),
        ...(undoes.length === 0 ? {} : { undoes }),
      });
    };
    // One restatement per edit set the heads holding the value state: an undo of one of those edits takes back only
    // its own. Heads stating the same edits (restatements of one edit by Ada's and Ben's pops) share one: one per
    // head made every merge of two people's pops restate each again, and the records of a field grew without bound
    // (137 records, 117,054 ids, 24 MB in 3,000 presses of two people on one target; 658 / 77 MB with F1 and F2 fixed).
    if (seen.restateEach || holding.length > 1) for (const group of byStatedEdits(holding)) write(group);
    else write(holding);
    // A plain head the pop's record restates is stated directly already.
    this.writeReaffirmed(node, field, identity, seen.heads.filter((head) => head.restates !== undefined || !holding.includes(head)), seen);
  }

  /**
   * The undoer's own word on the edits this pop stands by again (`reaffirmedIn`) where another record held them
   * (a restatement of one passes through that record, `via`, and is voided when it is): one record per edit
   * set, stating it directly and replacing only what the pop took back. Ada's redo of her 11 found it held by
   * Ben's undo's restatement; Ben's concurrent undo of that undo voided her redo's record with it, and both
   * showed 10 though she stood by her 11. Replacing nothing else, it takes no other record's mark away.
   */
  private writeReaffirmed(node: string, field: NodeFieldName, identity: string | undefined, heads: readonly FieldEditRecord[], seen: { taken: readonly string[]; reaffirmed: ReadonlySet<string> }): void {
    const { at, by } = this.checkedIn.stamp();
    const self = this.doc.clientID;
    const written = new Set<string>();
    for (const head of heads) {
      const stated = head.restates ?? [head.editId];
      // Only where someone else's item holds them: what is one's own is taken away only by one's own undo.
      const holder = head.restates === undefined ? this.types.fieldEdits._map.get(head.key)?.id : firstItemIdOf(this.types.fieldEdits, head.key);
      if (!statesOnly(head, seen.reaffirmed) || holder === undefined || holder === null || holder.client === self) continue;
      const restates = [...new Set(stated)].sort();
      if (written.has(restates.join('|'))) continue;
      written.add(restates.join('|'));
      this.types.fieldEdits.set(fieldEditKey(node, field, this.checkedIn.newId()), {
        value: head.value, after: [...seen.taken], by, at, ...(identity === undefined ? {} : { map: identity }), restates, via: [],
        ...(seen.taken.length === 0 ? {} : { undoes: [...seen.taken] }),
      });
    }
  }
}

/**
 * Of the plain edits of other devices a pop's record replaces, the one per device its author's concurrent
 * undo can bring back into view: that device's newest (its first Yjs item the latest of its client's). It
 * stays, replaced (it is in the record's `after`), and shows again if the author's undo voids what replaced
 * it: Ben's 11, replaced by his 12, held by a copy Ada's undo had restored; her next undo deleted it while
 * Ben's undo of his 12 could not bring back a copy that was not his, and both showed 10. Only the newest: each
 * kept record was listed by every later pop (each of Ada's and Ben's pops kept the other's), and two people
 * pressing undo and redo grew the plan to 100 MB (review26b). Older ones go, as the pop's own do.
 */
function othersToKeep(fieldEdits: Y.Map<unknown>, others: readonly FieldEditRecord[], self: number): Set<FieldEditRecord> {
  const newest = new Map<number, { record: FieldEditRecord; clock: number }>();
  for (const record of others) {
    if (record.restates !== undefined) continue;
    const first = firstItemIdOf(fieldEdits, record.key);
    if (!first || first.client === self) continue;
    const known = newest.get(first.client);
    if (!known || first.clock > known.clock) newest.set(first.client, { record, clock: first.clock });
  }
  return new Set([...newest.values()].map(({ record }) => record));
}

/** The value a node was created with for `field` (its `init`), as readers show a field whose every record is voided. */
function creationValue(map: Y.Map<unknown>, field: NodeFieldName): FieldValue {
  return (readInit(map.get('init'))[field] ?? null) as FieldValue;
}

/**
 * `replacing` (the heads a pop's record restates, the stale copies and the voided records) with every record that only records
 * among them replace (counting the records neither voided nor stale), to a fixed point, less the heads.
 */
function replacedWith(records: readonly FieldEditRecord[], replacing: ReadonlySet<FieldEditRecord>, seen: { heads: readonly FieldEditRecord[]; dominated: ReadonlySet<FieldEditRecord>; voided: ReadonlySet<FieldEditRecord> }): FieldEditRecord[] {
  const live = records.filter((record) => !seen.voided.has(record) && !seen.dominated.has(record));
  const replacers = new Map<string, FieldEditRecord[]>();
  for (const record of live) {
    for (const id of record.after) {
      const list = replacers.get(id);
      if (list) list.push(record);
      else replacers.set(id, [record]);
    }
  }
  const found = new Set<FieldEditRecord>(replacing);
  const heads = new Set(seen.heads);
  for (let grew = true; grew;) {
    grew = false;
    for (const record of records) {
      if (found.has(record) || heads.has(record)) continue;
      const by = replacers.get(record.editId);
      if (by && by.every((replacer) => found.has(replacer))) { found.add(record); grew = true; }
    }
  }
  return [...found].filter((record) => !heads.has(record));
}

/**
 * The undo records a restatement of `restated` passes through (see FieldEditRecord.via), the nearest first,
 * at most MAX_VIA of them. Each undo/redo cycle of a field restates the last cycle's record, so the list
 * grew by one id per cycle without end; an id matters only while its record can still be taken back or
 * marked undone, which is the last few cycles' (the records a step's pop can bring back), not the first.
 */
function boundedVia(restated: readonly FieldEditRecord[]): string[] {
  return [...new Set(restated.flatMap((head) => (head.restates === undefined ? [] : [head.editId, ...(head.via ?? [])])))].slice(0, MAX_VIA);
}

/** `heads` grouped by the edits each states (itself, or what it restates), in first-seen order. */
function byStatedEdits(heads: readonly FieldEditRecord[]): FieldEditRecord[][] {
  const groups = new Map<string, FieldEditRecord[]>();
  for (const head of heads) {
    const stated = [...new Set(head.restates ?? [head.editId])].sort().join('|');
    const group = groups.get(stated);
    if (group) group.push(head);
    else groups.set(stated, [head]);
  }
  return [...groups.values()];
}

/** Whether `head` states only edits in `ids` (itself, or what it restates). */
function statesOnly(head: FieldEditRecord, ids: ReadonlySet<string>): boolean {
  const stated = head.restates ?? [head.editId];
  return stated.length > 0 && stated.every((id) => ids.has(id));
}

/**
 * The edits the undoer stands by again with this pop: those the own undo records it takes back had marked
 * undone (a redo of one's undo of one's 11). A restatement of one of them is the undoer's own word on it,
 * not one passing through whatever other record stated it on the way (`via`): Ada's redo of her 11 found it
 * held by Ben's undo's restatement, restated it through that, and Ben's concurrent undo of his undo voided
 * her redo with it: both showed 10, though she stood by her 11.
 */
function reaffirmedIn(transaction: Y.Transaction, popped: readonly { insertions: InsertedIds }[], fieldEdits: Y.Map<unknown>): Set<string> {
  const found = new Set<string>();
  const self = transaction.doc.clientID;
  for (const step of popped) Y.iterateDeletedStructs(transaction, step.insertions, (struct) => {
    if (!(struct instanceof Y.Item) || struct.parent !== fieldEdits || struct.parentSub === null) return;
    if (firstItemIdOf(fieldEdits, struct.parentSub)?.client !== self) return;
    const record = readFieldEdit(struct.parentSub, struct.content.getContent()[0]);
    for (const id of record?.undoes ?? []) found.add(id);
  });
  return found;
}

/** How many undo records a restatement names in `via` (see boundedVia). */
export const MAX_VIA = 16;


/** Whether two lists hold the same records. */
function sameRecords(a: readonly FieldEditRecord[], b: readonly FieldEditRecord[]): boolean {
  if (a.length !== b.length) return false;
  const inB = new Set(b);
  return a.every((record) => inB.has(record));
}

type InsertedIds = Parameters<typeof Y.isDeleted>[0];

/** Which of `nodes` hold a stored check-in that is not among `inserted` (one made after that step). */
function checkInsAfter(checkIns: Y.Array<unknown>, nodes: ReadonlySet<string>, inserted: InsertedIds): Set<string> {
  const found = new Set<string>();
  for (let item = checkIns._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    // One item may hold several entries (Yjs merges a client's adjacent inserts): each has its own clock.
    item.content.getContent().forEach((stored, offset) => {
      const checkIn = decodeCheckIn(stored);
      if (checkIn && nodes.has(checkIn.nodeId) && !Y.isDeleted(inserted, { client: item.id.client, clock: item.id.clock + offset })) found.add(checkIn.nodeId);
    });
  }
  return found;
}

/**
 * The scalar fields of live node records the pop touched, with their node: a field whose key it changed,
 * and one whose edit records it changed (a restored record changes the field's heads though the map's key
 * stays: Ben's Ctrl+Z of a 12 Ada had set 13 over brought back her 11 as a head beside the 13).
 */
function touchedFields(transaction: Y.Transaction, types: PlanTypes, taken: ReadonlyMap<string, string>): { map: Y.Map<unknown>; node: string; field: NodeFieldName; mapTouched: boolean }[] {
  const found = new Map<string, { map: Y.Map<unknown>; node: string; field: NodeFieldName; mapTouched: boolean }>();
  const add = (node: string, field: NodeFieldName, mapTouched: boolean) => {
    const map = types.nodes.get(node);
    if (!(map instanceof Y.Map)) return;
    const known = found.get(`${node}|${field}`);
    if (known) known.mapTouched ||= mapTouched;
    else found.set(`${node}|${field}`, { map, node, field, mapTouched });
  };
  for (const [type, keys] of transaction.changed) {
    if ((type as unknown) === types.fieldEdits) {
      for (const key of keys) if (key !== null) fieldOfKey(key, add);
      continue;
    }
    if (!(type instanceof Y.Map)) continue;
    const node = type._item?.parentSub;
    if (!node || type._item?.parent !== types.nodes || types.nodes.get(node) !== type) continue;
    for (const key of keys) if (key !== null && isFieldName(key)) add(node, key, true);
  }
  // A restatement of an edit the pop takes back is stale (staleRecords); it is a record of the same field.
  for (const key of taken.values()) fieldOfKey(key, add);
  return [...found.values()];
}

function fieldOfKey(key: string, found: (node: string, field: NodeFieldName, mapTouched: boolean) => void): void {
  const [node, field] = key.split('|');
  if (node && field && isFieldName(field)) found(node, field, false);
}

/** The field edit records the popped steps had written (what the pop takes back): edit id → key. */
function takenEdits(transaction: Y.Transaction, popped: readonly { insertions: InsertedIds }[], fieldEdits: Y.Map<unknown>): Map<string, string> {
  const taken = new Map<string, string>();
  const self = transaction.doc.clientID;
  for (const step of popped) Y.iterateDeletedStructs(transaction, step.insertions, (struct) => {
    if (!(struct instanceof Y.Item) || struct.parent !== fieldEdits || struct.parentSub === null) return;
    // One's own edits only: a step that brought back a copy of someone else's record (Ada's redo restored
    // Ben's 11, which her undo's record had replaced and deleted) does not take their edit back with it.
    if (firstItemIdOf(fieldEdits, struct.parentSub)?.client !== self) return;
    const editId = struct.parentSub.split('|')[2];
    if (editId) taken.set(editId, struct.parentSub);
  });
  return taken;
}

/**
 * The edit ids of `taken` grouped by `node|field`, once per pop: a field's share looked up per field, not
 * found by scanning all of them (an undo of one step of 8,000 field edits took 3.7 s that way).
 */
function editsByField(taken: ReadonlyMap<string, string>): Map<string, string[]> {
  const byField = new Map<string, string[]>();
  for (const [editId, key] of taken) {
    const field = key.slice(0, key.lastIndexOf('|'));
    const list = byField.get(field);
    if (list) list.push(editId);
    else byField.set(field, [editId]);
  }
  return byField;
}

/**
 * Records of a field that are nobody's head though no record replaced them, which the repair leaves out of
 * the heads and replaces: a record its author's own later edit replaced, one written by the same Yjs client
 * earlier than a plain edit (not an undo's own record) still there, or stated again by a record still there
 * (neither voided). That client's edit saw it and replaced it, or what had replaced it, or its undo (a
 * client's own items are in order). A pop restores a copy of each record the step replaced, and when another
 * write had also replaced that record, and a later one that write (both gone), nothing said the copy was
 * stale: Ada sets 11, then 12, while Ben sets 12 over her 11; Ada sets 13; Ben's Ctrl+Z brought her 11 back
 * as a head beside her 13. Identity is the record's first item under its key (a restored copy is a later
 * item under the same key), which only the map knows: so the pop's record replaces such a copy, for readers.
 */
function dominatedRecords(fieldEdits: Y.Map<unknown>, records: readonly FieldEditRecord[], voided: ReadonlySet<FieldEditRecord>): Set<FieldEditRecord> {
  const prefix = records[0] ? `${records[0].node}|${records[0].field}|` : '';
  // The latest first item of each client among the plain edits the records still standing stand for.
  const latest = new Map<number, number>();
  for (const record of records) {
    if (voided.has(record)) continue;
    for (const id of record.restates ?? [record.editId]) {
      const item = firstItemIdOf(fieldEdits, prefix + id);
      if (item && item.clock > (latest.get(item.client) ?? -1)) latest.set(item.client, item.clock);
    }
  }
  const dominated = new Set<FieldEditRecord>();
  for (const record of records) {
    const own = firstItemIdOf(fieldEdits, record.key);
    if (own && own.clock < (latest.get(own.client) ?? -1)) dominated.add(record);
  }
  return dominated;
}

/** Whether the record under a key is a copy `transaction` itself wrote (a pop's restored copy, or its own record). */
function restoredIn(transaction: Y.Transaction, fieldEdits: Y.Map<unknown>): (key: string) => boolean {
  const client = transaction.doc.clientID;
  const before = transaction.beforeState.get(client) ?? 0;
  return (key) => {
    const item = fieldEdits._map.get(key);
    return item !== undefined && item.id.client === client && item.id.clock >= before;
  };
}

/** The `fieldEdits` keys grouped by node. */
function fieldEditKeysByNode(fieldEdits: Y.Map<unknown>): Map<string, string[]> {
  return groupByNode(fieldEdits.keys(), fieldEditKeyNode);
}

function isFieldName(key: string): key is NodeFieldName {
  return Object.hasOwn(FIELD_RULES, key);
}

/** The live nodes whose place a transaction changed (an undo or redo putting them back). */
function movedNodes(transaction: Y.Transaction, types: PlanTypes): [Y.Map<unknown>, string][] {
  const found: [Y.Map<unknown>, string][] = [];
  for (const [type, keys] of transaction.changed) {
    if (!(type instanceof Y.Map) || !keys.has('place')) continue;
    const id = type._item?.parentSub;
    if (!id || types.nodes.get(id) !== type) continue;
    found.push([type, id]);
  }
  return found;
}

/** The titles and descriptions of live node records changed in `transaction`, with their node and field. */
function touchedTexts(transaction: Y.Transaction, types: PlanTypes): [Y.Text, string, TextField][] {
  const found: [Y.Text, string, TextField][] = [];
  for (const type of transaction.changed.keys()) {
    if (!(type instanceof Y.Text)) continue;
    const field = type._item?.parentSub;
    const record = type.parent;
    if (!(record instanceof Y.Map)) continue;
    const node = record._item?.parentSub;
    if (!node || !field || !(TEXT_FIELDS as readonly string[]).includes(field)) continue;
    if (types.nodes.get(node) !== record || record.get(field) !== type) continue;
    found.push([type, node, field as TextField]);
  }
  return found;
}

type StackItem = Y.UndoManager['undoStack'][number];

const STEP_META = 'throughline:step';

/**
 * What one undo step changed, as a person would name it (review38b F4: an undo took back a due date without
 * a word). Per node: the fields it set (schema names), "title" / "description", and what happened to the item
 * ("created", "removed" (taken out of the plan), "deleted", "restored", "moved", "kind"); its title as it was,
 * for an item gone since. Others: the plan's people, teams, periods, links or settings.
 */
export interface UndoStep {
  nodes: readonly { id: string; title: string; changes: readonly string[] }[];
  others: readonly ('people' | 'teams' | 'periods' | 'links' | 'settings')[];
}

const EMPTY_STEP: UndoStep = { nodes: [], others: [] };

/** What one press of Undo (or Redo) did (PlanUndoManager.lastPop). */
export interface PoppedSteps {
  /** The step taken back (or brought back); null when every step popped had been replaced by others. */
  step: UndoStep | null;
  /** Newer steps the press passed over, newest first: others had replaced everything they changed. */
  passedOver: readonly UndoStep[];
}

/** How far below the top `nextStep` looks for a step that would still change something. */
const STEPS_LOOKED_PAST = 20;

/** Whether any struct of the doc in `ranges` passes `test` (read only: no struct is split). */
function someStruct(store: Y.Doc['store'], ranges: Y.UndoManager['undoStack'][number]['insertions'], test: (struct: Y.Item) => boolean): boolean {
  for (const [client, deleted] of ranges.clients) {
    const structs = store.clients.get(client);
    if (!structs) continue;
    for (const { clock, len } of deleted) {
      for (let index = Y.findIndexSS(structs, clock); index < structs.length && structs[index]!.id.clock < clock + len; index++) {
        const struct = structs[index]!;
        if (struct instanceof Y.Item && test(struct)) return true;
      }
    }
  }
  return false;
}

/** The item a redone item was redone as, last in the chain. */
function lastRedone(store: Y.Doc['store'], item: Y.Item): Y.Item {
  let current = item;
  for (let hops = 0; current.redone !== null && hops < 1000; hops++) current = Y.getItem(store, current.redone);
  return current;
}

/**
 * Whether popping `item` would change the doc, decided as Yjs's popStackItem and redoItem decide it, without
 * writing: an insertion of the step still there would be deleted; a deletion would be put back, unless it is
 * a map value someone else has replaced since (or its parent is gone and not put back with it).
 */
function wouldChange(manager: Y.UndoManager, item: StackItem): boolean {
  const store = manager.doc.store;
  const inScope = (struct: Y.Item) => manager.scope.some((type) => type === manager.doc || Y.isParentOf(type as Y.AbstractType<unknown>, struct));
  if (someStruct(store, item.insertions, (struct) => { const live = lastRedone(store, struct); return !live.deleted && inScope(live); })) return true;
  const replacedSince = (value: Y.Item) => {
    if (value.right === null || manager.ignoreRemoteMapChanges) return false;
    let left: Y.Item = value;
    const stacks = [...manager.undoStack, ...manager.redoStack];
    while (left.right !== null && (left.right.redone !== null || Y.isDeleted(item.insertions, left.right.id) || stacks.some((other) => Y.isDeleted(other.deletions, left.right!.id)))) left = lastRedone(store, left.right);
    return left.right !== null;
  };
  return someStruct(store, item.deletions, (struct) => {
    if (!inScope(struct) || Y.isDeleted(item.insertions, struct.id)) return false;
    if (struct.redone !== null) return true;
    const parent = (struct.parent as Y.AbstractType<unknown>)._item;
    if (parent && parent.deleted && parent.redone === null && !Y.isDeleted(item.deletions, parent.id)) return false;
    return struct.parentSub === null || !replacedSince(struct);
  });
}

function stepOf(item: StackItem): UndoStep | undefined {
  return item.meta.get(STEP_META) as UndoStep | undefined;
}

function mergeSteps(a: UndoStep, b: UndoStep): UndoStep {
  const nodes = new Map(a.nodes.map((node) => [node.id, { ...node, changes: [...node.changes] }]));
  for (const node of b.nodes) {
    const known = nodes.get(node.id);
    if (!known) nodes.set(node.id, { ...node, changes: [...node.changes] });
    else {
      for (const change of node.changes) if (!known.changes.includes(change)) known.changes.push(change);
      if (node.title.trim() !== '') known.title = node.title;
    }
  }
  return { nodes: [...nodes.values()], others: [...new Set([...a.others, ...b.others])] };
}

/** The node keys that hold a field the person sets. */
const FIELD_KEYS: ReadonlySet<string> = new Set<string>([...COMMON_FIELDS, ...Object.values(KIND_FIELDS).flat()]);

/** Reads what a transaction of the person's changed (its events, read while the transaction is being cleaned up). */
function summarizeStep(types: PlanTypes, changedParentTypes: Y.Transaction['changedParentTypes']): UndoStep {
  const nodes = new Map<string, { id: string; title: string; changes: string[] }>();
  const others = new Set<UndoStep['others'][number]>();
  // A node the step took out of `nodes` (a purge, the undo of a create) has no record left: its title is
  // the one its tombstone keeps, not "Untitled" (review39a F4).
  const titleOf = (id: string) => {
    const title = types.nodes.get(id)?.get('title');
    if (title instanceof Y.Text) return title.toString();
    const tombstone = types.purged.get(id);
    return readPurgeStamp(tombstone)?.title ?? readRemovedContent(tombstone)?.title ?? '';
  };
  const note = (id: string, change: string) => {
    let node = nodes.get(id);
    if (!node) nodes.set(id, node = { id, title: titleOf(id), changes: [] });
    if (!node.changes.includes(change)) node.changes.push(change);
  };
  const nodeIdOf = (map: Y.AbstractType<unknown>): string | null => {
    const item = map._item;
    return map instanceof Y.Map && item && item.parent === types.nodes && typeof item.parentSub === 'string' ? item.parentSub : null;
  };
  const topOf = (type: Y.AbstractType<unknown>): Y.AbstractType<unknown> => {
    let current = type;
    while (current._item && current._item.parent instanceof Y.AbstractType) current = current._item.parent;
    return current;
  };
  const seen = new Set<unknown>();
  for (const events of changedParentTypes.values()) {
    for (const event of events) {
      if (seen.has(event)) continue;
      seen.add(event);
      const target = event.target as Y.AbstractType<unknown>;
      if (target === types.nodes) {
        for (const key of (event as unknown as Y.YMapEvent<unknown>).keysChanged) note(key, types.nodes.has(key) ? 'created' : 'removed');
        continue;
      }
      const nodeId = nodeIdOf(target);
      if (nodeId !== null) {
        for (const key of (event as unknown as Y.YMapEvent<unknown>).keysChanged) {
          if (key === 'place') note(nodeId, 'moved');
          else if (key === 'deleted') note(nodeId, types.nodes.get(nodeId)?.get('deleted') ? 'deleted' : 'restored');
          else if (key === 'kind') note(nodeId, 'kind');
          else if (FIELD_KEYS.has(key)) note(nodeId, key);
        }
        continue;
      }
      if (target instanceof Y.Text && target._item && target._item.parent instanceof Y.AbstractType) {
        const textNode = nodeIdOf(target._item.parent);
        if (textNode !== null && typeof target._item.parentSub === 'string') { note(textNode, target._item.parentSub); continue; }
      }
      const top: unknown = topOf(event.target as Y.AbstractType<unknown>);
      if (top === types.people) others.add('people');
      else if (top === types.teams) others.add('teams');
      else if (top === types.periods) others.add('periods');
      else if (top === types.links) others.add('links');
      else if (top === types.meta) others.add('settings');
    }
  }
  return { nodes: [...nodes.values()], others: [...others] };
}
