import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { closeCodes, viewerDeniedReason } from '../../shared/sync/protocol.js';
import type { DurableWriter } from '../durable-writer.js';
import type { FanoutMessage, RoomFanout } from '../fanout.js';
import { DecodeError } from '../protocol/byte-reader.js';
import { awarenessFrame, permissionDeniedFrame, syncStep1Frame, updateFrame, type ClientFrame } from '../protocol/frames.js';
import { findMissingDependency } from '../protocol/update-dependencies.js';
import { parseUpdate, type ParsedUpdate } from '../protocol/update-format.js';
import type { StorageHealth } from '../storage-health.js';
import type { StoredRoom, UpdateStore } from '../storage/update-store.js';
import { DocumentContent } from './document-content.js';
import { withoutOthersEntries } from './awareness-ownership.js';
import { EarlyUpdates } from './early-updates.js';
import { replyFrames } from './join-reply.js';
import { presenceAnchor } from './presence-anchor.js';
import type { ContentFootprint, RoomContent } from './room-content.js';
import { StatelessContent } from './stateless-content.js';
import type { TransientDocumentTurns } from './transient-documents.js';

/** One end of a connection, as a room sees it. */
export interface RoomPeer {
  readonly id: number;
  /** False for viewers: their updates are never applied, stored or relayed. */
  readonly canEdit: boolean;
  /** True once the peer's connection is closing or closed. */
  readonly isClosed: boolean;
  send(frame: Uint8Array): void;
  /**
   * Sends `frames` in order, each only once the socket has drained what was sent before (a large join
   * answer), after any answer still being sent. Other frames sent meanwhile go out between them.
   */
  sendInTurn(frames: Iterator<Uint8Array>): void;
  close(code: number, reason: string): void;
  /** The peer's room was reloaded (after a storage failure): it talks to `room` from now on. */
  moveTo(room: Room): void;
}

/** The reason sent with closeCodes.storageUnavailable. */
export const storageUnavailableReason = 'the server cannot save changes now (storage full or failing); yours are kept on your device';

/** What a room needs from the server around it. */
export interface RoomServices {
  readonly instance: string;
  readonly store: UpdateStore;
  readonly writer: DurableWriter;
  readonly fanout: RoomFanout;
  readonly log: Logger;
  /** Awareness changes are coalesced and sent at most once per this many ms per room. */
  readonly awarenessMs: number;
  /** Rows of one room past which its rows are merged into one snapshot. */
  readonly compactRows: number;
  /** A join answer larger than this goes out in parts of at most this many bytes (JoinReply). */
  readonly maxReplyPartBytes: number;
  /** Turns for loading a plan's document for a moment, in rooms that keep none (instance-wide). */
  readonly transientDocuments?: TransientDocumentTurns;
  /** Whether writes are taken now (refused for a while after storing failed). */
  readonly storage: StorageHealth;
  /** The last peer left. */
  readonly onEmpty: (room: Room) => void;
  /** The room's content can no longer be trusted (an update threw inside Yjs, or could not be read). */
  readonly onBroken: (room: Room, reason: string) => void;
}

interface RelayGroup {
  readonly batch: object;
  readonly updates: Uint8Array[];
  readonly senders: Set<RoomPeer>;
}

/** Origin of changes that came from another server instance: applied here, never stored again. */
const fromOtherInstance = Symbol('other instance');
/**
 * Rows stored after a room's first row (its last snapshot) trigger compaction once they hold more bytes
 * than that row and at least this many: storage stays under about twice the document, and re-encoding
 * the document costs amortized O(1) per byte stored even when single uploads are many megabytes.
 */
const minCompactionBytes = 1024 * 1024;

/**
 * One plan's sync room: its content (a Y.Doc in SQLite mode; only a state vector and delete set in
 * Redis + PostgreSQL mode, see RoomContent), its awareness, its peers. An editor's update is checked,
 * applied, queued for storage, and only relayed once it is durable.
 */
export class Room {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly peers = new Set<RoomPeer>();
  private readonly awarenessOwner = new Map<number, RoomPeer>();
  private readonly ownedClients = new Map<RoomPeer, Set<number>>();
  private readonly earlyUpdates = new EarlyUpdates<RoomPeer>();
  /**
   * Per peer, the room's state vector when it was last sent an answer. Everything the room has then
   * or takes later reaches the peer (the answer, relays, its own edits) while it stays connected, so a
   * later sync step 1 — sent before a paced answer has fully arrived — is answered against at least
   * this, not with the parts still on their way again.
   */
  private readonly answered = new Map<RoomPeer, Map<number, number>>();
  /** Editors that joined while writes were refused: sent sync step 1 (inviting their upload) on resume. */
  private readonly step1Deferred = new Set<RoomPeer>();
  /** Editors with updates not yet durable: after a storage failure these lost a write. */
  private readonly writersInFlight = new Set<RoomPeer>();
  private readonly stopWatchingStorage: () => void;
  private readonly dirtyLocal = new Set<number>();
  private readonly dirtyRemote = new Set<number>();
  private awarenessTimer: NodeJS.Timeout | null = null;
  private storedRows: number;
  private lastStoredId: number;
  /** Bytes of every durable row of this room. */
  private storedBytes: number;
  /** Bytes of its oldest row (the last snapshot, after a compaction). */
  private headBytes: number;
  private compacting: Promise<void> | null = null;
  /** Updates waiting for the same durable batch, relayed together. */
  private relayGroup: RelayGroup | null = null;
  private readonly unsubscribe: () => void;
  private closed = false;
  private destroyed = false;
  private readonly onDestroyed: (() => void)[] = [];

  private constructor(readonly key: string, private readonly services: RoomServices, private readonly content: RoomContent, stored: StoredRoom) {
    this.awareness = new awarenessProtocol.Awareness(content.document ?? presenceAnchor());
    this.awareness.setLocalState(null);
    this.storedRows = stored.updates.length;
    this.lastStoredId = stored.lastId;
    this.storedBytes = stored.bytes;
    this.headBytes = stored.updates[0]?.byteLength ?? 0;
    this.awareness.on('update', (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => this.onAwarenessChange(changes, origin));
    this.unsubscribe = services.fanout.subscribe(key, (message) => this.onFanout(message));
    this.stopWatchingStorage = services.storage.onResumed(() => this.inviteDeferredUploads());
  }

  /**
   * Loads a room from storage, compacting it when it has many rows. A store that merges rows itself
   * (Redis + PostgreSQL) gets a stateless room: the stored rows are read for their state vector and
   * delete set, then dropped; otherwise the room keeps their merge as a Y.Doc.
   */
  static async load(key: string, services: RoomServices): Promise<Room> {
    const store = services.store;
    const stored = await store.load(key);
    const requestMerge = store.requestMerge?.bind(store);
    const content = requestMerge === undefined
      ? new DocumentContent(key, store, services.log, stored.updates, services.maxReplyPartBytes)
      : new StatelessContent(key, store, requestMerge, services.log, stored.updates, services.maxReplyPartBytes, services.transientDocuments);
    const room = new Room(key, services, content, stored);
    if (room.storedRows > 1) void room.compact();
    return room;
  }

  /** The room's Y.Doc, when its content keeps one (SQLite mode); null in the stateless mode. */
  get document(): Y.Doc | null {
    return this.content.document;
  }

  /** What the room keeps of its plan (for RoomRegistry.inspect). */
  footprint(): ContentFootprint {
    return this.destroyed ? { documents: 0, clients: 0, deletedRanges: 0 } : this.content.footprint();
  }

  get peerCount(): number {
    return this.peers.size;
  }

  /** Adds a peer: it gets the server's state vector (sync step 1) and everyone's presence. */
  join(peer: RoomPeer): void {
    this.peers.add(peer);
    this.ownedClients.set(peer, new Set());
    this.earlyUpdates.expect(peer);
    // While writes are refused, an editor is not invited to upload what it has (it would be refused).
    if (peer.canEdit && !this.services.storage.acceptsWrites) this.step1Deferred.add(peer);
    else peer.send(syncStep1Frame(this.content.encodeStateVector()));
    const states = this.awareness.getStates();
    if (states.size > 0) peer.send(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])));
  }

  /**
   * Sends `peer` the room's state vector again (a peer made an editor by the host): it answers with
   * everything it has that the room lacks, its earlier refused changes included, now accepted. While
   * writes are refused it is invited once they are accepted again, as at a join.
   */
  invite(peer: RoomPeer): void {
    if (!this.peers.has(peer) || this.step1Deferred.has(peer)) return;
    // Its next edits may depend on the refused ones, which come with its answer: held until then.
    this.earlyUpdates.expect(peer);
    if (!this.services.storage.acceptsWrites) this.step1Deferred.add(peer);
    else peer.send(syncStep1Frame(this.content.encodeStateVector()));
  }

  /** Presence states announced over `peer`'s connection (the host's "who is connected"). Untrusted data. */
  presenceOf(peer: RoomPeer): unknown[] {
    const states = this.awareness.getStates();
    return [...(this.ownedClients.get(peer) ?? [])].map((client) => states.get(client)).filter((state) => state !== undefined);
  }

  /** Removes a peer and the presence it controlled. */
  leave(peer: RoomPeer): void {
    if (!this.peers.delete(peer)) return;
    this.answered.delete(peer);
    this.earlyUpdates.release(peer);
    this.step1Deferred.delete(peer);
    this.writersInFlight.delete(peer);
    const owned = this.ownedClients.get(peer) ?? new Set<number>();
    this.ownedClients.delete(peer);
    for (const client of owned) this.awarenessOwner.delete(client);
    if (owned.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...owned], null);
    if (this.peers.size === 0) this.services.onEmpty(this);
  }

  /** Handles one decoded frame from `peer`. */
  receive(peer: RoomPeer, frame: ClientFrame): void {
    if (this.closed || !this.peers.has(peer)) return;
    switch (frame.type) {
      case 'sync-step1':
        this.answerSyncStep1(peer, frame.stateVector);
        return;
      case 'sync-update':
        this.receiveUpdate(peer, frame.update);
        if (frame.step === 'step2') {
          for (const held of this.earlyUpdates.release(peer)) if (this.peers.has(peer)) this.receiveUpdate(peer, held);
        }
        return;
      case 'awareness': {
        const own = withoutOthersEntries(frame.update, (client) => { const owner = this.awarenessOwner.get(client); return owner !== undefined && owner !== peer; });
        if (own !== null) awarenessProtocol.applyAwarenessUpdate(this.awareness, own, peer);
        return;
      }
      case 'query-awareness':
        peer.send(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])));
        return;
      case 'role-change-taken':
        // The connection's own (Connection.roleChangeTaken); nothing for the room.
        return;
    }
  }

  /**
   * Removes and returns the peers that have no write in flight (viewers, and editors only reading),
   * so they can move to a reloaded room; the rest stay to be closed.
   */
  releaseReaders(): RoomPeer[] {
    const readers = [...this.peers].filter((peer) => !this.writersInFlight.has(peer));
    for (const peer of readers) {
      this.peers.delete(peer);
      this.answered.delete(peer);
      this.earlyUpdates.release(peer);
      this.step1Deferred.delete(peer);
    }
    return readers;
  }

  /** Closes every peer with `code` (they reconnect or not, depending on it). */
  closePeers(code: number, reason: string): void {
    for (const peer of [...this.peers]) peer.close(code, reason);
  }

  /**
   * Unloads the room once its queued updates are durable: a final compaction (unless the room is
   * broken), then its content and awareness are destroyed.
   */
  close(options: { compact: boolean }): Promise<void> {
    let compact = options.compact;
    this.closed = true;
    const done = new Promise<void>((resolve) => this.onDestroyed.push(resolve));
    this.services.writer.whenDurable(this.key, (stored) => {
      const finish = () => this.destroy();
      if (!stored) compact = false;
      if (compact) void this.compact().then(finish, finish);
      else finish();
    });
    return done;
  }

  /** Frees the room at once (storage failure, or the end of close()); resolves pending close() calls. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.closed = true;
    if (this.awarenessTimer !== null) clearTimeout(this.awarenessTimer);
    this.awarenessTimer = null;
    this.unsubscribe();
    this.stopWatchingStorage();
    this.awareness.destroy();
    this.content.destroy();
    for (const resolve of this.onDestroyed.splice(0)) resolve();
  }

  /** Answers a client's sync step 1 with exactly what it lacks, once everything applied is durable. */
  private answerSyncStep1(peer: RoomPeer, stateVector: Uint8Array): void {
    const durable = () => this.durable();
    const promised = this.answered.get(peer);
    const known = promised === undefined ? stateVector : Y.encodeStateVector(highestClocks(Y.decodeStateVector(stateVector), promised));
    // This answer holds at least what the room has now (it is made once that is durable).
    this.answered.set(peer, highestClocks(promised ?? new Map(), Y.decodeStateVector(this.content.encodeStateVector())));
    this.content.answer(known, durable).then((reply) => {
      if (reply !== null && !this.closed && this.peers.has(peer)) peer.sendInTurn(replyFrames(reply));
    }, (error: unknown) => {
      this.services.log.error({ room: this.key, connection: peer.id, err: error }, 'answering a join failed');
      peer.close(closeCodes.storageFailure, 'the plan could not be loaded');
    });
  }

  private receiveUpdate(peer: RoomPeer, update: Uint8Array): void {
    let parsed: ParsedUpdate;
    try {
      parsed = parseUpdate(update);
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      this.refuse(peer, closeCodes.malformedMessage, `malformed update: ${error.message}`);
      return;
    }
    if (!peer.canEdit) {
      const changes = this.content.viewerUploadChanges(parsed, () => this.durable());
      if (changes === true) this.refuseViewer(peer);
      else if (changes !== false) void changes.then((decided) => { if (decided && this.peers.has(peer) && !peer.isClosed) this.refuseViewer(peer); });
      return;
    }
    if (!this.services.storage.acceptsWrites) {
      this.refuse(peer, closeCodes.storageUnavailable, storageUnavailableReason);
      return;
    }
    const missing = findMissingDependency(parsed, (client) => this.content.clockOf(client));
    if (missing !== null) {
      if (this.earlyUpdates.hold(peer, update)) return;
      this.refuse(peer, closeCodes.missingDependencies, `update depends on changes the server does not have: ${missing}`);
      return;
    }
    const accepted = this.content.accept(update, parsed, peer);
    if (!accepted.ok) {
      this.services.onBroken(this, accepted.reason);
      return;
    }
    const summary = accepted.changes.length === 1 ? accepted.summary : undefined;
    for (const change of accepted.changes) this.persistAndRelay(change, peer, summary);
  }

  /** A viewer's update is never applied; it is told so, and stays connected. */
  private refuseViewer(peer: RoomPeer): void {
    peer.send(permissionDeniedFrame(viewerDeniedReason));
    this.services.log.info({ room: this.key, connection: peer.id }, 'viewer update refused');
  }

  /** Resolves once everything accepted so far is stored (false: a write was lost). */
  private durable(): Promise<boolean> {
    return new Promise<boolean>((resolve) => this.services.writer.whenDurable(this.key, resolve));
  }

  private refuse(peer: RoomPeer, code: number, reason: string): void {
    this.services.log.warn({ room: this.key, connection: peer.id, code, reason }, 'update refused');
    peer.close(code, reason);
  }

  /**
   * Stores an applied update, then — once it is durable — relays it to the others and publishes it.
   * Updates that become durable in the same batch are relayed together as one merged update (one
   * message per peer instead of one per update and peer: under load this is most of the work).
   */
  private persistAndRelay(update: Uint8Array, from: RoomPeer, summary: Uint8Array | undefined): void {
    const batch = this.services.writer.write(this.key, update, (id) => {
      this.lastStoredId = id;
      if (this.storedRows === 0) this.headBytes = update.byteLength;
      this.storedRows++;
      this.storedBytes += update.byteLength;
    }, summary);
    let group = this.relayGroup;
    if (group === null || group.batch !== batch) {
      const created: RelayGroup = { batch, updates: [], senders: new Set() };
      group = created;
      this.relayGroup = created;
      this.services.writer.whenDurable(this.key, (stored) => this.relay(created, stored));
    }
    group.updates.push(update);
    group.senders.add(from);
    this.writersInFlight.add(from);
  }

  /** Writes are taken again: editors that joined meanwhile get sync step 1 and send what they have. */
  private inviteDeferredUploads(): void {
    if (this.closed) return;
    const frame = syncStep1Frame(this.content.encodeStateVector());
    for (const peer of this.step1Deferred) if (this.peers.has(peer)) peer.send(frame);
    this.step1Deferred.clear();
  }

  private relay(group: RelayGroup, stored: boolean): void {
    if (this.relayGroup === group) {
      this.relayGroup = null;
      // Batches become durable in order: with the newest one stored, no write is in flight.
      if (stored) this.writersInFlight.clear();
    }
    if (!stored || this.closed) return;
    // A sender already has its own changes; with several senders each gets the merge (applying
    // its own part again is a no-op in Yjs).
    const skip = group.senders.size === 1 ? [...group.senders][0] : undefined;
    // In Redis + PostgreSQL mode the stream entry already took the update to the other instances
    // (publish ignores updates), so a room whose only local peer is the sender — the usual case when a
    // plan's clients are spread over instances — has nothing to merge, frame or send.
    if (this.services.fanout.updatesTravelWithStore === true && (this.peers.size === 0 || (this.peers.size === 1 && skip !== undefined && this.peers.has(skip)))) {
      if (this.needsCompaction()) void this.compact();
      return;
    }
    const payload = group.updates.length === 1 ? group.updates[0]! : Y.mergeUpdates(group.updates);
    let frame: Uint8Array | null = null;
    for (const peer of this.peers) if (peer !== skip) peer.send(frame ??= updateFrame(payload));
    this.services.fanout.publish(this.key, { kind: 'update', payload, instance: this.services.instance });
    if (this.needsCompaction()) void this.compact();
  }

  /** Too many rows, or more bytes after the snapshot than in it (a large upload, or many edits). */
  private needsCompaction(): boolean {
    if (this.storedRows > this.services.compactRows) return true;
    const tailBytes = this.storedBytes - this.headBytes;
    return this.storedRows > 1 && tailBytes > Math.max(this.headBytes, minCompactionBytes);
  }

  /**
   * Merges the room's rows into one: a snapshot of the document, or (stateless) a request to the
   * store's own merging. The byte counts then assume the merge is as large as what it covers.
   */
  private compact(): Promise<void> {
    if (this.compacting !== null) return this.compacting;
    if (this.storedRows <= 1 || this.destroyed) return Promise.resolve();
    const throughId = this.lastStoredId;
    const rowsCovered = this.storedRows;
    const bytesCovered = this.storedBytes;
    const started = performance.now();
    this.compacting = this.content.compact(throughId).then((snapshotBytes) => {
      const bytes = snapshotBytes ?? bytesCovered;
      this.storedRows -= rowsCovered - 1;
      this.storedBytes += bytes - bytesCovered;
      this.headBytes = bytes;
      this.services.log.debug({ room: this.key, rows: rowsCovered, bytes, ms: Math.round(performance.now() - started) }, 'compacted');
    }, (error: unknown) => {
      this.services.log.error({ room: this.key, err: error }, 'compaction failed');
    }).finally(() => {
      this.compacting = null;
    });
    return this.compacting;
  }

  private onAwarenessChange(changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void {
    const peer = origin !== null && typeof origin === 'object' && this.ownedClients.has(origin as RoomPeer) ? (origin as RoomPeer) : null;
    if (peer !== null) {
      for (const client of [...changes.added, ...changes.updated]) {
        // A client id owned by another live peer never gets here (receive drops such entries).
        if (!this.awarenessOwner.has(client)) {
          this.awarenessOwner.set(client, peer);
          this.ownedClients.get(peer)!.add(client);
        }
      }
      for (const client of changes.removed) {
        if (this.awarenessOwner.get(client) === peer) {
          this.awarenessOwner.delete(client);
          this.ownedClients.get(peer)!.delete(client);
        }
      }
    }
    const dirty = origin === fromOtherInstance ? this.dirtyRemote : this.dirtyLocal;
    for (const client of [...changes.added, ...changes.updated, ...changes.removed]) dirty.add(client);
    if (this.awarenessTimer === null && !this.closed) {
      this.awarenessTimer = setTimeout(() => this.flushAwareness(), this.services.awarenessMs);
    }
  }

  /** Sends the room's coalesced presence changes to every peer, and the local ones to other instances. */
  private flushAwareness(): void {
    this.awarenessTimer = null;
    if (this.closed) return;
    const clients = [...new Set([...this.dirtyLocal, ...this.dirtyRemote])];
    if (clients.length > 0) {
      const frame = awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
      for (const peer of this.peers) peer.send(frame);
    }
    if (this.dirtyLocal.size > 0) {
      const payload = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.dirtyLocal]);
      this.services.fanout.publish(this.key, { kind: 'awareness', payload, instance: this.services.instance });
    }
    this.dirtyLocal.clear();
    this.dirtyRemote.clear();
  }

  /** A message from another instance: apply it here (it is stored there) and pass it on to local peers. */
  private onFanout(message: FanoutMessage): void {
    if (message.instance === this.services.instance || this.closed) return;
    if (message.kind === 'awareness') {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, message.payload, fromOtherInstance);
      return;
    }
    try {
      this.content.acceptRemote(message.payload, message.summary);
    } catch (error) {
      this.services.onBroken(this, `an update from another instance could not be taken: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const frame = updateFrame(message.payload);
    for (const peer of this.peers) peer.send(frame);
  }
}

/** The pointwise highest clock of two state vectors. */
function highestClocks(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): Map<number, number> {
  const highest = new Map(a);
  for (const [client, clock] of b) highest.set(client, Math.max(clock, highest.get(client) ?? 0));
  return highest;
}
