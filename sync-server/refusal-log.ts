import type { Logger } from 'pino';

interface RefusalTally {
  /** When the last line for this kind was written. */
  loggedAt: number;
  /** Refusals since then that were counted instead of logged. */
  suppressed: number;
  /** Fields of the last suppressed refusal, so the summary shows an example. */
  last: Record<string, unknown>;
}

/**
 * Logs refusals (upgrades refused, unreadable requests) at most once per interval per kind: the first
 * one of an interval is written as is, the rest are counted and summed up in one line when the
 * interval ends. A flood of refused attempts then costs a few lines, not one line per attempt (a
 * 45 s join flood once wrote 16 MB of log).
 */
export class RefusalLog {
  private readonly tallies = new Map<string, RefusalTally>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly log: Logger, private readonly intervalMs: number, private readonly now: () => number = () => performance.now()) {
    this.timer = setInterval(() => this.flush(), intervalMs);
    this.timer.unref();
  }

  /**
   * Records one refusal of `kind` (e.g. "upgrade refused: 503"); `fields` describe it. `level` is the
   * first line's: `error` for what the operator must act on (storage that cannot be read).
   */
  record(kind: string, fields: Record<string, unknown>, message: string, level: 'info' | 'error' = 'info'): void {
    const now = this.now();
    const tally = this.tallies.get(kind);
    if (tally === undefined || now - tally.loggedAt >= this.intervalMs) {
      const suppressed = tally?.suppressed ?? 0;
      this.log[level]({ ...fields, ...(suppressed > 0 ? { suppressedBefore: suppressed } : {}) }, message);
      this.tallies.set(kind, { loggedAt: now, suppressed: 0, last: fields });
      return;
    }
    tally.suppressed++;
    tally.last = fields;
  }

  /** Writes one summary line per kind with refusals counted but not logged, and forgets idle kinds. */
  flush(): void {
    const now = this.now();
    for (const [kind, tally] of this.tallies) {
      if (tally.suppressed > 0) {
        this.log.warn({ kind, count: tally.suppressed, intervalMs: this.intervalMs, example: tally.last }, 'refusals not logged one by one');
        tally.suppressed = 0;
        tally.loggedAt = now;
      } else if (now - tally.loggedAt >= this.intervalMs) {
        this.tallies.delete(kind);
      }
    }
  }

  dispose(): void {
    clearInterval(this.timer);
    this.flush();
  }
}
