/**
 * The host changed a participant's role: the one frame of the server's own that is not y-websocket
 * protocol. It is sent only to connections that said they read it (`readsRoleChange` in the room URL's
 * query, which only Throughline's app adds): the stock y-websocket client never declares it, so it never
 * receives a message type it cannot read (it would log "Unable to compute message"); its connection is
 * re-admitted under the new role in place, without being told.
 *
 * Frame: `[messageType.roleChange: varUint, json: varString]`, the JSON `{ role, token }` — the new
 * role and a personal link's token of that role, minted for this app, so its reconnects (and the plans
 * it opens later) keep the role the host gave it.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { z } from 'zod';
import { maxTokenLength, tokenRoles } from './token.js';

/** First varUint of the role-change frame: far above the stock types (0–3), so it can never clash with one. */
export const roleChangeMessageType = 100;

/**
 * A role change the app answers (hostfix, thirty-first session): an app that adds `answersRoleChange=1`
 * to its room URLs is sent the role change as `[answeredRoleChangeMessageType, json]` (the same JSON), and
 * answers `[answeredRoleChangeMessageType]`, nothing after, on the same socket once it has taken it. So
 * every update it sent before its answer was made before it knew: a demotion applies to its updates
 * from the answer on (or after a short grace, for an app that never answers), and an editor's change
 * already on its way when the host clicked is kept, as the editor it was typed by, instead of ending up
 * in their copy only. An older server never sends type 101, so the app never answers one (an older
 * server would close the connection on a message type it does not know); an older app never declares
 * the parameter, so it is sent type 100 and a demotion applies to it at once.
 */
export const answeredRoleChangeMessageType = 101;

/** The room URL's query parameter (value `1`) with which a client says it answers role changes (type 101). */
export const answersRoleChangeParam = 'answersRoleChange';

/** The app's answer to a role change of type 101. */
export function encodeRoleChangeTakenFrame(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, answeredRoleChangeMessageType);
  return encoding.toUint8Array(encoder);
}

/** The room URL's query parameter (value `1`) with which a client says it reads the role-change frame. */
export const readsRoleChangeParam = 'readsRoleChange';

/**
 * The room URL's query parameter with the app's key: a secret made by each running app (a browser tab,
 * a desktop window) and sent only to the server in the URL of each room it opens, never in presence.
 * The server binds the connection to the app it names for the connection's life, and shows the host
 * only a digest of it (`instance` in the host API's list): a role change reaches the connections that
 * presented the key, which nobody else in the room can copy (everything in presence can be copied).
 */
export const appKeyParam = 'appKey';

/**
 * What the host sees of an app key: the first 24 hex digits of SHA-256 over this prefix and the key
 * (the server's `instanceOfAppKey`; the host screen works out its own app's the same way).
 */
export const appInstanceDigestPrefix = 'throughline app key v1:';
export const appInstanceDigestHexDigits = 24;

/** An app key: 22–64 base64url characters (at least 128 random bits as the app makes them). */
export const appKeyPattern = /^[A-Za-z0-9_-]{22,64}$/;

export const roleChangeSchema = z.lazy(() => z.strictObject({
  role: z.enum(tokenRoles),
  token: z.string().min(1).max(maxTokenLength),
}));
export type RoleChange = z.infer<typeof roleChangeSchema>;

/** The whole frame for `change`; `answered`: the type-101 frame the client answers. */
export function encodeRoleChangeFrame(change: RoleChange, answered = false): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, answered ? answeredRoleChangeMessageType : roleChangeMessageType);
  encoding.writeVarString(encoder, JSON.stringify(change));
  return encoding.toUint8Array(encoder);
}

/** Reads the frame's body (the message type already read off `decoder`); null when it is not one. */
export function readRoleChange(decoder: decoding.Decoder): RoleChange | null {
  try {
    const parsed = roleChangeSchema.safeParse(JSON.parse(decoding.readVarString(decoder)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
