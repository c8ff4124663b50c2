/**
 * Waiting for a WebSocket's send buffer to empty. The browser's WebSocket (and `ws` in Node) has no
 * "drained" event, only `bufferedAmount`, so it is looked at again every `pollMs`. Used by both
 * senders of large data: the parted upload's pacing (bounded memory while parts go out) and the
 * one-shot upload's close (the answer must be out before the socket is closed).
 */

/** The part of a WebSocket the wait reads. */
export interface BufferedSocket {
  readonly bufferedAmount: number;
  readonly readyState: number;
}

/** WebSocket.OPEN, spelled out: the class is not a global everywhere this runs (Node 20 benchmarks). */
export const socketOpen = 1;

/** How often a full socket is looked at again. */
export const drainPollMs = 20;

export interface DrainOptions {
  /** Resolve once at most this many bytes are still buffered (default 0: all sent). */
  atMostBytes?: number;
  /** Stop waiting (resolving false) once this says no (default: while the socket is open). */
  stillWanted?: () => boolean;
  pollMs?: number;
}

/**
 * Resolves true once `socket` buffers no more than `atMostBytes`, or false as soon as the wait is no
 * longer wanted (the socket closed, a newer connection replaced it).
 */
export async function whenDrained(socket: BufferedSocket, options: DrainOptions = {}): Promise<boolean> {
  const atMost = options.atMostBytes ?? 0;
  const wanted = options.stillWanted ?? (() => socket.readyState === socketOpen);
  const pollMs = options.pollMs ?? drainPollMs;
  for (;;) {
    if (!wanted()) return false;
    if (socket.bufferedAmount <= atMost) return true;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
