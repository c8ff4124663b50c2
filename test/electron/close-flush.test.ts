// Closing the window flushes the page first (review43b F2). On Windows and Linux closing the last window
// is how people quit; Electron then emits `before-quit` only after the windows are gone
// (window-all-closed → app.quit()), so main.ts's quit flush found nothing to flush. The window is a
// stand-in with BrowserWindow's close semantics (the binary cannot run here): `close()` emits `close`,
// and only when no listener prevented it is the window destroyed and `closed` emitted.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { flushBeforeClose, flushBeforeQuit } from '../../electron/quit-flush.js';

class StandInWindow extends EventEmitter {
  destroyed = false;
  close(): void {
    if (this.destroyed) return;
    let prevented = false;
    this.emit('close', { preventDefault: () => { prevented = true; } });
    if (prevented) return;
    this.destroyed = true;
    this.emit('closed');
  }
  isDestroyed(): boolean { return this.destroyed; }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const closed = (window: StandInWindow) => new Promise<void>((resolve) => window.once('closed', () => resolve()));

describe('closing the window (review43b F2)', () => {
  it('the page stores its pending changes before the window closes, then it closes', async () => {
    const window = new StandInWindow();
    const order: string[] = [];
    flushBeforeClose(window, async () => { await sleep(30); order.push('flushed'); }, 3_000, sleep, () => false);
    window.on('closed', () => order.push('closed'));
    const done = closed(window);
    window.close();
    expect(window.isDestroyed()).toBe(false);
    await done;
    expect(order).toEqual(['flushed', 'closed']);
  });

  it('clicking close again while it flushes flushes once', async () => {
    const window = new StandInWindow();
    let flushes = 0;
    flushBeforeClose(window, async () => { flushes += 1; await sleep(30); }, 3_000, sleep, () => false);
    const done = closed(window);
    window.close();
    window.close();
    window.close();
    await done;
    expect(flushes).toBe(1);
  });

  it('a hung or failing page cannot keep the window open', async () => {
    for (const flush of [() => new Promise<void>(() => undefined), () => Promise.reject(new Error('gone')), () => { throw new Error('destroyed'); }]) {
      const window = new StandInWindow();
      flushBeforeClose(window, flush, 50, sleep, () => false);
      const done = closed(window);
      window.close();
      await done;
      expect(window.isDestroyed()).toBe(true);
    }
  });

  it('after a quit flushed every window, their closes go ahead at once', () => {
    const window = new StandInWindow();
    let flushes = 0;
    flushBeforeClose(window, () => { flushes += 1; return Promise.resolve(); }, 3_000, sleep, () => true);
    window.close();
    expect(window.isDestroyed()).toBe(true);
    expect(flushes).toBe(0);
  });

  it('a quit whose window throws at once still finishes, counting it failed', async () => {
    const outcome = await flushBeforeQuit([{ flush: () => { throw new Error('destroyed'); } }, { flush: () => Promise.resolve() }], 1_000, sleep);
    expect(outcome).toEqual({ flushed: 1, failed: 1, timedOut: false });
  });
});
