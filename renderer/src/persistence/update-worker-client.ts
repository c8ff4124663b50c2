import { internedStringsKey, internedStringsWorkerSuffix } from '../../../shared/sync/short-strings.js';
import { answerUpdateWork, parseUpdateWorkResponse, UpdateWorkError, type UpdateWorkRequest } from './update-work.js';

type Work = Omit<UpdateWorkRequest, 'ticket'>;

/**
 * The page's side of the update worker: one request at a time per ticket, every answer validated.
 * The rows' buffers are transferred (the page does not keep them). When no worker can be started
 * (a page without Worker support) the same work runs in the page: slower to answer, same result.
 */
export class UpdateWorkerClient {
  private worker: Worker | null = null;
  private ticket = 0;
  private readonly waiting = new Map<number, { resolve: (parts: Uint8Array[]) => void; reject: (error: Error) => void }>();

  constructor(private readonly createWorker: (() => Worker) | null) {}

  /** The parts of `work`'s rows, in the order they must be applied. Rejects with an UpdateWorkError. */
  run(work: Work): Promise<Uint8Array[]> {
    const ticket = ++this.ticket;
    const request: UpdateWorkRequest = { ...work, ticket };
    const worker = this.started();
    if (!worker) return new Promise((resolve) => resolve(this.settle(answerUpdateWork(request, () => performance.now()), ticket)));
    return new Promise((resolve, reject) => {
      this.waiting.set(ticket, { resolve, reject });
      const buffers = new Set<ArrayBuffer>();
      for (const row of work.rows) if (row.buffer instanceof ArrayBuffer) buffers.add(row.buffer);
      worker.postMessage(request, [...buffers]);
    });
  }

  private started(): Worker | null {
    if (this.worker || !this.createWorker) return this.worker;
    try {
      this.worker = this.createWorker();
    } catch {
      return null;
    }
    this.worker.onmessage = (event: MessageEvent<unknown>) => this.receive(event.data);
    this.worker.onerror = (event) => this.failAll(new UpdateWorkError(`The update worker stopped: ${event.message || 'unknown error'}.`));
    return this.worker;
  }

  /** An answer from the worker: validated, then handed to the request it answers. */
  private receive(message: unknown): void {
    let response;
    try {
      response = parseUpdateWorkResponse(message);
    } catch (error) {
      // An answer we cannot read cannot be matched to its request: every waiting request fails.
      this.failAll(error instanceof Error ? error : new UpdateWorkError(String(error)));
      return;
    }
    if (response.ticket === null) {
      this.failAll(new UpdateWorkError(response.kind === 'refused' ? response.reason : 'The update worker answered without a ticket.'));
      return;
    }
    const waiter = this.waiting.get(response.ticket);
    if (!waiter) return;
    this.waiting.delete(response.ticket);
    try {
      waiter.resolve(this.settle(response, response.ticket));
    } catch (error) {
      waiter.reject(error instanceof Error ? error : new UpdateWorkError(String(error)));
    }
  }

  private settle(response: ReturnType<typeof answerUpdateWork>, ticket: number): Uint8Array[] {
    if (response.kind === 'refused') throw new UpdateWorkError(response.reason);
    if (response.ticket !== ticket) throw new UpdateWorkError(`The update worker answered request ${response.ticket} instead of ${ticket}.`);
    return response.parts;
  }

  private failAll(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }

  dispose(): void {
    this.failAll(new UpdateWorkError('The update worker was stopped before it answered.'));
    this.worker?.terminate();
    this.worker = null;
  }
}

/**
 * The app's update worker, bundled by Vite from update-worker.ts. Its name carries the benchmark's
 * interned-strings switch, which the worker cannot read from localStorage (shared/sync/short-strings.ts).
 */
export function createUpdateWorker(): Worker {
  const internedStrings = typeof localStorage !== 'undefined' && localStorage.getItem(internedStringsKey) === '1';
  return new Worker(new URL('./update-worker.ts', import.meta.url), { type: 'module', name: `plan-updates${internedStrings ? internedStringsWorkerSuffix : ''}` });
}
