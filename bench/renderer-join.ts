// The 100,000-node plan through the sync server (issue #18), for `npm run bench -- renderer`:
//   upload_100k_ms   first upload by the app's client code (PlanSync's PartedUpload) to a server with
//                    the DEFAULT limits (8 MiB messages, 64 MiB join, 32 MiB unfinished per token):
//                    from connecting until the server acknowledged every part;
//   join_100k_ms     a fresh stock y-websocket client (a second device) joining it: until it holds the
//                    whole plan (one ~83 MB sync step 2 from the server);
//   server_peak_rss_100k_mb  the server process's peak resident memory (VmHWM) over both;
//   *_single_*       the old path side by side: one stock client uploading the plan as ONE sync step 2,
//                    to a server whose limits are lifted far enough to take it (the default server
//                    refuses it: 83 MB is past the 64 MiB join allowance).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { PartedUpload } from '../renderer/src/sync/parted-upload.js';
import { spawnListeningServer, type ListeningServer } from './server-process.js';
import { sameState, waitUntil } from './doc-waits.js';

const root = path.resolve(import.meta.dirname, '..');
const workspace = 'bench';
const mebibyte = 1024 * 1024;

interface ServedRun {
  uploadMs: number;
  joinMs: number;
  peakRssMb: number;
}

/** Peak resident set of a process (Linux VmHWM), in MiB. */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? Number.NaN);
  return kib / 1024;
}

function provider(server: ListeningServer, token: string, room: string, doc: Y.Doc): WebsocketProvider {
  return new WebsocketProvider(`${server.wsBase}/${workspace}`, room, doc, {
    params: { token }, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true,
  });
}

/** One server process: `doc` uploaded (in parts or whole), then joined fresh by a stock client. */
async function serveOnce(doc: Y.Doc, room: string, parted: boolean, serverFlags: readonly string[]): Promise<ServedRun> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'throughline-bench-join-'));
  const server = await spawnListeningServer(['dist/sync-server/cli.js', 'serve', '--port', '0', '--data', dataDir, '--log-level', 'warn', ...serverFlags], { cwd: root, env: process.env });
  const pid = server.child.pid ?? Number.NaN;
  const providers: WebsocketProvider[] = [];
  try {
    const token = execFileSync(process.execPath, ['dist/sync-server/cli.js', 'token', '--data', dataDir, '--workspace', workspace, '--role', 'editor'], { cwd: root, encoding: 'utf8' }).trim();
    const uploadStart = performance.now();
    const uploader = provider(server, token, room, doc);
    providers.push(uploader);
    if (parted) {
      const upload = new PartedUpload(uploader);
      await waitUntil(() => upload.answered, 900_000, 'the parted upload of the 100k plan never completed');
    } else {
      // The stock client has no acknowledgement: a second client seeing the whole plan is the proof.
      const check = new Y.Doc();
      providers.push(provider(server, token, room, check));
      await waitUntil(() => sameState(check, doc), 900_000, 'the single-message upload of the 100k plan never arrived');
    }
    const uploadMs = performance.now() - uploadStart;
    const joiner = new Y.Doc();
    const joinStart = performance.now();
    providers.push(provider(server, token, room, joiner));
    await waitUntil(() => sameState(joiner, doc), 900_000, 'the fresh join never received the whole 100k plan');
    const joinMs = performance.now() - joinStart;
    return { uploadMs, joinMs, peakRssMb: peakRssMb(pid) };
  } finally {
    for (const each of providers) {
      each.destroy();
      each.awareness.destroy();
    }
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Upload and fresh join of the 100k plan, the parted path against default limits and the old
 * single-message path against lifted limits, each with a server of its own (fresh peak RSS).
 */
export async function measureLargeJoin(update: Uint8Array, room: string): Promise<Record<string, number>> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const partedRun = await serveOnce(doc, room, true, []);
  const lifted = String(256 * mebibyte);
  const single = await serveOnce(doc, room, false, ['--max-message-bytes', lifted, '--max-join-bytes', lifted, '--max-unfinished-bytes-per-token', lifted, '--max-unfinished-bytes', lifted]);
  return {
    upload_100k_ms: partedRun.uploadMs,
    join_100k_ms: partedRun.joinMs,
    server_peak_rss_100k_mb: partedRun.peakRssMb,
    upload_100k_single_ms: single.uploadMs,
    join_100k_single_ms: single.joinMs,
    server_peak_rss_100k_single_mb: single.peakRssMb,
  };
}
