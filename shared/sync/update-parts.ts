/**
 * Splitting a Yjs (v1) update into parts that each fit in one sync message.
 *
 * A plan's first sync can be far larger than the server accepts in one frame (the 100,000-node plan
 * encodes to ~83 MB). The parts are ordinary Yjs updates, ordered so that every part only depends on
 * structs already sent (the same client's earlier clocks, a struct's left and right origins, its
 * parent): applied one by one, no part ever waits as "pending" in the receiver, and the last part
 * leaves exactly the state the whole update would. The delete set travels after every struct, in as
 * many parts as it needs.
 *
 * Pure: no DOM, Node or timers.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

export type UpdateSplitProblem = 'malformed' | 'clock-gap' | 'empty-struct' | 'self-dependency' | 'dependency-cycle' | 'bad-limit';

/** The update cannot be split: it is not a well-formed Yjs v1 update (or the limit is impossible). */
export class UpdateSplitError extends Error {
  readonly problem: UpdateSplitProblem;
  constructor(problem: UpdateSplitProblem, message: string) {
    super(message);
    this.name = 'UpdateSplitError';
    this.problem = problem;
  }
}

type Struct = Y.Item | Y.GC | Y.Skip;

/** One client's structs in clock order; `firstOffset` clocks of the first struct are already known to the receiver. */
export interface ClientStructs {
  readonly client: number;
  readonly structs: readonly Struct[];
  readonly firstOffset: number;
}

/** One deleted range, as in a delete set. */
export interface DeletedRange {
  readonly client: number;
  readonly clock: number;
  readonly len: number;
}

/**
 * True when `update` (Yjs v1) is one struct and no deletions, read from its first bytes and its
 * last: such an update cannot be cut (splitUpdate would give it back as its only part). A part
 * holding a struct larger than the part size is exactly that (the packer sends such a struct alone
 * and adds no deletions to a full part). The header is one client with one struct; an empty delete
 * set is the single byte 0 at the end (a non-empty one ends in a range's length, never 0). False for
 * anything else, a malformed update included (the caller then cuts it, and the cut reports it).
 */
export function isOneStructUpdate(update: Uint8Array): boolean {
  if (update.length < 4 || update[update.length - 1] !== 0) return false;
  try {
    const decoder = decoding.createDecoder(update);
    return decoding.readVarUint(decoder) === 1 && decoding.readVarUint(decoder) === 1;
  } catch {
    return false;
  }
}

/**
 * Split `update` (Yjs v1 encoding) into parts of at most `maxPartBytes` each, except that a single
 * struct larger than the limit travels alone in its own part. Throws UpdateSplitError for input that
 * is not a Yjs update.
 */
export function splitUpdate(update: Uint8Array, maxPartBytes: number): Uint8Array[] {
  return [...splitUpdateInSteps(update, maxPartBytes)];
}

/**
 * splitUpdate one part at a time, in order: the caller may pause between parts (a server answering
 * a large join lets its other clients be served meanwhile). `update` is bytes, so pausing is safe.
 * Decoding the update is the first step.
 */
export function* splitUpdateInSteps(update: Uint8Array, maxPartBytes: number): Generator<Uint8Array, void, undefined> {
  checkLimit(maxPartBytes);
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (cause) {
    throw new UpdateSplitError('malformed', `not a Yjs update: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  const clients = groupByClient(decoded.structs);
  const deleted: DeletedRange[] = [];
  for (const [client, items] of decoded.ds.clients) {
    for (const item of items) deleted.push({ client, clock: item.clock, len: item.len });
  }
  yield* structsInParts(clients, deleted, maxPartBytes);
}

/**
 * The ordering and packing behind splitUpdate, for callers that already hold the structs (e.g. a
 * Y.Doc's own store, which spares decoding a whole-document update first).
 */
export function splitStructs(clients: readonly ClientStructs[], deleted: readonly DeletedRange[], maxPartBytes: number): Uint8Array[] {
  checkLimit(maxPartBytes);
  return [...structsInParts(clients, deleted, maxPartBytes)];
}

/** The parts of splitStructs, each yielded as soon as it is full. */
function* structsInParts(clients: readonly ClientStructs[], deleted: readonly DeletedRange[], maxPartBytes: number): Generator<Uint8Array, void, undefined> {
  const packer = new PartPacker(maxPartBytes);
  for (const run of causalOrder(clients)) {
    const full = packer.addStruct(run.client, run.clock, run.bytes);
    if (full !== null) yield full;
  }
  for (const range of deleted) {
    const full = packer.addDeletion(range);
    if (full !== null) yield full;
  }
  const last = packer.finish();
  if (last !== null) yield last;
}

/**
 * What `doc` has beyond `stateVector` (Yjs v1), already split: the same content as
 * `Y.encodeStateAsUpdate(doc, stateVector)` (the whole delete set included), read straight from the
 * doc's store so a large document is never encoded in one piece first. Synchronous: the parts are a
 * snapshot of the doc as it is now.
 */
export function splitDocumentDifference(doc: Y.Doc, stateVector: Uint8Array, maxPartBytes: number): Uint8Array[] {
  return [...splitDocumentDifferenceInSteps(doc, stateVector, maxPartBytes)];
}

/**
 * splitDocumentDifference one part at a time, in order. The parts are read from the doc's live
 * store: a caller that pauses between parts must start over if the doc changed meanwhile (a
 * transaction can split or merge the structs still to be read).
 */
export function* splitDocumentDifferenceInSteps(doc: Y.Doc, stateVector: Uint8Array, maxPartBytes: number): Generator<Uint8Array, void, undefined> {
  checkLimit(maxPartBytes);
  let known: Map<number, number>;
  try {
    known = Y.decodeStateVector(stateVector);
  } catch (cause) {
    throw new UpdateSplitError('malformed', `not a Yjs state vector: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  const clients: ClientStructs[] = [];
  for (const [client, structs] of doc.store.clients) {
    const clock = known.get(client) ?? 0;
    const last = structs[structs.length - 1];
    if (last === undefined || last.id.clock + last.length <= clock) continue;
    const first = clock <= 0 ? 0 : Y.findIndexSS(structs, clock);
    const firstStruct = structs[first] as Struct;
    clients.push({ client, structs: structs.slice(first), firstOffset: Math.max(0, clock - firstStruct.id.clock) });
  }
  const deleted: DeletedRange[] = [];
  for (const [client, items] of Y.createDeleteSetFromStructStore(doc.store).clients) {
    for (const item of items) deleted.push({ client, clock: item.clock, len: item.len });
  }
  yield* structsInParts(clients, deleted, maxPartBytes);
}

function checkLimit(maxPartBytes: number): void {
  if (!Number.isSafeInteger(maxPartBytes) || maxPartBytes < 16) {
    throw new UpdateSplitError('bad-limit', `the part size limit must be a whole number of bytes ≥ 16, not ${maxPartBytes}`);
  }
}

function groupByClient(structs: readonly Struct[]): ClientStructs[] {
  const byClient = new Map<number, Struct[]>();
  for (const struct of structs) {
    if (struct.length < 1) throw new UpdateSplitError('empty-struct', `struct ${struct.id.client}:${struct.id.clock} has no length`);
    const list = byClient.get(struct.id.client);
    if (list === undefined) {
      byClient.set(struct.id.client, [struct]);
      continue;
    }
    const last = list[list.length - 1];
    if (last !== undefined && last.id.clock + last.length !== struct.id.clock) {
      throw new UpdateSplitError('clock-gap', `client ${struct.id.client}'s structs are not contiguous at clock ${struct.id.clock}`);
    }
    list.push(struct);
  }
  return [...byClient].map(([client, list]) => ({ client, structs: list, firstOffset: 0 }));
}

interface EncodedStruct {
  readonly client: number;
  readonly clock: number;
  readonly bytes: Uint8Array;
}

/** The IDs a struct needs the receiver to have before it can be integrated. */
function dependencies(struct: Struct): Y.ID[] {
  if (!(struct instanceof Y.Item)) return [];
  const needed: Y.ID[] = [];
  if (struct.origin !== null) needed.push(struct.origin);
  if (struct.rightOrigin !== null) needed.push(struct.rightOrigin);
  // Decoded updates carry the parent as a root key (string) or the parent item's ID; a live doc's
  // store carries the parent type itself, whose item is what the receiver needs.
  const parent: unknown = struct.parent;
  if (parent instanceof Y.ID) needed.push(parent);
  else if (parent instanceof Y.AbstractType && parent._item !== null) needed.push(parent._item.id);
  return needed;
}

/** Index of the struct in `run` that holds `clock`, or -1 when the clock is outside the run. */
function structHolding(run: ClientStructs, clock: number): number {
  const { structs } = run;
  let low = 0;
  let high = structs.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const struct = structs[mid] as Struct;
    if (clock < struct.id.clock) high = mid - 1;
    else if (clock >= struct.id.clock + struct.length) low = mid + 1;
    else return mid === 0 && clock < struct.id.clock + run.firstOffset ? -1 : mid;
  }
  return -1;
}

/**
 * Every struct, encoded, in an order where each one's dependencies inside the update come first.
 * Like Yjs's own integration: a struct waiting for another client's struct puts that client on a
 * stack until the needed clock has been emitted. A client already on the stack is a cycle, which a
 * real document cannot contain.
 */
function* causalOrder(clients: readonly ClientStructs[]): Generator<EncodedStruct> {
  const runIndex = new Map<number, number>();
  clients.forEach((run, index) => runIndex.set(run.client, index));
  const cursor = new Array<number>(clients.length).fill(0);
  const onStack = new Array<boolean>(clients.length).fill(false);

  const blockingRun = (struct: Struct): number => {
    for (const id of dependencies(struct)) {
      if (id.client === struct.id.client) {
        if (id.clock >= struct.id.clock) {
          throw new UpdateSplitError('self-dependency', `struct ${struct.id.client}:${struct.id.clock} depends on its own future clock ${id.clock}`);
        }
        continue;
      }
      const index = runIndex.get(id.client);
      if (index === undefined) continue; // the receiver must already have it
      const holder = structHolding(clients[index] as ClientStructs, id.clock);
      if (holder >= 0 && (cursor[index] as number) <= holder) return index;
    }
    return -1;
  };

  for (let start = 0; start < clients.length; start += 1) {
    const startRun = clients[start] as ClientStructs;
    while ((cursor[start] as number) < startRun.structs.length) {
      const stack = [start];
      onStack[start] = true;
      while (stack.length > 0) {
        const top = stack[stack.length - 1] as number;
        const run = clients[top] as ClientStructs;
        const at = cursor[top] as number;
        const struct = run.structs[at] as Struct;
        const blocker = blockingRun(struct);
        if (blocker >= 0) {
          if (onStack[blocker] === true) {
            throw new UpdateSplitError('dependency-cycle', `struct ${struct.id.client}:${struct.id.clock} is part of a dependency cycle`);
          }
          stack.push(blocker);
          onStack[blocker] = true;
          continue;
        }
        const offset = at === 0 ? run.firstOffset : 0;
        const encoder = new Y.UpdateEncoderV1();
        struct.write(encoder, offset);
        yield { client: run.client, clock: struct.id.clock + offset, bytes: encoder.toUint8Array() };
        cursor[top] = at + 1;
        stack.pop();
        onStack[top] = false;
      }
    }
  }
}

function varUintLength(value: number): number {
  let length = 1;
  let rest = value;
  while (rest > 0x7f) {
    rest = Math.floor(rest / 128);
    length += 1;
  }
  return length;
}

interface ClientSection {
  readonly client: number;
  readonly clock: number;
  count: number;
  readonly chunks: Uint8Array[];
  bytes: number;
}

interface DeletionSection {
  readonly client: number;
  readonly ranges: DeletedRange[];
  bytes: number;
}

function clientSectionSize(section: { client: number; clock: number; count: number; bytes: number }): number {
  return varUintLength(section.count) + varUintLength(section.client) + varUintLength(section.clock) + section.bytes;
}

function deletionSectionSize(section: { client: number; ranges: { length: number }; bytes: number }): number {
  return varUintLength(section.client) + varUintLength(section.ranges.length) + section.bytes;
}

/** Fills parts one struct (then one deleted range) at a time, counting the exact encoded size. */
class PartPacker {
  private flushed = 0;
  private sections = new Map<number, ClientSection>();
  private deletions = new Map<number, DeletionSection>();
  private structBytes = 0;
  private deletionBytes = 0;

  constructor(private readonly maxPartBytes: number) {}

  private size(structBytes: number, clientCount: number, deletionBytes: number, deletionClients: number): number {
    return varUintLength(clientCount) + structBytes + varUintLength(deletionClients) + deletionBytes;
  }

  private isEmpty(): boolean {
    return this.sections.size === 0 && this.deletions.size === 0;
  }

  /** Adds a struct; returns the part it closed, if it did not fit in the current one. */
  addStruct(client: number, clock: number, bytes: Uint8Array): Uint8Array | null {
    const full = !this.fitsStruct(client, clock, bytes.length) && !this.isEmpty() ? this.flush() : null;
    let section = this.sections.get(client);
    if (section === undefined) {
      section = { client, clock, count: 0, chunks: [], bytes: 0 };
      this.sections.set(client, section);
    } else {
      this.structBytes -= clientSectionSize(section);
    }
    section.count += 1;
    section.chunks.push(bytes);
    section.bytes += bytes.length;
    this.structBytes += clientSectionSize(section);
    return full;
  }

  private fitsStruct(client: number, clock: number, length: number): boolean {
    const section = this.sections.get(client);
    const before = section === undefined ? 0 : clientSectionSize(section);
    const after = clientSectionSize(section === undefined
      ? { client, clock, count: 1, bytes: length }
      : { client, clock: section.clock, count: section.count + 1, bytes: section.bytes + length });
    const clients = this.sections.size + (section === undefined ? 1 : 0);
    return this.size(this.structBytes - before + after, clients, this.deletionBytes, this.deletions.size) <= this.maxPartBytes;
  }

  /** Adds a deleted range; returns the part it closed, if it did not fit in the current one. */
  addDeletion(range: DeletedRange): Uint8Array | null {
    const rangeBytes = varUintLength(range.clock) + varUintLength(range.len);
    const full = !this.fitsDeletion(range.client, rangeBytes) && !this.isEmpty() ? this.flush() : null;
    let section = this.deletions.get(range.client);
    if (section === undefined) {
      section = { client: range.client, ranges: [], bytes: 0 };
      this.deletions.set(range.client, section);
    } else {
      this.deletionBytes -= deletionSectionSize(section);
    }
    section.ranges.push(range);
    section.bytes += rangeBytes;
    this.deletionBytes += deletionSectionSize(section);
    return full;
  }

  private fitsDeletion(client: number, rangeBytes: number): boolean {
    const section = this.deletions.get(client);
    const before = section === undefined ? 0 : deletionSectionSize(section);
    const after = deletionSectionSize(section === undefined
      ? { client, ranges: { length: 1 }, bytes: rangeBytes }
      : { client, ranges: { length: section.ranges.length + 1 }, bytes: section.bytes + rangeBytes });
    const clients = this.deletions.size + (section === undefined ? 1 : 0);
    return this.size(this.structBytes, this.sections.size, this.deletionBytes - before + after, clients) <= this.maxPartBytes;
  }

  private flush(): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, this.sections.size);
    // Higher client ids first, as Yjs writes them: Y.mergeUpdates (how the Redis + PostgreSQL store
    // merges stored rows) reads each update's clients in that order and loses structs otherwise.
    for (const section of [...this.sections.values()].sort((a, b) => b.client - a.client)) {
      encoding.writeVarUint(encoder, section.count);
      encoding.writeVarUint(encoder, section.client);
      encoding.writeVarUint(encoder, section.clock);
      for (const chunk of section.chunks) encoding.writeUint8Array(encoder, chunk);
    }
    encoding.writeVarUint(encoder, this.deletions.size);
    for (const section of this.deletions.values()) {
      encoding.writeVarUint(encoder, section.client);
      encoding.writeVarUint(encoder, section.ranges.length);
      for (const range of section.ranges) {
        encoding.writeVarUint(encoder, range.clock);
        encoding.writeVarUint(encoder, range.len);
      }
    }
    this.sections = new Map();
    this.deletions = new Map();
    this.structBytes = 0;
    this.deletionBytes = 0;
    this.flushed += 1;
    return encoding.toUint8Array(encoder);
  }

  /** The last part (an empty update when nothing at all was added), or null when every part was already returned. */
  finish(): Uint8Array | null {
    return !this.isEmpty() || this.flushed === 0 ? this.flush() : null;
  }
}
