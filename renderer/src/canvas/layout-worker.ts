/// <reference lib="webworker" />
// The layout worker: a 100,000-node layout takes longer than a frame, so large plans are laid out
// here and the page keeps answering. It runs the same pure function as the page.
import { layoutResolved } from './cascade-layout.js';
import type { LayoutRequest, LayoutResponse } from './layout-runner.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { ticket, structure, resolved } = event.data;
  const started = performance.now();
  const layout = layoutResolved(structure, resolved);
  const response: LayoutResponse = { ticket, layout, workerMs: performance.now() - started };
  scope.postMessage(response, [layout.rows.buffer, layout.x.buffer, layout.y.buffer, layout.linkParent.buffer, layout.hidden.buffer,
    layout.hiddenHealth.buffer, layout.open.buffer, layout.blockOf.buffer, layout.cardOfRow.buffer]);
};
