import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket, type ClientOptions } from 'ws';
import * as Y from 'yjs';
import { messageType, syncMessageType } from '../../../shared/sync/protocol.js';

/** How a raw client's connection ended. */
export interface CloseInfo {
  readonly code: number;
  readonly reason: string;
}

/** An HTTP refusal of the upgrade: no socket was opened. */
export class UpgradeRefused extends Error {
  constructor(readonly status: number, readonly body: string) {
    super(`upgrade refused with ${status}: ${body}`);
  }
}

export interface RawClientOptions {
  /** Answer the server's sync step 1 with a sync step 2 like the stock client (default true). */
  readonly answerSyncStep1?: boolean;
  /** ws options, e.g. `autoPong: false` for a client that never answers pings. */
  readonly socket?: ClientOptions;
}

/**
 * A client that speaks the y-websocket protocol byte by byte, so tests can send anything (valid or
 * hostile) and look at every frame the server sends back. It keeps a Y.Doc of what it was sent.
 */
export class RawClient {
  readonly doc = new Y.Doc();
  readonly frames: Uint8Array[] = [];
  readonly permissionDenied: string[] = [];
  closeInfo: CloseInfo | null = null;
  private synced = false;

  private constructor(private readonly socket: WebSocket, private readonly answerSyncStep1: boolean) {
    socket.binaryType = 'nodebuffer';
    socket.on('message', (data: Buffer) => this.onFrame(new Uint8Array(data)));
    socket.on('close', (code, reason) => { this.closeInfo = { code, reason: reason.toString('utf8') }; });
    socket.on('error', () => undefined);
  }

  /** Opens a socket; rejects with UpgradeRefused when the server answers with an HTTP status. */
  static connect(url: string, options: RawClientOptions = {}): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, options.socket);
      socket.once('open', () => resolve(new RawClient(socket, options.answerSyncStep1 ?? true)));
      socket.once('unexpected-response', (_req, res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => { body += chunk; });
        res.on('end', () => reject(new UpgradeRefused(res.statusCode ?? 0, body.trim())));
      });
      socket.once('error', (error) => reject(error));
    });
  }

  /** Connects and completes the handshake: sends its state vector and waits for sync step 2. */
  static async joined(url: string): Promise<RawClient> {
    const client = await RawClient.connect(url);
    client.sendSyncStep1();
    await client.until(() => client.synced, 'sync step 2 from the server');
    return client;
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  send(frame: Uint8Array): void {
    this.socket.send(frame);
  }

  /** Sends one WebSocket frame of a message sent in parts (`last` ends the message). */
  sendFragment(part: Uint8Array, last: boolean): void {
    this.socket.send(part, { binary: true, fin: last });
  }

  /** Writes bytes straight onto the TCP socket, under the WebSocket framing (to send broken frames). */
  writeRaw(bytes: Uint8Array): void {
    (this.socket as unknown as { _socket: { write(data: Uint8Array): void } })._socket.write(bytes);
  }

  sendSyncStep1(): void {
    this.send(frameOf((e) => { encoding.writeVarUint(e, messageType.sync); encoding.writeVarUint(e, syncMessageType.step1); encoding.writeVarUint8Array(e, Y.encodeStateVector(this.doc)); }));
  }

  /** Sends `update` as a sync update message (what a client sends for each local change). */
  sendUpdate(update: Uint8Array): void {
    this.send(updateMessage(update));
  }

  /** Changes its doc and sends the change. */
  edit(change: (doc: Y.Doc) => void): void {
    const before = Y.encodeStateVector(this.doc);
    change(this.doc);
    this.sendUpdate(Y.encodeStateAsUpdate(this.doc, before));
  }

  /**
   * Resolves once the server has read every frame sent before: a ping's pong (ws reads a socket's frames
   * in order and answers a ping as it reads it). Not that the server has acted on them.
   */
  roundTrip(): Promise<void> {
    return new Promise((resolve) => {
      this.socket.once('pong', () => resolve());
      this.socket.ping();
    });
  }

  /** Resolves with how the server closed the connection. */
  async closed(): Promise<CloseInfo> {
    await this.until(() => this.closeInfo !== null, 'the connection to close');
    return this.closeInfo!;
  }

  close(): void {
    this.socket.close();
  }

  // A hang limit, not a timing: a join after the 8 MiB uploads of join-upload.test.ts took over 10 s at load ~9.
  async until(condition: () => boolean, what: string, limitMs = 30_000): Promise<void> {
    const started = Date.now();
    while (!condition()) {
      if (Date.now() - started > limitMs) throw new Error(`raw client gave up waiting for: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  private onFrame(frame: Uint8Array): void {
    this.frames.push(frame);
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    if (type === messageType.sync) {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === syncMessageType.step1) {
        if (!this.answerSyncStep1) return;
        // Answer like the stock client: with what the server lacks.
        this.send(frameOf((e) => { encoding.writeVarUint(e, messageType.sync); encoding.writeVarUint(e, syncMessageType.step2); encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(this.doc, payload)); }));
      } else {
        Y.applyUpdate(this.doc, payload, 'server');
        if (step === syncMessageType.step2) this.synced = true;
      }
    } else if (type === messageType.auth) {
      decoding.readVarUint(decoder);
      this.permissionDenied.push(decoding.readVarString(decoder));
    }
  }
}

export function frameOf(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** A sync step 2 message carrying `update` (what a client answers the server's sync step 1 with). */
export function syncStep2Message(update: Uint8Array): Uint8Array {
  return frameOf((e) => { encoding.writeVarUint(e, messageType.sync); encoding.writeVarUint(e, syncMessageType.step2); encoding.writeVarUint8Array(e, update); });
}

/** A sync update message carrying `update`. */
export function updateMessage(update: Uint8Array): Uint8Array {
  return frameOf((e) => { encoding.writeVarUint(e, messageType.sync); encoding.writeVarUint(e, syncMessageType.update); encoding.writeVarUint8Array(e, update); });
}
