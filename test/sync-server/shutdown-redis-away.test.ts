import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RawClient } from './support/raw-client.js';
import { runCli, killServerProcesses, startServerProcess, type ServerProcess } from './support/server-process.js';
import { startScaleoutServices, type ScaleoutServices } from './support/services.js';

// redisclose40, thirty-sixth session: a scaled-out server given SIGTERM while Redis is away. Its stream
// reader's link waits to reconnect then, and dropping it left the read it held pending for ever
// (ioredis 6.0.0): the shutdown never finished and the 15 s watchdog ended the process with exit 1.
let services: ScaleoutServices;
const folders: string[] = [];
const processes: ServerProcess[] = [];

beforeAll(async () => {
  services = await startScaleoutServices();
});
afterAll(async () => {
  await killServerProcesses(processes);
  await services.stop();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

async function serve(dir: string): Promise<ServerProcess> {
  const started = await startServerProcess(['--data', dir, '--log-level', 'info', '--redis', services.redis.url, '--postgres', services.postgres.url, '--namespace', 'shutdown-away']);
  processes.push(started);
  return started;
}

/** The server's log lines as objects. */
function events(server: ServerProcess): { msg?: string; rooms?: string[]; room?: string }[] {
  return server.lines().filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { msg?: string });
}

it('exits on SIGTERM while Redis is away, naming the writes it could not store, and keeps every acknowledged one', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'throughline-shutdown-away-'));
  folders.push(dir);
  const server = await serve(dir);
  const token = runCli(['token', '--data', dir, '--workspace', 'acme', '--role', 'editor']).stdout.trim();
  const url = `${server.wsBase}/acme/p?token=${token}`;
  const writer = await RawClient.joined(url);
  writer.edit((doc) => doc.getMap('m').set('acknowledged', true));
  // Acknowledged: another client's join holds it (a join is answered with what is durable only).
  const reader = await RawClient.joined(url);
  await reader.until(() => reader.doc.getMap('m').get('acknowledged') === true, 'the first edit to be durable');
  reader.close();

  await services.redis.crash();
  // An edit made while Redis is away cannot be stored: the server says so, naming its room.
  writer.edit((doc) => doc.getMap('m').set('never-stored', true));
  await writer.until(() => events(server).some((event) => event.msg === 'storing updates failed; refusing writes for a while'), 'the server to report the failed write');
  await writer.until(() => !writer.isOpen, 'the writer to be closed (its room is reloaded after the failure)');
  // The server's links try Redis again at growing intervals (50 ms more each time), failing at once:
  // after 2 s they spend nearly all their time waiting for the next try, the state that hung. (Not
  // observable from outside the process: redis-close.test.ts puts a link in it for certain; here it
  // is the whole SIGTERM path in that state, which passes whatever the links' state.)
  await new Promise((resolve) => setTimeout(resolve, 2_000));

  server.child.kill('SIGTERM');
  // Bounded by the server's own 15 s watchdog (exit 1): a shutdown stuck on Redis ends there.
  const code = await server.exited();
  const log = events(server);
  expect({ code, last: log.at(-1)?.msg, watchdog: log.some((event) => event.msg === 'shutdown took too long; exiting') })
    .toEqual({ code: 0, last: 'stopped', watchdog: false });
  expect(log.find((event) => event.msg === 'storing updates failed; refusing writes for a while')?.rooms).toEqual(['acme/p']);

  // Redis back: a new server has the acknowledged edit (the other was never acknowledged; its client keeps it to send again).
  await services.redis.start();
  const again = await serve(dir);
  const check = await RawClient.joined(`${again.wsBase}/acme/p?token=${token}`);
  expect(check.doc.getMap('m').toJSON()).toEqual({ acknowledged: true });
  check.close();
  again.child.kill('SIGTERM');
  expect(await again.exited()).toBe(0);
});

it('exits on SIGTERM while Redis does not answer, at the watchdog, naming the room whose update it could not store', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'throughline-shutdown-hung-'));
  folders.push(dir);
  const server = await serve(dir);
  const token = runCli(['token', '--data', dir, '--workspace', 'acme', '--role', 'editor']).stdout.trim();
  const url = `${server.wsBase}/acme/hung?token=${token}`;
  const writer = await RawClient.joined(url);
  writer.edit((doc) => doc.getMap('m').set('acknowledged', true));
  const reader = await RawClient.joined(url);
  await reader.until(() => reader.doc.getMap('m').get('acknowledged') === true, 'the first edit to be durable');
  reader.close();

  // Redis keeps the connections and answers nothing (a hung server, a stalled disk): the next edit's
  // write is sent and never answered, so the shutdown cannot finish flushing.
  services.redis.pause();
  try {
    writer.edit((doc) => doc.getMap('m').set('not-stored', true));
    await writer.roundTrip();
    server.child.kill('SIGTERM');
    const code = await server.exited();
    const watchdog = events(server).find((event) => event.msg === 'shutdown took too long; exiting') as { unstoredRooms?: string[] } | undefined;
    expect({ code, unstoredRooms: watchdog?.unstoredRooms }).toEqual({ code: 1, unstoredRooms: ['acme/hung'] });
  } finally {
    services.redis.resume();
  }
  // The acknowledged edit is there for the next server (the other was never acknowledged: it may or may
  // not have reached Redis, and its client still holds it).
  const again = await serve(dir);
  const check = await RawClient.joined(`${again.wsBase}/acme/hung?token=${token}`);
  expect(check.doc.getMap('m').get('acknowledged')).toBe(true);
  check.close();
  again.child.kill('SIGTERM');
  expect(await again.exited()).toBe(0);
});
