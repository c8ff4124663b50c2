/**
 * Bytes held in messages that have started to arrive and not finished (ws buffers a message until its
 * last byte is in), server-wide and per token. Without a bound, one viewer token opening 128 sockets
 * that each start an 8 MB message and trickle the rest holds about 1 GiB. Each connection keeps its
 * reservation equal to what it holds; a reservation that would pass a bound is refused and the
 * connection closed, so the bound holds however many connect.
 */
export class UnfinishedFrameBudget {
  private held = 0;
  private readonly heldPerToken = new Map<string, number>();

  constructor(readonly serverBytes: number, readonly tokenBytes: number) {}

  /** Bytes reserved server-wide now. */
  get inUse(): number {
    return this.held;
  }

  heldBy(tokenKey: string): number {
    return this.heldPerToken.get(tokenKey) ?? 0;
  }

  /**
   * Moves a connection's reservation from `from` to `to` bytes. Shrinking always succeeds; growing
   * fails (and changes nothing) when it would pass the server-wide or the token's bound. Returns
   * which bound refused it, or null.
   */
  resize(tokenKey: string, from: number, to: number): 'server' | 'token' | null {
    const delta = to - from;
    const tokenHeld = this.heldBy(tokenKey);
    if (delta > 0) {
      if (this.held + delta > this.serverBytes) return 'server';
      if (tokenHeld + delta > this.tokenBytes) return 'token';
    }
    this.held = Math.max(0, this.held + delta);
    const next = Math.max(0, tokenHeld + delta);
    if (next === 0) this.heldPerToken.delete(tokenKey);
    else this.heldPerToken.set(tokenKey, next);
    return null;
  }
}
