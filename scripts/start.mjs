// `npm start`: launch the desktop app where the Electron binary exists; otherwise browser mode.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { recordBuilt, staleParts } from './incremental-build.mjs';

const require = createRequire(import.meta.url);

/** The Electron binary's path, or null when it is not on this machine. */
function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/**
 * npm never runs Electron's download step (package.json denies its install script, so an offline
 * install cannot fail on it): fetch the binary on first start, quietly, and carry on without it.
 */
function fetchElectronBinary() {
  if (process.env.THROUGHLINE_BROWSER_MODE) return null;
  const installer = require.resolve('electron/install.js');
  spawnSync(process.execPath, [installer], { stdio: 'ignore', timeout: 120_000 });
  return electronBinary();
}

function startElectron(binary) {
  const child = spawn(binary, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

/**
 * A join link (renderer/src/sync/join-link.ts format) carrying an editor token for the "local"
 * workspace, minted by the server's own CLI so the secret never leaves its data folder.
 */
/** What a CLI command printed, or '' when it failed. */
async function cliOutput(args) {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['dist/sync-server/cli.js', ...args], { encoding: 'utf8' });
    return stdout.trim();
  } catch {
    return '';
  }
}

async function joinLink(appUrl, dataDir) {
  const token = await cliOutput(['token', '--data', dataDir, '--workspace', 'local', '--role', 'editor', '--ttl', '30d']);
  if (!token) return null;
  const server = appUrl.replace(/^http/, 'ws').replace(/\/$/, '');
  return `${appUrl}#join?server=${encodeURIComponent(server)}&workspace=local&token=${encodeURIComponent(token)}`;
}

/**
 * The host's own link: it opens the host screen (who is connected, new links, revoking) with the host
 * key, which is derived from the server's secret and must not be shared.
 */
async function hostLink(appUrl, dataDir) {
  const key = await cliOutput(['host-key', '--data', dataDir]);
  return key ? `${appUrl}#host?workspace=local&key=${key}` : null;
}

function startBrowserMode(reason) {
  const port = process.env.PORT ?? '4455';
  const host = process.env.HOST ?? '127.0.0.1';
  const dataDir = process.env.THROUGHLINE_DATA ?? 'data';
  console.log(`${reason}: starting browser mode instead (sync server serving the web build).`);
  const server = spawn(process.execPath, ['dist/sync-server/cli.js', 'serve', '--port', port, '--host', host, '--data', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  let announced = false;
  let pending = '';
  server.stdout.setEncoding('utf8');
  server.stdout.on('data', (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (announced || !line.startsWith('{')) continue;
      try {
        const event = JSON.parse(line);
        if (typeof event.url === 'string' && (event.event === 'listening' || event.msg === 'listening')) {
          console.log(`Throughline is running in browser mode: open ${event.url}`);
          announced = true;
          // Both links at once: each is a short run of the server's CLI.
          void Promise.all([joinLink(event.url, dataDir), hostLink(event.url, dataDir)]).then(([join, host]) => {
            if (join) console.log(`Workspace link (everyone who opens it sees and edits the workspace's plans): ${join}`);
            if (host) console.log(`Host link (for you only; it shows who is connected, makes editor and viewer links, revokes access): ${host}`);
          });
        }
      } catch { /* not a log line */ }
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
  server.on('exit', (code) => process.exit(code ?? 0));
}

/**
 * Builds only the parts whose sources changed since their last build; a restart with nothing changed
 * serves the existing build at once. A failed build stops here with its output shown.
 */
function buildWhatChanged() {
  const root = process.cwd();
  const stale = staleParts(root);
  if (stale.length === 0) {
    console.log('The build is up to date.');
    return;
  }
  for (const part of stale) {
    const started = Date.now();
    console.log(`Building ${part.name} (its sources changed since the last build)…`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(npm, ['run', '--silent', part.script], { stdio: 'inherit' });
    if (result.status !== 0) process.exit(result.status ?? 1);
    recordBuilt(root, part);
    console.log(`Built ${part.name} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
}

buildWhatChanged();
// THROUGHLINE_BROWSER_MODE=1 serves browser mode even where Electron is installed (tests, headless hosts).
const binary = process.env.THROUGHLINE_BROWSER_MODE ? null : electronBinary() ?? fetchElectronBinary();
if (binary) startElectron(binary);
else startBrowserMode(process.env.THROUGHLINE_BROWSER_MODE ? 'THROUGHLINE_BROWSER_MODE is set' : 'Electron binary not found');
