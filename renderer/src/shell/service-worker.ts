import { registerSW } from 'virtual:pwa-register';

/**
 * Registers the app-shell service worker in browser mode, so a page opened once reloads with the
 * server down. Electron loads the app from its own protocol and needs none.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  if (window.location.protocol !== 'http:' && window.location.protocol !== 'https:') return;
  registerSW({ immediate: true });
}
