#!/usr/bin/env node
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { serveStatic } from './static-site.js';

/** Where the web build sits relative to this file, both from source (tsx) and from dist/. */
function defaultWebRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const fromDist = path.resolve(here, '..', 'web');
  const fromSource = path.resolve(here, '..', 'dist', 'web');
  return here.split(path.sep).includes('dist') ? fromDist : fromSource;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError(`"${value}" is not a port number (0–65535).`);
  return port;
}

const program = new Command('throughline-sync')
  .description('Throughline sync server: y-websocket rooms with durable storage, and the web build for browser mode.')
  .showHelpAfterError();

program.command('serve')
  .description('run the server')
  .option('--port <port>', 'port to listen on (0 picks a free one)', parsePort, 4455)
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .option('--web <dir>', 'web build to serve at /', defaultWebRoot())
  .option('--data <dir>', 'folder for storage and the signing secret', 'data')
  .action((options: { port: number; host: string; web: string; data: string }) => {
    const server = createServer((req, res) => {
      if (req.url === '/health') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ ok: true }));
        return;
      }
      serveStatic(options.web, req, res).then((handled) => {
        if (!handled) { res.writeHead(405); res.end(); }
      }, () => { res.writeHead(500); res.end(); });
    });
    server.listen(options.port, options.host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      console.log(JSON.stringify({ event: 'listening', url: `http://${options.host}:${port}/` }));
    });
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
