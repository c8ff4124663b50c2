/**
 * The Yjs item ids (client, clock) of stored check-ins, by check-in id. A deletion records what its
 * author had seen as a state vector (`DeletedMark.seenRecords`, node-ops.ts); a check-in on deleted work
 * was seen by the deleter when its item id is covered by it (deleted-work.ts). The check-ins are one
 * append-only Y.Array of JSON strings (checkins.ts), and consecutive appends by a client merge into one
 * item, so the element at offset k of an item has the id (item.client, item.clock + k).
 *
 * Built on first use with one walk of the array (the check-in id read from the string's prefix, not by
 * parsing the whole entry), then kept in step by the array's observer from the items each transaction
 * added. An id asked for and not found while the array has grown since (a transaction still running,
 * whose observer has not run yet) walks the array again.
 */
import type * as Y from 'yjs';
import type { ItemId } from './doc.js';

const PREFIX = '[1,"';

/** The check-in id of a stored entry (a JSON string or a plain array), or null when it has none. */
export function storedCheckInId(stored: unknown): string | null {
  if (typeof stored === 'string') {
    if (stored.startsWith(PREFIX)) {
      const end = stored.indexOf('"', PREFIX.length);
      const id = end < 0 ? null : stored.slice(PREFIX.length, end);
      // An id with an escape in it is read by the parser below.
      if (id !== null && !id.includes('\\')) return id;
    }
    try {
      const parsed: unknown = JSON.parse(stored);
      return Array.isArray(parsed) && typeof parsed[1] === 'string' ? parsed[1] : null;
    } catch {
      return null;
    }
  }
  return Array.isArray(stored) && typeof stored[1] === 'string' ? stored[1] : null;
}

export class CheckInItems {
  /** Item id by check-in id; a list where two entries carry the same id. */
  private byId: Map<string, ItemId | ItemId[]> | null = null;
  /** The array's length when `byId` was last brought up to date. */
  private length = 0;
  private observing = false;

  constructor(private readonly array: Y.Array<unknown>) {}

  /** The item ids of the entries with check-in id `id` (none when there is no such entry). */
  itemsOf(id: string): readonly ItemId[] {
    let found = this.index().get(id);
    if (found === undefined && this.array.length !== this.length) {
      this.byId = null;
      found = this.index().get(id);
    }
    return found === undefined ? NONE : Array.isArray(found) ? found : [found];
  }

  /** Stops following the array. */
  destroy(): void {
    if (this.observing) this.array.unobserve(this.onChange);
    this.observing = false;
    this.byId = null;
  }

  private index(): Map<string, ItemId | ItemId[]> {
    if (this.byId) return this.byId;
    const byId = new Map<string, ItemId | ItemId[]>();
    for (let item = this.array._start; item !== null; item = item.right) this.add(byId, item);
    this.byId = byId;
    this.length = this.array.length;
    if (!this.observing) this.array.observe(this.onChange);
    this.observing = true;
    return byId;
  }

  private add(byId: Map<string, ItemId | ItemId[]>, item: Y.Item): void {
    if (item.deleted || !item.countable) return;
    const content = item.content.getContent();
    for (let k = 0; k < content.length; k++) {
      const id = storedCheckInId(content[k]);
      if (id === null) continue;
      const itemId: ItemId = { client: item.id.client, clock: item.id.clock + k };
      const known = byId.get(id);
      if (known === undefined) byId.set(id, itemId);
      else if (Array.isArray(known)) known.push(itemId);
      else byId.set(id, [known, itemId]);
    }
  }

  private readonly onChange = (event: Y.YArrayEvent<unknown>): void => {
    const byId = this.byId;
    if (!byId) return;
    for (const item of event.changes.added) this.add(byId, item);
    this.length = this.array.length;
  };
}

const NONE: readonly ItemId[] = [];
