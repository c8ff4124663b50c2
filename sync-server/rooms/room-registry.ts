import type { Logger } from 'pino';
import { closeCodes } from '../../shared/sync/protocol.js';
import { Room, type RoomPeer, type RoomServices } from './room.js';

/** What the loaded rooms keep in memory, summed (for tests, health and benchmarks). */
export interface RegistryInspection {
  /** Rooms loaded now. */
  readonly rooms: number;
  /** Y.Docs held by those rooms: one per room in SQLite mode, none in the stateless mode. */
  readonly documents: number;
  /** State vector entries (clients) kept over all rooms. */
  readonly clients: number;
  /** Delete ranges kept over all rooms (stateless mode). */
  readonly deletedRanges: number;
  /**
   * Plans loaded for a moment so far to decide a viewer's upload the records could not (stateless
   * mode, TransientDocumentTurns); none is held after.
   */
  readonly transientLoads: number;
}

interface RoomEntry {
  readonly loading: Promise<Room>;
  room: Room | null;
  unloadTimer: NodeJS.Timeout | null;
}

/**
 * The rooms in memory. A room is loaded once however many peers join at the same moment (they share
 * the loading promise and then the room's cached sync replies), and unloaded `graceMs` after its last
 * peer leaves, so documents nobody has open do not stay in memory (y-websocket#100). A room that is
 * closing finishes (its updates durable, compacted) before it can be loaded again.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, RoomEntry>();
  private readonly closing = new Map<string, Promise<void>>();
  private readonly services: RoomServices;

  constructor(services: Omit<RoomServices, 'onEmpty' | 'onBroken'>, private readonly graceMs: number, private readonly log: Logger) {
    this.services = {
      ...services,
      onEmpty: (room) => this.scheduleUnload(room),
      onBroken: (room, reason) => {
        this.log.error({ room: room.key, reason }, 'room document broken; unloading it');
        this.evict(room.key, closeCodes.storageFailure, 'internal error; reconnect to resync');
      },
    };
  }

  /** Rooms loaded or loading now. */
  get size(): number {
    return this.rooms.size;
  }

  /** The loaded room under `key`, if any (for tests and health). */
  loaded(key: string): Room | undefined {
    return this.rooms.get(key)?.room ?? undefined;
  }

  /** Sums what every loaded room keeps: after the initial sync a stateless room holds no Y.Doc. */
  inspect(): RegistryInspection {
    let rooms = 0;
    let documents = 0;
    let clients = 0;
    let deletedRanges = 0;
    for (const entry of this.rooms.values()) {
      if (entry.room === null) continue;
      const footprint = entry.room.footprint();
      rooms++;
      documents += footprint.documents;
      clients += footprint.clients;
      deletedRanges += footprint.deletedRanges;
    }
    return { rooms, documents, clients, deletedRanges, transientLoads: this.services.transientDocuments?.completed ?? 0 };
  }

  /**
   * Joins `peer` to the room under `key`, loading it if needed. Resolves to null when the peer closed
   * while the room was loading. Rejects when the room cannot be loaded.
   */
  async join(key: string, peer: RoomPeer, isClosed: () => boolean): Promise<Room | null> {
    const room = await this.acquire(key);
    if (isClosed()) {
      if (room.peerCount === 0) this.scheduleUnload(room);
      return null;
    }
    room.join(peer);
    return room;
  }

  /**
   * Storing the room's updates failed, so its document is ahead of the disk: reloads it from storage.
   * Peers with a write in flight are closed with `code` (their change was not saved; they keep it and
   * resend it later); the others — readers — move to the reloaded room without being disconnected.
   */
  reload(key: string, code: number, reason: string): void {
    const room = this.rooms.get(key)?.room;
    if (room === null || room === undefined) return;
    const readers = room.releaseReaders();
    this.evict(key, code, reason);
    if (readers.length === 0) return;
    this.acquire(key).then((reloaded) => {
      for (const peer of readers) {
        if (peer.isClosed) continue;
        reloaded.join(peer);
        peer.moveTo(reloaded);
      }
      if (reloaded.peerCount === 0) this.scheduleUnload(reloaded);
    }, () => {
      for (const peer of readers) peer.close(closeCodes.storageFailure, 'the plan could not be loaded');
    });
  }

  /** Closes every peer of `key` with `code` and drops the room without compacting (its state is suspect). */
  evict(key: string, code: number, reason: string): void {
    const entry = this.rooms.get(key);
    if (entry === undefined || entry.room === null) return;
    this.rooms.delete(key);
    if (entry.unloadTimer !== null) clearTimeout(entry.unloadTimer);
    const room = entry.room;
    room.closePeers(code, reason);
    this.services.writer.discard(key);
    this.trackClosing(key, room.close({ compact: false }));
  }

  /** Closes every peer with `code` and unloads every room (durable, compacted). For shutdown. */
  async closeAll(code: number, reason: string): Promise<void> {
    const loading = [...this.rooms.values()].map((entry) => entry.loading.catch(() => null));
    await Promise.all(loading);
    for (const [key, entry] of [...this.rooms]) {
      if (entry.room === null) continue;
      entry.room.closePeers(code, reason);
      this.unload(key);
    }
    await Promise.all([...this.closing.values()]);
  }

  private acquire(key: string): Promise<Room> {
    let entry = this.rooms.get(key);
    if (entry === undefined) {
      const previous = this.closing.get(key) ?? Promise.resolve();
      const loading = previous.then(() => Room.load(key, this.services));
      const created: RoomEntry = { loading, room: null, unloadTimer: null };
      entry = created;
      this.rooms.set(key, created);
      loading.then((room) => {
        created.room = room;
        this.log.debug({ room: key }, 'room loaded');
      }, (error: unknown) => {
        if (this.rooms.get(key) === created) this.rooms.delete(key);
        this.log.error({ room: key, err: error }, 'room could not be loaded');
      });
    }
    if (entry.unloadTimer !== null) {
      clearTimeout(entry.unloadTimer);
      entry.unloadTimer = null;
    }
    return entry.loading;
  }

  private scheduleUnload(room: Room): void {
    const entry = this.rooms.get(room.key);
    if (entry === undefined || entry.room !== room || entry.unloadTimer !== null) return;
    entry.unloadTimer = setTimeout(() => {
      entry.unloadTimer = null;
      if (room.peerCount === 0 && this.rooms.get(room.key) === entry) this.unload(room.key);
    }, this.graceMs);
  }

  private unload(key: string): void {
    const entry = this.rooms.get(key);
    if (entry === undefined || entry.room === null) return;
    this.rooms.delete(key);
    if (entry.unloadTimer !== null) clearTimeout(entry.unloadTimer);
    this.trackClosing(key, entry.room.close({ compact: true }));
    this.log.debug({ room: key }, 'room unloaded');
  }

  private trackClosing(key: string, done: Promise<void>): void {
    const tracked = done.finally(() => {
      if (this.closing.get(key) === tracked) this.closing.delete(key);
    });
    this.closing.set(key, tracked);
  }
}
