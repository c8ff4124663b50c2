import type { ScaleoutContext } from './context.js';
import { doorbellPrefix, type DoorbellKind } from './doorbell-entry.js';

export type { DoorbellKind } from './doorbell-entry.js';

/** Doorbell entries kept per bucket a doorbell serves: a reader further behind than this catches up by its sweep. */
const doorbellLengthPerBucket = 1_000;

/**
 * Payloads up to this size ride in the doorbell entry, so readers deliver them from their one blocking
 * read. Bigger ones (an uploaded part, a large paste) only ring: readers fetch them from the room's
 * stream, and the doorbells stay small (every instance reads every doorbell entry).
 */
export const carryLimit = 16 * 1024;

/**
 * The doorbell a room's appends ring, and how many entries it keeps. On a Redis Cluster each bucket
 * (hash tag, so one slot) has its own, since a script and a blocking read may only name keys of one
 * slot; on a single Redis every room rings one doorbell, so a reader's blocking read names one stream
 * instead of one per bucket (naming sixteen, and decoding a reply per stream, showed in profiles).
 */
export function doorbellOf(context: ScaleoutContext, room: string): { key: string; length: number } {
  return context.redis.isCluster
    ? { key: context.keys.doorbell(context.keys.bucketOf(room)), length: doorbellLengthPerBucket }
    : { key: context.keys.sharedDoorbell, length: doorbellLengthPerBucket * context.keys.buckets };
}

/**
 * Appends `payloads` to one stream of a room and rings its doorbell once per entry, in one Lua script
 * so nothing runs in between (Redis runs a script whole, and on a Cluster both keys share the room's
 * hash tag, so one slot). Each doorbell entry is one binary field `b` (doorbell-entry.ts): kind,
 * whether the payload is carried, the appending instance and the room (`ARGV[2]`, made once by the
 * appender), the id of the entry before it in the room stream (0-0 for a new stream, as a load of it
 * records), the entry's id, and, when small enough, the payload. A reader that has delivered the room
 * up to the previous id delivers the payload straight away and moves to the entry's id; any other
 * reader (it missed a doorbell, was trimmed past, just started) reads the room's stream from where it
 * is. The room stream stays the record: it is written first, and a refused write (e.g. WRONGTYPE)
 * fails at the first command, before anything is written.
 *
 * A stream emptied by a compaction's trim still exists: its previous id is the last id it ever gave
 * (from XINFO STREAM), not 0-0, so readers that were at it stay on the chain.
 *
 * KEYS: stream, doorbell. ARGV: instance, entry prefix (instance and room), kind (also the stream's
 * payload field), stream cap (0: none), expiry ms (0: none), carry limit, doorbell length, then the
 * payloads — for updates (kind `u`) each preceded by its summary (protocol/update-summary.ts; empty
 * when there is none). A carried update with a summary rings an entry of kind `U`: the summary (2
 * bytes of length, then its bytes) comes before the payload, so readers record the update without
 * parsing it. Returns the new entries' ids.
 */
export const appendScript = `
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
local prev = '0-0'
if last[1] then
  prev = last[1][1]
elseif redis.call('EXISTS', KEYS[1]) == 1 then
  local info = redis.call('XINFO', 'STREAM', KEYS[1])
  for n = 1, #info, 2 do
    if info[n] == 'last-generated-id' then prev = info[n + 1] end
  end
end
local cap = tonumber(ARGV[4])
local carry = tonumber(ARGV[6])
local summarised = ARGV[3] == 'u'
local step = 1
if summarised then step = 2 end
local ids = {}
for n = 8, #ARGV, step do
  local summary = ''
  local payload = ARGV[n]
  if summarised then
    summary = ARGV[n]
    payload = ARGV[n + 1]
  end
  local id
  if cap > 0 then
    id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', cap, '*', 'i', ARGV[1], ARGV[3], payload)
  else
    id = redis.call('XADD', KEYS[1], '*', 'i', ARGV[1], ARGV[3], payload)
  end
  local chain = string.char(#prev) .. prev .. string.char(#id) .. id
  if #payload > carry then
    redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[7], '*', 'b', ARGV[3] .. '\\0' .. ARGV[2] .. chain)
  elseif #summary > 0 and #summary < 65536 then
    redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[7], '*', 'b', 'U\\1' .. ARGV[2] .. chain .. string.char(math.floor(#summary / 256), #summary % 256) .. summary .. payload)
  else
    redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[7], '*', 'b', ARGV[3] .. '\\1' .. ARGV[2] .. chain .. payload)
  end
  prev = id
  ids[#ids + 1] = id
end
if tonumber(ARGV[5]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[5]) end
return ids
`;

/**
 * The script as sent with every append: indentation stripped, and encoded once (a string argument is
 * encoded again on every call; that showed in profiles).
 */
export const appendScriptBytes = Buffer.from(appendScript.replace(/^\s+/gm, ''), 'utf8');

/** Arguments of an append before its payloads: EVAL, script, key count, 2 keys, 7 ARGV. */
const fixedArguments = 12;
/** Encoded append heads of recently appended streams, per instance (a context is one instance). */
const headCacheSize = 10_000;
const heads = new WeakMap<ScaleoutContext, Record<DoorbellKind, Map<string, AppendHead>>>();

interface AppendHead {
  readonly bytes: Buffer;
  /** The arguments ioredis reads for Cluster routing: the script's place, the key count, the keys. */
  readonly keys: readonly (string | number)[];
  /** The room's hash tag (which connection of a cluster, and the batch it joins). */
  readonly tag: string;
  /** What the head was made for: a call naming another stream or other options makes a new one. */
  readonly streamKey: string;
  readonly cap: number;
  readonly expireMs: number;
}

/** One RESP bulk string: `$<length>\r\n<bytes>\r\n`. */
function bulk(bytes: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`$${bytes.length}\r\n`, 'latin1'), bytes, Buffer.from('\r\n', 'latin1')]);
}

/**
 * Everything of an append to `streamKey` but its argument count and payloads, RESP-encoded once per
 * stream: the script, the keys, the instance, the entry prefix and the options are the same for every
 * append to it. Building the command from arguments each time (ioredis flattens and encodes each,
 * then concatenates) was most of the Redis link's share of an instance's CPU.
 */
function appendHead(context: ScaleoutContext, room: string, streamKey: string, kind: DoorbellKind, options: AppendOptions): AppendHead {
  let cache = heads.get(context);
  if (cache === undefined) {
    cache = { u: new Map(), a: new Map() };
    heads.set(context, cache);
  }
  // Keyed by the room's own string, which the room passes every time (its hash is computed once),
  // not by a key built per append: building and hashing that string showed in the writer's profile
  // (twenty-third session).
  const byRoom = cache[kind];
  let head = byRoom.get(room);
  if (head === undefined || head.streamKey !== streamKey || head.cap !== options.cap || head.expireMs !== options.expireMs) {
    const doorbell = doorbellOf(context, room);
    head = {
      bytes: encodeAppendHead({ streamKey, doorbellKey: doorbell.key, doorbellLength: doorbell.length, instance: context.instance, room, kind, options }),
      keys: ['', 2, streamKey, doorbell.key],
      tag: context.keys.tag(context.keys.bucketOf(room)),
      streamKey,
      cap: options.cap,
      expireMs: options.expireMs,
    };
    // Bounded: past this many rooms it starts over (a miss only costs encoding one head).
    if (byRoom.size >= headCacheSize) byRoom.clear();
    byRoom.set(room, head);
  }
  return head;
}

/** The arguments of an append that do not change from one append to a stream to the next. */
export interface AppendHeadFields {
  readonly streamKey: string;
  readonly doorbellKey: string;
  readonly doorbellLength: number;
  readonly instance: string;
  readonly room: string;
  readonly kind: DoorbellKind;
  readonly options: AppendOptions;
}

/** RESP of EVAL, the script, the key count, both keys and ARGV[1–7] (appendScript's order). */
export function encodeAppendHead(fields: AppendHeadFields): Buffer {
  const text = (value: string | number) => Buffer.from(String(value), 'utf8');
  return Buffer.concat([bulk(text('EVAL')), bulk(appendScriptBytes), bulk(text(2)), bulk(text(fields.streamKey)), bulk(text(fields.doorbellKey)),
    bulk(text(fields.instance)), bulk(doorbellPrefix(fields.instance, fields.room)), bulk(text(fields.kind)), bulk(text(fields.options.cap)),
    bulk(text(fields.options.expireMs)), bulk(text(carryLimit)), bulk(text(fields.doorbellLength))]);
}

const noSummary = new Uint8Array(0);

/** The whole append command in one buffer: `*<count>`, the stream's head, then each payload argument. */
export function encodeAppend(head: Buffer, payloads: readonly Uint8Array[]): Buffer {
  const count = `*${fixedArguments + payloads.length}\r\n`;
  let size = count.length + head.length;
  for (const payload of payloads) size += 1 + String(payload.byteLength).length + 2 + payload.byteLength + 2;
  const bytes = Buffer.allocUnsafe(size);
  let at = bytes.write(count, 0, 'latin1');
  at += head.copy(bytes, at);
  for (const payload of payloads) {
    at += bytes.write(`$${payload.byteLength}\r\n`, at, 'latin1');
    bytes.set(payload, at);
    at += payload.byteLength;
    at += bytes.write('\r\n', at, 'latin1');
  }
  return bytes;
}

export interface AppendOptions {
  /** Entries kept in the stream (approximately); 0 keeps all (the update log, trimmed by compaction). */
  readonly cap: number;
  /** The stream expires this long after its last append; 0: never. */
  readonly expireMs: number;
}

/**
 * Appends `payloads` (in order) to `streamKey`, one of `room`'s streams, and rings the doorbell for
 * each (see appendScript), with each update's summary when given. Queued with the other commands of this turn, so appends issued back to
 * back keep their order. Resolves with the entries' ids once Redis has run the script; rejects, with
 * nothing written, if Redis refused it.
 */
export async function appendAndRing(context: ScaleoutContext, room: string, streamKey: string, kind: DoorbellKind, payloads: readonly Uint8Array[], options: AppendOptions, summaries?: readonly (Uint8Array | undefined)[]): Promise<string[]> {
  // Updates go as (summary, payload) pairs; an update without a summary gets an empty one.
  let args = payloads;
  if (kind === 'u') {
    const pairs: Uint8Array[] = [];
    for (let n = 0; n < payloads.length; n++) pairs.push(summaries?.[n] ?? noSummary, payloads[n]!);
    args = pairs;
  }
  // EVAL with the script's text, not EVALSHA: a NOSCRIPT retry (after a Redis restart) could run behind
  // a later append of the same room and break its order. Redis caches the compiled script by its hash.
  const head = appendHead(context, room, streamKey, kind, options);
  const reply = await context.redis.append(head.tag, 'EVAL', head.keys, encodeAppend(head.bytes, args));
  if (!Array.isArray(reply) || reply.length !== payloads.length) throw new Error('Redis answered an append with something other than its entry ids');
  return reply.map((id: unknown) => Buffer.isBuffer(id) ? id.toString('latin1') : String(id));
}
