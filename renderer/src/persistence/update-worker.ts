/// <reference lib="webworker" />
// The update worker: cuts a large stored plan into parts and merges rows for compaction, so the
// page's main thread never spends one long task decoding megabytes of Yjs updates.
import { answerUpdateWork, transferables } from './update-work.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (event: MessageEvent<unknown>) => {
  const response = answerUpdateWork(event.data, () => performance.now());
  scope.postMessage(response, transferables(response));
};
