// The reference server for bench/sync.bench.ts: @y/websocket-server 0.1.1 (the last release on Yjs 13)
// exactly as its own bin wires it, without persistence (YPERSISTENCE unset) and without auth, on the
// project's ws 8. Prints one JSON line {"msg":"listening","url":"http://HOST:PORT/"} like our server.
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

const host = process.env.HOST ?? '127.0.0.1';
const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  response.end('okay');
});
wss.on('connection', setupWSConnection);
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
server.listen(Number(process.env.PORT ?? 0), host, () => {
  const address = server.address();
  console.log(JSON.stringify({ msg: 'listening', url: `http://${host}:${typeof address === 'object' && address ? address.port : 0}/` }));
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
