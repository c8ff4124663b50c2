/**
 * A doorbell entry packed into one binary field, so a reader learns an entry's instance and room from
 * a few header bytes and touches the payload only when it delivers it. As separate fields (room,
 * instance, ids, payload) each entry cost a reader a dozen RESP strings and a Map, for every entry
 * of every instance, its own included — the cost that grew with each instance.
 *
 * Layout: kind (1 byte: `u` update, `U` update with its summary, `a` presence), carried (1 byte: 1
 * when the payload follows), instance (1 byte length + UTF-8), room (2 bytes big-endian length +
 * UTF-8), previous entry id and entry id of the room stream (1 byte length + ASCII each); for `U`
 * the writer's summary of the update (2 bytes big-endian length + protocol/update-summary.ts), then
 * the payload to the end. `U` is new in the seventh scale-out session: readers still read `u` (what
 * instances of the previous version ring during a rolling upgrade); previous readers skip `U`
 * entries as unreadable and deliver their updates by the sweep.
 *
 * The append script (doorbell.ts) writes it from a prefix made here (kind byte left to the script,
 * instance, room) and the ids Redis gives; the decoder below is what readers run.
 */
export type DoorbellKind = 'u' | 'a';

/** The single field a packed entry is stored under. */
export const doorbellField = 'b';

export class DoorbellEntryError extends Error {}

/** Instance and room, as the append script puts them after the kind and carried bytes. */
export function doorbellPrefix(instance: string, room: string): Buffer {
  const instanceBytes = Buffer.from(instance, 'utf8');
  const roomBytes = Buffer.from(room, 'utf8');
  if (instanceBytes.length > 0xff) throw new DoorbellEntryError(`instance name "${instance.slice(0, 40)}…" is longer than 255 bytes`);
  if (roomBytes.length > 0xffff) throw new DoorbellEntryError(`room name "${room.slice(0, 40)}…" is longer than 65,535 bytes`);
  const prefix = Buffer.allocUnsafe(1 + instanceBytes.length + 2 + roomBytes.length);
  prefix[0] = instanceBytes.length;
  instanceBytes.copy(prefix, 1);
  prefix.writeUInt16BE(roomBytes.length, 1 + instanceBytes.length);
  roomBytes.copy(prefix, 3 + instanceBytes.length);
  return prefix;
}

/** A whole entry, as the append script writes it (tests ring doorbells by hand with it). */
export function packDoorbellEntry(entry: { kind: DoorbellKind; instance: string; room: string; prev: string; id: string; payload: Uint8Array | null; summary?: Uint8Array }): Buffer {
  const ids = Buffer.from(`${String.fromCharCode(entry.prev.length)}${entry.prev}${String.fromCharCode(entry.id.length)}${entry.id}`, 'latin1');
  const given = entry.kind === 'u' && entry.payload !== null ? entry.summary : undefined;
  const summarised = given !== undefined;
  const summary = given === undefined ? [] : [Buffer.from([given.length >> 8, given.length & 0xff]), given];
  return Buffer.concat([Buffer.from([summarised ? 0x55 : entry.kind.charCodeAt(0), entry.payload === null ? 0 : 1]), doorbellPrefix(entry.instance, entry.room), ids, ...summary, entry.payload ?? new Uint8Array(0)]);
}

/** The header of a packed entry, read lazily: the room first, the rest only for rooms held. */
export class DoorbellHeader {
  private offset = 0;

  /** The writer's summary of a carried update (kind `U`), read by ids(). */
  private summaryBytes: Uint8Array | null = null;

  private constructor(readonly bytes: Buffer, readonly kind: DoorbellKind, readonly carried: boolean, private readonly summarised: boolean, private readonly instanceAt: number, private readonly instanceLength: number, readonly room: string, private readonly idsAt: number) {}

  /** Reads kind, instance position and room; an entry too short or of an unknown kind is an error naming it. */
  static read(bytes: Buffer): DoorbellHeader {
    if (bytes.length < 3) throw new DoorbellEntryError(`a doorbell entry of ${bytes.length} bytes is too short`);
    const kindByte = bytes[0]!;
    if (kindByte !== 0x75 && kindByte !== 0x55 && kindByte !== 0x61) throw new DoorbellEntryError(`a doorbell entry has unknown kind byte ${kindByte}`);
    const instanceLength = bytes[2]!;
    const roomAt = 3 + instanceLength + 2;
    if (bytes.length < roomAt) throw new DoorbellEntryError('a doorbell entry ends inside its instance name');
    const roomLength = bytes.readUInt16BE(roomAt - 2);
    const idsAt = roomAt + roomLength;
    if (bytes.length < idsAt) throw new DoorbellEntryError('a doorbell entry ends inside its room name');
    return new DoorbellHeader(bytes, kindByte === 0x61 ? 'a' : 'u', bytes[1] === 1, kindByte === 0x55, 3, instanceLength, bytes.toString('utf8', roomAt, idsAt), idsAt);
  }

  /** Whether the entry was appended by `instance` (given as its UTF-8 bytes): compared in place. */
  isFrom(instance: Buffer): boolean {
    return this.instanceLength === instance.length && this.bytes.compare(instance, 0, instance.length, this.instanceAt, this.instanceAt + this.instanceLength) === 0;
  }

  get instance(): string {
    return this.bytes.toString('utf8', this.instanceAt, this.instanceAt + this.instanceLength);
  }

  /** The previous entry's id, then the entry's id (and the summary after them), then the payload: read in that order. */
  ids(): { prev: string; id: string } {
    const prev = this.text(this.idsAt);
    const id = this.text(this.offset);
    if (this.summarised && this.carried) {
      if (this.offset + 2 > this.bytes.length) throw new DoorbellEntryError('a doorbell entry ends before its summary');
      const length = this.bytes.readUInt16BE(this.offset);
      const end = this.offset + 2 + length;
      if (end > this.bytes.length) throw new DoorbellEntryError('a doorbell entry ends inside its summary');
      this.summaryBytes = new Uint8Array(this.bytes.buffer, this.bytes.byteOffset + this.offset + 2, length);
      this.offset = end;
    }
    return { prev, id };
  }

  /** The writer's summary of the carried update (after ids()), or null when the entry has none. */
  summary(): Uint8Array | null {
    return this.summaryBytes;
  }

  /** The carried payload (after ids()): a view into the entry, not a copy. */
  payload(): Uint8Array {
    if (this.offset === 0) this.ids();
    return new Uint8Array(this.bytes.buffer, this.bytes.byteOffset + this.offset, this.bytes.length - this.offset);
  }

  private text(at: number): string {
    if (at >= this.bytes.length) throw new DoorbellEntryError('a doorbell entry ends before its stream ids');
    const length = this.bytes[at]!;
    const end = at + 1 + length;
    if (end > this.bytes.length) throw new DoorbellEntryError('a doorbell entry ends inside a stream id');
    this.offset = end;
    return this.bytes.toString('latin1', at + 1, end);
  }
}
