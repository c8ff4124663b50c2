import path from 'node:path';
import { contentSecurityPolicy } from '../shared/bridge/content-security-policy.js';

/** What the app:// protocol answers for one request URL. */
export type AppResource = { kind: 'file'; file: string } | { kind: 'refused'; status: 400 | 404; reason: string };

/**
 * Maps an app:// URL to a file inside the web build. Refuses malformed percent-encoding, another host
 * than the app's, and any path that would leave the build folder, so a crafted URL cannot read other files.
 */
export function resolveAppResource(webRoot: string, url: string): AppResource {
  let parsed: URL, pathname: string;
  try {
    parsed = new URL(url);
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return { kind: 'refused', status: 400, reason: 'The path is not valid percent-encoding.' };
  }
  // Only the app's own origin is the web build (app://print/… is the PDF printer's, print-documents.ts).
  if (parsed.host !== 'throughline') return { kind: 'refused', status: 404, reason: 'Not found.' };
  const root = path.resolve(webRoot);
  const file = path.resolve(root, '.' + (pathname === '/' ? '/index.html' : pathname));
  if (!file.startsWith(root + path.sep)) return { kind: 'refused', status: 404, reason: 'Not found.' };
  return { kind: 'file', file };
}

/** Headers every app:// response carries: the same strict policy the sync server sends. */
export const appResponseHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
};
