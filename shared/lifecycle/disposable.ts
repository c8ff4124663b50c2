/**
 * Disposables, after VS Code's `lifecycle.ts`: whatever adds a listener, timer or subscription
 * registers how to undo it in one `DisposableStore`, and `dispose()` releases everything at once.
 * A session, a controller or a canvas then never tears down its resources by hand (and never
 * forgets one). Pure: the DOM helpers that create disposables live in renderer/src/session/dom-disposables.ts.
 */

/** Something that holds a resource until `dispose()` is called. Disposing twice is harmless. */
export interface Disposable {
  dispose(): void | Promise<void>;
}

/** Counts the disposables registered in stores and not yet released (a leak check for tests). */
let liveCount = 0;

/** How many registered disposables have not been released, across every store of this realm. */
export function liveDisposables(): number {
  return liveCount;
}

/** Wraps a cleanup function as a disposable that runs it at most once. */
export function toDisposable(cleanup: () => void | Promise<void>): Disposable {
  let done = false;
  return {
    dispose() {
      if (done) return;
      done = true;
      return cleanup();
    },
  };
}

/**
 * Owns a set of disposables and releases them together, last registered first (like `using`
 * blocks): a listener added after a resource is removed before that resource is destroyed.
 * A disposable returning a promise (an IndexedDB close) is awaited before the next is released.
 * Adding to a store already disposed releases the newcomer at once, so a late callback cannot leak.
 */
export class DisposableStore implements Disposable {
  private readonly items: Disposable[] = [];
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** How many disposables the store holds now. */
  get size(): number {
    return this.items.length;
  }

  /** Registers a disposable and returns it. */
  add<T extends Disposable>(item: T): T {
    if (this.disposed) {
      void item.dispose();
      return item;
    }
    this.items.push(item);
    liveCount++;
    return item;
  }

  /** Registers a cleanup function. */
  defer(cleanup: () => void | Promise<void>): Disposable {
    return this.add(toDisposable(cleanup));
  }

  /** Releases one disposable now and forgets it (a timer that fired, a one-shot wait that ended). */
  release(item: Disposable): void | Promise<void> {
    const index = this.items.indexOf(item);
    if (index < 0) return;
    this.items.splice(index, 1);
    liveCount--;
    return item.dispose();
  }

  /**
   * Releases everything, newest first. Synchronous disposables are released before this returns
   * up to the first asynchronous one; the promise settles when all are released. Failures do not
   * stop the others: they are reported together once every disposable has had its turn.
   */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const failures: unknown[] = [];
    while (this.items.length > 0) {
      const item = this.items.pop()!;
      liveCount--;
      try {
        const result = item.dispose();
        if (result instanceof Promise) await result;
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new AggregateError(failures, `${failures.length} disposables failed to release.`);
  }
}

/** Holds at most one disposable: setting a new value releases the previous one (a reconnect). */
export class MutableDisposable<T extends Disposable> implements Disposable {
  private current: T | null = null;
  private disposed = false;

  get value(): T | null {
    return this.current;
  }

  set value(next: T | null) {
    if (this.current === next) return;
    const previous = this.current;
    this.current = this.disposed ? null : next;
    if (previous) void previous.dispose();
    if (this.disposed && next) void next.dispose();
  }

  dispose(): void | Promise<void> {
    this.disposed = true;
    const previous = this.current;
    this.current = null;
    return previous?.dispose();
  }
}

/** A listener registration: calling the event with a listener returns how to remove it. */
export type Event<T> = (listener: (value: T) => void) => Disposable;

/** A typed event source (VS Code's `Emitter`): `event` subscribes, `fire` notifies. */
export class Emitter<T> implements Disposable {
  private readonly listeners = new Set<(value: T) => void>();

  readonly event: Event<T> = (listener) => {
    // A fresh wrapper per subscription, so one function subscribed twice is removed twice.
    const entry = (value: T) => listener(value);
    this.listeners.add(entry);
    return toDisposable(() => { this.listeners.delete(entry); });
  };

  /** How many listeners are subscribed (for leak checks). */
  get listenerCount(): number {
    return this.listeners.size;
  }

  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }

  dispose(): void {
    this.listeners.clear();
  }
}
