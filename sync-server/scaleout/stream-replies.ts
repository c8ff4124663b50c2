/**
 * Replies of XRANGE and XREAD, checked as they come in from Redis (with Buffers, since payloads are
 * binary). A reply of another shape is an error naming what was wrong, never a silent skip.
 */
export interface StreamEntry {
  readonly id: string;
  readonly fields: ReadonlyMap<string, Buffer>;
}

export class StreamReplyError extends Error {}

function asArray(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new StreamReplyError(`${what} is not an array`);
  return value;
}

function asText(value: unknown, what: string): string {
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (typeof value === 'string') return value;
  throw new StreamReplyError(`${what} is not a string`);
}

function parseEntry(value: unknown): StreamEntry {
  const [id, fields] = asArray(value, 'a stream entry');
  const flat = asArray(fields, 'an entry\'s fields');
  if (flat.length % 2 !== 0) throw new StreamReplyError('an entry has an odd number of field names and values');
  const map = new Map<string, Buffer>();
  for (let i = 0; i < flat.length; i += 2) {
    const raw = flat[i + 1];
    map.set(asText(flat[i], 'a field name'), Buffer.isBuffer(raw) ? raw : Buffer.from(asText(raw, 'a field value')));
  }
  return { id: asText(id, 'an entry id'), fields: map };
}

/** XRANGE / XREVRANGE: the entries. */
export function parseRange(reply: unknown): StreamEntry[] {
  return asArray(reply, 'an XRANGE reply').map(parseEntry);
}

/** XREAD / XREADGROUP: entries per stream key (null when the block timed out). */
export function parseRead(reply: unknown): Map<string, StreamEntry[]> {
  const streams = new Map<string, StreamEntry[]>();
  if (reply === null) return streams;
  for (const stream of asArray(reply, 'an XREAD reply')) {
    const [key, entries] = asArray(stream, 'a stream of an XREAD reply');
    streams.set(asText(key, 'a stream key'), parseRange(entries));
  }
  return streams;
}

/** One stream of an XREAD reply whose entries are packed into one field each (doorbell-entry.ts). */
export interface PackedStream {
  readonly key: string;
  /** The last entry's id, whatever its fields: where the next read starts. */
  readonly lastId: string | null;
  /** Each entry's one field value, in order. */
  readonly packed: Buffer[];
  /** Entries not made of exactly one field with a binary value (another format), skipped. */
  readonly malformed: number;
}

/**
 * XREAD of streams whose entries hold one field each: read without building a Map per entry (the
 * doorbell read is every instance's hottest path). A reply of another shape is an error.
 */
export function parsePackedEntries(reply: unknown): PackedStream[] {
  if (reply === null) return [];
  return asArray(reply, 'an XREAD reply').map((stream) => {
    const [key, entries] = asArray(stream, 'a stream of an XREAD reply');
    const list = asArray(entries, 'the entries of an XREAD reply');
    const packed: Buffer[] = [];
    let malformed = 0;
    let last: unknown = null;
    for (const entry of list) {
      const [id, fields] = asArray(entry, 'a stream entry');
      last = id;
      const value = Array.isArray(fields) && fields.length === 2 ? fields[1] : undefined;
      if (Buffer.isBuffer(value)) packed.push(value);
      else malformed++;
    }
    return { key: asText(key, 'a stream key'), lastId: last === null ? null : asText(last, 'an entry id'), packed, malformed };
  });
}

/** A field's text, or an error naming the missing field. */
export function textField(entry: StreamEntry, name: string): string {
  const value = entry.fields.get(name);
  if (value === undefined) throw new StreamReplyError(`stream entry ${entry.id} has no "${name}" field`);
  return value.toString('utf8');
}

export function bytesField(entry: StreamEntry, name: string): Uint8Array {
  const value = entry.fields.get(name);
  if (value === undefined) throw new StreamReplyError(`stream entry ${entry.id} has no "${name}" field`);
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}
