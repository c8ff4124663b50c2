import { connect } from 'node:net';

/** What a server answered to raw bytes: its status (null: no answer before it closed or timed out). */
export interface RawAnswer {
  readonly status: number | null;
  /** The answer's first bytes, for failure messages. */
  readonly head: string;
}

/**
 * Sends `request` as-is over a fresh TCP connection and resolves with the status line of the
 * answer, so tests can send what no HTTP client would (broken request lines, headers, targets).
 */
export function sendRawRequest(port: number, request: string | Buffer, timeoutMs = 3_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(received);
      resolve({ status: match ? Number(match[1]) : null, head: received.slice(0, 200) });
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n')) finish();
    });
    socket.on('connect', () => socket.write(request));
  });
}

/** A request with the headers of a WebSocket upgrade, for `target`. */
export function upgradeRequest(target: string, extraHeaders = ''): string {
  return `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n`
    + `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extraHeaders}\r\n`;
}

/** A plain GET for `target` that asks the server to close afterwards. */
export function plainRequest(target: string, method = 'GET', extraHeaders = ''): string {
  return `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${extraHeaders}\r\n`;
}
