/**
 * Workshop hosting: the sync server runs inside the desktop app (sync-server/ as a library, SQLite in
 * the app's own folder), listening on the LAN address participants can reach and serving the web
 * build, so a participant joins from their app or from a browser with a link. The workspace name, the
 * signing secret and the port are kept in the folder, so hosting again resumes the same plans and the
 * links already handed out keep working (unless the port was taken meanwhile).
 *
 * main.ts owns one `WorkshopHost`; the page starts and stops it over IPC and reaches the server's host
 * API itself with the key this module hands over.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { LanAddress, WorkshopStatus } from '../shared/bridge/workshop.js';
import { roomSegmentSchema } from '../shared/sync/room.js';
import type { TokenRole } from '../shared/sync/token.js';
import { loadSecret } from '../sync-server/auth.js';
import { startSyncServer, type RunningSyncServer } from '../sync-server/server.js';
import type { ConnectedClient, MintedLink } from '../sync-server/workspace/workspace-host.js';

/** What is remembered between workshops, in `<dataDir>/workshop.json`. */
const rememberedSchema = z.object({ workspace: roomSegmentSchema, port: z.number().int().min(0).max(65_535) });
type Remembered = z.infer<typeof rememberedSchema>;
export const workshopFileName = 'workshop.json';

export interface WorkshopHostOptions {
  /** The workshop's own folder (the app's userData/workshop): SQLite file, secret, workshop.json. */
  dataDir: string;
  /** The web build served to browsers (null: rooms and host API only). */
  webRoot: string | null;
  logger: Logger;
  /** The addresses participants could reach (lan-address.ts), read each time hosting starts. */
  addresses: () => LanAddress[];
}

/** A join link in both forms: for a browser (served by the workshop) and for the desktop app. */
export interface WorkshopLink extends MintedLink {
  /** `http://ADDRESS:PORT/#join?server=ws://…&workspace=…&token=…` */
  readonly browserLink: string;
  /** `throughline://join?server=…&workspace=…&token=…` */
  readonly appLink: string;
}

/** A request the host cannot honour (an address that is not one of this machine's). */
export class WorkshopError extends Error {
  override readonly name = 'WorkshopError';
}

function readRemembered(dataDir: string): Remembered | null {
  try {
    const parsed = rememberedSchema.safeParse(JSON.parse(readFileSync(path.join(dataDir, workshopFileName), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function writeRemembered(dataDir: string, remembered: Remembered): void {
  const file = path.join(dataDir, workshopFileName);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(remembered)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** The system's code of a failed listen (`EADDRINUSE`, `EACCES`), or null. */
const errorCode = (error: unknown): string | null => (error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : null);

/**
 * Why the last workshop's port could not be used, in words: taken by another program, or refused by the
 * system (`EACCES`: a port below 1024 without the right to it, or one Windows reserves for Hyper-V after
 * an update or a restart — review43b F11), or another reason named by its code.
 */
function portRefusal(port: number, error: unknown): string {
  const code = errorCode(error);
  if (code === 'EADDRINUSE') return `port ${port} is in use by another program`;
  if (code === 'EACCES') return `port ${port} is not allowed to the app by this computer (EACCES)`;
  return `port ${port} could not be used (${code ?? (error instanceof Error ? error.message.slice(0, 100) : 'unknown error')})`;
}

/** The join parameters of a link, in the order the page's join-link reader expects. */
function joinQuery(server: string, workspace: string, token: string): string {
  return `server=${encodeURIComponent(server)}&workspace=${encodeURIComponent(workspace)}&token=${encodeURIComponent(token)}`;
}

interface Hosting {
  workspace: string;
  address: string;
  hostKey: string;
  /** Said while hosting when the last workshop's port could not be used, so its old links do not work. */
  notice: string | null;
}

export class WorkshopHost {
  private server: RunningSyncServer | null = null;
  private hosting: Hosting | null = null;
  private starting: Promise<WorkshopStatus> | null = null;
  private stopping: Promise<WorkshopStatus> | null = null;
  private problem: string | null = null;

  constructor(private readonly options: WorkshopHostOptions) {}

  /**
   * Starts hosting on `address` (one of `addresses()`; the preferred one when not given). Hosting
   * already: the current status, or, given another address, the workshop moved there (the offer a
   * status makes when its address went away: `newAddress`). The port of the last workshop is tried
   * first so its links still work.
   */
  start(address?: string): Promise<WorkshopStatus> {
    // A stop still closing the server: hosting again starts once it is closed. Before, the closing
    // server answered "hosting" and then closed, so the host was shown a workshop nobody could reach.
    if (this.stopping) return this.stopping.then(() => this.start(address));
    if (this.server && this.hosting && address !== undefined && address !== this.hosting.address) return this.move(address);
    if (this.server) return Promise.resolve(this.status());
    this.starting ??= this.open(address).finally(() => { this.starting = null; });
    return this.starting;
  }

  private async open(requested: string | undefined): Promise<WorkshopStatus> {
    const { dataDir, webRoot, logger } = this.options;
    const candidates = this.options.addresses();
    const address = requested ?? candidates.find((candidate) => candidate.preferred)?.address ?? candidates[0]?.address;
    if (address === undefined) {
      this.problem = 'This computer has no network address others could reach: connect to a Wi-Fi or wired network first.';
      return this.status();
    }
    if (!candidates.some((candidate) => candidate.address === address)) throw new WorkshopError(`"${address.slice(0, 64)}" is not an address of this computer.`);
    mkdirSync(dataDir, { recursive: true });
    const remembered = readRemembered(dataDir) ?? { workspace: `workshop-${randomBytes(4).toString('hex')}`, port: 0 };
    // The workshop's own secret file, never THROUGHLINE_SECRET from the environment the app was started in.
    const { secret } = loadSecret(dataDir, {});
    // A new host key each workshop, kept in main: the one derived from the persistent secret stayed valid
    // for every later workshop on this computer. The secret itself still signs links, so they outlive a restart.
    const hostKey = randomBytes(32).toString('hex');
    const start = (port: number) => startSyncServer({ host: address, port, dataDir, webRoot }, { logger, secret, adminKey: hostKey });
    let server: RunningSyncServer;
    let notice: string | null = null;
    try {
      server = await start(remembered.port);
    } catch (error) {
      // Any reason, not only "in use": a port refused by the system (EACCES) failed every workshop until
      // workshop.json was deleted by hand (review43b F11). A free port works; the host is told the old links do not.
      if (remembered.port === 0) throw error;
      logger.warn({ port: remembered.port, code: errorCode(error) }, 'the last workshop port cannot be used; hosting on another (old links name the old port)');
      server = await start(0);
      notice = `The last workshop's ${portRefusal(remembered.port, error)}, so this one is on port ${server.port}: links handed out before name port ${remembered.port} and no longer work; hand out new ones.`;
    }
    writeRemembered(dataDir, { workspace: remembered.workspace, port: server.port });
    this.server = server;
    this.hosting = { workspace: remembered.workspace, address, hostKey, notice };
    this.problem = null;
    logger.info({ url: server.url, workspace: remembered.workspace }, 'workshop hosting');
    return this.status();
  }

  /**
   * Where the workshop stands, read afresh each time (the page asks every few seconds while hosting):
   * when the address it listens on is no longer this computer's (the laptop changed Wi-Fi), `problem`
   * says participants cannot reach it and its links name a dead address, and `newAddress` is the one
   * to move to (review43b F9: before, the status stayed "hosting" as if nothing happened).
   */
  status(): WorkshopStatus {
    const addresses = this.options.addresses();
    if (!this.server || !this.hosting) return { state: 'stopped', addresses, problem: this.problem };
    const { workspace, address, notice } = this.hosting;
    const moved = addressGone(address, addresses);
    return {
      state: 'hosting', addresses, hostUrl: this.server.url, workspace, address, port: this.server.port,
      problem: moved?.problem ?? notice, newAddress: moved?.newAddress ?? null,
    };
  }

  /** Moves the workshop to `address` (its old one gone): the same plans, workspace and port, new links. */
  private move(address: string): Promise<WorkshopStatus> {
    const from = this.hosting!.address;
    if (!this.options.addresses().some((candidate) => candidate.address === address)) return Promise.reject(new WorkshopError(`"${address.slice(0, 64)}" is not an address of this computer.`));
    this.options.logger.warn({ from, to: address }, 'workshop moving to another address');
    return this.stop().then(() => this.start(address));
  }

  /** The host API's key of the workshop being hosted, for main's own calls only (never sent to the page); null when stopped. */
  hostKey(): string | null {
    return this.server && this.hosting ? this.hosting.hostKey : null;
  }

  /** Mints a link to the workshop's workspace (the host screen does the same through the host API). */
  mintLink(role: TokenRole, ttlSeconds: number): WorkshopLink {
    const { server, hosting } = this.running();
    const minted = server.workspaces.mintLink(hosting.workspace, role, ttlSeconds);
    const roomServer = server.url.replace(/^http:/, 'ws:').replace(/\/+$/, '');
    const query = joinQuery(roomServer, hosting.workspace, minted.token);
    return { ...minted, browserLink: `${server.url}#join?${query}`, appLink: `throughline://join?${query}` };
  }

  /** Who is connected to the workshop now. */
  connected(): ConnectedClient[] {
    const { server, hosting } = this.running();
    return server.workspaces.connected(hosting.workspace);
  }

  /**
   * Stops hosting: participants are disconnected (they keep the plan in their own local copies and
   * see the server as unreachable), the host's stored plans stay in the folder for next time.
   */
  stop(): Promise<WorkshopStatus> {
    this.stopping ??= this.close().finally(() => { this.stopping = null; });
    return this.stopping;
  }

  private async close(): Promise<WorkshopStatus> {
    await this.starting?.catch(() => undefined);
    const server = this.server;
    this.server = null;
    this.hosting = null;
    if (server) {
      await server.close();
      this.options.logger.info('workshop stopped');
    }
    return this.status();
  }

  private running(): { server: RunningSyncServer; hosting: Hosting } {
    if (!this.server || !this.hosting) throw new WorkshopError('No workshop is being hosted.');
    return { server: this.server, hosting: this.hosting };
  }
}

/**
 * What to say when the hosting address is no longer among this computer's (null while it is): the
 * problem, and the address to move to (the preferred one now), or none when there is no network.
 */
export function addressGone(address: string, addresses: readonly LanAddress[]): { problem: string; newAddress: string | null } | null {
  if (addresses.some((candidate) => candidate.address === address)) return null;
  const next = addresses.find((candidate) => candidate.preferred) ?? addresses[0];
  const lost = `This computer no longer has the address ${address} (its network changed): participants cannot reach the workshop, and the links shown name that address.`;
  return next === undefined
    ? { problem: `${lost} Connect to a network, then host on its address.`, newAddress: null }
    : { problem: `${lost} Host on ${next.address} (${next.interfaceName}) instead, then hand out new links.`, newAddress: next.address };
}
