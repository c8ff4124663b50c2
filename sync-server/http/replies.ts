import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { securityHeaders } from '../static-site.js';

/** Headers sent with a refusal, e.g. `{ 'Retry-After': '2' }`. */
export type ExtraHeaders = Readonly<Record<string, string>>;

/** A plain-text HTTP answer with the security headers. */
export function sendText(res: ServerResponse, status: number, text: string, headers: ExtraHeaders = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(`${text}\n`);
}

/**
 * Answers on a raw socket (an upgrade request, or one Node's parser rejected) with `status` and a
 * short text reason, then closes it. Never throws: the socket may already be gone.
 */
export function answerOnSocket(socket: Duplex, status: number, reason: string, headers: ExtraHeaders = {}): void {
  if (socket.destroyed) return;
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = `${reason}\n`;
  const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n`
    + `Content-Length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`);
}
