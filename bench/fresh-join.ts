// A fresh client joining a plan through the sync server, as the benches that compare server answers
// need it: raw ws (so the bytes on the wire and the negotiated extensions can be read), an empty
// state vector, every answer applied, resolved at the closing sync step 2.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { messageType, syncMessageType } from '../shared/sync/protocol.js';

export interface FreshJoin {
  readonly ms: number;
  /** Bytes read from the socket: what crossed the wire, compressed or not. */
  readonly wireBytes: number;
  readonly doc: Y.Doc;
  /** The websocket extensions the server accepted ('' for none). */
  readonly extensions: string;
}

function syncFrame(step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageType.sync);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/**
 * Joins `url` with an empty doc. With `upload`, answers the server's step 1 with it (a first upload);
 * `perMessageDeflate` says whether the client offers compression (browsers and stock ws do).
 */
export function freshJoin(url: string, options: { upload?: Uint8Array; perMessageDeflate?: boolean } = {}): Promise<FreshJoin> {
  const started = performance.now();
  const doc = new Y.Doc();
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: options.perMessageDeflate ?? true });
    socket.binaryType = 'nodebuffer';
    socket.on('error', reject);
    socket.on('open', () => socket.send(syncFrame(syncMessageType.step1, Y.encodeStateVector(doc))));
    socket.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== messageType.sync) return;
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === syncMessageType.step1) {
        socket.send(syncFrame(syncMessageType.step2, options.upload ?? new Uint8Array([0, 0])));
        return;
      }
      Y.applyUpdate(doc, payload);
      if (step === syncMessageType.step2) {
        const wireBytes = (socket as unknown as { _socket: { bytesRead: number } })._socket.bytesRead;
        const extensions = socket.extensions;
        socket.close();
        resolve({ ms: performance.now() - started, wireBytes, doc, extensions });
      }
    });
  });
}
