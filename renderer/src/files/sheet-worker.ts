/// <reference lib="webworker" />
// The import's worker: reads the spreadsheet, builds the preview and works the import out on a copy of
// the plan, so a 10,000-row import leaves the page free (review40c F4). The protocol is import-work.ts.
import { ImportWork } from './import-work.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const work = new ImportWork((response, transfer) => scope.postMessage(response, transfer), () => performance.now());
// One request at a time, in order: a preview waits for the read before it, a prepare for its preview.
let queue = Promise.resolve();
scope.onmessage = (event: MessageEvent<unknown>) => {
  queue = queue.then(() => work.take(event.data));
};
