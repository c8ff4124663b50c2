/**
 * A clean quit: before the app exits, every window is asked to write its pending local changes
 * (IndexedDB) and the quit waits for all answers — but never longer than `timeoutMs`, so a hung page
 * cannot keep the app from quitting. main.ts calls it from `before-quit` and quits when it resolves.
 */
export interface FlushTarget {
  /** Asks the page to flush; resolves when it answered. */
  flush(): Promise<void>;
}

export interface FlushOutcome {
  flushed: number;
  failed: number;
  timedOut: boolean;
}

export async function flushBeforeQuit(targets: readonly FlushTarget[], timeoutMs: number, wait: (ms: number) => Promise<void>): Promise<FlushOutcome> {
  let flushed = 0, failed = 0;
  const all = Promise.all(targets.map((target) => target.flush().then(() => { flushed += 1; }, () => { failed += 1; })));
  const finished = await Promise.race([all.then(() => true), wait(timeoutMs).then(() => false)]);
  return { flushed, failed, timedOut: !finished };
}
