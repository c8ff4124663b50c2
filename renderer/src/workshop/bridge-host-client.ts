import type { z } from 'zod';
import type { DesktopApi } from '../../../shared/bridge/desktop-api.js';
import { hostApiErrorSchema } from '../../../shared/workspace/host-api.js';
import { checkedHostResponse } from '../bridge/host.js';
import { HostApiError, SchemaHostClient } from '../host/host-client.js';

/**
 * The host API of the workshop this app hosts, through the desktop bridge: the main process forwards
 * each call to its in-process server with the host key (the page's CSP lets it fetch only its own
 * origin). Answers are read through the same schemas as over HTTP.
 */
export class BridgeHostClient extends SchemaHostClient {
  constructor(private readonly bridge: Pick<DesktopApi, 'workshopHostRequest'>) {
    super();
  }

  protected async call<T extends z.ZodType>(path: string, schema: T, body?: unknown): Promise<z.infer<T>> {
    let answer: { status: number; body: string };
    try {
      answer = await checkedHostResponse(this.bridge.workshopHostRequest(body === undefined ? { method: 'GET', path } : { method: 'POST', path, body: JSON.stringify(body) }));
    } catch (error) {
      throw new HostApiError(0, `The workshop does not answer: ${error instanceof Error ? error.message : String(error)}`);
    }
    let json: unknown = null;
    try { json = JSON.parse(answer.body); } catch { /* reported below as not the host API */ }
    if (answer.status < 200 || answer.status > 299) {
      const error = hostApiErrorSchema.safeParse(json);
      throw new HostApiError(answer.status, `The workshop refused: ${error.success ? error.data.error : `answered ${answer.status}`}.`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new HostApiError(answer.status, 'The workshop answered something that is not the host API.');
    return parsed.data;
  }
}
