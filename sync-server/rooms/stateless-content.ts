import type { Logger } from 'pino';
import * as Y from 'yjs';
import { isEmptyStateVector } from '../protocol/frames.js';
import { parseUpdate, type DeleteRange, type ParsedUpdate } from '../protocol/update-format.js';
import { decodeSummary, encodeSummary, summarise, type UpdateSummary } from '../protocol/update-summary.js';
import type { UpdateStore } from '../storage/update-store.js';
import { DeletedRanges } from './deleted-ranges.js';
import { updateChangesDocument } from './document-changes.js';
import { defaultReplyPartBytes, updateReply, type JoinReply } from './join-reply.js';
import type { Acceptance, ContentFootprint, RoomContent } from './room-content.js';
import { TransientDocumentTurns } from './transient-documents.js';

interface WaitingReply {
  readonly stateVector: Uint8Array;
  readonly resolve: (reply: JoinReply | null) => void;
  readonly reject: (error: unknown) => void;
}

interface WaitingViewerCheck {
  /** The upload's deletes the room's records cannot decide. */
  readonly ranges: readonly DeleteRange[];
  readonly resolve: (changes: boolean) => void;
}

/**
 * Delete ranges of viewers' uploads waiting, per room, for the document to be loaded. Past this, an
 * upload is answered from the records alone (a refusal, the answer before the exact check existed):
 * the memory a viewer can make a room hold stays bounded.
 */
const maxWaitingViewerRanges = 100_000;

/**
 * A room of the scaled-out mode, without its document: only the state vector (client → next clock)
 * and the delete set, both kept from the updates' metadata. That is all the checks need — an update's
 * dependencies are clocks, and whether it changes anything (the viewer check, and dropping a join
 * upload that brings nothing) is clocks plus deleted ranges. Every join is answered from storage
 * (PostgreSQL's merged row plus the stream's tail, `UpdateStore.load`) with the diff the client
 * lacks, and storage merges itself (the compaction worker). The merged update exists only while a
 * reply is being made, and is dropped right after.
 */
export class StatelessContent implements RoomContent {
  readonly document = null;
  private readonly clocks = new Map<number, number>();
  private readonly deleted = new DeletedRanges();
  /** Joiners whose replies wait for the next read of storage. */
  private waiting: WaitingReply[] = [];
  private serving = false;
  private destroyed = false;
  /** Summaries from other instances that could not be read (logged once per room). */
  private unreadableSummaries = 0;
  private viewerChecks: WaitingViewerCheck[] = [];
  /** The checks the load under way (or about to start) decides. */
  private checking: readonly WaitingViewerCheck[] = [];
  private viewerCheckRanges = 0;
  private checkingViewers = false;

  /** Learns the state vector and delete set of the room's `stored` rows; keeps nothing else of them. */
  constructor(
    private readonly key: string,
    private readonly store: UpdateStore,
    private readonly requestMerge: (room: string) => Promise<void>,
    private readonly log: Logger,
    stored: readonly Uint8Array[],
    private readonly maxReplyPartBytes = defaultReplyPartBytes,
    private readonly turns = new TransientDocumentTurns(),
  ) {
    if (stored.length > 0) this.learn(mergeStored(stored));
  }

  encodeStateVector(): Uint8Array {
    return Y.encodeStateVector(this.clocks);
  }

  clockOf(client: number): number {
    return this.clocks.get(client) ?? 0;
  }

  wouldChange(update: ParsedUpdate): boolean {
    if (this.bringsStructs(update)) return true;
    return update.deletes.some((range) => range.clock + range.length > this.clockOf(range.client)
      || !this.deleted.covers(range.client, range.clock, range.clock + range.length));
  }

  /**
   * Exactly whether a viewer's `update` would change the plan. The records decide it unless the update
   * deletes ids the room has but has not recorded as deleted. Those may be deletes the document made
   * itself, which no stored update carries (a map value overwritten by a concurrent set, an item
   * inserted into a deleted type); a reconnecting stock client sends them back in its delete set. Then
   * the plan is loaded from storage once everything accepted is durable (`durable`, as for a join
   * answer), the ranges are checked against it and the document is dropped: the room keeps none. The
   * ranges found deleted are recorded, so the same upload is decided from the records next time.
   * Loads take turns instance-wide (TransientDocumentTurns) and serve every check waiting in the room.
   */
  viewerUploadChanges(update: ParsedUpdate, durable: () => Promise<boolean>): boolean | Promise<boolean> {
    if (this.bringsStructs(update)) return true;
    const undecided: DeleteRange[] = [];
    for (const range of update.deletes) {
      if (range.clock + range.length > this.clockOf(range.client)) return true;
      if (!this.deleted.covers(range.client, range.clock, range.clock + range.length)) undecided.push(range);
    }
    if (undecided.length === 0) return false;
    if (this.destroyed || this.viewerCheckRanges + undecided.length > maxWaitingViewerRanges) return true;
    this.viewerCheckRanges += undecided.length;
    return new Promise((resolve) => {
      this.viewerChecks.push({ ranges: undecided, resolve });
      if (!this.checkingViewers) void this.checkViewers(durable);
    });
  }

  accept(update: Uint8Array, parsed: ParsedUpdate): Acceptance {
    if (!this.wouldChange(parsed)) return { ok: true, changes: [] };
    // Only the structs beyond what the room has are stored and relayed (what Yjs's update event
    // would give); the update's delete set is kept whole, as Yjs cannot tell old deletes without a document.
    const known = new Map<number, number>();
    for (const section of parsed.clients) known.set(section.client, this.clockOf(section.client));
    let change: Uint8Array;
    try {
      // The common case — an editor's new edits, every struct at or past what the room has — needs no
      // trimming: diffing would only re-encode the same update (it was a twentieth of an instance's CPU).
      change = startsAtOrPastKnown(parsed, known) ? update : Y.diffUpdate(update, Y.encodeStateVector(known));
    } catch (error) {
      return { ok: false, reason: `diffing an update threw: ${error instanceof Error ? error.message : String(error)}` };
    }
    const summary = summarise(parsed);
    this.record(summary);
    return { ok: true, changes: [change], summary: encodeSummary(summary) };
  }

  acceptRemote(update: Uint8Array, summary?: Uint8Array): void {
    if (summary !== undefined) {
      let decoded: UpdateSummary | null = null;
      try {
        decoded = decodeSummary(summary);
      } catch (error) {
        // The update itself is the record: parse it instead.
        if (this.unreadableSummaries++ === 0) this.log.error({ room: this.key, err: error }, 'an update\'s summary from another instance cannot be read; parsing the update');
      }
      if (decoded !== null) return this.record(decoded);
    }
    this.record(summarise(parseUpdate(update)));
  }

  /** Made after everything accepted is durable, from storage: so it holds exactly what is stored. */
  answer(stateVector: Uint8Array, durable: () => Promise<boolean>): Promise<JoinReply | null> {
    return durable().then((stored) => (stored ? this.queueReply(stateVector) : null));
  }

  async compact(): Promise<null> {
    await this.requestMerge(this.key);
    return null;
  }

  footprint(): ContentFootprint {
    return { documents: 0, clients: this.clocks.size, deletedRanges: this.deleted.size };
  }

  destroy(): void {
    this.destroyed = true;
    for (const waiting of this.waiting.splice(0)) waiting.resolve(null);
    // The room is gone: no one is left to tell either way.
    for (const check of [...this.checking, ...this.viewerChecks.splice(0)]) check.resolve(false);
  }

  private bringsStructs(update: ParsedUpdate): boolean {
    for (const section of update.clients) {
      const known = this.clockOf(section.client);
      if (section.structs.some((struct) => struct.kind !== 'skip' && struct.clock + struct.length > known)) return true;
    }
    return false;
  }

  /**
   * One load of the plan serves every viewer check waiting when it starts; checks arriving meanwhile
   * wait for the next. A check that cannot be made (storage unreadable, a write lost) is answered as the
   * records answer it: a refusal, nothing applied either way.
   */
  private async checkViewers(durable: () => Promise<boolean>): Promise<void> {
    this.checkingViewers = true;
    while (this.viewerChecks.length > 0 && !this.destroyed) {
      const batch = this.viewerChecks.splice(0);
      this.checking = batch;
      this.viewerCheckRanges = 0;
      try {
        if (!(await durable())) throw new Error('a write the check waited for was lost');
        await this.turns.run(async () => {
          const stored = await this.store.load(this.key);
          const document = new Y.Doc({ gc: false });
          try {
            if (stored.updates.length > 0) Y.applyUpdate(document, mergeStored(stored.updates));
            for (const check of batch) check.resolve(this.decideAgainst(document, check.ranges));
          } finally {
            document.destroy();
          }
        });
      } catch (error) {
        this.log.error({ room: this.key, err: error }, 'checking a viewer\'s upload against the plan failed; refusing it');
        for (const check of batch) check.resolve(true);
      }
    }
    this.checking = [];
    this.checkingViewers = false;
  }

  /** Whether any of `ranges` deletes something `document` has not deleted; records those it has. */
  private decideAgainst(document: Y.Doc, ranges: readonly DeleteRange[]): boolean {
    let changes = false;
    for (const range of ranges) {
      if (updateChangesDocument(document, { clients: [], deletes: [range] })) changes = true;
      else this.deleted.add(range.client, range.clock, range.length);
    }
    return changes;
  }

  /** Takes the state vector and delete set of a merged update (at load). */
  private learn(merged: Uint8Array): void {
    const stateVector = Y.encodeStateVectorFromUpdate(merged);
    for (const [client, clock] of Y.decodeStateVector(stateVector)) this.clocks.set(client, clock);
    // Diffing an update against its own state vector leaves its delete set (and only structs past a gap).
    const rest = parseUpdate(Y.diffUpdate(merged, stateVector));
    for (const range of rest.deletes) this.deleted.add(range.client, range.clock, range.length);
    if (rest.clients.length > 0) this.log.warn({ room: this.key }, 'stored updates have missing dependencies');
  }

  private record(update: UpdateSummary): void {
    for (const [client, clock] of update.clocks) {
      const next = Math.max(this.clockOf(client), clock);
      // A section of skips only brings nothing: no zero entry in the state vector (Yjs has none either).
      if (next > 0) this.clocks.set(client, next);
    }
    for (const range of update.deletes) this.deleted.add(range.client, range.clock, range.length);
  }

  private queueReply(stateVector: Uint8Array): Promise<JoinReply | null> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ stateVector, resolve, reject });
      if (!this.serving) void this.serveWaiting();
    });
  }

  /**
   * One read of storage serves every joiner waiting when it starts (a storm of joiners shares it and
   * each distinct state vector's diff). A joiner arriving during a read waits for the next: the read
   * must start after its request, or it could miss an update relayed before it joined.
   */
  private async serveWaiting(): Promise<void> {
    this.serving = true;
    while (this.waiting.length > 0 && !this.destroyed) {
      const batch = this.waiting.splice(0);
      let merged: Uint8Array;
      try {
        const stored = await this.store.load(this.key);
        merged = mergeStored(stored.updates);
      } catch (error) {
        this.log.error({ room: this.key, err: error }, 'reading the plan for a join failed');
        for (const waiting of batch) waiting.reject(error);
        continue;
      }
      const replies = new Map<string, JoinReply>();
      for (const waiting of batch) {
        const cacheKey = isEmptyStateVector(waiting.stateVector) ? '' : Buffer.from(waiting.stateVector).toString('base64');
        let reply = replies.get(cacheKey);
        if (reply === undefined) {
          try {
            const lacking = isEmptyStateVector(waiting.stateVector) ? merged : Y.diffUpdate(merged, waiting.stateVector);
            reply = await updateReply(lacking, this.maxReplyPartBytes);
          } catch (error) {
            waiting.reject(error);
            continue;
          }
          replies.set(cacheKey, reply);
        }
        waiting.resolve(this.destroyed ? null : reply);
      }
    }
    this.serving = false;
  }
}

/** Whether no struct of `update` lies below the room's clock for its client (nothing to diff away). */
function startsAtOrPastKnown(update: ParsedUpdate, known: ReadonlyMap<number, number>): boolean {
  for (const section of update.clients) {
    const first = section.structs[0];
    // A section of one client's structs runs upward in clock; skips mark gaps, left to diffUpdate.
    if (first === undefined || first.clock < (known.get(section.client) ?? 0)) return false;
    if (section.structs.some((struct) => struct.kind === 'skip')) return false;
  }
  return true;
}

function mergeStored(updates: readonly Uint8Array[]): Uint8Array {
  if (updates.length === 1) return updates[0]!;
  return Y.mergeUpdates([...updates]);
}
