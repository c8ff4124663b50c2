import type { UpdateStore } from '../../../sync-server/storage/update-store.js';

/** A store whose load of one room waits for the test's cue: frames sent meanwhile wait for the room. */
export interface HoldingLoad {
  /** Wraps the server's store (startTestServer's `wrapStore`). */
  readonly wrap: (store: UpdateStore) => UpdateStore;
  /** Whether the room's load has started and is waiting for release(). */
  readonly waiting: () => boolean;
  /** Lets the held load (and any later one) go on. */
  readonly release: () => void;
}

export function holdingLoad(room: string): HoldingLoad {
  let release: () => void = () => undefined;
  const cue = new Promise<void>((resolve) => { release = resolve; });
  let waiting = false;
  const wrap = (store: UpdateStore): UpdateStore => new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'load') {
        return async (loaded: string) => {
          if (loaded === room) {
            waiting = true;
            await cue;
            waiting = false;
          }
          return target.load(loaded);
        };
      }
      // Every other method is the store's own, on the store itself (optional ones stay absent).
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { wrap, waiting: () => waiting, release: () => release() };
}
