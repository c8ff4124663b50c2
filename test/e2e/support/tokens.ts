import { execFileSync } from 'node:child_process';
import { projectRoot } from './server.js';

/** Mints a token with the built server's CLI, signed by the secret in `dataDir` (the server's). */
export function mintToken(dataDir: string, workspace: string, role: 'editor' | 'viewer', ttl = '8h'): string {
  return execFileSync(process.execPath, ['dist/sync-server/cli.js', 'token', '--data', dataDir, '--workspace', workspace, '--role', role, '--ttl', ttl], { cwd: projectRoot, encoding: 'utf8' }).trim();
}

/** A join link as the lead's start script prints it. */
export function joinLink(appUrl: string, serverHttpUrl: string, workspace: string, token: string, plan?: string): string {
  const server = serverHttpUrl.replace(/^http/, 'ws').replace(/\/+$/, '');
  return `${appUrl}#join?server=${encodeURIComponent(server)}&workspace=${workspace}&token=${encodeURIComponent(token)}${plan ? `&plan=${plan}` : ''}`;
}
