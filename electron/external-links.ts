/**
 * Links leaving the app: only web and mail links, parsed with the URL parser (never matched as
 * text), without credentials, go to the system browser; everything else (file:, javascript:, custom
 * schemes that could launch other programs) is refused.
 */
export function externalUrlToOpen(link: string): string | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.protocol === 'mailto:') return mailtoToOpen(url);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || url.hostname === '') return null;
  return url.toString();
}

/**
 * The header fields of a mail link that go on to the mail program (RFC 6068's common ones). Others are
 * dropped: `attach=`, `attachment=` (Thunderbird and some others attach the named local file, so a
 * link could send one of the user's files with a click on Send), `from=`, `in-reply-to=`, headers.
 */
const MAIL_FIELDS: ReadonlySet<string> = new Set(['to', 'cc', 'bcc', 'subject', 'body']);

/** Percent-decoded text, or null when it is not valid percent-encoded UTF-8. `+` stays a plus (RFC 6068). */
function decoded(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * A mail link rebuilt from its parts: the addresses, then each kept field once (the first), names
 * compared after decoding and without case (`ATTACH`, `%61ttach` are `attach`), every value encoded
 * again so no `&`, `?` or `#` inside it can start another field. Refused (null): text that does not
 * decode, or addresses holding `?` or control characters (a mail program that decodes the address
 * first would read a query from `a@b.c%3Fattach=…`).
 */
function mailtoToOpen(url: URL): string | null {
  const addresses = decoded(url.pathname);
  // eslint-disable-next-line no-control-regex
  if (addresses === null || /[?\u0000-\u001f\u007f]/.test(addresses)) return null;
  const fields: string[] = [];
  const kept = new Set<string>();
  for (const pair of url.search.slice(1).split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = decoded(equals === -1 ? pair : pair.slice(0, equals));
    const value = decoded(equals === -1 ? '' : pair.slice(equals + 1));
    if (name === null || value === null) return null;
    const field = name.trim().toLowerCase();
    if (!MAIL_FIELDS.has(field) || kept.has(field)) continue;
    kept.add(field);
    fields.push(`${field}=${encodeURIComponent(value)}`);
  }
  const path = addresses.replace(/[^A-Za-z0-9\-._~!$'*+,;:@=&]/gu, (char) => encodeURIComponent(char));
  return `mailto:${path}${fields.length > 0 ? `?${fields.join('&')}` : ''}`;
}
