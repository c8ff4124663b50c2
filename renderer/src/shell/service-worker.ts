import { registerSW } from 'virtual:pwa-register';

/**
 * Registers the app-shell service worker in browser mode, so a page opened once reloads with the
 * server down. Electron loads the app from its own protocol and needs none.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  if (window.location.protocol !== 'http:' && window.location.protocol !== 'https:') return;
  registerSW({ immediate: true });
  // A build whose activation failed and completed at a later start of its worker deleted the previous
  // build's assets, which this page may still need (public/sw-static-routes.js): reload, as registerSW
  // does when a build activates.
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (isBuildStored(event.data)) window.location.reload();
  });
}

function isBuildStored(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'throughline:build-stored';
}
