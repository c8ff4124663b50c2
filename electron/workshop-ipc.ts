/**
 * The workshop's IPC handlers: what the page may ask of the hosted workshop, validated here because it
 * crosses the IPC boundary (main.ts registers each with `handleFromApp`, which checks the sender). The
 * host API call is forwarded to the in-process server with the host key added, so the page never
 * needs to reach another origin.
 */
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
      const response = await fetch(new URL(path, status.hostUrl), {
        method,
        headers: { authorization: `Bearer ${hostKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body }),
        redirect: 'error',
      });
      return { status: response.status, body: await response.text() };
    },
  };
}
