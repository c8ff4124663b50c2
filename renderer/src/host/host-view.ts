import type { TokenRole } from '../../../shared/sync/token.js';
import { directoryRoom } from '../../../shared/workspace/directory.js';
import type { WorkspaceView } from '../../../shared/workspace/host-api.js';

/** One device in the workspace as the host sees it: its connections on one link, from one address and browser. */
export interface ConnectedDevice {
  /** Stable while the device stays connected: link, address and browser. */
  readonly key: string;
  readonly linkId: string;
  readonly role: TokenRole;
  /** Names announced in presence ("" when the device has not said who it is). */
  readonly names: readonly string[];
  /** Rooms it has open: plan ids, and `_directory` for the list of plans. */
  readonly rooms: readonly string[];
  readonly ip: string;
  readonly device: string;
  /** Its earliest open connection, ms since the epoch. */
  readonly since: number;
  readonly connections: number;
}

/**
 * Groups the server's connections by device (link + address + browser): a person with the plan list
 * and two plans open is one row, not three. Sorted by who came first.
 */
export function groupConnections(view: WorkspaceView): ConnectedDevice[] {
  const devices = new Map<string, { linkId: string; role: TokenRole; names: Set<string>; rooms: Set<string>; ip: string; device: string; since: number; connections: number }>();
  for (const client of view.connected) {
    const key = `${client.linkId}|${client.ip}|${client.device}`;
    const entry = devices.get(key) ?? { linkId: client.linkId, role: client.role, names: new Set<string>(), rooms: new Set<string>(), ip: client.ip, device: client.device, since: client.since, connections: 0 };
    for (const name of client.names) entry.names.add(name);
    entry.rooms.add(client.plan);
    entry.since = Math.min(entry.since, client.since);
    entry.connections++;
    devices.set(key, entry);
  }
  return [...devices.entries()]
    .map(([key, entry]) => ({ key, ...entry, names: [...entry.names].sort(), rooms: [...entry.rooms].sort(byRoom) }))
    .sort((a, b) => a.since - b.since || a.key.localeCompare(b.key));
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
  return rooms.map((room) => (room === directoryRoom ? 'the plan list' : `“${names.get(room) ?? room}”`)).join(', ');
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
