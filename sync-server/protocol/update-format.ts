import { ByteReader, DecodeError } from './byte-reader.js';

/**
 * A strict parser for Yjs v1 updates. It reads every byte the way Yjs's UpdateDecoderV1 would, but
 * with explicit bounds, so a zero-length, truncated or absurd update is refused here, before Yjs sees
 * it (yjs#498), and it keeps what the dependency check needs: each struct's id range and the ids it
 * refers to. Format: Yjs `readClientsStructRefs`, `readItemContent`, `readDeleteSet` (encoding v1).
 */

export interface StructId {
  readonly client: number;
  readonly clock: number;
}

/** One struct of an update: a GC range, a Skip (a gap) or an Item and the ids it depends on. */
export interface ParsedStruct {
  readonly kind: 'gc' | 'skip' | 'item';
  readonly clock: number;
  readonly length: number;
  readonly origin: StructId | null;
  readonly rightOrigin: StructId | null;
  /** The parent when it is another item (null for a root type or when it is copied from a neighbour). */
  readonly parent: StructId | null;
}

export interface ClientStructs {
  readonly client: number;
  readonly structs: readonly ParsedStruct[];
}

export interface DeleteRange {
  readonly client: number;
  readonly clock: number;
  readonly length: number;
}

export interface ParsedUpdate {
  readonly clients: readonly ClientStructs[];
  readonly deletes: readonly DeleteRange[];
}

/** Deeper nesting in a ContentAny value is refused (lib0 reads it recursively). */
export const maxAnyDepth = 128;

const contentDeleted = 1;
const contentJson = 2;
const contentBinary = 3;
const contentString = 4;
const contentEmbed = 5;
const contentFormat = 6;
const contentType = 7;
const contentAny = 8;
const contentDoc = 9;
const structGc = 0;
const structSkip = 10;
/** Yjs type refs: YArray 0, YMap 1, YText 2, YXmlElement 3 (has a name), YXmlFragment 4, YXmlHook 5 (has a name), YXmlText 6. */
const maxTypeRef = 6;

/** Parses a whole v1 update, or throws DecodeError saying what is wrong with it. */
export function parseUpdate(update: Uint8Array): ParsedUpdate {
  if (update.length === 0) throw new DecodeError('the update is empty (zero bytes)');
  const reader = new ByteReader(update);
  const clients: ClientStructs[] = [];
  const seenClients = new Set<number>();
  const clientCount = reader.varUint('number of clients');
  // Each client section takes at least three bytes, so a larger count is a lie about the length.
  if (clientCount > reader.remaining / 3) throw new DecodeError(`the update claims ${clientCount} clients in ${reader.remaining} bytes`);
  for (let c = 0; c < clientCount; c++) {
    const structCount = reader.varUint('number of structs');
    if (structCount > reader.remaining) throw new DecodeError(`a client section claims ${structCount} structs in ${reader.remaining} bytes`);
    const client = reader.varUint('client id');
    if (seenClients.has(client)) throw new DecodeError(`client ${client} appears twice in one update`);
    seenClients.add(client);
    let clock = reader.varUint('clock');
    const structs: ParsedStruct[] = [];
    for (let s = 0; s < structCount; s++) {
      const struct = readStruct(reader, client, clock);
      if (struct.clock + struct.length > Number.MAX_SAFE_INTEGER) throw new DecodeError(`client ${client}'s clock passes 2^53 − 1`);
      structs.push(struct);
      clock += struct.length;
    }
    clients.push({ client, structs });
  }
  const deletes = readDeleteSet(reader);
  if (!reader.atEnd) throw new DecodeError(`${reader.remaining} unexpected bytes after the delete set`);
  return { clients, deletes };
}

function readId(reader: ByteReader, what: string): StructId {
  return { client: reader.varUint(`${what} client`), clock: reader.varUint(`${what} clock`) };
}

function readStruct(reader: ByteReader, client: number, clock: number): ParsedStruct {
  const info = reader.uint8('struct info byte');
  const contentRef = info & 0x1f;
  if (contentRef === structGc || contentRef === structSkip) {
    const length = reader.varUint('struct length');
    if (length === 0) throw new DecodeError(`a zero-length ${contentRef === structGc ? 'GC' : 'skip'} struct at ${client}:${clock}`);
    return { kind: contentRef === structGc ? 'gc' : 'skip', clock, length, origin: null, rightOrigin: null, parent: null };
  }
  const origin = (info & 0x80) !== 0 ? readId(reader, 'origin') : null;
  const rightOrigin = (info & 0x40) !== 0 ? readId(reader, 'right origin') : null;
  let parent: StructId | null = null;
  if ((info & 0xc0) === 0) {
    // No neighbours: the parent is written out, as a root type name (info 1) or an item id.
    if (reader.varUint('parent info') === 1) reader.varString('root type name');
    else parent = readId(reader, 'parent');
    if ((info & 0x20) !== 0) reader.varString('parent key');
  }
  const length = readContentLength(reader, contentRef, `${client}:${clock}`);
  if (length === 0) throw new DecodeError(`a zero-length item at ${client}:${clock}`);
  return { kind: 'item', clock, length, origin, rightOrigin, parent };
}

/** Reads an item's content and returns its length in Yjs clock units. */
function readContentLength(reader: ByteReader, contentRef: number, at: string): number {
  switch (contentRef) {
    case contentDeleted:
      return reader.varUint('deleted length');
    case contentJson: {
      const count = reader.varUint('JSON content count');
      for (let i = 0; i < count; i++) {
        const text = reader.varString('JSON content');
        if (text !== 'undefined') parseJson(text, `JSON content of ${at}`);
      }
      return count;
    }
    case contentBinary:
      reader.varBytes('binary content');
      return 1;
    case contentString:
      // Yjs counts UTF-16 code units of the decoded string.
      return reader.varString('string content').length;
    case contentEmbed:
      parseJson(reader.varString('embed'), `embed of ${at}`);
      return 1;
    case contentFormat:
      reader.varString('format key');
      parseJson(reader.varString('format value'), `format of ${at}`);
      return 1;
    case contentType: {
      const typeRef = reader.varUint('type ref');
      if (typeRef > maxTypeRef) throw new DecodeError(`unknown type ref ${typeRef} at ${at}`);
      if (typeRef === 3 || typeRef === 5) reader.varString('XML node name');
      return 1;
    }
    case contentAny: {
      const count = reader.varUint('any content count');
      for (let i = 0; i < count; i++) skipAny(reader, 0);
      return count;
    }
    case contentDoc: {
      reader.varString('subdocument guid');
      // Yjs spreads these options into `new Doc(...)`: anything but an object throws there.
      if (reader.uint8('subdocument options type') !== 118) throw new DecodeError(`subdocument options at ${at} are not an object`);
      skipAnyObject(reader, 1);
      return 1;
    }
    default:
      throw new DecodeError(`unknown content type ${contentRef} at ${at}`);
  }
}

function parseJson(text: string, what: string): void {
  try {
    JSON.parse(text);
  } catch {
    throw new DecodeError(`${what} is not valid JSON`);
  }
}

/** Skips one lib0 `writeAny` value, refusing unknown type bytes and nesting deeper than maxAnyDepth. */
function skipAny(reader: ByteReader, depth: number): void {
  if (depth > maxAnyDepth) throw new DecodeError(`a value is nested deeper than ${maxAnyDepth} levels`);
  const type = reader.uint8('value type');
  switch (type) {
    case 127: case 126: case 121: case 120: return; // undefined, null, false, true
    case 125: reader.varInt('integer'); return;
    case 124: reader.skip(4, 'float32'); return;
    case 123: reader.skip(8, 'float64'); return;
    case 122: reader.skip(8, 'bigint64'); return;
    case 119: reader.varString('string value'); return;
    case 118: skipAnyObject(reader, depth + 1); return;
    case 117: {
      const count = reader.varUint('array length');
      for (let i = 0; i < count; i++) skipAny(reader, depth + 1);
      return;
    }
    case 116: reader.varBytes('byte value'); return;
    default: throw new DecodeError(`unknown value type ${type}`);
  }
}

function skipAnyObject(reader: ByteReader, depth: number): void {
  const count = reader.varUint('object size');
  for (let i = 0; i < count; i++) {
    reader.varString('object key');
    skipAny(reader, depth);
  }
}

function readDeleteSet(reader: ByteReader): DeleteRange[] {
  const deletes: DeleteRange[] = [];
  const clientCount = reader.varUint('number of clients in the delete set');
  if (clientCount > reader.remaining / 2) throw new DecodeError(`the delete set claims ${clientCount} clients in ${reader.remaining} bytes`);
  for (let c = 0; c < clientCount; c++) {
    const client = reader.varUint('delete set client');
    const rangeCount = reader.varUint('number of deleted ranges');
    if (rangeCount > reader.remaining / 2) throw new DecodeError(`the delete set claims ${rangeCount} ranges in ${reader.remaining} bytes`);
    for (let r = 0; r < rangeCount; r++) {
      const clock = reader.varUint('deleted clock');
      const length = reader.varUint('deleted length');
      if (clock + length > Number.MAX_SAFE_INTEGER) throw new DecodeError(`a deleted range of client ${client} passes 2^53 − 1`);
      // Yjs never writes an empty range, and re-encoding one as pending throws inside Yjs.
      if (length === 0) throw new DecodeError(`a zero-length deleted range of client ${client}`);
      deletes.push({ client, clock, length });
    }
  }
  return deletes;
}
