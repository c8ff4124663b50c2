import type { TokenRole } from '../../../shared/sync/token.js';
import { directoryRoom } from '../../../shared/workspace/directory.js';
import type { WorkspaceView } from '../../../shared/workspace/host-api.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { smallest } from '../../../shared/collections/long-lists.js';

/** One participant as the host sees them: the connections of one running app (a tab, a window), or of one name on an older client. */
export interface ConnectedDevice {
  /** Stable while they stay connected: the app they are bound to, else link, address, browser and the name they announce. */
  readonly key: string;
  readonly linkId: string;
  /** The links their connections now hold (one, except while a role change reaches an app's connections). */
  readonly linkIds: readonly string[];
  /** The links they first joined with (a role change moves them to a personal link): what revoking "the link they joined with" revokes. */
  readonly joinedWithLinkIds: readonly string[];
  readonly role: TokenRole;
  /** Names announced in presence (none when they have not said who they are). */
  readonly names: readonly string[];
  /** Rooms they have open: plan ids, and `_directory` for the list of plans. */
  readonly rooms: readonly string[];
  readonly ip: string;
  readonly device: string;
  /** Their earliest open connection, ms since the epoch. */
  readonly since: number;
  readonly connections: number;
  /** The app the row's connections are bound to by the server (null for a client presenting no app key): how a role change names it. */
  readonly instance: string | null;
  /** Its connections' ids (a role change names a row without an instance by them). */
  readonly connectionIds: readonly number[];
}

type ConnectedClient = WorkspaceView['connected'][number];

/**
 * Groups the server's connections by participant: a person with the plan list and two plans open is
 * one row, not three. A participant is one running app — a browser tab or a desktop window — told by
 * the app the server bound each connection to at its upgrade (from a key the app never shows anyone
 * else), never by anything announced in presence, which anyone in a room can copy: two people called
 * Ana on one machine, one browser and one link are two rows, and a stranger copying Ana's presence is
 * not in her row. Every connection of the app is in its row from its first moment, announced or not.
 * A client bound to no app (the stock client, an older app) is told by link, address, browser and the
 * names it announces; one that announces nothing belongs to the device's one such participant when it
 * has exactly one, and is otherwise a row of its own. Sorted by who came first.
 */
export function groupConnections(view: WorkspaceView): ConnectedDevice[] {
  const byDevice = new Map<string, ConnectedClient[]>();
  const participants = new Map<string, ConnectedClient[]>();
  for (const client of view.connected) {
    if (client.instance !== null) {
      const key = `bound:${client.instance}`;
      participants.set(key, [...(participants.get(key) ?? []), client]);
      continue;
    }
    const device = `${client.linkId}|${client.ip}|${client.device}`;
    byDevice.set(device, [...(byDevice.get(device) ?? []), client]);
  }
  for (const [device, clients] of byDevice) {
    const known = new Set(clients.map(participantOf).filter((key) => key !== null));
    const only = known.size === 1 ? [...known][0]! : null;
    for (const client of clients) {
      const key = `${device}|${participantOf(client) ?? only ?? `connection:${client.connection}`}`;
      participants.set(key, [...(participants.get(key) ?? []), client]);
    }
  }
  return [...participants.entries()]
    .map(([key, clients]) => ({
      key,
      linkId: clients[0]!.linkId,
      linkIds: [...new Set(clients.map((client) => client.linkId))],
      joinedWithLinkIds: [...new Set(clients.flatMap((client) => (client.joinedWithLinkIds.length > 0 ? client.joinedWithLinkIds : [client.linkId])))],
      role: clients[0]!.role,
      ip: clients[0]!.ip,
      device: clients[0]!.device,
      names: [...new Set(clients.flatMap((client) => client.names))].sort(),
      rooms: [...new Set(clients.map((client) => client.plan))].sort(byRoom),
      since: smallest(clients.map((client) => client.since)),
      connections: clients.length,
      instance: clients[0]!.instance,
      connectionIds: clients.map((client) => client.connection),
    }))
    .sort((a, b) => a.since - b.since || a.key.localeCompare(b.key));
}

/** Which participant a connection bound to no app belongs to: the names it announces; null when it announces none. */
function participantOf(client: ConnectedClient): string | null {
  return client.names.length > 0 ? `name:${identityOf(client)}` : null;
}

/** Who a connection says it is: the names it announces, in order. */
function identityOf(client: ConnectedClient): string {
  return [...new Set(client.names)].sort().join('\u0000');
}

/** The plan list first, then plans by id. */
function byRoom(a: string, b: string): number {
  if (a === directoryRoom) return -1;
  if (b === directoryRoom) return 1;
  return a.localeCompare(b);
}

/** What a device has open, in the host's words: plan names from the directory, "the plan list". */
export function describeRooms(rooms: readonly string[], plans: WorkspaceView['plans']): string {
  const names = new Map(plans.map((plan) => [plan.id, plan.name]));
  return rooms.map((room) => (room === directoryRoom ? 'the plan list' : `“${isolatedText(names.get(room) ?? room)}”`)).join(', ');
}

/** The ws(s):// address of a sync server given as http(s):// (join links carry the WebSocket address). */
export function webSocketAddressOf(serverUrl: string): string {
  const url = new URL(serverUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${url.protocol}//${url.host}`;
}

/** "since 14:05" today, or a date and time. */
export function sinceLabel(since: number, now: number): string {
  const at = new Date(since);
  const sameDay = new Date(now).toDateString() === at.toDateString();
  return sameDay ? at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : at.toLocaleString();
}
