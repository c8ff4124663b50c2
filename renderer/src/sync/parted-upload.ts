import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { messageSync, type WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { messageType, splitDocumentDifference, syncFrame, syncMessageType } from '../../../shared/sync/index.js';
import { socketOpen, whenDrained } from './socket-drain.js';

/**
 * Parts of a large first upload. The server refuses any message over its `maxMessageBytes` (8 MiB by
 * default, never below 1 KiB) except one first sync step 2 up to `maxJoinBytes`; parts of 1 MiB pass
 * every server with the default limits, and a server with lower limits is met by shrinking (below).
 */
export const defaultMaxPartBytes = 1024 * 1024;
/** Smallest part tried after the server refused a part as too big (close 1009). */
const minPartBytes = 16 * 1024;
/** Part bytes waiting in the socket before the next part is handed over: memory stays bounded. */
const bufferedPartsAllowed = 2;
/** Close code of a message over the server's limit. */
const messageTooBig = 1009;
/** Room for the frame header around a part: message type, sync type, length. */
const frameOverheadBytes = 16;

export interface PartedUploadOptions {
  /** Largest part (default 1 MiB); halved down to 16 KiB each time the server refuses one as too big. */
  maxPartBytes?: number;
  /** Called after each part is handed to the socket (the caller may keep a timeout alive). */
  onPart?: (sent: number, total: number) => void;
}

/**
 * Answers the server's sync step 1 in parts when what it lacks does not fit in one message: instead
 * of one giant sync step 2 (refused past the server's join limit: a 100,000-node plan is ~83 MB),
 * the difference goes as ordinary update messages in causal order (splitDocumentDifference), each
 * handed to the socket only when the previous ones have drained, and a closing empty sync step 2
 * completes the handshake (the server then handles any edit it held back for it). A difference that
 * fits in one part is answered exactly as the stock client does. Everything else stays the stock
 * y-websocket client's.
 */
export class PartedUpload {
  private maxPartBytes: number;
  private sending = 0;
  private generation = 0;
  private idleWaiters: (() => void)[] = [];
  /** Whether the current connection carried parts (a 1009 then means a part was too big). */
  private partsSentOnConnection = false;
  private answeredOnConnection = false;
  /** Sync step 2 frames received on this connection: the server's answers, in the order of our step 1s. */
  private step2Received = 0;
  /** Resolves the wait for the server's answer to the step 1 sent after the parts (or the connection's end). */
  private acknowledge: ((received: boolean) => void) | null = null;

  constructor(private readonly provider: WebsocketProvider, private readonly options: PartedUploadOptions = {}) {
    this.maxPartBytes = options.maxPartBytes ?? defaultMaxPartBytes;
    const stock = provider.messageHandlers[messageSync];
    if (stock === undefined) throw new Error('the y-websocket client has no sync handler to wrap');
    provider.messageHandlers[messageSync] = (encoder, decoder, current, emitSynced, type) => {
      const peek = decoding.clone(decoder);
      const sync = decoding.readVarUint(peek);
      if (sync !== syncMessageType.step1) {
        stock(encoder, decoder, current, emitSynced, type);
        if (sync === syncMessageType.step2) this.step2Received++;
        // The stock client's step 1 is answered first, ours (sent after the parts) second.
        if (this.step2Received >= 2 && this.acknowledge !== null) this.acknowledge(true);
        return;
      }
      this.answerStep1(encoder, decoding.readVarUint8Array(peek));
    };
    provider.on('connection-close', (event) => {
      // A part larger than this server takes: smaller parts on the next connection.
      if (event?.code === messageTooBig && this.partsSentOnConnection) {
        this.maxPartBytes = Math.max(minPartBytes, Math.floor(this.maxPartBytes / 4));
      }
      this.partsSentOnConnection = false;
      this.answeredOnConnection = false;
      this.step2Received = 0;
      this.acknowledge?.(false);
      this.generation++;
    });
  }

  /** True while parts of a first upload are being sent, until the server has acknowledged them. */
  get busy(): boolean {
    return this.sending > 0;
  }

  /**
   * Whether the current connection has sent the server everything it lacked (one sync step 2, or every
   * part and the closing step 2). False again once the connection closes.
   */
  get answered(): boolean {
    return this.answeredOnConnection;
  }

  /** Resolves once no parted upload is in progress. */
  whenIdle(): Promise<void> {
    if (this.sending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private answerStep1(encoder: encoding.Encoder, stateVector: Uint8Array): void {
    const parts = splitDocumentDifference(this.provider.doc, stateVector, this.maxPartBytes - frameOverheadBytes);
    const [only] = parts;
    if (parts.length === 1 && only !== undefined) {
      encoding.writeVarUint(encoder, messageType.sync);
      encoding.writeVarUint(encoder, syncMessageType.step2);
      encoding.writeVarUint8Array(encoder, only);
      this.answeredOnConnection = true;
      return;
    }
    // Nothing is written to `encoder`: the stock client sends nothing back for this message.
    void this.sendParts(parts);
  }

  private async sendParts(parts: readonly Uint8Array[]): Promise<void> {
    const socket = this.provider.ws;
    const generation = this.generation;
    if (socket === null) return;
    this.sending++;
    this.partsSentOnConnection = true;
    try {
      const stillOpen = () => generation === this.generation && this.provider.ws === socket && socket.readyState === socketOpen;
      for (const [index, part] of parts.entries()) {
        if (!await whenDrained(socket, { atMostBytes: bufferedPartsAllowed * this.maxPartBytes, stillWanted: stillOpen })) return;
        socket.send(syncFrame(syncMessageType.update, part));
        this.options.onPart?.(index + 1, parts.length);
      }
      if (!stillOpen()) return;
      // The closing step 2 lets the server handle edits it held back until our answer was complete.
      socket.send(syncFrame(syncMessageType.step2, new Uint8Array([0, 0])));
      // The protocol has no acknowledgement, and a refused part only shows as a close that may come
      // after the last part left. The server answers messages in order, and a step 1 once all before it
      // is durable: its answer means every part was taken.
      const taken = new Promise<boolean>((resolve) => { this.acknowledge = resolve; });
      socket.send(syncFrame(syncMessageType.step1, Y.encodeStateVector(this.provider.doc)));
      const accepted = await taken;
      this.acknowledge = null;
      if (accepted && stillOpen()) this.answeredOnConnection = true;
    } finally {
      this.sending--;
      if (this.sending === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }
}
