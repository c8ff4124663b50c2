import { loadSecret, parseTtl, TokenAuthority } from '../../../sync-server/auth.js';
import { newLinkNonce } from '../../../sync-server/workspace/link-id.js';

/**
 * Mints a token signed by the secret in `dataDir` (the server's), exactly as the CLI's `token` command
 * does (sync-server/cli.ts: loadSecret, TokenAuthority.issue with now and a fresh link nonce, parseTtl),
 * in the test's own process. It ran `node dist/sync-server/cli.js token` before: a Node start and the
 * bundle's imports, synchronously in the worker, ~0.4–1 s each for some 70 tokens a run (testtime10,
 * docs/testing.md). The command itself is tested where it is the subject (test/sync-server/process.test.ts).
 */
export function mintToken(dataDir: string, workspace: string, role: 'editor' | 'viewer', ttl = '8h'): string {
  const { secret } = loadSecret(dataDir);
  return new TokenAuthority(secret).issue(workspace, role, parseTtl(ttl), Math.floor(Date.now() / 1000), newLinkNonce());
}

/** A join link as the lead's start script prints it. */
export function joinLink(appUrl: string, serverHttpUrl: string, workspace: string, token: string, plan?: string): string {
  const server = serverHttpUrl.replace(/^http/, 'ws').replace(/\/+$/, '');
  return `${appUrl}#join?server=${encodeURIComponent(server)}&workspace=${workspace}&token=${encodeURIComponent(token)}${plan ? `&plan=${plan}` : ''}`;
}
