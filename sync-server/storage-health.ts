/**
 * Whether the server takes writes now. When storing fails (a full disk, a failing volume) every write
 * would fail the same way: writers are refused for `retryMs` instead of being let in to re-upload
 * their unsaved edits four times a second, and readers stay connected. After `retryMs` writes are
 * tried again; the next failure starts another period.
 */
export class StorageHealth {
  private refusingUntil = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly resumedListeners = new Set<() => void>();
  private failures = 0;

  constructor(readonly retryMs: number, private readonly now: () => number = () => performance.now()) {}

  get acceptsWrites(): boolean {
    return this.refusingUntil === 0;
  }

  /** Failed batches since the server started (for health and logs). */
  get failureCount(): number {
    return this.failures;
  }

  /** A write failed: refuse writes for retryMs from now. */
  failed(): void {
    this.failures++;
    this.refusingUntil = this.now() + this.retryMs;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.resume(), this.retryMs);
    this.timer.unref();
  }

  /** Runs `listener` each time writes are accepted again; returns the unsubscribe function. */
  onResumed(listener: () => void): () => void {
    this.resumedListeners.add(listener);
    return () => this.resumedListeners.delete(listener);
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private resume(): void {
    this.timer = null;
    this.refusingUntil = 0;
    for (const listener of [...this.resumedListeners]) listener();
  }
}
