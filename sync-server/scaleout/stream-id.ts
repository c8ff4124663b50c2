/**
 * Redis stream entry ids ("<milliseconds>-<sequence>"), compared and turned into the increasing
 * numbers UpdateStore promises. Ids are validated where they come in from Redis or PostgreSQL.
 */
export interface StreamId {
  readonly ms: bigint;
  readonly seq: bigint;
}

const streamIdPattern = /^(\d{1,20})-(\d{1,20})$/;

export class StreamIdError extends Error {}

export function parseStreamId(text: string): StreamId {
  const match = streamIdPattern.exec(text);
  if (match === null) throw new StreamIdError(`"${text.slice(0, 60)}" is not a Redis stream id`);
  return { ms: BigInt(match[1]!), seq: BigInt(match[2]!) };
}

export function compareStreamIds(a: string, b: string): number {
  const [x, y] = [parseStreamId(a), parseStreamId(b)];
  if (x.ms !== y.ms) return x.ms < y.ms ? -1 : 1;
  return x.seq === y.seq ? 0 : x.seq < y.seq ? -1 : 1;
}

/** The smallest id after `id`: XTRIM MINID with it drops `id` and everything before. */
export function nextStreamId(id: string): string {
  const { ms, seq } = parseStreamId(id);
  return `${ms}-${seq + 1n}`;
}

/**
 * A stream id as one safe integer, increasing with the id: milliseconds × 4096 + sequence. Ids
 * within one millisecond past 4095 share a number (never reached at these rates: one room's stream
 * takes one entry per batch per instance).
 */
export function streamIdNumber(id: string): number {
  const { ms, seq } = parseStreamId(id);
  return Number(ms) * 4096 + Number(seq < 4095n ? seq : 4095n);
}
