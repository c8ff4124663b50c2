/// <reference lib="webworker" />
// The spreadsheet reader: unzipping and parsing a 10,000-row workbook takes a second or more, so the
// page hands the file's bytes (transferred, not copied) here and keeps answering meanwhile. It runs
// the same pure functions as the page would.
import { detectMapping, readSpreadsheet } from '../../../shared/files/index.js';
import type { SheetRead, SheetReadRequest } from './sheet-reader.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = async (event: MessageEvent<SheetReadRequest>) => {
  const { fileName, bytes, sheet } = event.data;
  let response: SheetRead;
  try {
    const read = await readSpreadsheet(fileName, new Uint8Array(bytes), sheet === undefined ? {} : { sheet });
    response = read.ok ? { ok: true, table: read.table, mapping: detectMapping(read.table) } : { ok: false, message: read.problem.message };
  } catch (error) {
    response = { ok: false, message: `The file cannot be read: ${error instanceof Error ? error.message : String(error)}.` };
  }
  scope.postMessage(response);
};
