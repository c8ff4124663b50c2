import type { DisposableStore } from '../../../shared/lifecycle/disposable.js';
import { listen } from './dom-disposables.js';
import { routeHash, type Route } from './routes.js';

/**
 * The window's location: the URL hash is where the window is (library, or a view of one plan).
 * `navigate` pushes a history entry, `replace` does not; whenever the hash changes, `onLocation` runs.
 */
export class Router {
  constructor(private readonly onLocation: (hash: string) => void) {}

  /** Follows the hash from now on (the listener is registered in `disposables`) and once now. */
  start(disposables: DisposableStore): void {
    disposables.add(listen(window, 'hashchange', () => this.onLocation(window.location.hash)));
    this.onLocation(window.location.hash);
  }

  /** Goes to a route (follows it again when the window is already there). */
  navigate(route: Route): void {
    const hash = routeHash(route);
    if (window.location.hash === hash) this.onLocation(hash);
    else window.location.hash = hash;
  }

  /** Rewrites the current history entry without following it (a view change, a spent join link). */
  replace(route: Route): void {
    const hash = routeHash(route);
    if (window.location.hash !== hash) history.replaceState(null, '', hash);
  }
}
