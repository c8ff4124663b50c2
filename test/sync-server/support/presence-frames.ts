import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { messageType } from '../../../shared/sync/protocol.js';
import type { Room } from '../../../sync-server/rooms/room.js';
import { frameOf, type RawClient } from './raw-client.js';
import type { TestServer } from './test-server.js';

// The presence-limit tests' frames and readings (presence-limits.test.ts in both modes,
// presence-limits-scaleout.test.ts across instances).

/** What the app publishes (renderer/src/sync/presence.ts), at its largest realistic size. */
export function appState(name: string, selection: string | null = null): Record<string, unknown> {
  return { user: { name, colour: '#3b6fd8', personId: 'p'.repeat(24) }, selection, view: 'outline', viewport: { cx: 120.5, cy: -40.25, k: 1.5 }, presenting: false, appInstance: 'a'.repeat(40) };
}

/** The review's message: `count` fresh client ids from `first`, each with a valid-looking state. */
export function floodFrame(first: number, count: number, state = JSON.stringify({ user: { name: 'Ghost', colour: '#3b6fd8' }, selection: null, view: 'outline' }), clock = 1): Uint8Array {
  return frameOf((e) => {
    encoding.writeVarUint(e, messageType.awareness);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, count);
    for (let i = 0; i < count; i++) {
      encoding.writeVarUint(inner, first + i);
      encoding.writeVarUint(inner, clock);
      encoding.writeVarString(inner, state);
    }
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  });
}

/**
 * One awareness payload naming each of `count` client ids from `first` twice: a big state at clock 5,
 * then a tiny one at clock 1, which y-protocols does not take (review36d B1).
 */
export function duplicatePayload(first: number, count: number, big: string): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, count * 2);
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(inner, first + i); encoding.writeVarUint(inner, 5); encoding.writeVarString(inner, big);
    encoding.writeVarUint(inner, first + i); encoding.writeVarUint(inner, 1); encoding.writeVarString(inner, '{}');
  }
  return encoding.toUint8Array(inner);
}

/** duplicatePayload as a client's awareness message. */
export function duplicateFrame(first: number, count: number, big: string): Uint8Array {
  return frameOf((e) => {
    encoding.writeVarUint(e, messageType.awareness);
    encoding.writeVarUint8Array(e, duplicatePayload(first, count, big));
  });
}

/** UTF-8 bytes of the presence states a room holds, measured (what presenceFootprint().bytes counts). */
export function presenceBytesHeld(room: Room): number {
  let bytes = 0;
  for (const state of room.awareness.getStates().values()) bytes += Buffer.byteLength(JSON.stringify(state));
  return bytes;
}

/** The presence frames a raw client was sent: their total bytes and the states they leave it with. */
export function presenceReceived(client: RawClient): { bytes: number; states: Map<number, unknown> } {
  const seen = new awarenessProtocol.Awareness(new Y.Doc());
  seen.setLocalState(null);
  let bytes = 0;
  for (const frame of client.frames.filter((f) => f[0] === messageType.awareness)) {
    bytes += frame.byteLength;
    const decoder = decoding.createDecoder(frame);
    decoding.readVarUint(decoder);
    awarenessProtocol.applyAwarenessUpdate(seen, decoding.readVarUint8Array(decoder), 'server');
  }
  const states = new Map(seen.getStates());
  seen.destroy();
  return { bytes, states };
}

export function roomOf(running: TestServer, key: string): Room {
  const room = running.server.rooms.loaded(key);
  if (room === undefined) throw new Error(`room ${key} is not loaded`);
  return room;
}

export function sees(provider: WebsocketProvider, others: readonly WebsocketProvider[]): boolean {
  return others.every((other) => provider.awareness.getStates().has(other.awareness.clientID));
}
