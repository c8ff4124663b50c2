/**
 * The request target of an HTTP request line (`GET <target> HTTP/1.1`) as the server uses it: a
 * path and a query. `new URL(target, base)` throws on targets a client may send on purpose
 * (`//x:y/a`, `//[/a`, `http://[/a`): here every target either parses or yields a 4xx refusal.
 */

/** A request target the server can route: the path as sent (not percent-decoded) and its query. */
export interface RequestTarget {
  readonly pathname: string;
  readonly query: URLSearchParams;
}

/** Why a target cannot be routed, with the HTTP status to answer. */
export interface RequestTargetRefusal {
  readonly status: 400 | 414;
  readonly reason: string;
}

export type ParsedRequestTarget =
  | { readonly ok: true; readonly target: RequestTarget }
  | { readonly ok: false; readonly refusal: RequestTargetRefusal };

/** Longest path routed; a room path is at most 131 characters, a web asset path far less. */
export const maxPathLength = 2_048;

/** Schemes accepted in the absolute form (`GET http://host/path`), which HTTP/1.1 servers must accept. */
const absoluteFormSchemes = new Set(['http:', 'https:', 'ws:', 'wss:']);

/** Parses `raw` (an IncomingMessage's `url`); never throws. */
export function parseRequestTarget(raw: string | undefined): ParsedRequestTarget {
  const target = raw ?? '';
  if (target.startsWith('/')) return originForm(target);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return absoluteForm(target);
  return refused(400, `"${previewTarget(target)}" is not a request target: expected a path starting with "/"`);
}

/** `/path?query`: split by hand, so a path that looks like an authority (`//x:y/a`) stays a path. */
function originForm(target: string): ParsedRequestTarget {
  const beforeFragment = target.split('#', 1)[0] ?? '';
  const queryStart = beforeFragment.indexOf('?');
  const pathname = queryStart === -1 ? beforeFragment : beforeFragment.slice(0, queryStart);
  const query = queryStart === -1 ? '' : beforeFragment.slice(queryStart + 1);
  if (pathname.length > maxPathLength) return refused(414, `path longer than ${maxPathLength} characters`);
  return { ok: true, target: { pathname, query: new URLSearchParams(query) } };
}

function absoluteForm(target: string): ParsedRequestTarget {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return refused(400, `"${previewTarget(target)}" is not a valid absolute URL`);
  }
  if (!absoluteFormSchemes.has(url.protocol)) return refused(400, `scheme "${preview(url.protocol)}" is not served here`);
  if (url.pathname.length > maxPathLength) return refused(414, `path longer than ${maxPathLength} characters`);
  return { ok: true, target: { pathname: url.pathname, query: url.searchParams } };
}

function refused(status: RequestTargetRefusal['status'], reason: string): ParsedRequestTarget {
  return { ok: false, refusal: { status, reason } };
}

/** A target quoted in a log line or reply: short, and printable ASCII only. */
export function preview(text: string): string {
  return text.slice(0, 120).replace(/[^\x20-\x7e]/g, '?');
}

/**
 * A request target quoted in a log line or reply without its query and fragment: a join link's
 * `?token=` is a credential, and log lines are read by people the token was never given to.
 */
export function previewTarget(target: string): string {
  return preview(target.split(/[?#]/, 1)[0] ?? '');
}
