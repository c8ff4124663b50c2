import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { closeCodes } from '../shared/sync/protocol.js';
import { DecodeError } from './protocol/byte-reader.js';
import { awarenessFrame, decodeClientFrame, isSyncStep2Frame, type ClientFrame } from './protocol/frames.js';
import { TokenBucket } from './rate-limit.js';
import type { Room, RoomPeer } from './rooms/room.js';
import type { UnfinishedFrameBudget } from './unfinished-frames.js';
import type { UploadSlots } from './upload-slots.js';

/** Limits that apply to each connection. */
export interface ConnectionLimits {
  readonly messagesPerSecond: number;
  readonly messageBurst: number;
  /**
   * A peer whose unsent data grows past this (beyond the largest single message it was sent, which
   * may be a whole large plan) is too slow to keep up and is closed.
   */
  readonly maxBufferedBytes: number;
  /** Largest message, except the connection's first sync step 2. */
  readonly maxMessageBytes: number;
  /** Largest first sync step 2 (the join upload: everything the client made offline). */
  readonly maxJoinBytes: number;
  /** Bound of one part of a large join answer: the next part is sent once less than two are waiting. */
  readonly maxReplyPartBytes: number;
  /** Liveness ping interval; also paces the keepalives sent during a long upload. */
  readonly pingMs: number;
  /** A message arriving slower than this closes the connection (its bytes are held meanwhile). */
  readonly minUploadBytesPerSecond: number;
}

/** Everything a connection is made of: its sockets, who it is, and the server-wide budgets it draws on. */
export interface ConnectionParts {
  readonly id: number;
  readonly socket: WebSocket;
  /** The TCP socket under `socket`: its bytes are counted as they arrive, before `ws` buffers them. */
  readonly rawSocket: Duplex;
  readonly canEdit: boolean;
  readonly roomKey: string;
  /** Identifies the token the connection was opened with (budgets and limits are shared per token). */
  readonly tokenKey: string;
  /** Unix seconds when the token expires. */
  readonly expiresAt: number;
  readonly limits: ConnectionLimits;
  readonly uploads: UploadSlots;
  readonly unfinished: UnfinishedFrameBudget;
  readonly log: Logger;
}

/** Frames that may wait while the room loads; more is a flood. */
const maxFramesBeforeJoin = 64;
/**
 * Bytes counted off the socket beyond the message limit before a message is treated as oversized:
 * frame headers, and the start of the next frame read together with the end of one.
 */
const wireSlackBytes = 64 * 1024;
/** Once this much of a message is in flight, the client is sent keepalives while it uploads. */
const keepaliveAfterBytes = 1024 * 1024;
/** Keepalives go out at most this often (the stock client drops a connection silent for 30 s). */
const maxKeepaliveMs = 10_000;
/**
 * The longest a demotion waits for the app's answer (review35 F3): a few round trips, for the change
 * already on its way. Not the keepalive interval (up to 10 s): a hostile app that reads the demotion
 * and never answers keeps editing for the whole grace. A shorter keepalive interval (--ping-ms) is used
 * when it is shorter.
 */
export const roleChangeGraceMs = 2_000;
/** An empty awareness update: the stock client applies it as a no-op, and it counts as a message. */
const keepaliveFrame = awarenessFrame(new Uint8Array([0]));
/** The standard "try again later" close code: the stock client reconnects with backoff. */
const tryAgainLater = 1013;
/** How long a too-slow reader gets to take its close frame before the socket is dropped. */
const slowConsumerGraceMs = 1_000;
/**
 * How long a peer whose message was refused while arriving gets to read the close frame (and its
 * reason) before the socket is dropped. Its reads are paused, so waiting holds nothing more; a client
 * busy writing the rest of a large message on a loaded machine needs longer than a slow reader.
 */
const refusedMessageGraceMs = 5_000;
/**
 * Unread bytes up to this are not treated as a message in progress: a fragmented message leaves a few
 * header bytes counted, and a few KiB trickled are no threat. Above it the upload-rate rule applies.
 */
const uploadInProgressBytes = 4 * 1024;
/** The upload rate is measured over windows of this length (a short stall on a slow link is fine). */
const uploadRateWindowMs = 5_000;
/** Between 'drain' events, a large answer's sender also looks again this often (ws may queue outside the socket). */
const replyPollMs = 20;
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
  private waitingBytes = 0;
  private closing = false;
  /**
   * Set by the liveness check; cleared by each pong and each whole message. Not by a stray byte: a
   * socket trickling one byte every few seconds would otherwise be kept forever.
   */
  awaitingPong = false;
  /**
   * Bytes read off the socket that `ws` has not yet delivered as a message: an upper bound of what
   * it buffers for this connection (exact for unfragmented frames, the only kind clients send).
   */
  private unreadBytes = 0;
  /** The first sync step 2 may be up to maxJoinBytes; it is spent by the first sync step 2 received. */
  private joinAllowance = true;
  private holdsUploadSlot = false;
  private lastSentAt = performance.now();
  private largestFrameSent = 0;
  /** Writes are held until the current job ends (corkUntilJobEnds). */
  private corked = false;
  /** Answers being sent a frame at a time (sendInTurn), the current one first. */
  private readonly inTurn: Iterator<Uint8Array>[] = [];
  private awaitingDrain = false;
  private readonly keepaliveMs: number;
  /** Bytes reserved in the unfinished-frame budget: what this connection holds, up to ordinaryHoldLimit. */
  private reservedBytes = 0;
  /** Start of the current upload-rate window, and the bytes received in it. */
  private rateWindowStart = performance.now();
  private rateWindowBytes = 0;
  readonly id: number;
  /** Changed by the host (readmit), never by the client. */
  private editor: boolean;
  /** Role-change frames sent that the app has not answered yet (`role-change-taken`). */
  private unansweredRoleChanges = 0;
  /** Made a viewer while told: still an editor until the app answers every frame (or the grace ends). */
  private demotionPending = false;
  private demotionTimer: ReturnType<typeof setTimeout> | null = null;
  /** Answers (`role-change-taken`) in `waiting`, each to be taken at its place once the room loads. */
  private queuedAnswers = 0;
  readonly roomKey: string;
  readonly tokenKey: string;
  private expiry: number;
  private readonly socket: WebSocket;
  private readonly rawSocket: Duplex;
  private readonly limits: ConnectionLimits;
  private readonly uploads: UploadSlots;
  private readonly unfinished: UnfinishedFrameBudget;
  private readonly log: Logger;

  constructor(parts: ConnectionParts) {
    const { socket, rawSocket, limits } = parts;
    this.id = parts.id;
    this.editor = parts.canEdit;
    this.roomKey = parts.roomKey;
    this.tokenKey = parts.tokenKey;
    this.expiry = parts.expiresAt;
    this.socket = socket;
    this.rawSocket = rawSocket;
    this.limits = limits;
    this.uploads = parts.uploads;
    this.unfinished = parts.unfinished;
    this.log = parts.log;
    this.bucket = new TokenBucket(limits.messagesPerSecond, limits.messageBurst);
    this.keepaliveMs = Math.min(maxKeepaliveMs, limits.pingMs);
    // Prepended: runs before ws reads the chunk, so the count is up to date when it delivers messages.
    rawSocket.prependListener('data', (chunk: Buffer) => this.onRawData(chunk));
    socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    socket.on('ping', (data: Buffer) => this.consumed(controlFrameBytes(data.length)));
    socket.on('pong', (data: Buffer) => {
      this.awaitingPong = false;
      this.consumed(controlFrameBytes(data.length));
    });
  }

  get isClosed(): boolean {
    return this.closing;
  }

  /** False for viewers: the room refuses their updates (read at each update, so a role change applies at once). */
  get canEdit(): boolean {
    return this.editor;
  }

  /** Unix seconds when the token the connection now holds expires. */
  get expiresAt(): number {
    return this.expiry;
  }

  /**
   * The host gave this connection a new role (and, when it was handed a new token, that token's expiry).
   * From the next message on its updates are judged by it; a connection made an editor is sent the
   * room's state vector again, so what it had that was refused is uploaded now. Its share of the
   * per-token budgets stays with the token it joined with (they only bound bytes in flight).
   *
   * `awaitsAnswer`: the connection is sent a role change it answers (type 101, our app). A demotion of
   * such a connection applies from the app's answer to every one sent (`role-change-taken`): the updates before it were
   * typed while its app said it could edit, and were on their way when the host clicked; refused, they
   * stayed in that person's copy only, without a word. An app that never answers is a viewer after
   * roleChangeGraceMs (2 s; the keepalive interval if shorter); the host revoking the link it joined
   * with ends the grace at once (endGrace).
   */
  readmit(canEdit: boolean, expiresAt: number, awaitsAnswer = false): void {
    if (this.closing) return;
    if (awaitsAnswer) this.unansweredRoleChanges++;
    this.expiry = expiresAt;
    this.log.info({ connection: this.id, room: this.roomKey, role: canEdit ? 'editor' : 'viewer', awaitsAnswer }, 'role changed by the host');
    if (!canEdit && this.editor && awaitsAnswer) {
      this.demotionPending = true;
      this.demotionTimer ??= setTimeout(() => this.graceEnded(), Math.min(roleChangeGraceMs, this.keepaliveMs));
      return;
    }
    const promoted = canEdit && !this.editor;
    this.cancelDemotion();
    this.editor = canEdit;
    // The room's invitation asks for everything it refused before, in one sync step 2 as on joining:
    // it gets the join's allowance again (else a viewer's refused edits over the message limit close it).
    if (promoted) {
      this.joinAllowance = true;
      this.room?.invite(this);
    }
  }

  /** The app answered a role-change frame: once it has read them all, a pending demotion applies. */
  private roleChangeTaken(): void {
    this.unansweredRoleChanges = Math.max(0, this.unansweredRoleChanges - 1);
    if (this.unansweredRoleChanges === 0 && this.demotionPending) this.demote();
  }

  /**
   * The grace for the app's answer ended: the demotion applies now, unless the app did answer every
   * frame and its answers wait in line for the room to load (each applies at its place there).
   */
  private graceEnded(): void {
    this.demotionTimer = null;
    if (!this.demotionPending) return;
    if (this.queuedAnswers < this.unansweredRoleChanges) this.demote();
    else this.log.info({ connection: this.id, room: this.roomKey }, 'grace for an answer ended; the answer waits for the room');
  }

  /** A demotion waiting for the app's answer applies now (the host revoked the link it joined with). */
  endGrace(): void {
    if (this.demotionPending && !this.closing) this.demote();
  }

  /** The demotion applies now: the connection's next updates are refused. */
  private demote(): void {
    this.cancelDemotion();
    this.editor = false;
    this.log.info({ connection: this.id, room: this.roomKey }, 'demotion applied');
  }

  private cancelDemotion(): void {
    this.demotionPending = false;
    if (this.demotionTimer !== null) clearTimeout(this.demotionTimer);
    this.demotionTimer = null;
  }

  /** The room has loaded: join it and handle what arrived meanwhile. */
  attach(room: Room): void {
    this.room = room;
    const waiting = this.waiting ?? [];
    this.waiting = null;
    this.waitingBytes = 0;
    this.reserveHeld();
    for (const frame of waiting) {
      if (this.closing) return;
      this.deliver(frame);
    }
    this.releaseUploadSlotIfDone();
  }

  moveTo(room: Room): void {
    this.room = room;
  }

  send(frame: Uint8Array): void {
    if (this.closing) return;
    // A whole large plan may be one message: only what waits beyond the largest one counts as slow.
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes + this.largestFrameSent) {
      this.close(closeCodes.slowConsumer, `too slow: more than ${this.limits.maxBufferedBytes} bytes waiting to be sent`);
      // The close frame waits behind the unread data: free that memory soon whether or not it arrives.
      setTimeout(() => this.socket.terminate(), slowConsumerGraceMs).unref();
      return;
    }
    this.largestFrameSent = Math.max(this.largestFrameSent, frame.byteLength);
    this.lastSentAt = performance.now();
    this.corkUntilJobEnds();
    this.socket.send(frame);
  }

  /**
   * Holds this connection's writes until the current job (and the microtasks it queued) ends: the
   * frames sent meanwhile — a read of Redis delivering several of the room's updates, an update and a
   * presence change — go out in one write to the socket instead of one system call each. Nothing waits
   * longer than the code already running.
   */
  private corkUntilJobEnds(): void {
    if (this.corked) return;
    this.corked = true;
    this.rawSocket.cork();
    queueMicrotask(() => {
      this.corked = false;
      this.rawSocket.uncork();
    });
  }

  sendInTurn(frames: Iterator<Uint8Array>): void {
    if (this.closing) return;
    this.inTurn.push(frames);
    if (this.inTurn.length === 1 && !this.awaitingDrain) this.sendNextInTurn();
  }

  /**
   * Sends the queued answers' frames while less than two parts wait unsent; then waits for the socket
   * to drain. Memory per connection stays about two parts, whatever the size of the plan; a reader
   * that stops reading stalls here and is closed by the liveness check (with 1013).
   */
  private sendNextInTurn(): void {
    const waterline = 2 * this.limits.maxReplyPartBytes;
    while (!this.closing && this.inTurn.length > 0) {
      if (this.socket.bufferedAmount >= waterline) {
        this.waitForDrain();
        return;
      }
      const next = this.inTurn[0]!.next();
      if (next.done === true) this.inTurn.shift();
      else this.send(next.value);
    }
    if (this.closing) this.inTurn.length = 0;
  }

  private waitForDrain(): void {
    this.awaitingDrain = true;
    const resume = () => {
      if (!this.awaitingDrain) return;
      this.awaitingDrain = false;
      this.rawSocket.off('drain', resume);
      clearTimeout(timer);
      this.sendNextInTurn();
    };
    const timer = setTimeout(resume, replyPollMs);
    this.rawSocket.once('drain', resume);
  }

  close(code: number, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    this.cancelDemotion();
    this.releaseHeld();
    this.room?.leave(this);
    this.log.info({ connection: this.id, room: this.roomKey, code, reason }, 'closing connection');
    this.socket.close(code, truncateUtf8(reason, maxReasonBytes));
  }

  /** The socket is gone (closed by either side or terminated). */
  closed(): void {
    this.closing = true;
    this.cancelDemotion();
    this.releaseHeld();
    this.room?.leave(this);
  }

  /**
   * Sends a ping; closes connections that sent neither a pong nor a whole message since the previous
   * one. A connection in the middle of a large message is spared (its pong waits behind the message);
   * checkUploadRate closes it if that message stalls.
   */
  checkLiveness(): void {
    if (this.closing) return;
    if (this.awaitingPong && this.inTurn.length > 0) {
      // Its ping waits behind at most two parts of the answer: a reader that took none of them since
      // the last ping stopped reading. Closed like any reader too slow to keep up.
      this.close(closeCodes.slowConsumer, 'too slow: stopped reading while being sent the plan');
      setTimeout(() => this.socket.terminate(), slowConsumerGraceMs).unref();
      return;
    }
    if (this.awaitingPong && this.unreadBytes <= uploadInProgressBytes) {
      this.log.info({ connection: this.id, room: this.roomKey }, 'no pong; terminating connection');
      this.closing = true;
      this.releaseHeld();
      this.room?.leave(this);
      this.socket.terminate();
      return;
    }
    this.awaitingPong = true;
    this.socket.ping();
  }

  /**
   * Counts bytes as they arrive, before `ws` buffers them, so an oversized message is refused while it
   * arrives instead of after up to maxJoinBytes of it are in memory: past the message limit a
   * connection needs its join allowance and one of the server's upload slots. What it holds is reserved
   * in the unfinished-frame budget, and a long upload gets keepalives.
   */
  private onRawData(chunk: Buffer): void {
    this.unreadBytes += chunk.length;
    this.rateWindowBytes += chunk.length;
    // ws refused the frame itself (over maxPayload: 1009, "Max payload size exceeded") and reads no more:
    // the rest of that frame is no upload (review42b N4: a stray "large upload started" after the error).
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.closing || !this.reserveHeld()) return;
    const held = this.heldBytes;
    if (held <= keepaliveAfterBytes) return;
    if (performance.now() - this.lastSentAt >= this.keepaliveMs) this.send(keepaliveFrame);
    if (held <= this.ordinaryHoldLimit) return;
    if (!this.holdsUploadSlot) {
      if (!this.joinAllowance || this.limits.maxJoinBytes <= this.limits.maxMessageBytes) {
        this.refuseWhileArriving(closeCodes.messageTooBig, this.tooBigReason(false));
        return;
      }
      if (!this.uploads.tryAcquire()) {
        this.refuseWhileArriving(tryAgainLater, `server busy: all ${this.uploads.capacity} large-upload slots are in use; retry shortly`);
        return;
      }
      this.holdsUploadSlot = true;
      this.log.info({ connection: this.id, room: this.roomKey, uploads: this.uploads.inUse }, 'large upload started');
    }
    // One join upload, and ordinary messages besides it.
    if (held > this.limits.maxJoinBytes + this.ordinaryHoldLimit) {
      this.refuseWhileArriving(closeCodes.messageTooBig, `message too big: more than ${this.limits.maxJoinBytes} bytes arriving besides ordinary messages`);
    }
  }

  /**
   * Closes the connection when a message is in progress and arrives slower than the minimum rate over
   * the last window: its bytes are held all that time (a trickled 8 MB message would hold 8 MB
   * forever). Called about once a second by the server.
   */
  checkUploadRate(now: number): void {
    if (this.closing) return;
    if (this.unreadBytes <= uploadInProgressBytes) {
      this.rateWindowStart = now;
      this.rateWindowBytes = 0;
      return;
    }
    const elapsedMs = now - this.rateWindowStart;
    if (elapsedMs < uploadRateWindowMs) return;
    const bytesPerSecond = this.rateWindowBytes / (elapsedMs / 1000);
    this.rateWindowStart = now;
    this.rateWindowBytes = 0;
    if (bytesPerSecond < this.limits.minUploadBytesPerSecond) {
      this.refuseWhileArriving(closeCodes.rateLimited, `upload too slow: under ${this.limits.minUploadBytesPerSecond} bytes per second`);
    }
  }

  /**
   * Keeps this connection's share of the unfinished-frame budget equal to what it holds (the part of
   * a join upload above the ordinary limit is bounded by the upload slots instead). False, and the
   * connection closed, when the budget refuses more.
   */
  private reserveHeld(): boolean {
    const wanted = Math.min(this.heldBytes, this.ordinaryHoldLimit);
    if (wanted === this.reservedBytes) return true;
    const refused = this.unfinished.resize(this.tokenKey, this.reservedBytes, wanted);
    if (refused === null) {
      this.reservedBytes = wanted;
      return true;
    }
    const bound = refused === 'server'
      ? `${this.unfinished.serverBytes} bytes of unfinished messages server-wide`
      : `${this.unfinished.tokenBytes} bytes of unfinished messages for this token`;
    this.refuseWhileArriving(tryAgainLater, `server busy: more than ${bound}; retry shortly`);
    return false;
  }

  /** Gives back the upload slot, the unfinished-frame reservation and unsent answers (the connection is closing). */
  private releaseHeld(): void {
    // Answers not yet sent are dropped (their parts may be the room's cached reply: not ours to keep alive).
    this.inTurn.length = 0;
    this.releaseUploadSlot();
    this.unfinished.resize(this.tokenKey, this.reservedBytes, 0);
    this.reservedBytes = 0;
  }

  /**
   * Bytes received and not yet handled: still in ws's buffers, or decoded and waiting for the room to
   * load. At most ordinaryHoldLimit, except for a connection holding an upload slot.
   */
  private get heldBytes(): number {
    return this.unreadBytes + this.waitingBytes;
  }

  private get ordinaryHoldLimit(): number {
    return this.limits.maxMessageBytes + wireSlackBytes;
  }

  /** Closes with a reason and stops reading: the rest of the message is never buffered. */
  private refuseWhileArriving(code: number, reason: string): void {
    this.log.warn({ connection: this.id, room: this.roomKey, code, reason, bytes: this.unreadBytes }, 'message refused while arriving');
    this.close(code, reason);
    this.rawSocket.pause();
    // The peer's close frame cannot be read any more: drop the socket after a moment.
    setTimeout(() => this.socket.terminate(), refusedMessageGraceMs).unref();
  }

  private tooBigReason(step2: boolean): string {
    const limit = `more than ${this.limits.maxMessageBytes} bytes`;
    return step2
      ? `message too big: ${limit}; only a connection's first sync step 2 may be up to ${this.limits.maxJoinBytes}`
      : `message too big: ${limit} (only a connection's first sync step 2 may be larger)`;
  }

  /** `ws` delivered a frame of `bytes` wire bytes: they are no longer in its buffers. */
  private consumed(bytes: number): void {
    this.unreadBytes = Math.max(0, this.unreadBytes - bytes);
    if (!this.closing) this.reserveHeld();
  }

  /** Gives the upload slot back once the large message is handled (or refused) and nothing large is held. */
  private releaseUploadSlotIfDone(): void {
    if (this.heldBytes <= this.ordinaryHoldLimit) this.releaseUploadSlot();
  }

  private releaseUploadSlot(): void {
    if (!this.holdsUploadSlot) return;
    this.holdsUploadSlot = false;
    this.uploads.release();
  }

  private onMessage(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
    const bytes = toBytes(data);
    this.awaitingPong = false;
    this.consumed(clientFrameBytes(bytes.byteLength));
    try {
      this.handleMessage(bytes, isBinary);
    } finally {
      this.releaseUploadSlotIfDone();
    }
  }

  private handleMessage(bytes: Uint8Array, isBinary: boolean): void {
    if (this.closing) return;
    if (!this.bucket.take()) {
      this.close(closeCodes.rateLimited, `rate limit: more than ${this.limits.messagesPerSecond} messages per second`);
      return;
    }
    if (!isBinary) {
      this.close(closeCodes.malformedMessage, 'malformed message: text frames are not part of the protocol');
      return;
    }
    const step2 = isSyncStep2Frame(bytes);
    const joinUpload = step2 && this.joinAllowance;
    if (step2) this.joinAllowance = false;
    const limit = joinUpload ? Math.max(this.limits.maxJoinBytes, this.limits.maxMessageBytes) : this.limits.maxMessageBytes;
    if (bytes.byteLength > limit) {
      const reason = joinUpload ? `sync step 2 too big: more than ${limit} bytes` : this.tooBigReason(step2);
      this.log.warn({ connection: this.id, room: this.roomKey, reason, bytes: bytes.byteLength }, 'message too big');
      this.close(closeCodes.messageTooBig, reason);
      return;
    }
    if (joinUpload && bytes.byteLength > this.limits.maxMessageBytes) {
      this.log.info({ connection: this.id, room: this.roomKey, bytes: bytes.byteLength }, 'large join upload received');
    }
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
      // Held bytes are checked as they arrive; this bound does not depend on counting them exactly.
      const maxWaitingBytes = (this.holdsUploadSlot ? this.limits.maxJoinBytes : 0) + this.ordinaryHoldLimit;
      if (this.waiting.length >= maxFramesBeforeJoin || this.waitingBytes + bytes.byteLength > maxWaitingBytes) {
        this.close(closeCodes.rateLimited, 'rate limit: too many messages before the room was ready');
        return;
      }
      // An answer to a role change waits in line too: the updates the app sent before it were typed as
      // an editor's and are judged as such (taken at once, it made them a viewer's: review36d B4).
      if (frame.type === 'role-change-taken') this.queuedAnswers++;
      this.waiting.push(frame);
      this.waitingBytes += bytes.byteLength;
      this.reserveHeld();
      return;
    }
    this.deliver(frame);
  }

  private deliver(frame: ClientFrame): void {
    // Not the room's: the answer only moves the moment a demotion applies.
    if (frame.type === 'role-change-taken') {
      this.queuedAnswers = Math.max(0, this.queuedAnswers - 1);
      this.roleChangeTaken();
      return;
    }
    try {
      this.room?.receive(this, frame);
    } catch (error) {
      this.log.error({ connection: this.id, room: this.roomKey, err: error }, 'message handling failed');
      this.close(closeCodes.storageFailure, 'internal error');
    }
  }
}

/** Wire size of an unfragmented client frame: header, payload length, mask key, payload. */
function clientFrameBytes(payload: number): number {
  return 2 + (payload > 65_535 ? 8 : payload > 125 ? 2 : 0) + 4 + payload;
}

/** Wire size of a client's ping or pong (payloads are at most 125 bytes). */
function controlFrameBytes(payload: number): number {
  return 2 + 4 + payload;
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
