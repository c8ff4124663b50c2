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
  // A flush that throws at once (a window destroyed meanwhile) counts as failed, never stops the others.
  const all = Promise.all(targets.map((target) => Promise.resolve().then(() => target.flush()).then(() => { flushed += 1; }, () => { failed += 1; })));
  const finished = await Promise.race([all.then(() => true), wait(timeoutMs).then(() => false)]);
  return { flushed, failed, timedOut: !finished };
}

/** The part of a BrowserWindow the close guard uses (so it is testable without the Electron binary). */
export interface ClosingWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  close(): void;
  isDestroyed(): boolean;
}

/**
 * Closing a window (its close button, Alt+F4, Ctrl+W) writes the page's pending changes first, as a quit
 * does. On Windows and Linux closing the last window is how people quit, and there `before-quit` comes
 * only after the windows are gone (window-all-closed → app.quit()), so it found no window to flush; on
 * macOS a closed window was never flushed at all (review43b F2). The first close is held, the page
 * flushed (at most `timeoutMs`), then the window closes. `alreadyFlushed`: a quit flushed every window
 * just before closing them, so the close goes ahead at once.
 */
export function flushBeforeClose(window: ClosingWindow, flush: () => Promise<void>, timeoutMs: number, wait: (ms: number) => Promise<void>, alreadyFlushed: () => boolean): void {
  let state: 'open' | 'flushing' | 'flushed' = 'open';
  window.on('close', (event) => {
    if (state === 'flushed' || alreadyFlushed()) return;
    event.preventDefault();
    if (state === 'flushing') return;
    state = 'flushing';
    void flushBeforeQuit([{ flush }], timeoutMs, wait).then(() => {
      state = 'flushed';
      if (!window.isDestroyed()) window.close();
    });
  });
}
