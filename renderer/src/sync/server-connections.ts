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

/** The server connections stored on this device, one per workspace. */
export class ServerConnections {
  constructor(private readonly store: KeyValueStore) {}

  list(): ServerConnection[] {
    return readStored(this.store, connectionsKey, connectionsSchema, []);
  }

  forWorkspace(workspace: string): ServerConnection | undefined {
    return this.list().find((connection) => connection.workspace === workspace);
  }

  /** Stores (or replaces) the connection for its workspace. */
  save(connection: ServerConnection): ServerConnection {
    const checked = serverConnectionSchema.parse(connection);
    writeStored(this.store, connectionsKey, [checked, ...this.list().filter((other) => other.workspace !== checked.workspace)]);
    return checked;
  }

  remove(workspace: string): void {
    writeStored(this.store, connectionsKey, this.list().filter((connection) => connection.workspace !== workspace));
  }
}
