import type { z } from 'zod';
import {
  hostApiErrorSchema, hostApiPaths, mintedLinkSchema, revokeAnswerSchema, roleChangeAnswerSchema, workspaceViewSchema,
  type MintedLinkAnswer, type MintLinkRequest, type RevokeAnswer, type RoleChangeAnswer, type RoleChangeRequest, type WorkspaceView,
} from '../../../shared/workspace/host-api.js';

/** Why a host API call failed, as a sentence for the host; `status` is the HTTP status (0: no answer). */
export class HostApiError extends Error {
  override readonly name = 'HostApiError';
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** What the host screen asks of a sync server it hosts (shared/workspace/host-api.ts). */
export interface HostClient {
  workspace(workspace: string): Promise<WorkspaceView>;
  mintLink(workspace: string, request: MintLinkRequest): Promise<MintedLinkAnswer>;
  revoke(link: string): Promise<RevokeAnswer>;
  changeRole(workspace: string, request: RoleChangeRequest): Promise<RoleChangeAnswer>;
}

/**
 * The host API's calls, each read through its schema; a transport (HTTP, the desktop bridge)
 * supplies `call`: GET without a body, POST with one.
 */
export abstract class SchemaHostClient implements HostClient {
  workspace(workspace: string): Promise<WorkspaceView> {
    return this.call(hostApiPaths.workspace(workspace), workspaceViewSchema);
  }

  mintLink(workspace: string, request: MintLinkRequest): Promise<MintedLinkAnswer> {
    return this.call(hostApiPaths.links(workspace), mintedLinkSchema, request);
  }

  revoke(link: string): Promise<RevokeAnswer> {
    return this.call(hostApiPaths.revocations, revokeAnswerSchema, { link });
  }

  changeRole(workspace: string, request: RoleChangeRequest): Promise<RoleChangeAnswer> {
    return this.call(hostApiPaths.roles(workspace), roleChangeAnswerSchema, request);
  }

  protected abstract call<T extends z.ZodType>(path: string, schema: T, body?: unknown): Promise<z.infer<T>>;
}

/**
 * The host API over HTTP: `serverUrl` is the sync server's http(s) address, `hostKey` the key the host
 * link carries. Every answer is read through its schema: a server that answers something else is
 * reported, never shown half-read.
 */
export class HttpHostClient extends SchemaHostClient {
  constructor(private readonly serverUrl: string, private readonly hostKey: string) {
    super();
  }

  protected async call<T extends z.ZodType>(path: string, schema: T, body?: unknown): Promise<z.infer<T>> {
    const url = new URL(path, this.serverUrl);
    let response: Response;
    try {
      response = await fetch(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${this.hostKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        cache: 'no-store',
      });
    } catch {
      throw new HostApiError(0, `The sync server at ${url.origin} does not answer.`);
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = hostApiErrorSchema.safeParse(json);
      const detail = error.success ? error.data.error : `answered ${response.status}`;
      if (response.status === 401 || response.status === 403) throw new HostApiError(response.status, `This device does not hold the host key of ${url.origin}: ${detail}.`);
      throw new HostApiError(response.status, `The sync server refused: ${detail}.`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new HostApiError(response.status, `The sync server at ${url.origin} answered something that is not the host API (is it an older version?).`);
    return parsed.data;
  }
}
