import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * How much presence a room takes (review34: one viewer connection announcing 400,000 made-up
 * participants in 8 ordinary messages stalled joins for 17 s and froze every open page).
 *
 * A connection of the stock y-websocket client, and of the app (one Awareness per plan connection),
 * announces exactly one client id for its whole life; a reconnect is a new connection. The app's
 * state (renderer/src/sync/presence.ts: a name of at most 80 characters, a colour, a selection, a
 * view, a viewport, an app instance) is a few hundred bytes.
 */
export interface PresenceLimits {
  /** Distinct presence client ids one connection may announce over its life; more closes it (1008). */
  readonly maxPresenceClients: number;
  /** Bytes of one presence state (its JSON, UTF-8); a larger one closes the connection (1008). */
  readonly maxPresenceStateBytes: number;
  /** Presence states a room holds at most; past it new states are not taken (the connection stays). */
  readonly maxRoomPresence: number;
  /** Bytes of all of a room's presence states together; past it the same. */
  readonly maxRoomPresenceBytes: number;
}

/** One entry of an awareness update: client id, clock, and the state as its JSON text. */
export interface PresenceEntry {
  readonly client: number;
  readonly clock: number;
  /** The JSON text ("null" removes the client's state). */
  readonly state: string;
  /** UTF-8 bytes of `state`. */
  readonly bytes: number;
}

/** Reads an awareness update (already checked by decodeClientFrame, or read defensively by the caller). */
export function readPresenceEntries(update: Uint8Array): PresenceEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: PresenceEntry[] = [];
  for (let i = 0; i < count; i++) {
    const client = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    entries.push({ client, clock, state, bytes: Buffer.byteLength(state) });
  }
  return entries;
}

/**
 * The entries of one message that y-protocols' applyAwarenessUpdate ends with: it takes the entries in
 * order, each one taken raising the client's clock for the next, so of several entries for one client id
 * the last one taken is what the room holds. One entry per client id (in the order each id first
 * appears); entries that change nothing are left out. The limits are checked on these: checking every
 * entry against the clock from before the message, `[X clock 5, 4 KB] [X clock 1, "{}"]` counted the
 * tiny state for the 4 KB one y-protocols kept (review36d B1).
 */
export function appliedPresenceEntries(entries: readonly PresenceEntry[], clockOf: (client: number) => number, holdsState: (client: number) => boolean): PresenceEntry[] {
  const applied = new Map<number, PresenceEntry>();
  for (const entry of entries) {
    const taken = applied.get(entry.client);
    const clock = taken?.clock ?? clockOf(entry.client);
    const held = taken === undefined ? holdsState(entry.client) : !isRemoval(taken);
    // y-protocols' own rule: a higher clock, or a removal at the same clock of a state it holds.
    if (clock < entry.clock || (clock === entry.clock && isRemoval(entry) && held)) applied.set(entry.client, entry);
  }
  return [...applied.values()];
}

/** Whether an entry's state is JSON that y-protocols can parse (it throws on anything else). */
export function isReadableState(entry: PresenceEntry): boolean {
  try {
    JSON.parse(entry.state);
    return true;
  } catch {
    return false;
  }
}

/** An awareness update holding `entries`. */
export function encodePresenceEntries(entries: readonly PresenceEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.client);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}

/** Whether an entry is a removal (y-protocols encodes a removed state as the JSON `null`). */
export function isRemoval(entry: PresenceEntry): boolean {
  return /^\s*null\s*$/.test(entry.state);
}
