import { describe, expect, it } from 'vitest';
import { DisposableStore, Emitter, MutableDisposable, liveDisposables, toDisposable } from '../../../shared/lifecycle/disposable.js';

describe('DisposableStore', () => {
  it('releases everything once, newest first, and counts what is live', async () => {
    const before = liveDisposables();
    const order: string[] = [];
    const store = new DisposableStore();
    store.defer(() => { order.push('doc'); });
    store.defer(() => { order.push('listener'); });
    expect(liveDisposables()).toBe(before + 2);
    await store.dispose();
    await store.dispose();
    expect(order).toEqual(['listener', 'doc']);
    expect(store.isDisposed).toBe(true);
    expect(liveDisposables()).toBe(before);
  });

  it('awaits an asynchronous disposable before releasing the ones registered before it', async () => {
    const order: string[] = [];
    const store = new DisposableStore();
    store.defer(() => { order.push('doc destroyed'); });
    store.defer(async () => { await new Promise((resolve) => setTimeout(resolve, 5)); order.push('storage closed'); });
    store.defer(() => { order.push('timer cleared'); });
    const done = store.dispose();
    // Synchronous ones before the first asynchronous one are released before dispose() returns.
    expect(order).toEqual(['timer cleared']);
    await done;
    expect(order).toEqual(['timer cleared', 'storage closed', 'doc destroyed']);
  });

  it('releases a disposable added after disposal at once, so a late callback cannot leak', async () => {
    const store = new DisposableStore();
    await store.dispose();
    let released = false;
    store.defer(() => { released = true; });
    expect(released).toBe(true);
    expect(store.size).toBe(0);
  });

  it('keeps releasing after a failure and reports every failure', async () => {
    const store = new DisposableStore();
    let released = 0;
    store.defer(() => { released++; });
    store.defer(() => { throw new Error('first'); });
    store.defer(() => { throw new Error('second'); });
    await expect(store.dispose()).rejects.toThrow('2 disposables failed to release.');
    expect(released).toBe(1);
  });

  it('release() disposes one item now and forgets it', async () => {
    const store = new DisposableStore();
    let count = 0;
    const item = store.defer(() => { count++; });
    store.release(item);
    expect(store.size).toBe(0);
    await store.dispose();
    expect(count).toBe(1);
  });
});

describe('MutableDisposable and Emitter', () => {
  it('a new value releases the previous one; disposing releases the last', () => {
    const released: string[] = [];
    const slot = new MutableDisposable();
    slot.value = toDisposable(() => { released.push('a'); });
    slot.value = toDisposable(() => { released.push('b'); });
    expect(released).toEqual(['a']);
    void slot.dispose();
    expect(released).toEqual(['a', 'b']);
    slot.value = toDisposable(() => { released.push('late'); });
    expect(released).toEqual(['a', 'b', 'late']);
    expect(slot.value).toBeNull();
  });

  it('an emitter subscription ends when its disposable is disposed', () => {
    const emitter = new Emitter<number>();
    const seen: number[] = [];
    const subscription = emitter.event((value) => seen.push(value));
    emitter.fire(1);
    void subscription.dispose();
    emitter.fire(2);
    expect(seen).toEqual([1]);
    expect(emitter.listenerCount).toBe(0);
  });
});
