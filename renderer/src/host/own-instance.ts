import { appInstanceDigestHexDigits, appInstanceDigestPrefix } from '../../../shared/sync/role-change.js';
import { appKey } from '../sync/role-handover.js';

/**
 * This app's instance as the host's list shows it (the server's `instanceOfAppKey` of the key this app
 * sends with every room): the host screen finds its own row by it, and names it to the host API so
 * that the host cannot make their own app a viewer.
 */
export async function ownAppInstance(key: string = appKey): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${appInstanceDigestPrefix}${key}`));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('').slice(0, appInstanceDigestHexDigits);
}
