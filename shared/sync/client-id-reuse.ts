/**
 * Reusing a device's Yjs client id across its sessions of one plan, only when that is provably safe.
 *
 * Why: Yjs copies the whole state vector (one entry per client id the doc has ever seen) at the start
 * and end of every transaction and again for every 'update' listener, so each edit and each remote
 * update costs time in proportion to the client ids in the doc (docs/benchmarks.md, "Client ids").
 * A fresh id per session lets a plan edited by 200 people daily gather ~50,000 ids in a year.
 *
 * The danger: two different structs with the same (client, clock) id. A replica that already holds
 * one ignores the other, so replicas silently diverge. That happens when a session writes with id C
 * from clock k while a struct C:k already exists somewhere — another live tab writing with C, or an
 * earlier session whose writes left the device (server, another tab) but were not stored here.
 *
 * The rule, per (plan, client id), with one record per id in the plan's own local database:
 * 1. A session holds an exclusive lock on (plan, C) for as long as it may write with C, so no two
 *    live sessions of this browser profile share C (a second tab finds the lock taken).
 * 2. Before its first write with C, the session durably records C as `in-use`. A session that ends
 *    any other way than rule 3 (crash, killed tab, failed store) leaves it `in-use`: C is retired.
 * 3. Only after the session stopped sending and everything it wrote is stored locally does it
 *    record C as `closed` at clock k = C's state then (and only if Yjs did not switch the doc to
 *    another id because it saw C used elsewhere).
 * 4. A later session reuses C only if it holds the lock, the record says `closed` at clock k, and
 *    its own loaded doc has exactly k for C: then every struct of C that exists anywhere is in this
 *    doc (any write after the record would have changed the state or left C `in-use`), and the next
 *    write, C:k, is new everywhere. Anything else (no record, `in-use`, another clock) takes a fresh id.
 *
 * Pure: no DOM, timers or randomness of its own; the lock, the record store and the random source
 * are passed in.
 */
import * as Y from 'yjs';
import { z } from 'zod';

/** What this device knows about one client id it has written a plan with. */
export const clientIdRecordSchema = z.lazy(() => z.object({
  /** `in-use`: a session took it and may have sent writes not stored here; `closed`: see rule 3. */
  state: z.enum(['in-use', 'closed']),
  /** C's state (next clock) in the local doc when the record was written. */
  clock: z.number().int().nonnegative(),
  /**
   * The session that took the id (a random number drawn in rule 2). A closing marker written apart
   * from the records (see `withClosingMarkers`) closes the id only if it names the same session.
   */
  session: z.number().int().nonnegative().optional(),
}).strict());
export type ClientIdRecord = z.infer<typeof clientIdRecordSchema>;

/** Every record key starts with this (the store holds other keys too: the first screen). */
export const recordKeyPrefix = 'client-id:';

/** The key of C's record in the plan's local store. */
export function clientIdRecordKey(clientId: number): string {
  return `${recordKeyPrefix}${clientId}`;
}

/** The client id a record key names, or null for any other key. */
export function clientIdOfRecordKey(key: unknown): number | null {
  if (typeof key !== 'string' || !key.startsWith(recordKeyPrefix)) return null;
  const text = key.slice(recordKeyPrefix.length);
  if (!/^\d{1,10}$/.test(text)) return null;
  const id = Number(text);
  return isClientId(id) ? id : null;
}

/** Yjs client ids are unsigned 32-bit integers. */
export function isClientId(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 0xffff_ffff;
}

/** Rule 4: C may be reused by a session whose loaded doc holds `localClock` for C. */
export function mayReuse(record: ClientIdRecord | undefined, localClock: number): boolean {
  return record !== undefined && record.state === 'closed' && record.clock === localClock;
}

/** The ids worth trying, most written first (their records say `closed`). */
export function reuseCandidates(records: ReadonlyMap<number, ClientIdRecord>): number[] {
  return [...records].filter(([, record]) => record.state === 'closed').sort((a, b) => b[1].clock - a[1].clock || a[0] - b[0]).map(([id]) => id);
}

/** A random id that neither the doc nor this device's records have used. */
export function freshClientId(doc: Y.Doc, records: ReadonlyMap<number, ClientIdRecord>, random: () => number): number {
  for (let attempt = 0; attempt < 64; attempt++) {
    const id = Math.floor(random() * 0x1_0000_0000) >>> 0;
    if (!doc.store.clients.has(id) && !records.has(id)) return id;
  }
  throw new Error('No unused Yjs client id was found in 64 random draws; the random source is broken.');
}

/**
 * The records as they stand once closing markers are taken into account. A page that goes away (a
 * reload, a closed tab) cannot count on an IndexedDB write finishing; it can write a marker
 * synchronously (localStorage) instead. A marker closes an `in-use` record only when both name the
 * same session: a marker left by an earlier session of the id (its removal lost in an OS crash while
 * a later session held the id) never reopens it. Markers of ids with no record are ignored.
 */
export function withClosingMarkers(records: ReadonlyMap<number, ClientIdRecord>, markers: ReadonlyMap<number, ClientIdRecord>): Map<number, ClientIdRecord> {
  const merged = new Map(records);
  for (const [clientId, marker] of markers) {
    const record = records.get(clientId);
    if (record?.state !== 'in-use' || record.session === undefined || marker.state !== 'closed' || marker.session !== record.session) continue;
    merged.set(clientId, marker);
  }
  return merged;
}

/** How long a session waits for the lock of an id whose record says `closed` (its holder may be the page just reloaded, still going away). */
export const closedIdLockWaitMs = 1_000;

/** What the session needs of its platform: an exclusive lock and the durable record store. */
export interface ClientIdPorts {
  /**
   * Takes the lock on (plan, `clientId`) if no one holds it, or once its holder lets it go within
   * `waitMs` (default 0: no waiting); resolves to its release, or null.
   */
  tryLock(clientId: number, waitMs?: number): Promise<(() => void) | null>;
  /** Every record of this plan (fresh from storage). */
  readRecords(): Promise<Map<number, ClientIdRecord>>;
  /** Writes one record; resolves only once it is durably stored. */
  writeRecord(clientId: number, record: ClientIdRecord): Promise<void>;
  /**
   * Writes the closing record synchronously where the next session's `readRecords` finds it (see
   * `withClosingMarkers`), even if the page goes away at once. Optional: without it, the lease keeps
   * its lock until `writeRecord` is done.
   */
  markClosed?(clientId: number, record: ClientIdRecord): void;
}

/** The client id a session writes with, held until `end()` or `abandon()`. */
export class ClientIdLease {
  private released = false;
  constructor(
    readonly clientId: number,
    /** True when an id of an earlier session was reused. */
    readonly reused: boolean,
    /** The session number its `in-use` record names (rule 2). */
    readonly session: number,
    private readonly doc: Y.Doc,
    private readonly ports: ClientIdPorts,
    private readonly release: () => void,
    /** Draws the throwaway id the doc gets when the lease ends (see end()). */
    private readonly throwawayId: () => number,
  ) {}

  /**
   * The record that rule 3 writes when the session ends now: `closed` at C's state, or null when the
   * doc no longer writes with C (Yjs switched ids after seeing C used elsewhere: C stays retired).
   * Call only when nothing is sent any more and everything written is stored (or is ordered to be
   * stored before this record, in the same storage).
   */
  closingRecord(): ClientIdRecord | null {
    return this.doc.clientID === this.clientId ? { state: 'closed', clock: Y.getState(this.doc.store, this.clientId), session: this.session } : null;
  }

  /**
   * Rule 3, then lets the lock go. The caller guarantees closingRecord()'s conditions. The doc gets a
   * throwaway id at once, so a write after this (a page resumed after its pagehide ended the lease)
   * can never extend the id past its record.
   */
  async end(): Promise<void> {
    if (this.released) return;
    const record = this.closingRecord();
    if (record) this.doc.clientID = this.throwawayId();
    try {
      if (!record) return;
      // Started first, so ordered before any later session's `in-use` write of this id (IndexedDB
      // runs read-write transactions on one store in the order they were created).
      const written = this.ports.writeRecord(this.clientId, record);
      if (this.ports.markClosed) {
        // A page going away may never see `written` finish: the marker is the closing record then,
        // and the lock can go at once, so the next page (a reload) finds the id free.
        this.ports.markClosed(this.clientId, record);
        this.abandon();
      }
      await written;
    } finally {
      this.abandon();
    }
  }

  /** Lets the lock go without a closing record (the id stays `in-use`: retired). */
  abandon(): void {
    if (this.released) return;
    this.released = true;
    this.release();
  }
}

/**
 * Chooses the client id of a session whose local copy is loaded and which has not written yet, and
 * sets it on the doc once rule 2 is durable. Tries the `closed` ids first, then a fresh one.
 * `suits` can refuse a safe id for another reason (the plan names its author as someone else: the
 * changes it wrote must keep their author).
 */
export async function takeClientId(doc: Y.Doc, ports: ClientIdPorts, random: () => number, suits: (clientId: number) => boolean = () => true): Promise<ClientIdLease> {
  const records = await ports.readRecords();
  for (const candidate of reuseCandidates(records).filter(suits)) {
    const release = await ports.tryLock(candidate, closedIdLockWaitMs);
    if (!release) continue;
    try {
      // Read again under the lock: the holder that just let it go may have changed the record.
      const record = (await ports.readRecords()).get(candidate);
      if (mayReuse(record, Y.getState(doc.store, candidate))) return await begin(doc, ports, records, random, candidate, true, release);
    } catch (error) {
      release();
      throw error;
    }
    release();
  }
  for (;;) {
    const fresh = freshClientId(doc, records, random);
    const release = await ports.tryLock(fresh);
    if (!release) continue;
    try {
      return await begin(doc, ports, records, random, fresh, false, release);
    } catch (error) {
      release();
      throw error;
    }
  }
}

async function begin(
  doc: Y.Doc, ports: ClientIdPorts, records: ReadonlyMap<number, ClientIdRecord>, random: () => number,
  clientId: number, reused: boolean, release: () => void,
): Promise<ClientIdLease> {
  const session = Math.floor(random() * 0x1_0000_0000) >>> 0;
  await ports.writeRecord(clientId, { state: 'in-use', clock: Y.getState(doc.store, clientId), session });
  doc.clientID = clientId;
  return new ClientIdLease(clientId, reused, session, doc, ports, release, () => freshClientId(doc, records, random));
}
