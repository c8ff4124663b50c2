import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { isWorkspaceId } from '../../shared/model/ids.js';
import { decodeTokenPayload } from '../../shared/sync/token.js';
import { hostApiPrefix, mintLinkRequestSchema, revokeRequestSchema, roleChangeRequestSchema } from '../../shared/workspace/host-api.js';
import { linkIdPattern } from './link-id.js';
import { ParticipantMismatch, ParticipantNotFound, type Participant, type WorkspaceHost } from './workspace-host.js';

/** Where the host API is served (see shared/workspace/host-api.ts for its paths and bodies). */
export const adminPathPrefix = hostApiPrefix;

/** The largest request body the host API reads (its bodies are a few dozen bytes). */
const maxBodyBytes = 8 * 1024;

/**
 * The host's key for the host API, derived from the server's signing secret: whoever can read the
 * data folder (the host, and the CLI it runs) has it; participants holding tokens do not.
 */
export function adminKeyFor(secret: Buffer): string {
  return createHmac('sha256', secret).update('throughline admin v1', 'utf8').digest('hex');
}

/**
 * Bearer auth, no cookies: no page can use a key it does not hold, so any origin may call (the desktop
 * app's window is not on the server's origin).
 */
const corsHeaders = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Max-Age': '600',
};

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { ...headers, ...corsHeaders, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * `Authorization: Bearer <key>`; the scheme's case does not matter (RFC 9110 §11.1), and clients that
 * send `bearer` were told they had no host key (usercheck6).
 */
const bearerPattern = /^Bearer (\S+)$/i;

/** Whether the request carries the host key (compared in constant time). */
function holdsHostKey(req: IncomingMessage, adminKey: string): boolean {
  const given = Buffer.from(bearerPattern.exec(req.headers.authorization ?? '')?.[1] ?? '', 'utf8');
  const expected = Buffer.from(adminKey, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** True when `text` reads as a token (its signature is not checked: it is only being named). */
function isReadableToken(text: string): boolean {
  try {
    decodeTokenPayload(text);
    return true;
  } catch {
    return false;
  }
}

/** The bearer is a participant's token rather than a host key (refused with 403, not 401). */
function bearerIsParticipantToken(req: IncomingMessage): boolean {
  const bearer = bearerPattern.exec(req.headers.authorization ?? '')?.[1];
  return bearer !== undefined && isReadableToken(bearer);
}

/** A request body that cannot be used: the status and a sentence naming the problem. */
class BodyError extends Error {
  constructor(readonly status: 400 | 413 | 415, message: string) {
    super(message);
  }
}

/**
 * One leading UTF-8 byte-order mark dropped: PowerShell's `Out-File` and Notepad write one before the
 * JSON, and the host was told "the body is not JSON" about a file that looks like JSON (usercheck6 F8).
 * RFC 8259 §8.1 lets a parser ignore it.
 */
function withoutByteOrderMark(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/**
 * The host asked to make their own app a viewer (the request's `instance` is its `hostInstance`): that
 * would take away their own editing of the workspace they host, from the screen they host it with.
 */
class OwnAppDemotion extends Error {
  constructor() {
    super('that row is your own app, the one you host from: making it a viewer would stop you changing your own workspace\'s plans. Nothing was changed. To see what a viewer sees, open a viewer link in another window.');
  }
}

/** Reads a small JSON body and checks it against `schema`; the BodyError names the problem. */
function readBody<T extends z.ZodType>(req: IncomingMessage, schema: T): Promise<z.infer<T>> {
  return new Promise((resolve, reject) => {
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      reject(new BodyError(415, 'send the body as application/json'));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        // Answer, and throw the rest away unread (the server's request timeout ends an endless one).
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyError(413, `the body is over ${maxBodyBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', (error) => reject(new BodyError(400, `the body could not be read: ${error.message}`)));
    req.on('end', () => {
      let json: unknown;
      try {
        json = JSON.parse(withoutByteOrderMark(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new BodyError(400, 'the body is not JSON'));
        return;
      }
      const parsed = schema.safeParse(json);
      if (parsed.success) resolve(parsed.data);
      else reject(new BodyError(400, `the body is not valid: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ')}`));
    });
  });
}

/**
 * Answers `/_admin/…` requests (returns false for any other path). With the host key as a bearer token:
 *  - `GET  /_admin/workspaces/<ws>`        the workspace's plans and who is connected;
 *  - `POST /_admin/workspaces/<ws>/links`  `{ role, ttlSeconds? }` → a new link's token, id, role, expiry;
 *  - `POST /_admin/revocations`            `{ link }` (id or token) → its connections are closed at once;
 *  - `POST /_admin/workspaces/<ws>/roles`  `{ role, instance, connections? }` or `{ role, connections }` → that
 *                                          participant's connections re-admitted under the role at once (404: nobody
 *                                          matches; 409: a listed connection is not bound to the instance).
 * Without the key: 401; participants' tokens are not host keys.
 */
export function handleAdminRequest(req: IncomingMessage, res: ServerResponse, pathname: string, host: WorkspaceHost, adminKey: string, headers: Record<string, string>): boolean {
  if (!pathname.startsWith(adminPathPrefix)) return false;
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { ...headers, ...corsHeaders });
    res.end();
    return true;
  }
  if (!holdsHostKey(req, adminKey)) {
    if (bearerIsParticipantToken(req)) {
      sendJson(res, 403, { error: 'a participant\'s join link (editor or viewer) cannot host: the host API needs the host key' }, headers);
      req.resume();
      return true;
    }
    sendJson(res, 401, { error: 'the host API needs the host key (the link `npm start` prints for the host, or run the CLI where the server\'s data folder is)' }, headers);
    req.resume();
    return true;
  }
  const fail = (error: unknown) => {
    if (error instanceof BodyError) sendJson(res, error.status, { error: error.message }, headers);
    else if (error instanceof ParticipantNotFound) sendJson(res, 404, { error: error.message }, headers);
    else if (error instanceof ParticipantMismatch || error instanceof OwnAppDemotion) sendJson(res, 409, { error: error.message }, headers);
    else sendJson(res, 500, { error: `the request failed: ${error instanceof Error ? error.message : String(error)}` }, headers);
  };
  const workspaceMatch = /^\/_admin\/workspaces\/([^/]+)(\/links|\/roles)?$/.exec(pathname);
  if (workspaceMatch) {
    const workspace = workspaceMatch[1] ?? '';
    // The host API's one check of the workspace in its URL: past here it is a WorkspaceId.
    if (!isWorkspaceId(workspace)) {
      sendJson(res, 400, { error: `"${workspace.slice(0, 80)}" is not a workspace name (1–64 letters, digits, "_" or "-")` }, headers);
      return true;
    }
    if (workspaceMatch[2] === undefined) {
      if (!methodIs(req, res, 'GET', headers)) return true;
      host.plans(workspace).then(
        (plans) => sendJson(res, 200, { workspace, plans, connected: host.connected(workspace), ...(host.listedBy === undefined ? {} : { listedBy: host.listedBy }) }, headers),
        (error: unknown) => sendJson(res, 500, { error: `the workspace's plans could not be read: ${error instanceof Error ? error.message : String(error)}` }, headers),
      );
      return true;
    }
    if (!methodIs(req, res, 'POST', headers)) return true;
    if (workspaceMatch[2] === '/roles') {
      readBody(req, roleChangeRequestSchema).then((body) => {
        if (body.role === 'viewer' && body.instance !== undefined && body.instance === body.hostInstance) throw new OwnAppDemotion();
        const participant: Participant = body.instance !== undefined
          ? { instance: body.instance, ...(body.connections === undefined ? {} : { connections: body.connections }) }
          : { connections: body.connections ?? [] };
        const outcome = host.changeRole(workspace, body.role, participant);
        // Scaled out, the personal link is in the deployment's record before the host can name it elsewhere.
        return (host.mintedShared?.() ?? Promise.resolve()).then(() => sendJson(res, 200, outcome, headers));
      }).catch(fail);
      return true;
    }
    readBody(req, mintLinkRequestSchema).then(async (body) => {
      const link = host.mintLink(workspace, body.role, body.ttlSeconds);
      // Scaled out: answered once every instance can tell the link is the deployment's (host36).
      await host.mintedShared?.();
      sendJson(res, 201, link, headers);
    }).catch(fail);
    return true;
  }
  if (pathname === `${adminPathPrefix}revocations`) {
    if (!methodIs(req, res, 'POST', headers)) return true;
    readBody(req, revokeRequestSchema).then((body) => {
      if (!linkIdPattern.test(body.link) && !isReadableToken(body.link)) throw new BodyError(400, 'link must be a link id (16 hex digits) or a token');
      return (host.revokeAsked?.(body.link) ?? Promise.resolve(host.revoke(body.link))).then((outcome) => sendJson(res, 200, outcome, headers));
    }).catch(fail);
    return true;
  }
  sendJson(res, 404, { error: 'unknown host API request: use GET /_admin/workspaces/<workspace>, POST /_admin/workspaces/<workspace>/links, POST /_admin/workspaces/<workspace>/roles or POST /_admin/revocations' }, headers);
  req.resume();
  return true;
}

function methodIs(req: IncomingMessage, res: ServerResponse, method: 'GET' | 'POST', headers: Record<string, string>): boolean {
  if (req.method === method) return true;
  res.setHeader('Allow', `${method}, OPTIONS`);
  sendJson(res, 405, { error: `use ${method} here` }, headers);
  req.resume();
  return false;
}
