// A process that notes minted links in a data folder, as the CLI's `token` and a running server do, for
// tests of two processes writing the list at once (minted-links.ts):
// node --import tsx mint-process.ts
// It reads commands on stdin, one a line, and answers each with "done <n>" when finished:
//   mint DATA_DIR PREFIX COUNT   notes COUNT link ids PREFIX + a counter (16 hex digits in all)
//   start DATA_DIR TIMES         starts (compacts) the list TIMES times, as a server does when it starts
//   revoke DATA_DIR PREFIX COUNT revokes COUNT link ids PREFIX + a counter, as the CLI's `revoke` and a server do
import { createInterface } from 'node:readline';
import { rememberMintedLink, startMintedLinks } from '../../../sync-server/workspace/minted-links.js';
import { writeRevocation } from '../../../sync-server/workspace/revocations.js';

const lines = createInterface({ input: process.stdin });
let commands = 0;
// One command at a time, in order (a revoke waits for the lock on timers).
let queue = Promise.resolve();
lines.on('line', (line) => {
  queue = queue.then(() => runCommand(line)).catch((error: unknown) => {
    console.error(error);
    process.exit(3);
  });
});

async function runCommand(line: string): Promise<void> {
  const [command, dataDir, ...rest] = line.split(' ');
  const now = Math.floor(Date.now() / 1000);
  if (command === 'mint' && dataDir !== undefined) {
    const [prefix = '', count = '0'] = rest;
    for (let index = 0; index < Number(count); index += 1) rememberMintedLink(dataDir, linkId(prefix, index), now + 3600, now);
  } else if (command === 'revoke' && dataDir !== undefined) {
    const [prefix = '', count = '0'] = rest;
    for (let index = 0; index < Number(count); index += 1) await writeRevocation(dataDir, { id: linkId(prefix, index), at: now, exp: now + 3600 }, now);
  } else if (command === 'start' && dataDir !== undefined) {
    for (let index = 0; index < Number(rest[0] ?? '1'); index += 1) startMintedLinks(dataDir, now);
  } else {
    console.error(`unknown command: ${line}`);
    process.exit(2);
  }
  commands += 1;
  console.log(`done ${commands}`);
}

function linkId(prefix: string, index: number): string {
  return `${prefix}${index.toString(16).padStart(16 - prefix.length, '0')}`;
}
console.log('ready');
