/// <reference lib="webworker" />
// The Excel export's worker: builds the workbook (its XML and deflate) from the rows the page sends,
// so exporting a 10,000-node plan leaves the page free (review40c F4). The protocol is export-work.ts.
import { XlsxWork } from './export-work.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const work = new XlsxWork();
scope.onmessage = (event: MessageEvent<unknown>) => {
  const response = work.take(event.data);
  if (response === null) return;
  scope.postMessage(response, response.kind === 'workbook' ? [response.bytes.buffer] : []);
};
