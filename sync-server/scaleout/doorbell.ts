import type { ScaleoutContext } from './context.js';

/** Doorbell entries kept per bucket: a reader further behind than this catches up by its sweep. */
const doorbellLength = 1_000;

/**
 * Payloads up to this size ride in the doorbell entry, so readers deliver them from their one blocking
 * read. Bigger ones (an uploaded part, a large paste) only ring: readers fetch them from the room's
 * stream, and the doorbells stay small (every instance reads every doorbell entry).
 */
export const carryLimit = 16 * 1024;

/** Which stream of a room an append goes to, and the field its payload is stored under. */
export type DoorbellKind = 'u' | 'a';

/**
 * Appends `payloads` to one stream of a room and rings its bucket's doorbell once per entry, in one
 * Lua script so nothing runs in between (Redis runs a script whole, and on a Cluster both keys share
 * the room's hash tag, so one slot). Each doorbell entry names the room (`r`), the appending instance
 * (`i`), the entry's id in the room stream (`d`), the id of the entry before it (`p`: 0-0 for a new
 * stream, as a load of it records) and, when small enough, the payload itself (under `u` or `a`; a bigger one only
 * names its kind, `k`). A reader that has delivered the room up to `p` delivers the payload straight
 * away and moves to `d`; any other reader (it missed a doorbell, was trimmed past, just started) reads
 * the room's stream from where it is. The room stream stays the record: it is written first, and a
 * refused write (e.g. WRONGTYPE) fails at the first command, before anything is written.
 *
 * A stream emptied by a compaction's trim still exists: its `p` is the last id it ever gave (from
 * XINFO STREAM), not 0-0, so readers that were at it stay on the chain.
 *
 * KEYS: stream, doorbell. ARGV: instance, room, field, stream cap (0: none), expiry ms (0: none),
 * carry limit, doorbell length, payloads… Returns the new entries' ids.
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
local ids = {}
for n = 8, #ARGV do
  local id
  if cap > 0 then
    id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', cap, '*', 'i', ARGV[1], ARGV[3], ARGV[n])
  else
    id = redis.call('XADD', KEYS[1], '*', 'i', ARGV[1], ARGV[3], ARGV[n])
  end
  if #ARGV[n] <= carry then
    redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[7], '*', 'r', ARGV[2], 'i', ARGV[1], 'p', prev, 'd', id, ARGV[3], ARGV[n])
  else
    redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[7], '*', 'r', ARGV[2], 'i', ARGV[1], 'p', prev, 'd', id, 'k', ARGV[3])
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
const appendScriptBytes = Buffer.from(appendScript.replace(/^\s+/gm, ''), 'utf8');

export interface AppendOptions {
  /** Entries kept in the stream (approximately); 0 keeps all (the update log, trimmed by compaction). */
  readonly cap: number;
  /** The stream expires this long after its last append; 0: never. */
  readonly expireMs: number;
}

/**
 * Appends `payloads` (in order) to `streamKey`, one of `room`'s streams, and rings the doorbell for
 * each (see appendScript). Queued with the other commands of this turn, so appends issued back to
 * back keep their order. Resolves with the entries' ids once Redis has run the script; rejects, with
 * nothing written, if Redis refused it.
 */
export async function appendAndRing(context: ScaleoutContext, room: string, streamKey: string, kind: DoorbellKind, payloads: readonly Uint8Array[], options: AppendOptions): Promise<string[]> {
  const bucket = context.keys.bucketOf(room);
  // EVAL with the script's text, not EVALSHA: a NOSCRIPT retry (after a Redis restart) could run behind
  // a later append of the same room and break its order. Redis caches the compiled script by its hash.
  const reply = await context.redis.queue(context.keys.tag(bucket), 'EVAL', appendScriptBytes, 2, streamKey, context.keys.doorbell(bucket),
    context.instance, room, kind, options.cap, options.expireMs, carryLimit, doorbellLength,
    ...payloads.map((payload) => Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength)));
  if (!Array.isArray(reply) || reply.length !== payloads.length) throw new Error('Redis answered an append with something other than its entry ids');
  return reply.map((id: unknown) => Buffer.isBuffer(id) ? id.toString('latin1') : String(id));
}
