import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { roomSegmentPattern } from '../../shared/sync/room.js';
import type { WorkspaceHost } from './workspace-host.js';

/** Where the host's read-only view of a workspace is served: `GET /_admin/workspaces/<workspace>`. */
export const adminPathPrefix = '/_admin/';

/**
 * The host's key for the admin endpoint, derived from the server's signing secret: whoever can read
 * the data folder (the host, and the CLI it runs) has it; participants holding tokens do not.
 */
export function adminKeyFor(secret: Buffer): string {
  return createHmac('sha256', secret).update('throughline admin v1', 'utf8').digest('hex');
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * Answers `/_admin/…` requests (returns false for any other path): with the admin key as a bearer
 * token, `GET /_admin/workspaces/<workspace>` gives the workspace's plans and who is connected.
 */
export function handleAdminRequest(req: IncomingMessage, res: ServerResponse, pathname: string, host: WorkspaceHost, adminKey: string, headers: Record<string, string>): boolean {
  if (!pathname.startsWith(adminPathPrefix)) return false;
  const given = Buffer.from(/^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '', 'utf8');
  const expected = Buffer.from(adminKey, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    sendJson(res, 401, { error: 'the admin endpoint needs the host key (run the CLI where the server\'s data folder is)' }, headers);
    return true;
  }
  const match = /^\/_admin\/workspaces\/([^/]+)$/.exec(pathname);
  if (req.method !== 'GET' || !match || !roomSegmentPattern.test(match[1] ?? '')) {
    sendJson(res, 404, { error: 'unknown admin request: use GET /_admin/workspaces/<workspace>' }, headers);
    return true;
  }
  const workspace = match[1]!;
  host.plans(workspace).then(
    (plans) => sendJson(res, 200, { workspace, plans, connected: host.connected(workspace) }, headers),
    (error: unknown) => sendJson(res, 500, { error: `the workspace's plans could not be read: ${error instanceof Error ? error.message : String(error)}` }, headers),
  );
  return true;
}
