import type * as Y from 'yjs';
import type { ParsedUpdate } from '../protocol/update-format.js';
import type { JoinReply } from './join-reply.js';

/** What an editor's update did to a room's content. */
export type Acceptance =
  /**
   * The parts that are new (none when it changed nothing): stored, then relayed. A stateless room's
   * one change comes with its `summary` (protocol/update-summary.ts), sent to the other instances.
   */
  | { readonly ok: true; readonly changes: readonly Uint8Array[]; readonly summary?: Uint8Array }
  /** Applying it went wrong half-way: the content can no longer be trusted. */
  | { readonly ok: false; readonly reason: string };

/** Inspection figures of one room's content (RoomRegistry.inspect). */
export interface ContentFootprint {
  /** Y.Docs this room holds: 1 for a document room, 0 for a stateless one. */
  readonly documents: number;
  /** Clients in the state vector kept. */
  readonly clients: number;
  /** Delete ranges kept (stateless rooms; a document keeps its own delete set). */
  readonly deletedRanges: number;
}

/**
 * What a room knows of its plan, behind the sync checks. Two kinds:
 * - `DocumentContent` (SQLite mode): the merged Y.Doc in memory, so replies are cached encodings and
 *   compaction writes its snapshot;
 * - `StatelessContent` (Redis + PostgreSQL mode): only a state vector and a delete set, kept from the
 *   updates' metadata; every join is answered from storage, and storage merges itself.
 */
export interface RoomContent {
  /** The room's document when this content keeps one, else null. */
  readonly document: Y.Doc | null;
  /** The content's state vector, encoded (sent as sync step 1). */
  encodeStateVector(): Uint8Array;
  /** Clock of the next struct expected from `client` (0 when none is known). */
  clockOf(client: number): number;
  /** Would `update` bring a struct or a delete the content does not have yet? (the viewer check) */
  wouldChange(update: ParsedUpdate): boolean;
  /**
   * Exactly whether a viewer's `update` would change the plan (a refusal is sent when it would).
   * Synchronous when the content can tell at once; otherwise it resolves once it has looked, after
   * `durable` (everything accepted so far is stored). Never rejects.
   */
  viewerUploadChanges(update: ParsedUpdate, durable: () => Promise<boolean>): boolean | Promise<boolean>;
  /** Takes an editor's update whose dependencies have all been checked to be here. */
  accept(update: Uint8Array, parsed: ParsedUpdate, origin: unknown): Acceptance;
  /**
   * Takes an update another instance stored; throws when it cannot (the room is then evicted).
   * `summary`, when the other instance sent one, is what it recorded of the update (a stateless room
   * records that instead of parsing the update again).
   */
  acceptRemote(update: Uint8Array, summary?: Uint8Array): void;
  /**
   * The answer for a client holding `stateVector` (one update, or its parts when large: JoinReply):
   * exactly what it lacks of everything durable. `durable` resolves once everything accepted so far is stored (false: it was lost); it
   * is called synchronously, so the reply never contains an update that is not durable. Resolves to
   * null when nothing may be sent (a write it waited for was lost); rejects when storage cannot be read.
   */
  answer(stateVector: Uint8Array, durable: () => Promise<boolean>): Promise<JoinReply | null>;
  /**
   * Merges the room's stored rows up to `throughId` into one. Resolves to the bytes of the merged row
   * when known (null when the store merges on its own, later).
   */
  compact(throughId: number): Promise<number | null>;
  footprint(): ContentFootprint;
  destroy(): void;
}
