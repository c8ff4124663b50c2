import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { contentSecurityPolicy } from '../shared/bridge/content-security-policy.js';

export { contentSecurityPolicy };

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Security headers sent with every static response. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

/**
 * Serves the renderer's web build from `webRoot` at `pathname` (as sent, percent-encoded). Answers 404 for paths outside it (no traversal),
 * and index.html for `/`. Returns false when the request is not a GET/HEAD it should answer.
 */
export async function serveStatic(webRoot: string, pathname: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  let relative: string;
  try {
    relative = decodeURIComponent(pathname);
  } catch {
    sendText(res, 400, 'Bad request: the path is not valid percent-encoding.');
    return true;
  }
  if (relative.endsWith('/')) relative += 'index.html';
  const root = path.resolve(webRoot);
  const file = path.resolve(root, '.' + relative);
  if (file !== root && !file.startsWith(root + path.sep)) {
    sendText(res, 404, 'Not found.');
    return true;
  }
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    sendText(res, 404, 'Not found.');
    return true;
  }
  const type = contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  // The shell and service worker must revalidate so a new build reaches users; hashed assets are immutable.
  const cache = /\/assets\//.test(relative) ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { ...securityHeaders(), 'Content-Type': type, 'Content-Length': info.size, 'Cache-Control': cache });
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  createReadStream(file).pipe(res);
  return true;
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
