/**
 * The y-websocket wire protocol as Throughline's server speaks it, and what its refusals and close
 * codes mean. Every frame is `[messageType: varUint, …]` (lib0 encoding); y-protocols defines the
 * sync, awareness and auth payloads.
 */

/** First varUint of every frame. */
export const messageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const;

/** Second varUint of a sync frame (y-protocols/sync). */
export const syncMessageType = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;

/**
 * A sync frame: `[messageType.sync, step, payload]` (payload a state vector or a Yjs update), the
 * bytes lib0's encoder makes (`writeVarUint` ×2, `writeVarUint8Array`), written straight into one
 * array of the right size: the server builds one per update relayed, and lib0's growing encoder
 * (a first chunk, then a copy of each chunk into the result) showed in its profiles.
 */
export function syncFrame(step: (typeof syncMessageType)[keyof typeof syncMessageType], payload: Uint8Array): Uint8Array {
  let lengthBytes = 1;
  for (let rest = payload.length; rest > 0x7f; rest = Math.floor(rest / 0x80)) lengthBytes++;
  const frame = new Uint8Array(2 + lengthBytes + payload.length);
  // Both fit one varUint byte (message types and steps are below 128).
  frame[0] = messageType.sync;
  frame[1] = step;
  let at = 2;
  let rest = payload.length;
  while (rest > 0x7f) {
    frame[at++] = 0x80 | (rest & 0x7f);
    rest = Math.floor(rest / 0x80);
  }
  frame[at++] = rest;
  frame.set(payload, at);
  return frame;
}

/** Second varUint of an auth frame (y-protocols/auth): followed by a varString reason. */
export const authMessageType = {
  permissionDenied: 0,
} as const;

/** The reason sent with permission-denied when a viewer tries to change a plan. */
export const viewerDeniedReason = 'read-only: your token is for a viewer; your changes are not saved or shared';

/**
 * WebSocket close codes the server uses. The stock y-websocket client stops reconnecting for codes
 * 4400–4499 (a decision reconnecting cannot fix) and reconnects, with backoff, for every other code.
 */
export const closeCodes = {
  /** The server is shutting down (or restarting); reconnect later. */
  goingAway: 1001,
  /** Too many messages per second from this connection; reconnect after backoff. */
  rateLimited: 1008,
  /**
   * More presence than a connection may announce: more client ids than the server's
   * --max-presence-clients, or a state over --max-presence-state-bytes (the reason names the limit).
   * The same policy code as the rate limit: the client reconnects after backoff.
   */
  presenceLimit: 1008,
  /** A frame larger than the server's maximum message size. */
  messageTooBig: 1009,
  /** The server could not store an update; nothing was acknowledged, reconnect to resync. */
  storageFailure: 1011,
  /**
   * Try again later (RFC 6455): the client read too slowly and its send buffer filled up, or every
   * slot for large join uploads was taken. Temporary; the client reconnects.
   */
  slowConsumer: 1013,
  /** A frame that is not valid y-websocket protocol (garbage, truncated, unknown type). Permanent. */
  malformedMessage: 4400,
  /** The connection's token expired while it was open. Permanent until a new token is used. */
  tokenExpired: 4401,
  /** The host revoked the link (token) this connection was opened with. Permanent. */
  tokenRevoked: 4403,
  /**
   * The plan was taken out of its workspace (the workspace's directory marks it removed): the server
   * serves it to nobody until it is listed in the workspace again. The reason names who took it out.
   * Permanent for this connection; the app stops syncing the plan and keeps what the device has.
   */
  planRemoved: 4410,
  /**
   * An update that depends on changes the server does not have (e.g. one made for another document).
   * Not stored. Transient on purpose: a client that raced ahead of another tab reconnects and resyncs.
   */
  missingDependencies: 4500,
  /**
   * The server cannot store changes right now (its disk is full or failing): this connection sent a
   * change, which was not saved. Transient: the client keeps its changes, waits (the app backs off
   * for longer than the stock client's 2.5 s) and sends them again on reconnect.
   */
  storageUnavailable: 4507,
} as const;
export type CloseCode = (typeof closeCodes)[keyof typeof closeCodes];

/**
 * The reason the server gives for a revoked link, both when it closes an open connection (with
 * `tokenRevoked`) and when an access check refuses the link later: the client tells the two apart
 * from other refusals by it, and says the same thing either way.
 */
export const tokenRevokedReason = 'link revoked by the host';

/** The start of the server's reason for `planRemoved`: "taken out of the workspace by Ada". */
export const planRemovedReasonPrefix = 'taken out of the workspace';

/** The server's reason for `planRemoved`, naming who took the plan out (as the directory says). */
export function planRemovedReason(by: string): string {
  const who = by.trim();
  if (who === '') return planRemovedReasonPrefix;
  // A close reason is at most 123 UTF-8 bytes: the name is cut by whole characters to fit (40 at most).
  const characters = Array.from(who).slice(0, 40);
  const encoder = new TextEncoder();
  let reason = `${planRemovedReasonPrefix} by ${characters.join('')}`;
  while (encoder.encode(reason).byteLength > 123) {
    characters.pop();
    reason = `${planRemovedReasonPrefix} by ${characters.join('')}`;
  }
  return reason;
}

/** Who took the plan out, read back from a `planRemoved` reason; null when it names nobody. */
export function planRemovedBy(reason: string): string | null {
  const prefix = `${planRemovedReasonPrefix} by `;
  return reason.startsWith(prefix) && reason.length > prefix.length ? reason.slice(prefix.length) : null;
}

const closeExplanations: Record<number, string> = {
  [closeCodes.goingAway]: 'The sync server is shutting down.',
  [closeCodes.rateLimited]: 'Too many messages were sent too quickly; reconnecting.',
  [closeCodes.messageTooBig]: 'A change was larger than the server accepts.',
  [closeCodes.storageFailure]: 'The sync server could not save a change; reconnecting.',
  [closeCodes.slowConsumer]: 'The server asked to try again later (the connection was too slow, or the server is busy); reconnecting.',
  [closeCodes.malformedMessage]: 'The sync server refused a malformed message.',
  [closeCodes.tokenExpired]: 'Your access token expired; ask for a new join link.',
  [closeCodes.tokenRevoked]: 'The host revoked the link you joined with; ask for a new join link.',
  [closeCodes.planRemoved]: 'This plan was taken out of the workspace: the server no longer shares it. Whatever this device has of it stays here; it is shared again once someone moves it into the workspace again.',
  [closeCodes.missingDependencies]: 'A change depended on edits the server does not have; resyncing.',
  [closeCodes.storageUnavailable]: 'The sync server cannot save changes right now (its storage is full or failing). Your changes are kept on this device and sent when it can.',
};

/** A sentence for the user explaining why the server closed a connection with `code`. */
export function describeCloseCode(code: number): string {
  return closeExplanations[code] ?? `The connection closed (code ${code}).`;
}

/** Server reasons the code's own sentence already says: repeating them would say it twice. */
const reasonsSaidByTheCode: Record<number, string> = { [closeCodes.tokenRevoked]: tokenRevokedReason };

/**
 * The sentence for a close with the server's reason after it in brackets, unless the reason only
 * repeats what the sentence says ("…revoked the link… (link revoked by the host.)").
 */
export function describeClose(code: number, reason: string): string {
  const sentence = describeCloseCode(code);
  return reason === '' || reasonsSaidByTheCode[code] === reason ? sentence : `${sentence} (${reason}.)`;
}

/**
 * HTTP statuses the server answers a WebSocket upgrade with when it refuses it (the body is a short
 * text reason; no socket is opened).
 */
export const upgradeRefusalStatus = {
  /** The URL path is not /<workspace>/<plan>. */
  badRoomPath: 400,
  /** No token, a malformed one, a wrong signature, or expired. */
  unauthorized: 401,
  /** A valid token for another workspace. */
  forbidden: 403,
  /** Too many open connections from this address. */
  tooManyConnections: 429,
  /** Too many joins per second right now, or the server is shutting down; retry shortly. */
  unavailable: 503,
} as const;
