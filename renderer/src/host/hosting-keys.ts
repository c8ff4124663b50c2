import { z } from 'zod';
import { roomSegmentPattern } from '../../../shared/sync/room.js';
import { readStored, writeStored, type KeyValueStore } from '../library/key-value-store.js';

/** A workspace this device hosts: the sync server's http(s) address and its host key. */
export const hostingSchema = z.lazy(() => z.object({
  serverUrl: z.string().refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.host.length > 0;
    } catch {
      return false;
    }
  }, 'the server must be an http:// or https:// address'),
  workspace: z.string().regex(roomSegmentPattern, 'the workspace is 1–64 letters, digits, "-" or "_"'),
  key: z.string().regex(/^[0-9a-f]{64}$/, 'the host key is 64 hex digits'),
}));
export type Hosting = z.infer<typeof hostingSchema>;

const hostingKey = 'throughline:hosting:v1';

/** The host keys stored on this device, one per workspace (a host link put them here). */
export class HostingKeys {
  constructor(private readonly store: KeyValueStore) {}

  list(): Hosting[] {
    return readStored(this.store, hostingKey, z.array(hostingSchema), []);
  }

  forWorkspace(workspace: string): Hosting | undefined {
    return this.list().find((entry) => entry.workspace === workspace);
  }

  save(hosting: Hosting): void {
    const checked = hostingSchema.parse(hosting);
    writeStored(this.store, hostingKey, [checked, ...this.list().filter((entry) => entry.workspace !== checked.workspace)]);
  }
}

/** Reading a URL hash as a host link: not one, a usable one, or why it cannot be used. */
export type HostLinkResult = { kind: 'none' } | { kind: 'host'; hosting: Hosting } | { kind: 'invalid'; problem: string };

/**
 * Reads `#host?workspace=…&key=…[&server=http://…]` (what `npm start` prints for the host). Without
 * `server`, the page's own origin is the server (browser mode: the sync server serves the app).
 */
export function parseHostHash(hash: string, pageOrigin: string): HostLinkResult {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body !== 'host' && !body.startsWith('host?')) return { kind: 'none' };
  const params = new URLSearchParams(body.slice('host'.length + 1));
  const parsed = hostingSchema.safeParse({ serverUrl: params.get('server') ?? pageOrigin, workspace: params.get('workspace') ?? '', key: params.get('key') ?? '' });
  if (!parsed.success) return { kind: 'invalid', problem: `This host link cannot be used: ${parsed.error.issues.map((issue) => issue.message).join('; ')}.` };
  return { kind: 'host', hosting: parsed.data };
}

/** The hash of the host screen of a workspace. */
export function hostScreenHash(workspace: string): string {
  return `#/host/${workspace}`;
}

/** The workspace of a host screen hash (`#/host/<workspace>`), or null. */
export function parseHostScreenHash(hash: string): string | null {
  const match = /^#\/host\/([A-Za-z0-9_-]{1,64})$/.exec(hash);
  return match?.[1] ?? null;
}
