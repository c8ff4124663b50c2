import type { ScaleoutContext } from './context.js';

/** Doorbell entries kept per bucket: a reader further behind than this catches up by its sweep. */
const doorbellLength = 1_000;

/**
 * Tells the readers of `room`'s bucket that the room's streams have new entries. Queued right after
 * the appends it announces, on the same connection, so Redis runs it after them: a reader that sees
 * the doorbell finds the entries. Losing one delays delivery until the readers' next sweep.
 */
export function ringDoorbell(context: ScaleoutContext, room: string): void {
  const bucket = context.keys.bucketOf(room);
  context.redis.queue(context.keys.tag(bucket), 'XADD', context.keys.doorbell(bucket), 'MAXLEN', '~', doorbellLength, '*', 'r', room, 'i', context.instance)
    .catch((error: unknown) => context.log.debug({ err: error, room }, 'ringing a doorbell failed'));
}
