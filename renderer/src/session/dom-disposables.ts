import { toDisposable, type Disposable } from '../../../shared/lifecycle/disposable.js';

/**
 * The browser's ways of adding a listener or a timer, each returning the disposable that undoes it,
 * so callers register them in a DisposableStore instead of keeping handles to clear by hand.
 */

/** `target.addEventListener`, undone by dispose. */
export function listen<K extends keyof WindowEventMap>(target: Window, type: K, listener: (event: WindowEventMap[K]) => void, options?: AddEventListenerOptions): Disposable;
export function listen(target: EventTarget, type: string, listener: (event: Event) => void, options?: AddEventListenerOptions): Disposable;
export function listen(target: EventTarget, type: string, listener: (event: Event) => void, options?: AddEventListenerOptions): Disposable {
  target.addEventListener(type, listener, options);
  return toDisposable(() => target.removeEventListener(type, listener, options));
}

/** `setInterval`, cleared by dispose. */
export function interval(run: () => void, ms: number): Disposable {
  const handle = window.setInterval(run, ms);
  return toDisposable(() => window.clearInterval(handle));
}

/** `setTimeout`, cleared by dispose (harmless after it fired). */
export function timeout(run: () => void, ms: number): Disposable {
  const handle = window.setTimeout(run, ms);
  return toDisposable(() => window.clearTimeout(handle));
}

/** `requestAnimationFrame`, cancelled by dispose. */
export function animationFrame(run: () => void): Disposable {
  const handle = requestAnimationFrame(run);
  return toDisposable(() => cancelAnimationFrame(handle));
}

/** Something with Yjs-style `on`/`off` (Y.Doc, UndoManager, Awareness), undone by dispose. */
export interface Observable<Name extends string, Handler> {
  on(name: Name, handler: Handler): void;
  off(name: Name, handler: Handler): void;
}

export function observe<Name extends string, Handler>(source: Observable<Name, Handler>, name: Name, handler: Handler): Disposable {
  source.on(name, handler);
  return toDisposable(() => source.off(name, handler));
}
