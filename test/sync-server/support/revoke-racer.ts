// A process that revokes links in a data folder, as the CLI's `revoke` and a running server do, for the
// race tests of the revocations lock (revocations-lock.test.ts): node --import tsx revoke-racer.ts
// It reads commands on stdin, one a line, and answers each on stdout:
//   race DATA_DIR LINK_ID START_MS   waits (spinning, so both racers start within microseconds of each
//                                    other) until the clock reads START_MS, revokes LINK_ID; "done"
//   secret DATA_DIR START_MS         at START_MS (spinning), loads the folder's signing secret, making it if
//                                    missing; "secret <hex>" or "refused <why>"
//   ping                             answered "pong" at once, even while a command waits (on timers)
//   hold DATA_DIR                    takes the folder's revocations lock and keeps it; "holding" (the test
//                                    then kills this process, as a `revoke` killed holding the lock)
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { loadSecret } from '../../../sync-server/auth.js';
import { acquireFolderLock } from '../../../sync-server/workspace/folder-lock.js';
import * as revocations from '../../../sync-server/workspace/revocations.js';

const { writeRevocation } = revocations;

let queue = Promise.resolve();
createInterface({ input: process.stdin }).on('line', (line) => {
  // Answered at once, not after the commands before it: "pong" says this process's event loop is turning.
  if (line === 'ping') {
    console.log('pong');
    return;
  }
  queue = queue.then(() => run(line)).catch((error: unknown) => {
    console.error(error);
    process.exit(3);
  });
});

async function run(line: string): Promise<void> {
  const [command, dataDir = '', ...rest] = line.split(' ');
  if (command === 'race') {
    const [linkId = '', startMs = '0'] = rest;
    const start = Number(startMs);
    while (Date.now() < start) {
      // Spin: a timer would wake each racer up at a different moment.
    }
    const now = Math.floor(Date.now() / 1000);
    // Awaited: the lock waits on timers (it was synchronous before; awaiting a boolean is harmless).
    const added = await writeRevocation(dataDir, { id: linkId, at: now, exp: now + 3600 }, now);
    console.log(`done ${added}`);
  } else if (command === 'secret') {
    // As a server starting and the CLI's `token` do on a folder without a secret yet.
    const start = Number(rest[0] ?? '0');
    while (Date.now() < start) {
      // Spin, as above.
    }
    try {
      console.log(`secret ${loadSecret(dataDir, {}).secret.toString('hex')}`);
    } catch (error) {
      console.log(`refused ${error instanceof Error ? error.message : String(error)}`);
    }
  } else if (command === 'hold') {
    const lock = path.join(dataDir, 'revoked-links.json.lock');
    // The version before folder-lock.ts (run to check that the tests fail on it) took a file made with 'wx'.
    if ('revocationsLockPath' in revocations) await acquireFolderLock(lock);
    else closeSync(openSync(lock, 'wx', 0o600));
    console.log('holding');
  } else {
    console.error(`unknown command: ${line}`);
    process.exit(2);
  }
}
console.log('ready');
