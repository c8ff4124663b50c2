/**
 * Workshop hosting over the bridge: the desktop app runs the sync server in-process on the LAN and
 * tells its page where the server is (`hostUrl`); the page's host screen mints links, lists who joined
 * and revokes through the host API, by IPC (`workshop:host-request`), where the main process adds the
 * host key. The key never crosses to the page: a script injected there, or a status in a log, could
 * otherwise mint links from anywhere on the network (review32 finding 3). Both sides validate what
 * crosses IPC with these schemas.
 */
import { z } from 'zod';
import { roomSegmentSchema } from '../sync/room.js';

/** One address participants could reach, the preferred one (default route) first. */
export const lanAddressSchema = z.lazy(() => z.strictObject({
  interfaceName: z.string().max(100),
  address: z.string().max(64),
  preferred: z.boolean(),
}));
export type LanAddress = z.infer<typeof lanAddressSchema>;

/** What the page may ask when starting a workshop: the address to host on (else the preferred one). */
export const workshopStartRequestSchema = z.lazy(() => z.strictObject({
  address: z.string().min(1).max(64).optional(),
}).optional());
export type WorkshopStartRequest = z.infer<typeof workshopStartRequestSchema>;

const httpUrlSchema = z.lazy(() => z.string().max(200).refine((value) => {
  try {
    return new URL(value).protocol === 'http:';
  } catch {
    return false;
  }
}, 'must be an http:// address'));

/** The workshop as the page sees it. */
export const workshopStatusSchema = z.lazy(() => z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('stopped'), addresses: z.array(lanAddressSchema).max(64), problem: z.string().max(500).nullable() }),
  z.strictObject({
    state: z.literal('hosting'),
    addresses: z.array(lanAddressSchema).max(64),
    /** `http://ADDRESS:PORT/`: the web build for browsers, the host API, and (as ws://) the rooms. */
    hostUrl: httpUrlSchema,
    workspace: roomSegmentSchema,
    address: z.string().max(64),
    port: z.number().int().min(1).max(65_535),
    /**
     * What the host must know while hosting, or null: the address went away (the laptop changed
     * network), or the last workshop's port could not be used so old links no longer work.
     */
    problem: z.string().max(500).nullable(),
    /** The address to move the workshop to when its own went away (start with it), or null. */
    newAddress: z.string().max(64).nullable(),
  }),
]));
export type WorkshopStatus = z.infer<typeof workshopStatusSchema>;

/** The room server address (`ws://…`) of a hosting workshop. */
export function workshopServer(status: Extract<WorkshopStatus, { state: 'hosting' }>): string {
  return status.hostUrl.replace(/^http:/, 'ws:').replace(/\/+$/, '');
}

/** A request to the hosted workshop's host API, carried over IPC (the main process adds the key). */
export const hostApiRequestSchema = z.lazy(() => z.strictObject({
  method: z.enum(['GET', 'POST']),
  /** Only the host API's own paths. */
  path: z.string().max(300).regex(/^\/_admin\/[A-Za-z0-9_\-/]*$/, 'must be a host API path (/_admin/…)'),
  body: z.string().max(16 * 1024).optional(),
}));
export type HostApiRequest = z.infer<typeof hostApiRequestSchema>;

/** The host API's answer: its status and body text (JSON). */
export const hostApiResponseSchema = z.lazy(() => z.strictObject({ status: z.number().int().min(100).max(599), body: z.string().max(4 * 1024 * 1024) }));
export type HostApiResponse = z.infer<typeof hostApiResponseSchema>;

/**
 * The room server the host's own stored connection to its workshop's workspace should name now, or null
 * when it names it already (or this computer has no connection to it): after the workshop moved to
 * another address (the laptop changed network: "Host on … instead") or another port (the last one was
 * refused), the host's open plans stayed connected to the old address, which nothing answers any more
 * (leftovers46b). The workspace is the workshop's own (`workshop-<random>`, remembered by this computer),
 * so following it moves nothing anyone else chose.
 */
export function workshopServerToFollow(status: WorkshopStatus, stored: { server: string; workspace: string } | undefined): string | null {
  if (status.state !== 'hosting' || !stored || stored.workspace !== status.workspace) return null;
  const now = workshopServer(status);
  return sameRoomServer(stored.server, now) ? null : now;
}

/** Whether two room server addresses name one server (scheme, host and port; a trailing slash aside). */
function sameRoomServer(a: string, b: string): boolean {
  try {
    const [left, right] = [new URL(a), new URL(b)];
    return left.protocol === right.protocol && left.host === right.host && left.pathname.replace(/\/+$/, '') === right.pathname.replace(/\/+$/, '');
  } catch {
    return a === b;
  }
}
