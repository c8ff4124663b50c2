import { layoutResolved, resolveLayoutOptions, type CascadeLayout, type LayoutOptions, type LayoutStructure, type ResolvedLayoutOptions } from './cascade-layout.js';
import type { CascadeStructure } from './cascade-snapshot.js';

/**
 * What goes to the worker: typed arrays only (no ids, no sets), about 1 MB at 100,000 nodes, which
 * the structured clone copies in a millisecond or two; the answer's arrays are transferred back.
 */
export interface LayoutRequest { ticket: number; structure: LayoutStructure; resolved: ResolvedLayoutOptions }
export interface LayoutResponse { ticket: number; layout: CascadeLayout; workerMs: number }

/** Plans with more nodes than this are laid out in the worker; smaller ones in the page, at once. */
export const WORKER_THRESHOLD = 3000;

/**
 * Runs layouts: small plans synchronously (no message round trip, no flash), large ones in a Web
 * Worker so the page never blocks. Only the latest request's answer is delivered; an older one
 * that arrives late is dropped.
 */
export class LayoutRunner {
  private worker: Worker | null = null;
  private ticket = 0;
  private readonly waiting = new Map<number, (layout: CascadeLayout) => void>();

  constructor(private readonly createWorker: (() => Worker) | null) {}

  /** Lays out `structure`; `deliver` is called with the result unless a newer request overtook it. */
  run(structure: CascadeStructure, options: LayoutOptions, deliver: (layout: CascadeLayout) => void): void {
    const ticket = ++this.ticket;
    const resolved = resolveLayoutOptions(structure, options);
    if (structure.ids.length <= WORKER_THRESHOLD || !this.createWorker) {
      deliver(layoutResolved(structure, resolved));
      return;
    }
    if (!this.worker) {
      this.worker = this.createWorker();
      this.worker.onmessage = (event: MessageEvent<LayoutResponse>) => {
        const callback = this.waiting.get(event.data.ticket);
        this.waiting.delete(event.data.ticket);
        if (callback && event.data.ticket === this.ticket) callback(event.data.layout);
      };
    }
    this.waiting.clear();
    this.waiting.set(ticket, deliver);
    const request: LayoutRequest = { ticket, structure: { parent: structure.parent, depth: structure.depth, health: structure.health }, resolved };
    this.worker.postMessage(request, [resolved.open.buffer]);
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.waiting.clear();
  }
}

/** The app's worker, bundled by Vite from layout-worker.ts. */
export function createLayoutWorker(): Worker {
  return new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module', name: 'cascade-layout' });
}
