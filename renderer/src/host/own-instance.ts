import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { appInstanceDigestHexDigits, appInstanceDigestPrefix } from '../../../shared/sync/role-change.js';
import { appKey } from '../sync/role-handover.js';

/**
 * This app's instance as the host's list shows it (the server's `instanceOfAppKey` of the key this app
 * sends with every room): the host screen finds its own row by it, and names it to the host API so
 * that the host cannot make their own app a viewer.
 *
 * A pure SHA-256 (@noble/hashes), not Web Crypto: browsers give `crypto.subtle` to secure contexts only,
 * and a host screen opened over plain http from a LAN address got a rejected promise, so its own row was
 * not marked, "Make viewer" was offered on it and the server's guard was not asked for (review36d B10).
 */
export function ownAppInstance(key: string = appKey): string {
  return bytesToHex(sha256(utf8ToBytes(`${appInstanceDigestPrefix}${key}`))).slice(0, appInstanceDigestHexDigits);
}
