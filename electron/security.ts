import type { WebContents } from 'electron';

/** The only origin the app's own pages load from. */
export const appOrigin = 'app://throughline';

/** True when `url` is one of the app's own pages (navigation to anything else is refused). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'app:' && parsed.host === 'throughline';
  } catch {
    return false;
  }
}

/** Locks a window's contents down: no navigation away, no new windows, no webviews, no permissions. */
export function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => { if (!isAppUrl(url)) event.preventDefault(); });
  contents.on('will-redirect', (event, url) => { if (!isAppUrl(url)) event.preventDefault(); });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
}
