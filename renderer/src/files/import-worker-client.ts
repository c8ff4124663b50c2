import type { ApplyImportOptions, FileProblem, ImportMapping, ImportPreview, PreparedImport, PreviewOptions, SheetTable } from '../../../shared/files/index.js';
import { ImportWork, parseImportWorkResponse, PreviewParts, type ImportWorkRequest, type ImportWorkResponse } from './import-work.js';

/** A file read: the head of its table (its first rows, for the mapping form), how many rows it has, and its detected mapping. */
export type SheetRead = { ok: true; table: SheetTable; rowCount: number; mapping: ImportMapping } | { ok: false; message: string };

/** The worker was stopped (the dialog closed, another file chosen) before it answered. */
export class ImportWorkStopped extends Error {
  override readonly name = 'ImportWorkStopped';
  constructor() { super('The import was stopped.'); }
}

/** What the page's side waits for from one request: its answers, until the last. */
interface Waiter {
  answer(response: ImportWorkResponse): void;
  fail(error: Error): void;
}

/** Where the requests go: a worker, or (where none can be started) the same work in the page. */
interface Channel {
  send(request: ImportWorkRequest, transfer: Transferable[]): void;
  stop(): void;
}

/**
 * The page's side of the import's worker (import-work.ts): one worker per file read, kept for its
 * preview and import, every answer validated. Choosing another file, or closing the dialog, terminates
 * it: a workbook that unpacks to 190 MB kept a reader busy for tens of seconds, and the next file
 * waited behind it (review37a F7); an import being worked out stops with it, and nothing was written.
 */
export class ImportWorkerClient {
  private channel: Channel | null = null;
  private ticket = 0;
  private readonly waiting = new Map<number, Waiter>();

  constructor(private readonly createWorker: (() => Worker | null) | null = defaultWorker) {}

  /** Reads `bytes` (transferred) and detects how to read them, in a worker started for this file. */
  async read(fileName: string, bytes: ArrayBuffer, sheet?: string): Promise<SheetRead> {
    this.stop();
    try {
      const answer = await this.request({ kind: 'read', ticket: 0, fileName, bytes, ...(sheet === undefined ? {} : { sheet }) }, [bytes], () => undefined);
      if (answer.kind !== 'read') throw new Error(`The import's worker answered a read with "${answer.kind}".`);
      return { ok: true, table: answer.head, rowCount: answer.rowCount, mapping: answer.mapping };
    } catch (error) {
      if (error instanceof ImportWorkStopped) return { ok: false, message: 'Reading the file was stopped.' };
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  }

  /** The preview of the file read under `mapping`; rejects with the reason it cannot be built. */
  async preview(mapping: ImportMapping, options: PreviewOptions): Promise<ImportPreview> {
    const parts = new PreviewParts();
    const sent = { strategyTitle: options.strategyTitle, ...(options.now === undefined ? {} : { now: options.now }), ...(options.periodNames ? { periodNames: [...options.periodNames] } : {}) };
    const answer = await this.request({ kind: 'preview', ticket: 0, mapping, options: sent }, [], (part) => {
      if (part.kind === 'preview-part') parts.add(part);
    });
    if (answer.kind !== 'preview') throw new Error(`The import's worker answered a preview with "${answer.kind}".`);
    return parts.finish(answer);
  }

  /**
   * The import of the last preview worked out in the worker on a copy of the plan whose `state` this is
   * (transferred). `onProgress` hears how many steps of `itemsPerStep` nodes are done.
   */
  async prepare(state: Uint8Array, actor: string, options: ApplyImportOptions, onProgress: (steps: number) => void): Promise<PreparedImport | { ok: false; problems: FileProblem[] }> {
    const request: ImportWorkRequest = {
      kind: 'prepare', ticket: 0, state, actor,
      options: { now: options.now, intoStrategy: options.intoStrategy ?? null, removed: [...(options.removed ?? new Map())], ...(options.strategyTitle === undefined ? {} : { strategyTitle: options.strategyTitle }) },
    };
    const answer = await this.request(request, [state.buffer], (progress) => { if (progress.kind === 'progress') onProgress(progress.done); });
    if (answer.kind === 'problems') return { ok: false, problems: answer.problems };
    if (answer.kind !== 'prepared') throw new Error(`The import's worker answered an import with "${answer.kind}".`);
    const { update, created, restored, rootIds, named } = answer;
    return { ok: true, update, created, restored, rootIds, named };
  }

  /** Terminates the worker; whatever waits for it rejects with ImportWorkStopped. */
  stop(): void {
    this.channel?.stop();
    this.channel = null;
    this.failAll(new ImportWorkStopped());
  }

  /** Sends `request` (its ticket set here); `onPart` hears the answers before the last, which resolves. */
  private request(request: ImportWorkRequest, transfer: Transferable[], onPart: (response: ImportWorkResponse) => void): Promise<ImportWorkResponse> {
    const ticket = ++this.ticket;
    return new Promise((resolve, reject) => {
      this.waiting.set(ticket, {
        answer: (response) => {
          if (response.kind === 'failed') { this.waiting.delete(ticket); reject(new Error(response.message)); return; }
          if (response.kind === 'preview-part' || response.kind === 'progress') {
            try { onPart(response); } catch (error) { this.waiting.delete(ticket); reject(error instanceof Error ? error : new Error(String(error))); }
            return;
          }
          this.waiting.delete(ticket);
          resolve(response);
        },
        fail: reject,
      });
      this.started().send({ ...request, ticket }, transfer);
    });
  }

  private started(): Channel {
    if (this.channel) return this.channel;
    let worker: Worker | null = null;
    try {
      worker = this.createWorker?.() ?? null;
    } catch {
      worker = null;
    }
    if (!worker) {
      // No worker: the same work in the page, answered asynchronously as a worker would.
      const work = new ImportWork((response) => this.receive(response), () => performance.now());
      let queue = Promise.resolve();
      this.channel = { send: (request) => { queue = queue.then(() => work.take(request)); }, stop: () => undefined };
      return this.channel;
    }
    const started = worker;
    started.onmessage = (event: MessageEvent<unknown>) => this.receive(event.data);
    // A worker that cannot start (or died) fails whatever waits for it, with a message.
    started.onerror = (event) => {
      event.preventDefault();
      this.channel?.stop();
      this.channel = null;
      this.failAll(new Error(`The import's worker stopped${event.message ? ` (${event.message})` : ''}; choose the file again.`));
    };
    this.channel = { send: (request, transfer) => started.postMessage(request, transfer), stop: () => started.terminate() };
    return this.channel;
  }

  /** An answer: validated, then handed to the request it answers. */
  private receive(message: unknown): void {
    const response = parseImportWorkResponse(message);
    if (response.ticket === null) { this.failAll(new Error(response.kind === 'failed' ? response.message : 'The import\'s worker answered without a ticket.')); return; }
    this.waiting.get(response.ticket)?.answer(response);
  }

  private failAll(error: Error): void {
    const waiters = [...this.waiting.values()];
    this.waiting.clear();
    for (const waiter of waiters) waiter.fail(error);
  }
}

function defaultWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  return new Worker(new URL('./sheet-worker.ts', import.meta.url), { type: 'module', name: 'spreadsheet-import' });
}
