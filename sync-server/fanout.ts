/**
 * Fan-out between server instances. One instance relays to its own connections directly; what it
 * publishes here reaches the same room on every OTHER instance (a Redis stream or pub/sub channel
 * per room can implement this interface). Messages carry the publishing instance so a subscriber can
 * skip its own. The rules every fan-out keeps — numbered tests in
 * test/sync-server/contracts/fanout-contract.ts, run against every backend:
 *
 * 1. An update stored and published by one instance reaches every other instance subscribed to the
 *    room exactly once, with its payload and the publisher's instance.
 * 2. Updates from one instance arrive at another in the order they were published.
 * 3. Rooms are kept apart: a subscriber hears only its room.
 * 4. Presence (kind 'awareness') reaches the other instances too.
 * 5. After unsubscribing, a listener hears nothing more.
 * 6. A subscriber never receives its own instance's messages as someone else's (it may receive them
 *    tagged with its own instance, and must skip them).
 */
export interface FanoutMessage {
  readonly kind: 'update' | 'awareness';
  /** A Yjs v1 update (kind 'update') or a y-protocols awareness update (kind 'awareness'). */
  readonly payload: Uint8Array;
  readonly instance: string;
  /** What the writing instance recorded of the update (protocol/update-summary.ts), when it came with one. */
  readonly summary?: Uint8Array;
}

export interface RoomFanout {
  /**
   * Sends `message` to the room on the other instances. Called only after the update is durable. A
   * fan-out whose store already carries updates to the other instances (a Redis stream is both) may
   * deliver updates from there and ignore published ones.
   */
  publish(room: string, message: FanoutMessage): void;
  /**
   * True when published updates are ignored because the store carries them (RedisStreamFanout): a room
   * with no local peer to relay an update to then skips framing and publishing it.
   */
  readonly updatesTravelWithStore?: boolean;
  /** Receives the room's messages from every instance; returns the unsubscribe function. */
  subscribe(room: string, listener: (message: FanoutMessage) => void): () => void;
  /**
   * Present where other instances write rooms (RedisStreamFanout): calls `changed` whenever the room
   * may have taken updates stored by any instance, this one's included (soon after, or at worst at the
   * next sweep), without delivering them; returns the function that stops it. The workspace
   * directory's cache (workspace/directory-cache.ts) re-reads on it.
   */
  watch?(room: string, changed: () => void): () => void;
}

/**
 * In-process fan-out: instances that share one LocalFanout object (tests, or several servers in one
 * process) see each other's messages synchronously. With a single instance it delivers nothing.
 */
export class LocalFanout implements RoomFanout {
  private readonly listeners = new Map<string, Set<(message: FanoutMessage) => void>>();

  publish(room: string, message: FanoutMessage): void {
    for (const listener of [...(this.listeners.get(room) ?? [])]) listener(message);
  }

  subscribe(room: string, listener: (message: FanoutMessage) => void): () => void {
    let set = this.listeners.get(room);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(room, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(room);
    };
  }

  /** Rooms with at least one subscriber (for tests of unloading). */
  get roomCount(): number {
    return this.listeners.size;
  }
}
