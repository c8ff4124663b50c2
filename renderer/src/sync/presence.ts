import { z } from 'zod';
import { nodeIdSchema } from '../../../shared/model/ids.js';
import { naturalCompare } from '../outline/labels.js';
import { identityName } from '../identity/device-identity.js';

/** What each client publishes in awareness: who they are and what they look at. */
export const presenceStateSchema = z.lazy(() => z.object({
  user: z.object({
    // In characters (code points), as the identity counts them: a name of 80 emoji is shown, not dropped.
    name: identityName(),
    colour: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    personId: z.string().max(64).optional(),
  }),
  /** A node id from the network: checked here once; one that is no node id is ignored (no selection shown). */
  selection: nodeIdSchema.nullable().catch(null),
  view: z.string().max(32),
  /** What this client's cascade canvas shows (its centre in world units and zoom), for followers. */
  viewport: z.object({ cx: z.number().finite().min(-1e9).max(1e9), cy: z.number().finite().min(-1e9).max(1e9), k: z.number().finite().positive().max(100) }).nullable().optional(),
  /** Presenting on the canvas: others are offered to follow. */
  presenting: z.boolean().optional(),
  /**
   * The moment of the plan this client shows (Review ▸ "Show plan as of this"), or null for now: a
   * follower goes there too (review40b F3: followers saw today's plan while the presenter showed W03's).
   * One that does not read is taken as none, the rest of the presence kept.
   */
  asOf: z.object({ key: z.string().max(200), label: z.string().max(1000), at: z.number().finite() }).nullable().optional().catch(null),
  /** The running app this comes from (session/app-instance.ts): how the host tells two same-named people apart. */
  appInstance: z.string().max(64).optional(),
}));
export type PresenceState = z.infer<typeof presenceStateSchema>;

/**
 * What an app that has not said who it is publishes in the plan list's room: only its instance, so the
 * host counts its connections as the one running app they are (one row, named once the person is).
 * Peers skip it (no `user`); only the host's list reads it.
 */
export interface UnnamedPresence {
  selection: null;
  view: 'plans';
  appInstance: string;
}

/** This app's presence in a workspace's plan list: its name and colour once known, its instance always. */
export function directoryPresence(identity: { name: string; colour: string } | null, appInstance: string): PresenceState | UnnamedPresence {
  return identity
    ? { user: { name: identity.name, colour: identity.colour }, selection: null, view: 'plans', appInstance }
    : { selection: null, view: 'plans', appInstance };
}

/** Another client in the plan right now. */
export interface Peer extends PresenceState {
  clientId: number;
}

/**
 * At most this many other states are read per change. The server holds a room's presence to its
 * bounds (--max-room-presence, 1,000 by default; review34: one viewer once announced 400,000 made-up
 * participants and every open page froze for 12 s): this is the page's own cheap guard against a
 * server without them, so a change costs at most this many schema checks and a sort of this many.
 */
export const maxPeersRead = 1_000;

/**
 * Reads the awareness states of everyone but this client. Each state comes from the network: one
 * that does not match the schema (an old or hostile client) is skipped, never shown half-parsed;
 * past maxPeersRead states the rest are not looked at.
 */
export function peersFromStates(states: ReadonlyMap<number, unknown>, ownClientId: number): Peer[] {
  const peers: Peer[] = [];
  let read = 0;
  for (const [clientId, state] of states) {
    if (clientId === ownClientId) continue;
    if (++read > maxPeersRead) break;
    const parsed = presenceStateSchema.safeParse(state);
    if (parsed.success) peers.push({ clientId, ...parsed.data });
  }
  return peers.sort((a, b) => naturalCompare(a.user.name, b.user.name) || a.clientId - b.clientId);
}

/** Peers grouped by the node they have selected, for highlighting rows. */
export function selectionsByNode(peers: readonly Peer[]): Map<string, Peer[]> {
  const byNode = new Map<string, Peer[]>();
  for (const peer of peers) {
    if (!peer.selection) continue;
    const list = byNode.get(peer.selection) ?? [];
    list.push(peer);
    byNode.set(peer.selection, list);
  }
  return byNode;
}
