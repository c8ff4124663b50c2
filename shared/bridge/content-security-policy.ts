import { firstScreenReadScriptHash } from './first-screen-read-script.js';

/**
 * The app's Content-Security-Policy, one definition for every host that serves the web build (the
 * sync server in browser mode, the app:// protocol in Electron): only our own scripts and styles
 * (and index.html's one inline script, the first screen's early read, allowed by its hash alone);
 * sockets may go to any sync server the user joins (a workshop host on the LAN); nothing else leaves
 * the page.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' ${firstScreenReadScriptHash}`,
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' ws: wss:",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The same policy as a `<meta>` for the web build's index.html, so the page is protected however it is
 * loaded (a file, a proxy that drops headers) and scanners see it. `frame-ancestors` is left out: a
 * meta policy cannot carry it (the header does).
 */
export const contentSecurityPolicyMeta = contentSecurityPolicy.split('; ').filter((directive) => !directive.startsWith('frame-ancestors')).join('; ');

/** The `<meta>` element carrying contentSecurityPolicyMeta. */
export function contentSecurityPolicyMetaTag(): string {
  return `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicyMeta}" />`;
}
