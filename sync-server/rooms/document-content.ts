import type { Logger } from 'pino';
import * as Y from 'yjs';
import { isEmptyStateVector } from '../protocol/frames.js';
import type { ParsedUpdate } from '../protocol/update-format.js';
import type { UpdateStore } from '../storage/update-store.js';
import { updateChangesDocument } from './document-changes.js';
import { defaultReplyPartBytes, documentReply, replyBytes, type JoinReply } from './join-reply.js';
import type { Acceptance, ContentFootprint, RoomContent } from './room-content.js';

/** Replies kept per room, keyed by the client's state vector (cleared on every change). */
const maxCachedReplies = 16;
/**
 * Bytes of cached replies per room. Older replies are dropped past it; the newest is always kept, so
 * a storm of joiners shares one encoding of even a plan larger than this (and one buffer: ws queues
 * the same bytes for every socket).
 */
const maxCachedReplyBytes = 32 * 1024 * 1024;

/**
 * A room's plan as one Y.Doc in memory (the merge of everything stored): the single-instance (SQLite)
 * design, where the document makes replies and compaction snapshots cheap.
 */
export class DocumentContent implements RoomContent {
  // No garbage collection: review points are Yjs snapshots, and a peer that joins later must receive
  // the overwritten values they point to, not collected stubs (docs/data-model.md §9).
  readonly document = new Y.Doc({ gc: false });
  /** Effective updates of the local apply in progress (null when none is). */
  private captured: Uint8Array[] | null = null;
  private readonly replies = new Map<string, JoinReply>();
  private repliesBytes = 0;
  /** Replies being split (one part per turn of the event loop), shared by joiners asking the same. */
  private readonly splitting = new Map<string, Promise<JoinReply>>();
  /** Counts the document's updates: a reply finished after one is not cached. */
  private generation = 0;

  constructor(
    private readonly key: string,
    private readonly store: UpdateStore,
    log: Logger,
    stored: readonly Uint8Array[],
    private readonly maxReplyPartBytes = defaultReplyPartBytes,
  ) {
    if (stored.length > 0) {
      // One merged update applies far faster than many small ones (PITFALLS: crdt-benchmarks B4).
      const merged = stored.length === 1 ? stored[0]! : Y.mergeUpdates([...stored]);
      Y.applyUpdate(this.document, merged, 'storage');
      if (this.hasPending()) log.warn({ room: key }, 'stored updates have missing dependencies');
    }
    this.document.on('update', (update: Uint8Array) => {
      this.generation += 1;
      this.replies.clear();
      this.repliesBytes = 0;
      this.captured?.push(update);
    });
  }

  encodeStateVector(): Uint8Array {
    return Y.encodeStateVector(this.document);
  }

  clockOf(client: number): number {
    return Y.getState(this.document.store, client);
  }

  wouldChange(update: ParsedUpdate): boolean {
    return updateChangesDocument(this.document, update);
  }

  viewerUploadChanges(update: ParsedUpdate): boolean {
    return this.wouldChange(update);
  }

  accept(update: Uint8Array, _parsed: ParsedUpdate, origin: unknown): Acceptance {
    this.captured = [];
    try {
      Y.applyUpdate(this.document, update, origin);
    } catch (error) {
      // Yjs may have integrated part of it: the document is no longer the stored one.
      this.captured = null;
      return { ok: false, reason: `applying an update threw: ${error instanceof Error ? error.message : String(error)}` };
    }
    const changes = this.captured;
    this.captured = null;
    if (this.hasPending()) return { ok: false, reason: 'an update left pending structs despite the dependency check' };
    return { ok: true, changes };
  }

  acceptRemote(update: Uint8Array): void {
    Y.applyUpdate(this.document, update, 'other instance');
  }

  /**
   * The document's difference from `stateVector` as it is once the reply is made (a large one is
   * split over many turns of the event loop, restarting if the document changes meanwhile), sent
   * once what it contains is durable.
   */
  async answer(stateVector: Uint8Array, durable: () => Promise<boolean>): Promise<JoinReply | null> {
    const cacheKey = isEmptyStateVector(stateVector) ? '' : Buffer.from(stateVector).toString('base64');
    let reply = this.replies.get(cacheKey);
    if (reply === undefined) {
      let pending = this.splitting.get(cacheKey);
      if (pending === undefined) {
        const generation = this.generation;
        pending = documentReply(this.document, stateVector, this.maxReplyPartBytes).finally(() => this.splitting.delete(cacheKey));
        this.splitting.set(cacheKey, pending);
        reply = await pending;
        if (generation === this.generation && !this.document.isDestroyed) this.cacheReply(cacheKey, reply);
      } else {
        reply = await pending;
      }
    }
    // Asked only now: the reply may hold updates accepted while it was being split.
    return (await durable()) ? reply : null;
  }

  /** Replaces the room's rows by one snapshot of the document (which contains all of them). */
  async compact(throughId: number): Promise<number> {
    const snapshot = Y.encodeStateAsUpdate(this.document);
    await this.store.compact(this.key, snapshot, throughId);
    return snapshot.byteLength;
  }

  footprint(): ContentFootprint {
    return { documents: this.document.isDestroyed ? 0 : 1, clients: this.document.store.clients.size, deletedRanges: 0 };
  }

  destroy(): void {
    this.document.destroy();
  }

  private hasPending(): boolean {
    return this.document.store.pendingStructs !== null || this.document.store.pendingDs !== null;
  }

  /** Caches `reply`, dropping the oldest replies past the count or byte budget. */
  private cacheReply(key: string, reply: JoinReply): void {
    const bytes = replyBytes(reply);
    for (const [oldKey, old] of this.replies) {
      if (this.replies.size < maxCachedReplies && this.repliesBytes + bytes <= maxCachedReplyBytes) break;
      this.replies.delete(oldKey);
      this.repliesBytes -= replyBytes(old);
    }
    this.replies.set(key, reply);
    this.repliesBytes += bytes;
  }
}
