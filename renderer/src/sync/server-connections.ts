import { z } from 'zod';
import { readStored, writeStored, type KeyValueStore } from '../library/key-value-store.js';
import { roomIdPattern } from '../library/plan-library.js';
import { joinRequestSchema } from './join-link.js';

/** How this device reaches one workspace: the server address and the token it was given. */
export const serverConnectionSchema = z.lazy(() => z.object({
  server: joinRequestSchema.unwrap().shape.server,
  workspace: z.string().regex(roomIdPattern),
  token: joinRequestSchema.unwrap().shape.token,
  savedAt: z.number().finite(),
}));
export type ServerConnection = z.infer<typeof serverConnectionSchema>;

const connectionsKey = 'throughline:connections:v1';
const connectionsSchema = z.lazy(() => z.array(serverConnectionSchema));

/** A server address as people read it: its host and port ("plans.example.com", "127.0.0.1:4518"). */
export function serverName(server: string): string {
  try {
    return new URL(server).host || server;
  } catch {
    return server;
  }
}

/** Whether two server addresses are the same server (scheme, host and port; a trailing slash aside). */
export function sameServer(a: string, b: string): boolean {
  try {
    const [left, right] = [new URL(a), new URL(b)];
    return left.protocol === right.protocol && left.host === right.host && left.pathname.replace(/\/+$/, '') === right.pathname.replace(/\/+$/, '');
  } catch {
    return a === b;
  }
}

/** The server connections stored on this device, one per workspace. */
export class ServerConnections {
  constructor(private readonly store: KeyValueStore) {}

  list(): ServerConnection[] {
    return readStored(this.store, connectionsKey, connectionsSchema, []);
  }

  forWorkspace(workspace: string): ServerConnection | undefined {
    return this.list().find((connection) => connection.workspace === workspace);
  }

  /**
   * Stores the connection for its workspace (a new token for the same server replaces the old one).
   * A different server for a workspace this device already syncs is refused unless `move` says the
   * person agreed: a join link from anyone must never send a workspace's plans to their server quietly.
   */
  save(connection: ServerConnection, options: { move?: boolean } = {}): ServerConnection {
    const checked = serverConnectionSchema.parse(connection);
    const known = this.forWorkspace(checked.workspace);
    if (known && !sameServer(known.server, checked.server) && !options.move) {
      throw new Error(`This device syncs workspace "${checked.workspace}" with ${serverName(known.server)}, not ${serverName(checked.server)}.`);
    }
    writeStored(this.store, connectionsKey, [checked, ...this.list().filter((other) => other.workspace !== checked.workspace)]);
    return checked;
  }

  remove(workspace: string): void {
    writeStored(this.store, connectionsKey, this.list().filter((connection) => connection.workspace !== workspace));
  }
}
