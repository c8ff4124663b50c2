/** The first wait's upper bound; each failed attempt doubles it, up to `maxRetryDelayMs`. */
export const baseRetryDelayMs = 250;

/**
 * The longest wait between reconnection attempts. A server restarting in a workshop is rejoined within
 * this; a dead one is not hammered.
 */
export const maxRetryDelayMs = 8_000;

/**
 * The wait before reconnection attempt `attempt` (0 for the first after a close): exponential backoff
 * with full jitter, a uniform draw from [0, min(max, base × 2^attempt)). When the host's laptop
 * restarts, a dozen devices that lost it at the same moment come back spread over the window instead
 * of all at once on each doubling. `random` is a draw from [0, 1).
 */
export function reconnectDelayMs(attempt: number, random: () => number, baseMs = baseRetryDelayMs, maxMs = maxRetryDelayMs): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(0, attempt), 30));
  return Math.floor(Math.min(0.999_999, Math.max(0, random())) * ceiling);
}
