/**
 * What the OS asked the app to open (files, join links) while no page could take it yet: before the
 * window exists, and while its page loads. main.ts held ONE request in a variable until the window had
 * loaded, so of three files opened together from the Finder before the app was up only the last
 * opened, and a file handed over by a second launch while the page loaded was sent to a page not yet
 * there (review43b F1). Requests are held in arrival order and handed over once the page is ready.
 */
/** More than this many waiting requests is not a person opening files; the oldest are dropped. */
export const MAX_HELD = 32;

export class LaunchQueue<T> {
  private held: T[] = [];
  private deliver: ((request: T) => void) | null = null;

  /** Hands `request` over now when a page is ready, else holds it. */
  push(request: T): void {
    if (this.deliver) { this.deliver(request); return; }
    this.held.push(request);
    if (this.held.length > MAX_HELD) this.held.shift();
  }

  /** The page has loaded: everything held goes to `deliver` in order, and later requests at once. */
  ready(deliver: (request: T) => void): void {
    this.deliver = deliver;
    for (const request of this.held.splice(0)) deliver(request);
  }

  /** The window is gone (or loading again): requests are held until the next `ready`. */
  notReady(): void {
    this.deliver = null;
  }
}
