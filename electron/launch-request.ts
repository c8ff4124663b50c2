/**
 * What a launch asks for — from the command line of the first launch, from a second launch handed
 * over by the single-instance lock, or from macOS open-file/open-url events: open a `.throughline`
 * plan file or a spreadsheet (as File ▸ Open… does), or join through a `throughline://join?…` link. Everything else on the command line
 * (Chromium switches, the app's own path) is ignored. Join links are checked field by field before
 * the page sees them; the page validates them again.
 */
import path from 'node:path';

export type LaunchRequest = { kind: 'open-file'; path: string } | { kind: 'join'; hash: string };

/**
 * What a command line may name besides a plan: the spreadsheets whose extension says so. Only `.throughline`
 * was read, so `throughline budget.xlsx` started the app and did nothing (review43b F5). A `.txt` (which the
 * open dialog takes as Excel's "Unicode Text") may be anything, so only the dialog takes it.
 */
const LAUNCH_EXTENSIONS = ['.throughline', '.csv', '.tsv', '.xlsx', '.xlsm'];

export const PROTOCOL = 'throughline';
const JOIN_FIELDS = new Set(['server', 'workspace', 'token', 'plan']);

/** Reads a `throughline://join?server=…&workspace=…&token=…` link into the page's `#join?…` hash, or null. */
export function joinHashFromUrl(link: string): string | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.protocol !== `${PROTOCOL}:` || (url.hostname !== 'join' && url.pathname.replace(/^\/+/, '') !== 'join')) return null;
  if (url.username || url.password || link.length > 8192) return null;
  const params = new URLSearchParams();
  for (const [key, value] of url.searchParams) {
    if (!JOIN_FIELDS.has(key) || params.has(key)) return null;
    params.set(key, value);
  }
  if (!params.get('server') || !params.get('workspace') || !params.get('token')) return null;
  return `#join?${params.toString()}`;
}

/** The request in one argument, or null. */
export function launchRequestFromArgument(argument: string, workingDirectory: string): LaunchRequest | null {
  if (argument.toLowerCase().startsWith(`${PROTOCOL}:`)) {
    const hash = joinHashFromUrl(argument);
    return hash ? { kind: 'join', hash } : null;
  }
  if (argument.startsWith('-') || !LAUNCH_EXTENSIONS.includes(path.extname(argument).toLowerCase())) return null;
  return { kind: 'open-file', path: path.resolve(workingDirectory, argument) };
}

/**
 * The request in a command line (`argv` as Electron gives it to the first or a second instance): the
 * last file or join link after the executable (and, unpackaged, after the app's path).
 */
export function launchRequestFromArgv(argv: readonly string[], workingDirectory: string, packaged: boolean): LaunchRequest | null {
  const args = argv.slice(packaged ? 1 : 2);
  for (let index = args.length - 1; index >= 0; index--) {
    const request = launchRequestFromArgument(args[index]!, workingDirectory);
    if (request) return request;
  }
  return null;
}
