import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { closeCodes } from '../shared/sync/protocol.js';
import { DecodeError } from './protocol/byte-reader.js';
import { decodeClientFrame, type ClientFrame } from './protocol/frames.js';
import { TokenBucket } from './rate-limit.js';
import type { Room, RoomPeer } from './rooms/room.js';

/** Limits that apply to each connection. */
export interface ConnectionLimits {
  readonly messagesPerSecond: number;
  readonly messageBurst: number;
  /** A peer whose unsent data grows past this is too slow to keep up and is closed. */
  readonly maxBufferedBytes: number;
}

/** Frames that may wait while the room loads; more is a flood. */
const maxFramesBeforeJoin = 64;
/** How long a too-slow reader gets to take its close frame before the socket is dropped. */
const slowConsumerGraceMs = 1_000;
/** WebSocket close reasons are limited to 123 bytes. */
const maxReasonBytes = 123;

/**
 * One client's WebSocket: rate limit, defensive decoding, buffering while its room loads, and the
 * RoomPeer side the room talks to. Any protocol violation closes this connection only.
 */
export class Connection implements RoomPeer {
  private readonly bucket: TokenBucket;
  private room: Room | null = null;
  private waiting: ClientFrame[] | null = [];
  private closing = false;
  /** Set by the liveness check; cleared by each pong. */
  awaitingPong = false;

  constructor(
    readonly id: number,
    private readonly socket: WebSocket,
    readonly canEdit: boolean,
    readonly roomKey: string,
    /** Unix seconds when the token expires. */
    readonly expiresAt: number,
    private readonly limits: ConnectionLimits,
    private readonly log: Logger,
  ) {
    this.bucket = new TokenBucket(limits.messagesPerSecond, limits.messageBurst);
    socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    socket.on('pong', () => { this.awaitingPong = false; });
  }

  get isClosed(): boolean {
    return this.closing;
  }

  /** The room has loaded: join it and handle what arrived meanwhile. */
  attach(room: Room): void {
    this.room = room;
    const waiting = this.waiting ?? [];
    this.waiting = null;
    for (const frame of waiting) {
      if (this.closing) return;
      this.deliver(frame);
    }
  }

  send(frame: Uint8Array): void {
    if (this.closing) return;
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.close(closeCodes.slowConsumer, `too slow: more than ${this.limits.maxBufferedBytes} bytes waiting to be sent`);
      // The close frame waits behind the unread data: free that memory soon whether or not it arrives.
      setTimeout(() => this.socket.terminate(), slowConsumerGraceMs).unref();
      return;
    }
    this.socket.send(frame);
  }

  close(code: number, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    this.room?.leave(this);
    this.log.info({ connection: this.id, room: this.roomKey, code, reason }, 'closing connection');
    this.socket.close(code, truncateUtf8(reason, maxReasonBytes));
  }

  /** The socket is gone (closed by either side or terminated). */
  closed(): void {
    this.closing = true;
    this.room?.leave(this);
  }

  /** Sends a ping; closes connections that did not answer the previous one. */
  checkLiveness(): void {
    if (this.closing) return;
    if (this.awaitingPong) {
      this.log.info({ connection: this.id, room: this.roomKey }, 'no pong; terminating connection');
      this.closing = true;
      this.room?.leave(this);
      this.socket.terminate();
      return;
    }
    this.awaitingPong = true;
    this.socket.ping();
  }

  private onMessage(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
    if (this.closing) return;
    if (!this.bucket.take()) {
      this.close(closeCodes.rateLimited, `rate limit: more than ${this.limits.messagesPerSecond} messages per second`);
      return;
    }
    if (!isBinary) {
      this.close(closeCodes.malformedMessage, 'malformed message: text frames are not part of the protocol');
      return;
    }
    const bytes = toBytes(data);
    let frame: ClientFrame;
    try {
      frame = decodeClientFrame(bytes);
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      this.log.warn({ connection: this.id, room: this.roomKey, reason: error.message, bytes: bytes.length }, 'malformed message');
      this.close(closeCodes.malformedMessage, `malformed message: ${error.message}`);
      return;
    }
    if (this.waiting !== null) {
      if (this.waiting.length >= maxFramesBeforeJoin) {
        this.close(closeCodes.rateLimited, 'rate limit: too many messages before the room was ready');
        return;
      }
      this.waiting.push(frame);
      return;
    }
    this.deliver(frame);
  }

  private deliver(frame: ClientFrame): void {
    try {
      this.room?.receive(this, frame);
    } catch (error) {
      this.log.error({ connection: this.id, room: this.roomKey, err: error }, 'message handling failed');
      this.close(closeCodes.storageFailure, 'internal error');
    }
  }
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/** Cuts `text` to at most `maxBytes` of UTF-8 without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let cut = text;
  while (Buffer.byteLength(cut + '…') > maxBytes) cut = cut.slice(0, -1);
  return cut + '…';
}
