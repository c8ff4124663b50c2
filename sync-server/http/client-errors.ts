import type { Duplex } from 'node:stream';
import { answerOnSocket } from './replies.js';

/** What Node's HTTP parser reports for a request it cannot read (`clientError`). */
export interface ClientErrorAnswer {
  /** null: the peer is gone or reset; nothing is sent. */
  readonly status: number | null;
  readonly reason: string;
}

/**
 * The answer to a request Node's parser rejected before any handler saw it (garbage request line,
 * bad header, header too large, too slow): always a 4xx, never a 5xx.
 */
export function clientErrorAnswer(error: NodeJS.ErrnoException): ClientErrorAnswer {
  switch (error.code) {
    case 'ECONNRESET':
    case 'EPIPE':
      return { status: null, reason: 'connection reset by the peer' };
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, reason: 'request headers too large' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, reason: 'request not received in time' };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, reason: 'chunk extensions too large' };
    default:
      return { status: 400, reason: `malformed request (${error.code ?? 'unparseable'})` };
  }
}

/** Answers (or just drops) a socket whose request Node's parser rejected. Never throws. */
export function answerClientError(socket: Duplex, answer: ClientErrorAnswer): void {
  if (answer.status === null) socket.destroy();
  else answerOnSocket(socket, answer.status, answer.reason);
}
