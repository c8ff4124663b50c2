/**
 * A plain-object cache of a plan doc, kept current from Yjs events. Node records are re-read lazily
 * (only the ones an event touched); titles and check-ins are updated eagerly because they are cheap
 * to apply and the UI reads titles all the time.
 */
import { isPersonId, isStoredNodeId, isTeamId, type NodeId, type PersonId, type TeamId } from './ids.js';
import * as Y from 'yjs';
import { compareCheckIns, decodeCheckIn, historyOrder, orderOf, type CheckIn } from './checkins.js';
import { CheckInColumns, CheckInReader, ListSeries, type CheckInInsert, type CheckInSeries } from './check-in-columns.js';
import { endOfDayIn, readTimeZone, startOfDayIn, DEFAULT_TIME_ZONE } from './zone.js';
import { planTypes, readNodeRecord, readStamp, readTitle, readTombstone, type NodeRecord, type PlanTypes, type Tombstone } from './doc.js';
import { readSettings, type PlanSettings } from './settings.js';
import { LINK_TYPES, type LinkType } from './schema.js';
import { fieldEditKeyNode, readFieldEdit, type FieldEditRecord } from './field-edits.js';
import { shownFields } from './stamps-elsewhere.js';
import { readRename, renameKeyNode, resolveText, textIdentity, type RenameRecord, type TextConflict, type TextField } from './renames.js';
import type { LinkView, PeriodView, PersonView, RemovedStamp, TeamView } from './views.js';
import { isRemoved, mergeEnd, removedStamp } from './removed.js';
import { itemsPerStep, runToEnd, type Steps } from './steps.js';
import { TEXT_LIMITS } from './inputs.js';
import { shownWithin } from '../text/cut-text.js';
import { appendAll } from '../collections/long-lists.js';

/** One record change found by applyPending: null before = created, null after = removed/unreadable. */
export interface RecordChange {
  before: NodeRecord | null;
  after: NodeRecord | null;
}

const LINK_TYPE_SET: ReadonlySet<string> = new Set(LINK_TYPES);

/** Parses a link key `${from}>${type}>${to}`; null if malformed. */
export function parseLinkKey(key: string): { from: NodeId; type: LinkType; to: NodeId } | null {
  const parts = key.split('>');
  if (parts.length !== 3) return null;
  const [from, type, to] = parts as [string, string, string];
  // The doc is where link ends enter: both must be node ids (a node under any other key is unreadable).
  return isStoredNodeId(from) && isStoredNodeId(to) && LINK_TYPE_SET.has(type) ? { from, type: type as LinkType, to } : null;
}

function text(map: Y.Map<unknown>, key: string): string | null {
  const value = map.get(key);
  return typeof value === 'string' ? value : null;
}

export class DocCache {
  readonly types: PlanTypes;
  readonly records = new Map<string, NodeRecord>();
  /** Node ids present in the doc that cannot be read (unknown kind, no place). */
  readonly unreadable = new Set<string>();
  /** The title each node shows: its text, or the winner of colliding renames (renames.ts). */
  readonly titles = new Map<string, string>();
  /** Rename records by node id, then by key. */
  readonly renames = new Map<string, Map<string, RenameRecord>>();
  /** Unresolved rename conflicts of titles and descriptions, by node id (only nodes that have some). */
  readonly textConflicts = new Map<string, readonly TextConflict[]>();
  /** Field edit records by node id, then by key (field-edits.ts); a node's conflicts are derived in its view. */
  readonly fieldEdits = new Map<string, Map<string, FieldEditRecord>>();
  /** The check-ins by node, as columns (check-in-columns.ts); read them through checkInSeries / checkInList. */
  private checkIns = new CheckInColumns();
  /** The bench's object baseline only (keepCheckInObjects): one CheckIn object per check-in, as before. */
  private readonly checkInObjects: Map<string, CheckIn[]> | null = checkInObjectsOn ? new Map() : null;
  /** Tombstones of purged nodes by id. */
  readonly purged = new Map<string, Tombstone>();
  /** Stored check-in entries skipped as malformed, of a newer format, or duplicates. */
  skippedCheckIns = 0;
  /** The plan's people and teams, removed ones left out (what pickers offer). */
  people = new Map<string, PersonView>();
  teams = new Map<string, TeamView>();
  /** Removed people and teams (tombstones, `removed` set): their names still show where something names them. */
  removedPeople = new Map<string, PersonView>();
  removedTeams = new Map<string, TeamView>();
  /** Each team merged into another (Plan.mergeTeam), with the team whatever names it reads as. */
  teamMerges = new Map<string, TeamId>();
  /** Each person merged into another (Plan.mergePerson), with the person whatever names them reads as. */
  personMerges = new Map<string, PersonId>();
  periods = new Map<string, PeriodView>();
  links = new Map<string, LinkView>();
  linksFrom = new Map<string, LinkView[]>();
  linksTo = new Map<string, LinkView[]>();
  settings: PlanSettings = readSettings(() => undefined);
  /** The plan's time zone (zone.ts): every day boundary of its figures is in it; UTC if none is stored. */
  timeZone: string = DEFAULT_TIME_ZONE;
  schemaVersion: number | null = null;
  planName = '';

  /** Node ids whose record must be re-read. */
  readonly dirtyNodes = new Set<string>();
  /** Node ids whose title changed. */
  readonly dirtyTitles = new Set<string>();
  /** Node ids that received check-ins. */
  readonly dirtyCheckIns = new Set<string>();
  /** The tombstones of purged nodes changed: re-read them and materialise the tree afresh. */
  dirtyPurged = false;
  /** Settings, people, teams, periods or links changed: re-read them and derive everything again. */
  dirtyDirectory = false;
  /** The check-in history was rewritten (an entry deleted): re-read all check-ins. */
  dirtyHistory = false;

  private readonly unobserve: (() => void)[] = [];
  private readonly listeners = new Set<() => void>();
  /**
   * True while the check-ins are read in steps: an appended check-in then marks the whole history
   * for re-reading (dirtyHistory) instead of being inserted into lists still being filled.
   */
  private readingCheckIns = false;

  /**
   * Observes `doc` at once; reads it at once too, unless `read` is 'in-steps' (then the caller runs
   * `reading()` to its end before using the cache). Changes made while it reads stay marked dirty.
   */
  constructor(doc: Y.Doc, read: 'now' | 'in-steps' = 'now') {
    this.types = planTypes(doc);
    const { nodes, checkins, meta, people, teams, periods, links, purged, renames, fieldEdits } = this.types;
    const onNodes = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => { this.onNodeEvents(events); };
    const onCheckIns = (event: Y.YArrayEvent<unknown>) => { this.onCheckInEvent(event); };
    const onGlobal = () => { this.dirtyDirectory = true; this.notify(); };
    const onPurged = () => { this.dirtyPurged = true; this.notify(); };
    const onRenames = (event: Y.YMapEvent<unknown>) => { this.onRenameEvent(event); };
    nodes.observeDeep(onNodes);
    checkins.observe(onCheckIns);
    meta.observe(onGlobal);
    for (const type of [people, teams, periods]) type.observeDeep(onGlobal);
    links.observe(onGlobal);
    purged.observe(onPurged);
    renames.observe(onRenames);
    const onFieldEdits = (event: Y.YMapEvent<unknown>) => { this.onFieldEditEvent(event); };
    fieldEdits.observe(onFieldEdits);
    this.unobserve.push(
      () => fieldEdits.unobserve(onFieldEdits),
      () => renames.unobserve(onRenames),
      () => purged.unobserve(onPurged),
      () => nodes.unobserveDeep(onNodes), () => checkins.unobserve(onCheckIns), () => meta.unobserve(onGlobal),
      () => people.unobserveDeep(onGlobal), () => teams.unobserveDeep(onGlobal), () => periods.unobserveDeep(onGlobal),
      () => links.unobserve(onGlobal),
    );
    if (read === 'now') this.reloadAll();
  }

  /** Calls `listener` whenever the doc changed in a way that needs a refresh. Returns an unsubscribe. */
  onInvalidate(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** True if anything changed since the last applyPending/reloadAll. */
  get dirty(): boolean {
    return this.dirtyDirectory || this.dirtyHistory || this.dirtyPurged || this.dirtyNodes.size > 0 || this.dirtyTitles.size > 0 || this.dirtyCheckIns.size > 0;
  }

  destroy(): void {
    for (const stop of this.unobserve) stop();
    this.listeners.clear();
  }

  /** Re-reads the whole doc. */
  reloadAll(): void {
    runToEnd(this.reading());
  }

  /**
   * Re-reads the whole doc in steps. The dirty marks are cleared FIRST: a change that arrives between
   * two steps stays marked, and the next refresh reads it again (re-reading a node is idempotent).
   */
  *reading(): Steps<void> {
    const { nodes } = this.types;
    this.dirtyNodes.clear();
    this.dirtyTitles.clear();
    this.dirtyCheckIns.clear();
    this.dirtyDirectory = false;
    this.dirtyHistory = false;
    this.records.clear();
    this.unreadable.clear();
    this.titles.clear();
    this.reloadRenames();
    this.reloadFieldEdits();
    let count = 0;
    const shared = new Map<string, string>();
    for (const [id, node] of nodes) {
      if (++count % itemsPerStep === 0) yield;
      if (!(node instanceof Y.Map)) { this.unreadable.add(id); continue; }
      const record = this.readRecord(id, node);
      if (record) {
        if (!sharedStringsOff) shareRecordStrings(record, shared);
        this.records.set(id, record);
        this.titles.set(id, this.shownTitle(id, node));
      } else this.unreadable.add(id);
    }
    this.reloadPurged();
    this.readingCheckIns = true;
    try {
      yield* this.readingAllCheckIns();
    } finally {
      this.readingCheckIns = false;
    }
    this.reloadDirectory();
  }

  /** Re-reads what dirtyDirectory / dirtyHistory say changed (node records are left alone). */
  reloadShared(): void {
    if (this.dirtyDirectory) this.reloadDirectory();
    if (this.dirtyHistory) runToEnd(this.readingAllCheckIns());
    this.dirtyDirectory = false;
    this.dirtyHistory = false;
    this.dirtyCheckIns.clear();
  }

  /** Re-reads the node records the events touched; returns what changed. */
  applyPending(): Map<string, RecordChange> {
    const changes = new Map<string, RecordChange>();
    for (const id of this.dirtyNodes) this.applyOne(id, changes);
    this.dirtyNodes.clear();
    return changes;
  }

  /**
   * applyPending in steps (a batch of thousands of nodes: an import, a collaborator's import). Each
   * node stays marked until it is read, so an `applyPending` between two steps (an operation
   * validating against the latest state) reads the rest itself; a node changed again after it was
   * read is marked again for the next call.
   */
  *applyingPending(): Steps<Map<string, RecordChange>> {
    const changes = new Map<string, RecordChange>();
    const ids = [...this.dirtyNodes];
    for (let i = 0; i < ids.length; i++) {
      if (i % itemsPerStep === itemsPerStep - 1) yield;
      const id = ids[i]!;
      if (!this.dirtyNodes.delete(id)) continue;
      this.applyOne(id, changes);
    }
    return changes;
  }

  /** Re-reads one node's record into the cache and notes the change. */
  private applyOne(id: string, changes: Map<string, RecordChange>): void {
    const before = this.records.get(id) ?? null;
    const node = this.types.nodes.get(id);
    const after = node instanceof Y.Map ? this.readRecord(id, node) : null;
    if (after) {
      this.records.set(id, after);
      this.unreadable.delete(id);
      if (!this.titles.has(id) && node) this.titles.set(id, this.shownTitle(id, node));
    } else {
      this.records.delete(id);
      this.titles.delete(id);
      if (node !== undefined) this.unreadable.add(id);
      else this.unreadable.delete(id);
    }
    if (before !== null || after !== null) changes.set(id, { before, after });
  }

  /**
   * A node's record as shown: its map's values, except a field whose one edit record was written into
   * another copy of the map (an undo and a redo of the node's creation came between): that value shows.
   */
  private readRecord(id: string, node: Y.Map<unknown>): NodeRecord | null {
    const record = readNodeRecord(id, node);
    const edits = record === null ? undefined : this.fieldEdits.get(id);
    if (record === null || edits === undefined) return record;
    // A task's doneAt / blockedSince follow a status written into another copy too (stamps-elsewhere.ts).
    const fields = shownFields(record.kind, record.fields as Readonly<Record<string, unknown>>, edits.values(), node);
    return fields === record.fields ? record : { ...record, fields: fields as NodeRecord['fields'] };
  }

  /** How many node records wait to be re-read (a refresh of thousands is worth running in steps). */
  get pendingNodes(): number {
    return this.dirtyNodes.size;
  }

  /** Re-reads the tombstones of purged nodes (malformed values are ignored). */
  reloadPurged(): void {
    this.purged.clear();
    for (const [id, value] of this.types.purged) {
      const tombstone = readTombstone(value);
      if (tombstone) this.purged.set(id, tombstone);
    }
    this.dirtyPurged = false;
  }

  /** Clears the title and check-in dirty marks (after a refresh consumed them). */
  clearDirtyMarks(): void {
    this.dirtyTitles.clear();
    this.dirtyCheckIns.clear();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private onNodeEvents(events: Y.YEvent<Y.AbstractType<unknown>>[]): void {
    const { nodes } = this.types;
    for (const event of events) {
      if (event.target === nodes) {
        for (const id of (event as Y.YMapEvent<unknown>).keysChanged) {
          this.dirtyNodes.add(id);
          this.dirtyTitles.add(id);
          this.titles.delete(id);
        }
        continue;
      }
      const path = event.path;
      const id = path[0];
      if (typeof id !== 'string') continue;
      if (path.length === 1) {
        const keys = (event as Y.YMapEvent<unknown>).keysChanged;
        if (keys.has('title')) this.refreshTitle(id);
        for (const key of keys) {
          if (key !== 'title' && key !== 'description') { this.dirtyNodes.add(id); break; }
        }
      } else if (path[1] === 'title') this.refreshTitle(id);
    }
    this.notify();
  }

  private refreshTitle(id: string): void {
    const node = this.types.nodes.get(id);
    if (!(node instanceof Y.Map)) return;
    if (this.records.has(id)) this.titles.set(id, this.shownTitle(id, node));
    this.dirtyTitles.add(id);
  }

  /** The rename records of one node's field. */
  renamesOf(id: string, field: TextField): RenameRecord[] {
    const byKey = this.renames.get(id);
    if (!byKey) return [];
    const records: RenameRecord[] = [];
    for (const record of byKey.values()) if (record.field === field) records.push(record);
    return records;
  }

  /** What a node's field shows (the text, or the winner of colliding renames) and its conflicts. */
  resolved(id: string, field: TextField): { text: string; conflicts: readonly TextConflict[] } {
    const node = this.types.nodes.get(id);
    const value = node instanceof Y.Map ? node.get(field) : undefined;
    const merged = field === 'title' ? (node instanceof Y.Map ? readTitle(node) : '') : value instanceof Y.Text ? value.toString() : '';
    return resolveText(merged, this.renamesOf(id, field), value instanceof Y.Text ? textIdentity(value) : undefined);
  }

  /**
   * The title a node shows; records its conflicts (title and description) in textConflicts. A title
   * stored past the limit by a writer that skipped the checks is shown cut, ending in "…": every view,
   * label and export stays bounded (a 100,000-character title named no outline row and slowed the canvas).
   */
  private shownTitle(id: string, node: Y.Map<unknown>): string {
    return shownWithin(this.fullTitle(id, node), TEXT_LIMITS.title);
  }

  private fullTitle(id: string, node: Y.Map<unknown>): string {
    if (!this.renames.has(id)) {
      this.textConflicts.delete(id);
      return readTitle(node);
    }
    const title = this.resolved(id, 'title');
    const description = this.resolved(id, 'description');
    const conflicts = [...title.conflicts, ...description.conflicts];
    if (conflicts.length > 0) this.textConflicts.set(id, conflicts);
    else this.textConflicts.delete(id);
    return title.text;
  }

  private reloadRenames(): void {
    this.renames.clear();
    this.textConflicts.clear();
    for (const [key, value] of this.types.renames) this.indexRename(key, value);
  }

  private indexRename(key: string, value: unknown): string | null {
    const node = renameKeyNode(key);
    if (node === null) return null;
    const byKey = this.renames.get(node);
    const record = value === undefined ? null : readRename(key, value);
    if (record) {
      if (byKey) byKey.set(key, record);
      else this.renames.set(node, new Map([[key, record]]));
    } else if (byKey) {
      byKey.delete(key);
      if (byKey.size === 0) this.renames.delete(node);
    }
    return node;
  }

  private onRenameEvent(event: Y.YMapEvent<unknown>): void {
    const touched = new Set<string>();
    for (const key of event.keysChanged) {
      const node = this.indexRename(key, this.types.renames.get(key));
      if (node !== null) touched.add(node);
    }
    for (const id of touched) this.refreshTitle(id);
    if (touched.size > 0) this.notify();
  }

  private reloadFieldEdits(): void {
    this.fieldEdits.clear();
    for (const [key, value] of this.types.fieldEdits) this.indexFieldEdit(key, value);
  }

  private indexFieldEdit(key: string, value: unknown): string | null {
    const node = fieldEditKeyNode(key);
    if (node === null) return null;
    const byKey = this.fieldEdits.get(node);
    const record = value === undefined ? null : readFieldEdit(key, value);
    if (record) {
      if (byKey) byKey.set(key, record);
      else this.fieldEdits.set(node, new Map([[key, record]]));
    } else if (byKey) {
      byKey.delete(key);
      if (byKey.size === 0) this.fieldEdits.delete(node);
    }
    return node;
  }

  /** A node whose field edits changed is re-read, so its view (and its field conflicts) is built again. */
  private onFieldEditEvent(event: Y.YMapEvent<unknown>): void {
    let touched = false;
    for (const key of event.keysChanged) {
      const node = this.indexFieldEdit(key, this.types.fieldEdits.get(key));
      if (node !== null && this.types.nodes.has(node)) { this.dirtyNodes.add(node); touched = true; }
    }
    if (touched) this.notify();
  }

  private onCheckInEvent(event: Y.YArrayEvent<unknown>): void {
    if (this.readingCheckIns || deletedFrom(event)) {
      // History is append-only; something rewrote it (a hostile or buggy peer): rebuild from scratch.
      this.dirtyHistory = true;
    } else {
      const batch: CheckInInsert[] = [];
      for (const raw of insertedInto(event)) this.addCheckIn(raw, batch);
      // The transaction's entries are merged into their nodes together (any order of stamps costs the
      // same), and those that joined equal stamps are then put in place together (review37b B1).
      this.checkIns.insertAll(batch, this.markCheckInsDirty);
      if (this.checkIns.unsettled) this.skippedCheckIns += this.checkIns.settleTies(this.checkInPositions, this.markCheckInsDirty);
    }
    this.notify();
  }

  private readonly markCheckInsDirty = (nodeId: string): void => { this.dirtyCheckIns.add(nodeId); };

  /**
   * Decodes one appended check-in into the transaction's batch (CheckInColumns.insertAll puts it by its
   * order stamp). One whose stamp equals another's on its node waits
   * for `settleTies` (onCheckInEvent), which orders equal stamps as the full read does (`historyOrder`:
   * by where the entries sit in the Y.Array, the same entry pushed twice, same id and order stamp, kept
   * once, the first in the Y.Array), so both paths give one history.
   */
  private addCheckIn(raw: unknown, batch: CheckInInsert[]): void {
    const checkIn = decodeCheckIn(raw);
    if (checkIn === null) { this.skippedCheckIns++; return; }
    if (this.checkInObjects === null) {
      batch.push({ checkIn, stored: raw, nodeId: this.records.get(checkIn.nodeId)?.id ?? checkIn.nodeId });
      return;
    }
    let list = this.checkInObjects.get(checkIn.nodeId);
    if (!list) { list = []; this.checkInObjects.set(checkIn.nodeId, list); }
    // Appends arrive mostly in order: insert from the end.
    let i = list.length;
    while (i > 0 && compareCheckIns(list[i - 1]!, checkIn) > 0) i--;
    // Equal stamps (rare): this baseline keeps no stored entries to find in the Y.Array, so the history
    // is read again (the full read puts them in Y.Array order).
    if (i > 0 && compareCheckIns(list[i - 1]!, checkIn) === 0) { this.dirtyHistory = true; return; }
    list.splice(i, 0, checkIn);
    this.dirtyCheckIns.add(checkIn.nodeId);
  }

  /**
   * Where stored check-in entries sit in the Y.Array (PositionsOf: each one's first occurrence). One walk
   * over the history's items, asked once per transaction that appended check-ins whose order stamp equals
   * another's on their node (the same millisecond, or the STAMP_MAX cap): a hostile peer who forces it
   * costs a walk per transaction, less than a deletion (which re-reads and decodes the whole history).
   */
  private readonly checkInPositions = (entries: readonly unknown[]): number[] => {
    const found = new Map<unknown, number>();
    for (const entry of entries) found.set(entry, -1);
    let left = found.size;
    let index = 0;
    for (let item = this.types.checkins._start; item !== null && left > 0; item = item.right) {
      if (item.deleted || !item.countable) continue;
      for (const raw of item.content.getContent()) {
        if (found.get(raw) === -1) { found.set(raw, index); left--; }
        index++;
      }
    }
    return entries.map((entry) => found.get(entry)!);
  };

  /** Reads every check-in again, in steps (the history is read as it was when this started). */
  private *readingAllCheckIns(): Steps<void> {
    if (this.checkInObjects !== null) { yield* this.readingAllCheckInObjects(this.checkInObjects); return; }
    this.checkIns = new CheckInColumns();
    this.skippedCheckIns = 0;
    const history = this.types.checkins;
    const reader = new CheckInReader(history.length);
    // A check-in's id, author and note stay in its stored entry (the Y.Doc holds it anyway); the decoded
    // object and its strings are young garbage. The walk is as readingAllCheckInObjects's.
    const nodeIdFor = (nodeId: string) => this.records.get(nodeId)?.id ?? nodeId;
    let read = 0;
    for (let item = history._start; item !== null; item = item.right) {
      if (item.deleted || !item.countable) continue;
      for (const raw of item.content.getContent()) {
        if (++read % (4 * itemsPerStep) === 0) yield;
        const checkIn = decodeCheckIn(raw);
        if (checkIn === null) { this.skippedCheckIns++; continue; }
        reader.add(checkIn, raw, nodeIdFor);
      }
    }
    yield;
    // Grouped in steps (495,000 check-ins at 100k were one task of 60–160 ms); the bench's baseline in one.
    const { columns, duplicates } = checkInsGroupedAtOnce ? CheckInColumns.grouped(reader) : yield* CheckInColumns.grouping(reader);
    this.checkIns = columns;
    this.skippedCheckIns += duplicates;
  }

  /** The bench's object baseline of readingAllCheckIns (keepCheckInObjects): one object per check-in. */
  private *readingAllCheckInObjects(checkIns: Map<string, CheckIn[]>): Steps<void> {
    checkIns.clear();
    this.skippedCheckIns = 0;
    // The history's items are walked in place (toArray would copy it in one piece). A change that
    // arrives between two steps marks the whole history for re-reading (readingCheckIns), so a walk
    // that saw part of it is replaced by the next refresh.
    let read = 0;
    const shared = new Map<string, string>();
    for (let item = this.types.checkins._start; item !== null; item = item.right) {
      if (item.deleted || !item.countable) continue;
      for (const raw of item.content.getContent()) {
        if (++read % (4 * itemsPerStep) === 0) yield;
        const checkIn = decodeCheckIn(raw);
        if (checkIn === null) { this.skippedCheckIns++; continue; }
        // Everything read here stays in memory until the next read (at 100k, 495k check-ins), so
        // equal strings are kept once (see sharedString); the values are unchanged.
        const list = checkIns.get(checkIn.nodeId);
        if (sharedStringsOff) {
          if (list) list.push(checkIn);
          else checkIns.set(checkIn.nodeId, [checkIn]);
          continue;
        }
        if (list) {
          checkIn.nodeId = list[0]!.nodeId;
          list.push(checkIn);
        } else {
          checkIn.nodeId = this.records.get(checkIn.nodeId)?.id ?? checkIn.nodeId;
          checkIns.set(checkIn.nodeId, [checkIn]);
        }
        checkIn.by = sharedString(shared, checkIn.by);
        if (checkIn.note.length <= sharedNoteLength) checkIn.note = sharedString(shared, checkIn.note);
      }
    }
    let lists = 0;
    for (const [nodeId, list] of checkIns) {
      if (++lists % itemsPerStep === 0) yield;
      let sorted = true;
      for (let i = 1; i < list.length && sorted; i++) if (orderOf(list[i]!) <= orderOf(list[i - 1]!)) sorted = false;
      if (sorted) continue;
      // Read in Y.Array order: historyOrder keeps it among equal stamps, and the same entry pushed twice
      // (by a buggy or hostile peer) counts once.
      const unique = historyOrder(list);
      this.skippedCheckIns += list.length - unique.length;
      checkIns.set(nodeId, unique);
    }
  }

  /** A node's check-ins, oldest first, for reading by position (valid until the check-ins next change). */
  checkInSeries(nodeId: string): CheckInSeries {
    if (this.checkInObjects === null) return this.checkIns.series(nodeId);
    return new ListSeries(this.checkInObjects.get(nodeId) ?? NO_CHECKINS);
  }

  /** A node's check-ins as objects, oldest first (decoded from the columns on each call). */
  checkInList(nodeId: string): readonly CheckIn[] {
    if (this.checkInObjects === null) return this.checkIns.decoded(nodeId);
    return this.checkInObjects.get(nodeId) ?? NO_CHECKINS;
  }

  /** The nodes that have check-ins (including ids of nodes that do not exist). */
  checkInNodes(): IterableIterator<string> {
    return this.checkInObjects === null ? this.checkIns.nodes() : this.checkInObjects.keys();
  }

  private reloadDirectory(): void {
    const { meta, people, teams, periods, links } = this.types;
    const version = meta.get('schemaVersion');
    this.schemaVersion = typeof version === 'number' ? version : null;
    const name = meta.get('name');
    this.planName = typeof name === 'string' ? name : '';
    this.settings = readSettings((key) => meta.get(key));
    this.timeZone = readTimeZone(meta.get('timeZone'));

    // Teams merged into others (leftovers40): what names one reads as the team it was merged into.
    this.teamMerges = new Map();
    for (const id of teams.keys()) {
      const end = isTeamId(id) ? mergeEnd(teams, id) : null;
      if (end !== null && isTeamId(end)) this.teamMerges.set(id, end);
    }
    // People merged into others (Plan.mergePerson): their check-ins and what names them read as the kept one.
    this.personMerges = new Map();
    for (const id of people.keys()) {
      const end = isPersonId(id) ? mergeEnd(people, id) : null;
      if (end !== null && isPersonId(end)) this.personMerges.set(id, end);
    }
    this.people = new Map();
    this.removedPeople = new Map();
    // The doc is where person and team ids enter: each is checked here once, into a PersonId or a
    // TeamId; an entry under a key that is no id is not listed.
    for (const [id, person] of people) {
      if (!(person instanceof Y.Map) || !isPersonId(id)) continue;
      const removed = isRemoved(people, id) ? removedStamp(person) : null;
      const team = teamRef(text(person, 'team'));
      const view: PersonView = { id, name: text(person, 'name') ?? '', email: text(person, 'email'), team: team === null ? null : this.teamMerges.get(team) ?? team, role: text(person, 'role') };
      const mergedInto = this.personMerges.get(id);
      if (removed) this.removedPeople.set(id, { ...view, removed, ...(mergedInto ? { mergedInto } : {}) });
      else this.people.set(id, view);
    }
    this.teams = new Map();
    this.removedTeams = new Map();
    const stored = new Map<string, { parent: TeamId | null; removed: RemovedStamp | null }>();
    for (const [id, team] of teams) {
      if (!(team instanceof Y.Map) || !isTeamId(id)) continue;
      const parent = teamRef(text(team, 'parent'));
      const removed = isRemoved(teams, id) ? removedStamp(team) : null;
      const mergedInto = this.teamMerges.get(id);
      // A merged team's sub-teams sit under the team it was merged into.
      stored.set(id, { parent: mergedInto ?? parent, removed });
      if (removed) this.removedTeams.set(id, { id, name: text(team, 'name') ?? '', parent, removed, ...(mergedInto ? { mergedInto } : {}) });
      else this.teams.set(id, { id, name: text(team, 'name') ?? '', parent });
    }
    // A team under a removed team sits under the nearest live team above it (through the removed
    // teams' stored parents), or at the top level: a sub-team made while its parent was removed is
    // never left under a team nobody can pick (people37).
    for (const team of this.teams.values()) {
      let parent = team.parent;
      const passed = new Set<string>();
      while (parent !== null && !this.teams.has(parent)) {
        const above = stored.get(parent);
        if (!above || passed.has(parent)) { parent = null; break; }
        passed.add(parent);
        parent = above.parent;
      }
      // A removed team stored under this one (a loop two people's moves left): top level.
      if (parent === team.id) parent = null;
      if (parent !== team.parent) team.parent = parent;
    }
    this.periods = new Map();
    for (const [id, period] of periods) {
      if (!(period instanceof Y.Map)) continue;
      const start = text(period, 'start');
      const end = text(period, 'end');
      // A period runs from the start of its first day to the end of its last, in the plan's zone.
      const startMs = start === null ? null : startOfDayIn(start, this.timeZone);
      const endMs = end === null ? null : endOfDayIn(end, this.timeZone);
      if (start === null || end === null || startMs === null || endMs === null) continue;
      // Start and end moved past each other by two people: kept and flagged, not dropped (usercheck16).
      this.periods.set(id, { id, name: text(period, 'name') ?? '', start, end, startMs, endMs, crossed: endMs <= startMs });
    }
    this.links = new Map();
    this.linksFrom = new Map();
    this.linksTo = new Map();
    // In key order, not the map's: a Y.Map iterates in the order this replica received its keys, so two
    // laptops listed one key result's contributing work in different orders (review44b F2).
    for (const [key, value] of [...links].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const parsed = parseLinkKey(key);
      const stamp = readStamp(value);
      if (!parsed || !stamp) continue;
      const link: LinkView = { key, from: parsed.from, type: parsed.type, to: parsed.to, at: stamp.at, by: stamp.by };
      this.links.set(key, link);
      const from = this.linksFrom.get(link.from);
      if (from) from.push(link);
      else this.linksFrom.set(link.from, [link]);
      const to = this.linksTo.get(link.to);
      if (to) to.push(link);
      else this.linksTo.set(link.to, [link]);
    }
  }
}

/**
 * The check-ins read when a plan opens stay in memory (at 100k nodes, 495k of them), and each decoded
 * one held its own copy of its node's id, its author's id and its note (JSON.parse makes a new string
 * for every value longer than a few characters): 64 bytes of the ~210 each kept, all surviving the
 * young generation, so every scavenge during the build copied them. Equal authors and short notes are
 * now kept once per read (the check-ins of a node share the node's id string), which is about a third
 * less of the check-ins' memory; values are unchanged, only which copy of an equal string is kept.
 */
function sharedString(strings: Map<string, string>, value: string): string {
  const kept = strings.get(value);
  if (kept !== undefined) return kept;
  strings.set(value, value);
  return value;
}

/**
 * sharedString for a node's record: its parent's id, the id it came from, its creator's id and its short
 * field values (owners, teams, periods, assignees, dates, units) are kept once per read.
 */
function shareRecordStrings(record: NodeRecord, strings: Map<string, string>): void {
  record.place.parent = sharedString(strings, record.place.parent);
  record.place.from = sharedString(strings, record.place.from);
  if (record.created) record.created.by = sharedString(strings, record.created.by);
  const fields = record.fields as Record<string, unknown>;
  for (const key in fields) {
    const value = fields[key];
    if (typeof value === 'string' && value.length <= sharedNoteLength) fields[key] = sharedString(strings, value);
  }
}

/** Notes up to this length are shared (common short notes: "Weekly update", "On track"); longer ones are rarely equal. */
const sharedNoteLength = 32;

/**
 * The bench's baseline only (RENDERER_BENCH_BASELINE=unshared-check-in-strings): every check-in and node
 * record keeps its own decoded strings, as before. The renderer sets it from the bench's switch when a
 * plan opens; nothing else does.
 */
let sharedStringsOff = false;
export function keepEachDecodedString(on: boolean): void {
  sharedStringsOff = on;
}

const NO_CHECKINS: readonly CheckIn[] = [];

/**
 * The bench's baseline only (RENDERER_BENCH_BASELINE=check-ins-grouped-at-once): a full read groups the
 * check-ins by node in one step, as before CheckInColumns.grouping. The renderer sets it from the bench's
 * switch when a plan opens; nothing else does.
 */
let checkInsGroupedAtOnce = false;
export function groupCheckInsAtOnce(on: boolean): void {
  checkInsGroupedAtOnce = on;
}

/**
 * The bench's baseline only (RENDERER_BENCH_BASELINE=check-in-objects): caches made while it is on keep
 * one CheckIn object per check-in in per-node lists, as before the columns (check-in-columns.ts). The
 * renderer sets it from the bench's switch when a plan opens; nothing else does.
 */
let checkInObjectsOn = false;
export function keepCheckInObjects(on: boolean): void {
  checkInObjectsOn = on;
}

/** A team reference read from the doc: a TeamId, or null when absent or not an id. */
/**
 * A record's fields with its team, owner and assignee read through merges (leftovers40): a merged team's
 * work is the kept team's, a merged person's the kept person's (what a peer gave them meanwhile too).
 */
export function mergedFields<F extends { team?: string; owner?: string; assignee?: string }>(fields: F, cache: Pick<DocCache, 'teamMerges' | 'personMerges'>): F {
  const team = fields.team === undefined ? undefined : cache.teamMerges.get(fields.team);
  const owner = fields.owner === undefined ? undefined : cache.personMerges.get(fields.owner);
  const assignee = fields.assignee === undefined ? undefined : cache.personMerges.get(fields.assignee);
  if (team === undefined && owner === undefined && assignee === undefined) return fields;
  return { ...fields, ...(team ? { team } : {}), ...(owner ? { owner } : {}), ...(assignee ? { assignee } : {}) };
}

function teamRef(value: string | null): TeamId | null {
  return value !== null && isTeamId(value) ? value : null;
}

/**
 * The values a transaction inserted into the event's array, found from the structs it created
 * (each client's clocks between the transaction's before and after states): `event.changes` walks
 * the whole array on every event, which made each check-in of a 10,000-row import cost as much as
 * the plan's history. Order does not matter here: check-ins are sorted by (at, id).
 */
function insertedInto(event: Y.YArrayEvent<unknown>): unknown[] {
  const { transaction } = event;
  const values: unknown[] = [];
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = transaction.doc.store.clients.get(client);
    if (!structs) continue;
    for (let i = Y.findIndexSS(structs, before); i < structs.length && structs[i]!.id.clock < after; i++) {
      const struct = structs[i];
      if (struct instanceof Y.Item && struct.parent === event.target && !struct.deleted) appendAll(values, struct.content.getContent() as unknown[]);
    }
  }
  return values;
}

/** True when the transaction deleted something from the event's array. */
function deletedFrom(event: Y.YArrayEvent<unknown>): boolean {
  let found = false;
  Y.iterateDeletedStructs(event.transaction, event.transaction.deleteSet, (struct) => {
    if (!found && struct instanceof Y.Item && struct.parent === event.target && struct.id.clock < (event.transaction.beforeState.get(struct.id.client) ?? 0)) found = true;
  });
  return found;
}
