import { setMaxListeners } from 'node:events';
import { WebSocket } from 'ws';

/**
 * What the renderer's sync code uses of a page, installed in Node so the real PlanSync runs against a
 * real server: `window` events and timers, `navigator.onLine`, and a WebSocket (the `ws` package, the
 * one the stock y-websocket client uses in Node). `goOffline`/`goOnline` do what the browser does
 * when the network goes and comes back: flip `onLine` and fire the event.
 */
export interface PageGlobals {
  /** Every WebSocket the page opened, by URL (room sockets and access checks alike). */
  readonly opened: string[];
  /** The same, with when each was opened (performance.now()), for benchmarks. */
  readonly openedAt: { url: string; at: number }[];
  /** Called as each WebSocket is made, before it connects (a test reads what the app says at that moment). */
  onOpen: ((url: string) => void) | null;
  goOffline(): void;
  goOnline(): void;
  remove(): void;
}

export function installPageGlobals(): PageGlobals {
  const events = new EventTarget();
  // Every PlanSync listens for online/offline: a benchmark runs dozens on one page.
  setMaxListeners(0, events);
  const network = { onLine: true };
  const opened: string[] = [];
  const openedAt: { url: string; at: number }[] = [];
  const hooks: { onOpen: ((url: string) => void) | null } = { onOpen: null };
  class CountedWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      opened.push(String(url));
      openedAt.push({ url: String(url), at: performance.now() });
      hooks.onOpen?.(String(url));
    }
  }
  const page = Object.assign(events, {
    setTimeout: (handler: () => void, ms?: number) => setTimeout(handler, ms),
    clearTimeout: (timer: ReturnType<typeof setTimeout> | undefined) => clearTimeout(timer),
  });
  const saved = ['window', 'navigator', 'WebSocket'].map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)] as const);
  Object.defineProperty(globalThis, 'window', { value: page, configurable: true, writable: true });
  Object.defineProperty(globalThis, 'navigator', { value: network, configurable: true, writable: true });
  Object.defineProperty(globalThis, 'WebSocket', { value: CountedWebSocket, configurable: true, writable: true });
  return {
    opened,
    openedAt,
    get onOpen() { return hooks.onOpen; },
    set onOpen(listener) { hooks.onOpen = listener; },
    goOffline: () => { network.onLine = false; events.dispatchEvent(new Event('offline')); },
    goOnline: () => { network.onLine = true; events.dispatchEvent(new Event('online')); },
    remove: () => {
      for (const [name, descriptor] of saved) {
        if (descriptor) Object.defineProperty(globalThis, name, descriptor);
        else Reflect.deleteProperty(globalThis, name);
      }
    },
  };
}
