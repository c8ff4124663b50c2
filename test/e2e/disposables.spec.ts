import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { startSyncServer, type RunningProcess } from './support/server.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** What the page holds that a closed plan must give back. */
interface Resources {
  /** Event listeners on the window, the document, live elements and non-DOM targets (IndexedDB, sockets). */
  listeners: number;
  intervals: number;
  /** Timeouts set and neither fired nor cleared. */
  pendingTimeouts: number;
  /** Disposables registered in a DisposableStore and not released. */
  disposables: number;
}

test('opening and closing a plan 100 times leaves no listener, timer or disposable behind', async ({ page }) => {
  test.setTimeout(240_000);
  // Count every listener and timer the page adds and removes, from before the app's first line runs.
  await page.addInitScript(() => {
    window.localStorage.setItem('throughline:automation', '1');
    const listeners = new Map<EventTarget, Set<string>>();
    const ids = new WeakMap<object, number>();
    let nextId = 1;
    const keyOf = (type: string, listener: unknown, options: unknown) => {
      const capture = typeof options === 'boolean' ? options : Boolean((options as { capture?: boolean } | undefined)?.capture);
      const fn = listener as object;
      if (!ids.has(fn)) ids.set(fn, nextId++);
      return `${type}|${capture}|${ids.get(fn)}`;
    };
    const add = EventTarget.prototype.addEventListener;
    const remove = EventTarget.prototype.removeEventListener;
    EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) {
      if (listener) {
        const set = listeners.get(this) ?? new Set<string>();
        set.add(keyOf(type, listener, options));
        listeners.set(this, set);
      }
      return add.call(this, type, listener, options);
    };
    EventTarget.prototype.removeEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) {
      if (listener) listeners.get(this)?.delete(keyOf(type, listener, options));
      return remove.call(this, type, listener, options);
    };
    const intervals = new Set<number>();
    const timeouts = new Set<number>();
    const setInterval = window.setInterval.bind(window);
    const clearInterval = window.clearInterval.bind(window);
    const setTimeout = window.setTimeout.bind(window);
    const clearTimeout = window.clearTimeout.bind(window);
    window.setInterval = ((handler: () => void, ms?: number, ...args: unknown[]) => {
      const id = setInterval(handler, ms, ...args);
      intervals.add(id);
      return id;
    }) as typeof window.setInterval;
    window.clearInterval = ((id?: number) => { if (id !== undefined) intervals.delete(id); clearInterval(id); }) as typeof window.clearInterval;
    window.setTimeout = ((handler: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      const id: number = setTimeout((...a: unknown[]) => { timeouts.delete(id); handler(...a); }, ms, ...args);
      timeouts.add(id);
      return id;
    }) as typeof window.setTimeout;
    window.clearTimeout = ((id?: number) => { if (id !== undefined) timeouts.delete(id); clearTimeout(id); }) as typeof window.clearTimeout;
    (window as unknown as { __resources: () => object }).__resources = () => {
      let live = 0;
      for (const [target, set] of listeners) {
        // An element that left the page takes its listeners with it; only live targets count.
        if (target instanceof Node && target !== document && !target.isConnected) continue;
        live += set.size;
      }
      const hook = (window as unknown as { __throughline: { liveDisposables(): number } }).__throughline;
      return { listeners: live, intervals: intervals.size, pendingTimeouts: timeouts.size, disposables: hook.liveDisposables() };
    };
  });
  const shell = new AppShell(page);
  await shell.open(server.url);
  // Building the sample is the slow part of this test on a loaded machine: wait for it generously.
  await page.getByRole('button', { name: 'Open sample plan' }).click();
  await expect(page.getByRole('treeitem').first()).toBeVisible({ timeout: 30_000 });
  const planHash = await page.evaluate(() => window.location.hash);
  expect(planHash).toMatch(/^#\/plan\//);

  /** Opens the plan from the library and closes it again, `times` times, waiting for each to show. */
  const cycle = (times: number) => page.evaluate(async ({ hash, times }) => {
    const until = (ready: () => boolean) => new Promise<void>((resolve, reject) => {
      const started = performance.now();
      const check = () => {
        if (ready()) resolve();
        else if (performance.now() - started > 10_000) reject(new Error(`timed out waiting in cycle for ${window.location.hash}`));
        else requestAnimationFrame(check);
      };
      check();
    });
    let opened = 0;
    for (let i = 0; i < times; i++) {
      window.location.hash = hash;
      await until(() => document.querySelectorAll('[role="treeitem"]').length > 0);
      opened++;
      window.location.hash = '#/';
      await until(() => document.querySelector('[aria-label="Plans on this device"]') !== null && document.querySelectorAll('[role="treeitem"]').length === 0);
    }
    return opened;
  }, { hash: planHash, times });
  const read = () => page.evaluate(() => (window as unknown as { __resources: () => Resources }).__resources());
  /**
   * The library page's count once closing the plan has finished: every timeout it left has run (a
   * timeout that never runs fails here), and two reads in a row agree. A fixed 300 ms was not always
   * enough on a loaded machine: the first count once caught a closing timer still pending and the
   * count after 100 cycles did not.
   */
  const settledResources = async (): Promise<Resources> => {
    let last: Resources | undefined;
    await expect.poll(async () => {
      const now = await read();
      const same = JSON.stringify(now) === JSON.stringify(last);
      last = now;
      return same ? now.pendingTimeouts : -1;
    }, { message: 'timeouts still pending on the library page after closing the plan', intervals: [300], timeout: 30_000 }).toBe(0);
    return last!;
  };

  expect(await cycle(1)).toBe(1);
  const baseline = await settledResources();
  expect(await cycle(100)).toBe(100);
  const after = await settledResources();
  expect(after).toEqual(baseline);
  // The counters see real work: an open plan holds listeners, a timer and disposables.
  await page.evaluate((hash) => { window.location.hash = hash; }, planHash);
  await expect(page.getByRole('treeitem').first()).toBeVisible();
  // The rows first come from the stored first screen; the session holds its resources once live.
  await expect(page.getByRole('tree', { name: 'Plan outline' })).not.toHaveAttribute('data-first-screen', { timeout: 30_000 });
  // Read until the open plan's resources are all counted (its effects run after the rows show),
  // instead of a fixed wait; each must then be above the library page's.
  await expect.poll(async () => {
    const open = await read();
    return { disposables: open.disposables > baseline.disposables, intervals: open.intervals > baseline.intervals, listeners: open.listeners > baseline.listeners };
  }, { message: 'the open plan holds more disposables, intervals and listeners than the library page' }).toEqual({ disposables: true, intervals: true, listeners: true });
});
