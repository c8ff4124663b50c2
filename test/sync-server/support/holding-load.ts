import type { UpdateStore } from '../../../sync-server/storage/update-store.js';

/**
 * Stores (startTestServer's `wrapStore`, in SQLite mode and scaled out alike) whose reads or writes of
 * one room wait for the test's cue, so that a test can act while they are in flight.
 */

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
  const wrap = (store: UpdateStore): UpdateStore => replacing(store, 'load', async (loaded) => {
    if (loaded === room) {
      waiting = true;
      await cue;
      waiting = false;
    }
    return store.load(loaded);
  });
  return { wrap, waiting: () => waiting, release: () => release() };
}

/** A store whose writes of one room, once hold() is called, wait for the test's cue (with the rest of their batch). */
export interface HoldingAppends {
  /** Wraps the server's store (startTestServer's `wrapStore`). */
  readonly wrap: (store: UpdateStore) => UpdateStore;
  /** From now on a batch with a write of the room waits for release(). */
  readonly hold: () => void;
  /** Lets the held batches (and any later one) go on. */
  readonly release: () => void;
}

export function holdingAppends(room: string): HoldingAppends {
  let holding = false;
  let release: () => void = () => undefined;
  const cue = new Promise<void>((resolve) => { release = resolve; });
  const wrap = (store: UpdateStore): UpdateStore => replacing(store, 'append', async (batch) => {
    if (holding && batch.some((write) => write.room === room)) await cue;
    return store.append(batch);
  });
  return { wrap, hold: () => { holding = true; }, release: () => release() };
}

/** The store with one method replaced; every other is the store's own, on the store itself (optional ones stay absent). */
function replacing<K extends 'load' | 'append'>(store: UpdateStore, name: K, replacement: UpdateStore[K]): UpdateStore {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === name) return replacement;
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
