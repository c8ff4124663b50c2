/**
 * The workshop's IPC handlers: what the page may ask of the hosted workshop, validated here because it
 * crosses the IPC boundary (main.ts registers each with `handleFromApp`, which checks the sender). The
 * host API call is forwarded to the in-process server with the host key added, so the page never
 * needs to reach another origin.
 */
import { request as httpRequest } from 'node:http';
import { hostApiRequestSchema, workshopStartRequestSchema, type HostApiResponse, type WorkshopStatus } from '../shared/bridge/workshop.js';
import { WorkshopError, type WorkshopHost } from './workshop-host.js';

export interface WorkshopHandlers {
  status(): WorkshopStatus;
  start(request: unknown): Promise<WorkshopStatus>;
  stop(): Promise<WorkshopStatus>;
  hostRequest(request: unknown): Promise<HostApiResponse>;
}

const issueText = (error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }) =>
  error.issues.map((issue) => `${issue.path.map(String).join('.') || 'request'} ${issue.message}`).join('; ');

/**
 * One host API request on a connection of its own, closed after the answer. `fetch` kept the connection
 * to the workshop's server open for the next call; after "Stop" and "Host again" on the same port, the
 * first call went out on the socket of the server just closed and failed with "fetch failed (other
 * side closed)" (review32 finding 5). The server is in this process on a local address: a new
 * connection per call costs nothing, and no call can land on a server that is gone.
 */
function requestOnce(url: URL, method: string, headers: Record<string, string>, body: string | undefined): Promise<HostApiResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers: { ...headers, connection: 'close' }, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

export function workshopHandlers(host: WorkshopHost): WorkshopHandlers {
  return {
    status: () => host.status(),
    start: async (request) => {
      const parsed = workshopStartRequestSchema.safeParse(request);
      if (!parsed.success) throw new WorkshopError(`The workshop request was refused: ${issueText(parsed.error)}.`);
      return host.start(parsed.data?.address);
    },
    stop: () => host.stop(),
    hostRequest: async (request) => {
      const parsed = hostApiRequestSchema.safeParse(request);
      if (!parsed.success) return { status: 400, body: JSON.stringify({ error: `the host request was refused: ${issueText(parsed.error)}` }) };
      const status = host.status(), hostKey = host.hostKey();
      if (status.state !== 'hosting' || hostKey === null) return { status: 503, body: JSON.stringify({ error: 'no workshop is being hosted' }) };
      const { method, path, body } = parsed.data;
      return requestOnce(new URL(path, status.hostUrl), method, { authorization: `Bearer ${hostKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body);
    },
  };
}
