import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthSchema } from '../../shared/sync/health.js';
import { closeCodes } from '../../shared/sync/protocol.js';
import { RawClient } from './support/raw-client.js';
import { projectRoot, runCli, killServerProcesses, startServerProcess, type ServerProcess } from './support/server-process.js';
import { freePort, startScaleoutServices, type ScaleoutServices } from './support/services.js';
import { waitForAsync } from './support/test-server.js';

// review42b: what an operator of the Redis + PostgreSQL mode is told when something is wrong with Redis.
// A wrong Redis password was printed whole in the startup error (PostgreSQL's was hidden); an unreachable
// Redis was "Reached the max retries per request limit (which is 3)…", naming no cause; a database index
// Redis refuses was accepted (the server listened and refused every edit with 4507); and a join while
// Redis was away was closed 1011 with nothing in the log but the close.
let services: ScaleoutServices;
const folders: string[] = [];
const processes: ServerProcess[] = [];

beforeAll(async () => {
  services = await startScaleoutServices();
  // A user with a password beside the default one (which the test services' health checks use).
  const acl = spawnSync('redis-cli', ['-p', String(services.redis.port), 'ACL', 'SETUSER', 'ops', 'on', '>right-password-42b', '~*', '&*', '+@all'], { encoding: 'utf8' });
  if (acl.stdout.trim() !== 'OK') throw new Error(`ACL SETUSER failed: ${acl.stdout}${acl.stderr}`);
});
afterAll(async () => {
  await killServerProcesses(processes);
  await services.stop();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'throughline-operator-'));
  folders.push(dir);
  return dir;
}

/** `serve` with this Redis URL, to its exit (or killed after 30 s: a server that listened when it should not have). */
function serveUntilExit(redisUrl: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'sync-server/cli.ts', 'serve', '--port', '0', '--data', folder(),
    '--redis', redisUrl, '--postgres', services.postgres.url, '--namespace', 'operator'], { cwd: projectRoot, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** serveUntilExit without blocking this process (a server in it must answer the child). */
function serveUntilExitAsync(redisUrl: string): Promise<{ status: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/cli.ts', 'serve', '--port', '0', '--data', folder(),
    '--redis', redisUrl, '--postgres', services.postgres.url, '--namespace', 'operator'], { cwd: projectRoot, timeout: 30_000 });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => { stderr += text; });
  return new Promise((resolve) => child.once('close', (status) => resolve({ status, stderr })));
}

describe('starting with a Redis that cannot be used', () => {
  it('names the wrong password without printing it', () => {
    const result = serveUntilExit(`redis://ops:wrong-password-42b@127.0.0.1:${services.redis.port}`);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`cannot use Redis at redis://…@127.0.0.1:${services.redis.port}: WRONGPASS`);
    expect(result.stderr + result.stdout).not.toContain('wrong-password-42b');
  });

  it('names the refused connection when nothing listens', async () => {
    const port = await freePort();
    const result = serveUntilExit(`redis://127.0.0.1:${port}`);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`cannot use Redis at redis://127.0.0.1:${port}: Redis could not be reached (connect ECONNREFUSED 127.0.0.1:${port})`);
  });

  // review42b N2: another server on the port gave "Reached the max retries per request limit (which is 3)…".
  it('names an HTTP server on the port as not answering as Redis', async () => {
    const http = createServer((_req, res) => res.end('not Redis'));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    try {
      const result = await serveUntilExitAsync(`redis://127.0.0.1:${port}`);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`cannot use Redis at redis://127.0.0.1:${port}: the server there did not answer as Redis (Unknown RESP type 72 "H"; is that port Redis's?)`);
      expect(result.stderr).not.toContain('Reached the max retries');
    } finally {
      http.close();
    }
  });

  it('names a server that closes the connection without a word (PostgreSQL\'s port)', () => {
    const result = serveUntilExit(`redis://127.0.0.1:${services.postgres.port}`);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`cannot use Redis at redis://127.0.0.1:${services.postgres.port}: the server there closed the connection without answering as Redis (is that port Redis's?)`);
    expect(result.stderr).not.toContain('Reached the max retries');
  });

  it('refuses a database index Redis does not have instead of listening and refusing every edit', () => {
    const result = serveUntilExit(`redis://ops:right-password-42b@127.0.0.1:${services.redis.port}/99`);
    expect(result.stdout).not.toContain('"msg":"listening"');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`cannot use Redis at redis://…@127.0.0.1:${services.redis.port}/99: ERR DB index is out of range`);
    expect(result.stderr).not.toContain('right-password-42b');
  });
});

describe('Redis going away under a running server', () => {
  it('closes a join with 1011 and logs why, at level error; joins work again once Redis is back', async () => {
    const dir = folder();
    const server = await startServerProcess(['--data', dir, '--redis', services.redis.url, '--postgres', services.postgres.url, '--namespace', 'operator-away']);
    processes.push(server);
    const token = runCli(['token', '--data', dir, '--workspace', 'acme', '--role', 'editor']).stdout.trim();
    const url = `${server.wsBase}/acme/away?token=${token}`;

    await services.redis.crash();
    const refused = await RawClient.connect(url);
    expect(await refused.closed()).toEqual({ code: closeCodes.storageFailure, reason: 'the plan could not be loaded' });
    const logged = server.lines().map((line) => JSON.parse(line) as { level: number; msg: string; room?: string; err?: { message?: string } })
      .find((event) => event.msg === 'the plan could not be loaded');
    expect(logged).toMatchObject({ level: 50, room: 'acme/away' });
    expect(logged?.err?.message).toMatch(/^Redis could not be reached \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)/);

    await services.redis.start();
    const joined = await RawClient.joined(url);
    expect(joined.isOpen).toBe(true);
    joined.close();
  });
});

/** PING commands the test Redis has answered since it started (INFO commandstats). */
function redisPings(): number {
  const info = spawnSync('redis-cli', ['-p', String(services.redis.port), 'INFO', 'commandstats'], { encoding: 'utf8' }).stdout;
  return Number(/cmdstat_ping:calls=(\d+)/.exec(info)?.[1] ?? 0);
}

describe('GET /health in the scaled-out mode', () => {
  // review42b N1: with Redis stopped and nobody editing, /health said "storage":"ok" (200) while every
  // join was closed 1011. It names each backend's state now, and answers 503 while one is unreachable.
  it('says which of Redis and PostgreSQL is unreachable (503), and ok again once each is back', async () => {
    const dir = folder();
    const server = await startServerProcess(['--data', dir, '--redis', services.redis.url, '--postgres', services.postgres.url, '--namespace', 'operator-health']);
    processes.push(server);
    const healthUrl = new URL('/health', server.url);
    const read = async () => {
      const response = await fetch(healthUrl);
      return { status: response.status, body: healthSchema.parse(await response.json()) };
    };
    /** Polls /health (it probes at most every 2 s) until its backends are `expected`. */
    const until = async (expected: { redis: string; postgres: string }) => {
      let last: Awaited<ReturnType<typeof read>> | null = null;
      await waitForAsync(async () => {
        if (last !== null) await new Promise((resolve) => setTimeout(resolve, 200));
        last = await read();
        return last.body.backends?.redis === expected.redis && last.body.backends.postgres === expected.postgres;
      }, `/health's backends to be ${JSON.stringify(expected)}`, 20_000);
      return last!;
    };

    expect(await until({ redis: 'ok', postgres: 'ok' })).toMatchObject({ status: 200, body: { status: 'ok', storage: 'ok' } });
    // Requests back to back are answered from one probe: at most one PING, not one per request.
    const pingsBefore = redisPings();
    for (let i = 0; i < 40; i++) expect((await read()).status).toBe(200);
    expect(redisPings() - pingsBefore).toBeLessThanOrEqual(1);
    await services.redis.crash();
    expect((await until({ redis: 'unreachable', postgres: 'ok' })).status).toBe(503);
    await services.redis.start();
    expect((await until({ redis: 'ok', postgres: 'ok' })).status).toBe(200);

    await services.postgres.crash();
    try {
      expect((await until({ redis: 'ok', postgres: 'unreachable' })).status).toBe(503);
    } finally {
      await services.postgres.start();
    }
    expect((await until({ redis: 'ok', postgres: 'ok' })).status).toBe(200);
  });

  it('has no backends in the SQLite mode', async () => {
    const server = await startServerProcess(['--data', folder()]);
    processes.push(server);
    const response = await fetch(new URL('/health', server.url));
    expect(response.status).toBe(200);
    expect(healthSchema.parse(await response.json()).backends).toBeUndefined();
  });
});
