// A fresh client joining a plan through the sync server, as the benches that compare server answers
// need it: raw ws (so the bytes on the wire and the negotiated extensions can be read), an empty
// state vector, every answer applied, resolved at the closing sync step 2.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { messageType, syncFrame, syncMessageType } from '../shared/sync/protocol.js';
import { spawnListeningServer } from './server-process.js';

const root = path.resolve(import.meta.dirname, '..');
const secret = 'bench-secret-0123456789abcdef0123456789';

export interface FreshJoin {
  readonly ms: number;
  /** Bytes read from the socket: what crossed the wire, compressed or not. */
  readonly wireBytes: number;
  readonly doc: Y.Doc;
  /** The websocket extensions the server accepted ('' for none). */
  readonly extensions: string;
}

/**
 * Joins `url` with an empty doc. With `upload`, answers the server's step 1 with it (a first upload);
 * `perMessageDeflate` says whether the client offers compression (browsers and stock ws do).
 */
export function freshJoin(url: string, options: { upload?: Uint8Array; perMessageDeflate?: boolean } = {}): Promise<FreshJoin> {
  const started = performance.now();
  const doc = new Y.Doc();
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: options.perMessageDeflate ?? true });
    socket.binaryType = 'nodebuffer';
    let done = false;
    socket.on('error', (error) => { done = true; reject(error); });
    // A join the server ends before its sync step 2 (a limit, a refusal) fails the bench, naming the close:
    // it waited for ever (a fresh clone's `npm run bench` hung in wiredeflate, 6 December).
    socket.on('close', (code, reason) => {
      if (!done) reject(new Error(`the server closed the join before its sync step 2: ${code} ${reason.toString()}`));
    });
    socket.on('open', () => socket.send(syncFrame(syncMessageType.step1, Y.encodeStateVector(doc))));
    socket.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== messageType.sync) return;
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === syncMessageType.step1) {
        socket.send(syncFrame(syncMessageType.step2, options.upload ?? new Uint8Array([0, 0])));
        return;
      }
      Y.applyUpdate(doc, payload);
      if (step === syncMessageType.step2) {
        const wireBytes = (socket as unknown as { _socket: { bytesRead: number } })._socket.bytesRead;
        const extensions = socket.extensions;
        done = true;
        socket.close();
        resolve({ ms: performance.now() - started, wireBytes, doc, extensions });
      }
    });
  });
}

/** User + system CPU seconds of a process so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export interface JoinRound {
  readonly joins: readonly FreshJoin[];
  /** The server's CPU seconds (user + system) during the joins. */
  readonly cpuSeconds: number;
  /** The server's peak resident memory (VmHWM) over its whole life. */
  readonly peakRssMb: number;
}

/**
 * One SQLite sync server process started with `serveArgs` (added to `serve`): `plan` goes up once as
 * a join upload, then `joiners` fresh clients join at once, and each must receive the whole plan.
 */
export async function joinRound(plan: Uint8Array, options: { joiners: number; serveArgs: readonly string[]; uploadDeflate: boolean }): Promise<JoinRound> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'throughline-join-bench-'));
  const cli = ['--import', 'tsx', path.join(root, 'sync-server', 'cli.ts')];
  const env = { ...process.env, THROUGHLINE_SECRET: secret };
  const token = execFileSync(process.execPath, [...cli, 'token', '--data', dataDir, '--workspace', 'bench', '--role', 'editor'], { env, encoding: 'utf8' }).trim();
  const server = await spawnListeningServer([...cli, 'serve', '--port', '0', '--data', dataDir, '--log-level', 'warn', '--request-timeout-ms', '60000', ...options.serveArgs], { cwd: root, env });
  const url = `${server.wsBase}/bench/plan?token=${token}`;
  const pid = server.child.pid!;
  try {
    await freshJoin(url, { upload: plan, perMessageDeflate: options.uploadDeflate });
    // Let the room store the upload before the joiners come.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const cpuBefore = cpuSeconds(pid);
    const joins = await Promise.all(Array.from({ length: options.joiners }, () => freshJoin(url)));
    const cpuDuring = cpuSeconds(pid) - cpuBefore;
    for (const join of joins) {
      if (Y.encodeStateAsUpdate(join.doc).byteLength < plan.byteLength * 0.99) throw new Error('a joiner did not receive the whole plan');
    }
    const peakKb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    return { joins, cpuSeconds: cpuDuring, peakRssMb: peakKb / 1024 };
  } finally {
    await new Promise<void>((done) => {
      server.child.once('exit', () => done());
      server.child.kill('SIGTERM');
    });
    rmSync(dataDir, { recursive: true, force: true });
  }
}
