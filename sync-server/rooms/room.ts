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
import { EarlyUpdates } from './early-updates.js';
import { replyFrames } from './join-reply.js';
import { presenceAnchor } from './presence-anchor.js';
import { appliedPresenceEntries, encodePresenceEntries, isReadableState, isRemoval, readPresenceEntries, type PresenceEntry, type PresenceLimits } from './presence-limits.js';
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
  /** How much presence a connection may announce and a room holds (presence-limits.ts). */
  readonly presence: PresenceLimits;
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
  /**
   * The room took `updates`: its own peers' once they are durable (even if the room is closing by
   * then), another instance's once applied. The server keeps each workspace's directory current by
   * them (a plan taken out closes its connections; workspace/directory-cache.ts).
   */
  readonly onChanged?: (room: Room, updates: readonly Uint8Array[]) => void;
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
  /** Per peer, every client id it has announced a state for (bounded by maxPresenceClients). */
  private readonly claimedClients = new Map<RoomPeer, Set<number>>();
  /** UTF-8 bytes of each current presence state, and their sum (bounded by maxRoomPresenceBytes). */
  private readonly stateBytes = new Map<number, number>();
  private presenceBytes = 0;
  /** Sizes of the entries being applied now (read from the wire), so they are not measured again. */
  private readonly applyingBytes = new Map<number, number>();
  /** Peers whose presence was not taken because the room's presence was full (logged once each). */
  private readonly roomFullLogged = new WeakSet<RoomPeer>();
  private remoteOverLogged = false;
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
    this.claimedClients.set(peer, new Set());
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

  /**
   * What the room holds of presence: its states, their bytes (bounded by the room's presence limits),
   * and the clocks y-protocols keeps, removed clients' included (pruned, see forgetOldRemovals).
   */
  presenceFootprint(): { states: number; bytes: number; clocks: number } {
    return { states: this.awareness.getStates().size, bytes: this.presenceBytes, clocks: this.awareness.meta.size };
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
    this.claimedClients.delete(peer);
    for (const client of owned) this.awarenessOwner.delete(client);
    if (owned.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...owned], null);
    this.forgetOldRemovals();
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
          for (const held of this.earlyUpdates.release(peer)) if (this.peers.has(peer)) this.receiveUpdate(peer, held, true);
        }
        return;
      case 'awareness':
        this.receivePresence(peer, frame.update);
        return;
      case 'query-awareness':
        peer.send(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])));
        return;
      case 'role-change-taken':
        // The connection's own (Connection.roleChangeTaken); nothing for the room.
        return;
    }
  }

  /**
   * Takes a peer's awareness update within the presence limits (presence-limits.ts; review34).
   *
   * - An entry for a client id another live connection announced is dropped: the first connection to
   *   announce an id keeps it until it leaves, so nobody takes over another's name by re-sending it with
   *   a higher clock (review31).
   * - An entry that changes nothing is dropped: the stock client sends every change it receives back,
   *   everyone else's included, with the clock it was given. When such an entry is a state of a client
   *   the room removed (it left), the connection is sent that removal back (host36): a stock client that
   *   reconnected with an unchanged state bumps its clock and is seen again at once; an echo is dropped.
   * - A removal of a state that is not the peer's is dropped: only its own presence is its to remove
   *   (and a removal of an id never seen would leave a clock behind in y-protocols' meta for good).
   * - A state over maxPresenceStateBytes, or a client id past the maxPresenceClients this connection may
   *   announce over its life, closes the connection with 1008 naming the limit; nothing of the message is
   *   taken.
   * - A message that would take the room's presence past maxRoomPresence states or maxRoomPresenceBytes
   *   is not taken either, but the connection stays (it broke no rule of its own; its edits still sync),
   *   logged once per connection.
   */
  private receivePresence(peer: RoomPeer, update: Uint8Array): void {
    const limits = this.services.presence;
    const claimed = this.claimedClients.get(peer);
    if (claimed === undefined) return;
    const entries = readPresenceEntries(update);
    const kept: PresenceEntry[] = [];
    const newClaims = new Set<number>();
    let roomStates = this.awareness.getStates().size;
    let roomBytes = this.presenceBytes;
    let grows = false;
    const applied = this.appliedEntries(entries);
    // A state the room removed, sent again with a clock it already has, by a client no entry of this
    // message brings back (host36): answered below with its removal.
    const appliedClients = new Set(applied.map((entry) => entry.client));
    const departed = [...new Set(entries.filter((entry) => !appliedClients.has(entry.client) && !isRemoval(entry) && this.hasDeparted(entry.client)).map((entry) => entry.client))];
    for (const entry of applied) {
      const owner = this.awarenessOwner.get(entry.client);
      if (owner !== undefined && owner !== peer) continue;
      const before = this.stateBytes.get(entry.client);
      if (isRemoval(entry)) {
        if (owner === undefined) continue;
        if (before !== undefined) {
          roomStates--;
          roomBytes -= before;
        }
        kept.push(entry);
        continue;
      }
      if (entry.bytes > limits.maxPresenceStateBytes) {
        this.refusePresence(peer, 'maxPresenceStateBytes', `presence limit: a presence state of ${entry.bytes} bytes; at most ${limits.maxPresenceStateBytes} are taken`);
        return;
      }
      if (!claimed.has(entry.client) && !newClaims.has(entry.client)) {
        if (claimed.size + newClaims.size >= limits.maxPresenceClients) {
          this.refusePresence(peer, 'maxPresenceClients', `presence limit: more than ${limits.maxPresenceClients} presence client ids on one connection`);
          return;
        }
        newClaims.add(entry.client);
      }
      if (before === undefined) roomStates++;
      roomBytes += entry.bytes - (before ?? 0);
      if (before === undefined || entry.bytes > before) grows = true;
      kept.push(entry);
    }
    // A state the room removed, sent again with a clock it already has (host36): told that it is removed,
    // to this connection only. The stock client whose state it is (reconnected with its state unchanged)
    // bumps its clock and announces itself again at once; a late echo of a departed client is dropped by
    // the connection that echoed it. Neither takes the id by this message (presence34's note).
    if (departed.length > 0) peer.send(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.awareness, departed)));
    if (kept.length === 0) return;
    if (grows && (roomStates > limits.maxRoomPresence || roomBytes > limits.maxRoomPresenceBytes)) {
      if (!this.roomFullLogged.has(peer)) {
        this.roomFullLogged.add(peer);
        const limit = roomStates > limits.maxRoomPresence ? 'maxRoomPresence' : 'maxRoomPresenceBytes';
        this.services.log.warn({ room: this.key, connection: peer.id, limit, states: this.awareness.getStates().size, bytes: this.presenceBytes }, 'presence not taken: the room holds as much presence as it may');
      }
      return;
    }
    for (const client of newClaims) claimed.add(client);
    for (const entry of kept) this.applyingBytes.set(entry.client, entry.bytes);
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, kept.length === entries.length ? update : encodePresenceEntries(kept), peer);
    } finally {
      this.applyingBytes.clear();
    }
  }

  /** Of a message's entries, the one per client id y-protocols' applyAwarenessUpdate ends with (changes only). */
  private appliedEntries(entries: readonly PresenceEntry[]): PresenceEntry[] {
    const states = this.awareness.getStates();
    return appliedPresenceEntries(entries, (client) => this.awareness.meta.get(client)?.clock ?? 0, (client) => states.has(client));
  }

  /** Whether the room removed `client`'s state (it has its clock, no state) and no connection owns it. */
  private hasDeparted(client: number): boolean {
    return this.awareness.meta.has(client) && !this.awareness.getStates().has(client) && !this.awarenessOwner.has(client);
  }

  private refusePresence(peer: RoomPeer, limit: keyof PresenceLimits, reason: string): void {
    this.services.log.warn({ room: this.key, connection: peer.id, limit, reason }, 'presence refused');
    peer.close(closeCodes.presenceLimit, reason);
  }

  /**
   * y-protocols' Awareness keeps the clock of every client id it has seen, removed ones included (so a
   * late copy of a removed state is not taken again). Each connection adds at most maxPresenceClients;
   * once a room has seen more than twice maxRoomPresence, the clocks of clients removed more than the
   * awareness timeout ago are forgotten: a room that stays open for weeks of reconnects does not grow.
   * Run at each leave; `now` (y-protocols' clock, Date.now) is a parameter so a test need not wait.
   */
  forgetOldRemovals(now = Date.now()): void {
    const meta = this.awareness.meta;
    if (meta.size <= 2 * this.services.presence.maxRoomPresence) return;
    const states = this.awareness.getStates();
    const before = now - awarenessProtocol.outdatedTimeout;
    for (const [client, { lastUpdated }] of meta) if (!states.has(client) && lastUpdated < before) meta.delete(client);
  }

  /**
   * Presence from another instance, checked there against the same limits per connection; here only
   * the room's bounds and the size of a state are checked again (entries past them are left out), an
   * unreadable message is dropped, and so is an entry whose state is not JSON (y-protocols would throw
   * on it, out of the delivery of every room's messages: review36d B7): the Redis stream is shared, not
   * trusted to be well-formed.
   */
  private receiveRemotePresence(payload: Uint8Array): void {
    let entries: PresenceEntry[];
    try {
      entries = readPresenceEntries(payload);
    } catch (error) {
      this.services.log.warn({ room: this.key, err: error }, 'unreadable presence from another instance dropped');
      return;
    }
    const readable = entries.filter(isReadableState);
    if (readable.length < entries.length) {
      this.services.log.warn({ room: this.key, dropped: entries.length - readable.length }, 'presence from another instance that is not JSON dropped');
    }
    const limits = this.services.presence;
    let roomStates = this.awareness.getStates().size;
    let roomBytes = this.presenceBytes;
    const kept: PresenceEntry[] = [];
    let left = 0;
    for (const entry of this.appliedEntries(readable)) {
      const before = this.stateBytes.get(entry.client);
      if (isRemoval(entry)) {
        if (before !== undefined) {
          roomStates--;
          roomBytes -= before;
        }
      } else {
        const states = roomStates + (before === undefined ? 1 : 0);
        const bytes = roomBytes + entry.bytes - (before ?? 0);
        const over = entry.bytes > limits.maxPresenceStateBytes
          || (before === undefined && states > limits.maxRoomPresence)
          || (entry.bytes > (before ?? 0) && bytes > limits.maxRoomPresenceBytes);
        if (over) {
          left++;
          continue;
        }
        roomStates = states;
        roomBytes = bytes;
      }
      kept.push(entry);
    }
    if (left > 0 && !this.remoteOverLogged) {
      this.remoteOverLogged = true;
      this.services.log.warn({ room: this.key, left, limits }, 'presence from another instance over the limits left out');
    }
    if (kept.length === 0) return;
    for (const entry of kept) this.applyingBytes.set(entry.client, entry.bytes);
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, kept.length === entries.length ? payload : encodePresenceEntries(kept), fromOtherInstance);
    } finally {
      this.applyingBytes.clear();
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

  /**
   * `held`: the update was held for its dependencies (EarlyUpdates) and is released now. Only an
   * editor's are held, and it is judged as the editor's it was when it arrived, a demotion since
   * notwithstanding (review36d B4): taken when what it depends on is here now, refused as a viewer's
   * (not closed for a missing dependency) when that came only with an upload refused as a viewer's.
   */
  private receiveUpdate(peer: RoomPeer, update: Uint8Array, held = false): void {
    let parsed: ParsedUpdate;
    try {
      parsed = parseUpdate(update);
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      this.refuse(peer, closeCodes.malformedMessage, `malformed update: ${error.message}`);
      return;
    }
    if (!peer.canEdit && !held) {
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
      if (!peer.canEdit) {
        this.refuseViewer(peer);
        return;
      }
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

  /**
   * Null when no update this room accepted is waiting to be stored; else resolves once those are
   * stored or lost (and, if stored, after the room reported them: onChanged).
   */
  writesSettled(): Promise<void> | null {
    if (this.relayGroup === null) return null;
    return new Promise<void>((resolve) => this.services.writer.whenDurable(this.key, () => resolve()));
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
    if (!stored) return;
    // Stored is stored: a room unloading meanwhile still reports it (the directory's cache needs every one).
    this.services.onChanged?.(this, group.updates);
    if (this.closed) return;
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
    const states = this.awareness.getStates();
    for (const client of [...changes.added, ...changes.updated]) {
      const bytes = this.applyingBytes.get(client) ?? Buffer.byteLength(JSON.stringify(states.get(client) ?? null));
      this.presenceBytes += bytes - (this.stateBytes.get(client) ?? 0);
      this.stateBytes.set(client, bytes);
    }
    for (const client of changes.removed) {
      this.presenceBytes -= this.stateBytes.get(client) ?? 0;
      this.stateBytes.delete(client);
    }
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
      this.receiveRemotePresence(message.payload);
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
    this.services.onChanged?.(this, [message.payload]);
  }
}

/** The pointwise highest clock of two state vectors. */
function highestClocks(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): Map<number, number> {
  const highest = new Map(a);
  for (const [client, clock] of b) highest.set(client, Math.max(clock, highest.get(client) ?? 0));
  return highest;
}
