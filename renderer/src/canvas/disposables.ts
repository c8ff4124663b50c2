/**
 * Whatever adds a listener, observer, timer or worker registers its disposal here, and `dispose()`
 * releases them all, last first (VS Code's DisposableStore): the canvas never tears down eight
 * things by hand.
 */
export class Disposables {
  private readonly undo: (() => void)[] = [];
  private disposed = false;

  add(dispose: () => void): void {
    if (this.disposed) dispose();
    else this.undo.push(dispose);
  }

  /** Adds an event listener and registers its removal. */
  listen<K extends keyof HTMLElementEventMap>(target: HTMLElement, type: K, listener: (event: HTMLElementEventMap[K]) => void, options?: AddEventListenerOptions): void {
    target.addEventListener(type, listener, options);
    this.add(() => target.removeEventListener(type, listener, options));
  }

  dispose(): void {
    this.disposed = true;
    while (this.undo.length > 0) this.undo.pop()!();
  }
}
