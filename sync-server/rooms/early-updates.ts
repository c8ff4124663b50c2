/**
 * Updates a peer sent before its join upload (its answer to the room's sync step 1). A client that
 * edited offline and edits again before that answer sends an update depending on the offline edits,
 * which only arrive with the answer: refusing it (4500) made the client reconnect for nothing. Such an
 * update is held until the answer arrives, then handled; bounded per peer, as a flood would be.
 */

/** Held updates per peer before the rest are refused as before. */
const maxHeldUpdates = 64;
/** Bytes held per peer (edits made in the round trip of a join are small). */
const maxHeldBytes = 1024 * 1024;

interface Held {
  readonly updates: Uint8Array[];
  bytes: number;
}

export class EarlyUpdates<Peer> {
  /** Peers whose join upload has not arrived yet, with what they sent meanwhile. */
  private readonly awaiting = new Map<Peer, Held>();

  /**
   * The peer joined, or was made an editor and invited again: its upload is expected (what it already
   * holds, when its earlier upload is still to come, is kept).
   */
  expect(peer: Peer): void {
    if (!this.awaiting.has(peer)) this.awaiting.set(peer, { updates: [], bytes: 0 });
  }

  /** Holds `update` when `peer`'s join upload is still to come and there is room; false otherwise. */
  hold(peer: Peer, update: Uint8Array): boolean {
    const held = this.awaiting.get(peer);
    if (held === undefined || held.updates.length >= maxHeldUpdates || held.bytes + update.byteLength > maxHeldBytes) return false;
    held.updates.push(update);
    held.bytes += update.byteLength;
    return true;
  }

  /** The peer's join upload arrived (or it left): returns what it held, and holds nothing more for it. */
  release(peer: Peer): Uint8Array[] {
    const held = this.awaiting.get(peer);
    this.awaiting.delete(peer);
    return held?.updates ?? [];
  }
}
