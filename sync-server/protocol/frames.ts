import * as encoding from 'lib0/encoding';
import { authMessageType, messageType, syncFrame, syncMessageType } from '../../shared/sync/protocol.js';
import { answeredRoleChangeMessageType } from '../../shared/sync/role-change.js';
import { ByteReader, DecodeError } from './byte-reader.js';

/** A client frame, decoded and bounds-checked (updates are parsed later, against the document). */
export type ClientFrame =
  | { readonly type: 'sync-step1'; readonly stateVector: Uint8Array }
  | { readonly type: 'sync-update'; readonly update: Uint8Array; readonly step: 'step2' | 'update' }
  | { readonly type: 'awareness'; readonly update: Uint8Array }
  | { readonly type: 'query-awareness' }
  /** Our app took a role change of type 101 (shared/sync/role-change.ts): its updates sent before this were made before it knew. */
  | { readonly type: 'role-change-taken' };

/**
 * Decodes one WebSocket frame from a client. Throws DecodeError for anything that is not exactly one
 * well-formed y-websocket message (unknown types, truncation, trailing bytes, invalid state vectors or
 * awareness entries).
 */
export function decodeClientFrame(frame: Uint8Array): ClientFrame {
  if (frame.length === 0) throw new DecodeError('empty frame');
  const reader = new ByteReader(frame);
  const type = reader.varUint('message type');
  let decoded: ClientFrame;
  switch (type) {
    case messageType.sync: {
      const step = reader.varUint('sync message type');
      if (step === syncMessageType.step1) {
        const stateVector = reader.varBytes('state vector');
        checkStateVector(stateVector);
        decoded = { type: 'sync-step1', stateVector };
      } else if (step === syncMessageType.step2 || step === syncMessageType.update) {
        decoded = { type: 'sync-update', update: reader.varBytes('update'), step: step === syncMessageType.step2 ? 'step2' : 'update' };
      } else {
        throw new DecodeError(`unknown sync message type ${step}`);
      }
      break;
    }
    case messageType.awareness: {
      const update = reader.varBytes('awareness update');
      checkAwarenessUpdate(update);
      decoded = { type: 'awareness', update };
      break;
    }
    case messageType.queryAwareness:
      decoded = { type: 'query-awareness' };
      break;
    case answeredRoleChangeMessageType:
      decoded = { type: 'role-change-taken' };
      break;
    case messageType.auth:
      throw new DecodeError('clients may not send auth messages');
    default:
      throw new DecodeError(`unknown message type ${type}`);
  }
  if (!reader.atEnd) throw new DecodeError(`${reader.remaining} unexpected bytes after the message`);
  return decoded;
}

/** A state vector: varUint count, then (client, clock) varUint pairs, nothing after. */
function checkStateVector(bytes: Uint8Array): void {
  const reader = new ByteReader(bytes);
  const count = reader.varUint('state vector size');
  if (count > reader.remaining / 2) throw new DecodeError(`the state vector claims ${count} entries in ${reader.remaining} bytes`);
  for (let i = 0; i < count; i++) {
    reader.varUint('state vector client');
    reader.varUint('state vector clock');
  }
  if (!reader.atEnd) throw new DecodeError('unexpected bytes after the state vector');
}

/** An awareness update: varUint count, then (clientID, clock, JSON state string) entries. */
function checkAwarenessUpdate(bytes: Uint8Array): void {
  const reader = new ByteReader(bytes);
  const count = reader.varUint('awareness entry count');
  if (count > reader.remaining / 3) throw new DecodeError(`the awareness update claims ${count} entries in ${reader.remaining} bytes`);
  for (let i = 0; i < count; i++) {
    reader.varUint('awareness client id');
    reader.varUint('awareness clock');
    const state = reader.varString('awareness state');
    try {
      JSON.parse(state);
    } catch {
      throw new DecodeError('an awareness state is not valid JSON');
    }
  }
  if (!reader.atEnd) throw new DecodeError('unexpected bytes after the awareness update');
}

/**
 * True when `frame` starts like a sync step 2 (message type sync, then step 2). Only the two leading
 * varUints are read, so a frame of any size is classified without decoding it; whether the rest is
 * well formed is decided later by decodeClientFrame.
 */
export function isSyncStep2Frame(frame: Uint8Array): boolean {
  const reader = new ByteReader(frame.subarray(0, 20));
  try {
    return reader.varUint('message type') === messageType.sync && reader.varUint('sync message type') === syncMessageType.step2;
  } catch (error) {
    if (error instanceof DecodeError) return false;
    throw error;
  }
}

/** True when `stateVector` is the empty state vector (a client with nothing yet). */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.length === 1 && stateVector[0] === 0;
}

function frameOf(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Server frame: sync step 1 carrying the server's state vector. */
export function syncStep1Frame(stateVector: Uint8Array): Uint8Array {
  return syncFrame(syncMessageType.step1, stateVector);
}

/** Server frame: sync step 2 carrying what the client is missing. */
export function syncStep2Frame(update: Uint8Array): Uint8Array {
  return syncFrame(syncMessageType.step2, update);
}

/** Server frame: one relayed update. */
export function updateFrame(update: Uint8Array): Uint8Array {
  return syncFrame(syncMessageType.update, update);
}

/** Server frame: awareness states. */
export function awarenessFrame(update: Uint8Array): Uint8Array {
  return frameOf((e) => { encoding.writeVarUint(e, messageType.awareness); encoding.writeVarUint8Array(e, update); });
}

/** Server frame: y-protocols auth permission-denied with a reason. */
export function permissionDeniedFrame(reason: string): Uint8Array {
  return frameOf((e) => { encoding.writeVarUint(e, messageType.auth); encoding.writeVarUint(e, authMessageType.permissionDenied); encoding.writeVarString(e, reason); });
}
