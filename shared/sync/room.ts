import { z } from 'zod';
import { isPlanId, isWorkspaceId, type PlanId, type WorkspaceId } from '../model/ids.js';

/** A workspace or plan name as it appears in a room URL: 1–64 letters, digits, "_" or "-". */
export const roomSegmentPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** Zod schema for one room URL segment (workspace or plan). */
export const roomSegmentSchema = z.lazy(() => z.string().regex(roomSegmentPattern, 'must be 1–64 letters, digits, "_" or "-"'));

/**
 * Which sync room a connection is for: one plan (one Y.Doc) inside one workspace. Branded ids: an
 * address is made by `parseRoomPath` (the server, from the URL) or from ids already checked where
 * they entered (a join link), so a plan id cannot stand where the workspace goes.
 */
export interface RoomAddress {
  readonly workspace: WorkspaceId;
  readonly plan: PlanId;
}

/** A room URL path that does not name a room; `message` says why. */
export class RoomPathError extends Error {
  override readonly name = 'RoomPathError';
}

/**
 * Parses the path of a room URL, `/<workspace>/<plan>` (no query string), as the stock y-websocket
 * client builds it from `new WebsocketProvider(server + '/' + workspace, plan, doc)`.
 */
export function parseRoomPath(pathname: string): RoomAddress {
  const segments = pathname.split('/');
  if (segments.length !== 3 || segments[0] !== '') {
    throw new RoomPathError(`"${pathname.slice(0, 200)}" is not a room path: expected /<workspace>/<plan>.`);
  }
  const [, workspace = '', plan = ''] = segments;
  // The one place the server checks a room's ids; past here they are WorkspaceId and PlanId.
  if (!isWorkspaceId(workspace)) throw new RoomPathError(`workspace "${workspace.slice(0, 80)}" must be 1–64 letters, digits, "_" or "-".`);
  if (!isPlanId(plan)) throw new RoomPathError(`plan "${plan.slice(0, 80)}" must be 1–64 letters, digits, "_" or "-".`);
  return { workspace, plan };
}

/** The key a room is stored and addressed under: `<workspace>/<plan>`. */
export function roomKey(address: RoomAddress): string {
  return `${address.workspace}/${address.plan}`;
}

/**
 * The full WebSocket URL of a room: `ws://HOST:PORT/<workspace>/<plan>?token=TOKEN`. `serverUrl` is the
 * server's base (`ws://…`, `wss://…`, or an `http(s)://…` URL that is turned into its ws form).
 */
export function roomUrl(serverUrl: string, address: RoomAddress, token: string): string {
  const base = serverUrl.replace(/^http(s?):\/\//, 'ws$1://').replace(/\/+$/, '');
  return `${base}/${address.workspace}/${address.plan}?token=${encodeURIComponent(token)}`;
}
