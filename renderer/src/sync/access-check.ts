import { accessCheckUrl, readAccessClose, type AccessResult } from '../../../shared/sync/access.js';

/** A join says what happened within 10 s: the check gives up a little before that. */
export const accessCheckTimeoutMs = 8_000;

/**
 * Asks the server whether `token` opens `workspace`, over a WebSocket (see shared/sync/access.ts: the
 * app's CSP lets a page open sockets to any server, not fetch from it). Resolves to granted (with the
 * role), refused (with the server's reason), busy, or unreachable (no answer in `timeoutMs`).
 */
export function checkAccess(server: string, workspace: string, token: string, timeoutMs = accessCheckTimeoutMs): Promise<AccessResult> {
  return new Promise((resolve) => {
    let socket: WebSocket;
    try {
      socket = new WebSocket(accessCheckUrl(server, workspace, token));
    } catch {
      resolve({ kind: 'unreachable' });
      return;
    }
    let opened = false;
    let settled = false;
    const finish = (result: AccessResult) => {
      if (settled) return;
      settled = true;
      window.clearTimeout(timer);
      socket.onopen = null;
      socket.onclose = null;
      socket.onerror = null;
      if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN) socket.close();
      resolve(result);
    };
    const timer = window.setTimeout(() => finish({ kind: 'unreachable' }), timeoutMs);
    socket.onopen = () => { opened = true; };
    socket.onerror = () => undefined;
    socket.onclose = (event) => finish(readAccessClose(opened, event.code, event.reason));
  });
}

/** A sentence for a join or a sync that the access check did not grant. */
export function describeAccessFailure(result: AccessResult, server: string, workspace: string): string {
  switch (result.kind) {
    case 'refused': return `The server at ${server} refused this link for workspace "${workspace}": ${result.reason}. Ask the host for a new link.`;
    case 'busy': return `The server at ${server} is turning connections away right now. Try again in a moment.`;
    case 'unreachable': return `No answer from ${server}. Check the address, that the host's server is running, and that this device is on the same network.`;
    case 'granted': return '';
  }
}
