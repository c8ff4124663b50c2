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
  if (url.protocol === 'mailto:') return url.toString();
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || url.hostname === '') return null;
  return url.toString();
}
