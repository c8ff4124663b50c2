import { z } from 'zod';
import { planIdSchema, workspaceIdSchema, type PlanId, type WorkspaceId } from '../../../shared/model/ids.js';
import { roomIdPattern } from '../library/plan-library.js';

/**
 * What a join link carries: a sync server, the workspace on it, a token, and optionally a plan. The
 * link is where these ids enter from outside, so they are checked here once, into branded ids.
 */
export interface JoinRequest {
  server: string;
  workspace: WorkspaceId;
  token: string;
  plan?: PlanId;
}

/** What a join link is built from: the same fields, as whatever strings the app holds (checked when read back). */
export type JoinLinkParts = { [K in keyof JoinRequest]: string };

const serverSchema = z.lazy(() => z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'ws:' || url.protocol === 'wss:') && url.host.length > 0;
  } catch {
    return false;
  }
}, 'the server must be a ws:// or wss:// address'));

export const joinRequestSchema = z.lazy(() => z.object({
  server: serverSchema,
  workspace: z.string().regex(roomIdPattern, 'the workspace is 1–64 letters, digits, "-" or "_"').pipe(workspaceIdSchema),
  token: z.string().min(1, 'the link has no token').max(4096),
  plan: z.string().regex(roomIdPattern, 'the plan id is 1–64 letters, digits, "-" or "_"').pipe(planIdSchema).optional(),
}));

/** Result of reading a join link: nothing to join, a valid request, or why the link is unusable. */
export type JoinLinkResult = { kind: 'none' } | { kind: 'join'; request: JoinRequest } | { kind: 'invalid'; problem: string };

/** Strips trailing slashes so the same server always yields the same room URL. */
export function normaliseServer(server: string): string {
  return server.trim().replace(/\/+$/, '');
}

/** Characters a sentence puts right after a link ("…&plan=q1." or "(…&plan=q1)"); no value of a link ends with one (buildJoinLink escapes them). */
const TRAILING_PUNCTUATION = /[\s.,;:!?)\]>'"*]+$/;

/**
 * The hash of a join link as it was sent, or null when it is none: links travel through e-mail, chat
 * and wikis that change them on the way — the whole hash percent-encoded once (`#join%3Fserver%3D…`),
 * `&` written as `&amp;`, the word's case changed (`#Join?`), the sentence's full stop or bracket
 * stuck to its end. Before, such a link opened the app without a word, or was refused for a
 * "missing" workspace that was there.
 */
function linkAsSent(hash: string): string | null {
  let body = hash;
  if (/^join%3f/i.test(body)) {
    try { body = decodeURIComponent(body); } catch { return null; }
  }
  if (!/^join(?:$|\?)/i.test(body)) return null;
  return `join${body.slice(4).replace(/&amp;/gi, '&').replace(TRAILING_PUNCTUATION, '')}`;
}

/**
 * Reads `#join?server=…&workspace=…&token=…[&plan=…]` from a URL hash. Any other hash is not a join
 * link. Each problem is named so the user sees why the link was refused.
 */
export function parseJoinHash(hash: string): JoinLinkResult {
  const body = linkAsSent(hash.startsWith('#') ? hash.slice(1) : hash);
  if (body === null) return { kind: 'none' };
  const params = new URLSearchParams(body.slice('join'.length + 1));
  const candidate = {
    server: normaliseServer(params.get('server') ?? ''),
    workspace: params.get('workspace') ?? '',
    token: params.get('token') ?? '',
    ...(params.get('plan') ? { plan: params.get('plan') } : {}),
  };
  const parsed = joinRequestSchema.safeParse(candidate);
  if (!parsed.success) return { kind: 'invalid', problem: `This join link cannot be used: ${parsed.error.issues.map((issue) => issue.message).join('; ')}.` };
  return { kind: 'join', request: parsed.data };
}

/**
 * Percent-encodes the punctuation encodeURIComponent leaves as is when it ends the link, so the link
 * never ends in what linkAsSent strips as a sentence's. Only the end is stripped, so dots inside the
 * link stay readable (`ws%3A%2F%2F192.168.1.20%3A4455`, not `192%2E168%2E…`).
 */
function withSafeEnd(link: string): string {
  return link.replace(/[!'()*.]$/, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Builds a join link for `appUrl` (its hash is replaced). */
export function buildJoinLink(appUrl: string, request: JoinLinkParts): string {
  const base = appUrl.split('#')[0] ?? appUrl;
  const parts = [
    `server=${encodeURIComponent(normaliseServer(request.server))}`,
    `workspace=${encodeURIComponent(request.workspace)}`,
    `token=${encodeURIComponent(request.token)}`,
  ];
  if (request.plan) parts.push(`plan=${encodeURIComponent(request.plan)}`);
  return withSafeEnd(`${base}#join?${parts.join('&')}`);
}

/**
 * Reads what a user pasted into "join a server": either a full join link, or a server address
 * (http(s) addresses are turned into ws(s)). Returns the server address or the problem.
 */
export function parseServerAddress(input: string): { server: string } | { problem: string } {
  const trimmed = input.trim();
  if (trimmed.length === 0) return { problem: 'Enter the server address, e.g. ws://192.168.1.20:4455.' };
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(trimmed) ? trimmed : `ws://${trimmed}`);
  } catch {
    return { problem: `"${trimmed}" is not a server address.` };
  }
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return { problem: `"${trimmed}" is not a ws://, wss://, http:// or https:// address.` };
  return { server: normaliseServer(`${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`) };
}
