import { detectMapping, readSpreadsheet, type ImportMapping, type SheetTable } from '../../../shared/files/index.js';

export interface SheetReadRequest { ticket: number; fileName: string; bytes: ArrayBuffer; sheet?: string }
export type SheetReadResponse = { ticket: number; ok: true; table: SheetTable; mapping: ImportMapping } | { ticket: number; ok: false; message: string };
export type SheetRead = { ok: true; table: SheetTable; mapping: ImportMapping } | { ok: false; message: string };

let worker: Worker | null = null;
let tickets = 0;
const waiting = new Map<number, (read: SheetRead) => void>();

function sheetWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./sheet-worker.ts', import.meta.url), { type: 'module', name: 'spreadsheet-reader' });
  worker.onmessage = (event: MessageEvent<SheetReadResponse>) => {
    const { ticket, ...read } = event.data;
    waiting.get(ticket)?.(read);
    waiting.delete(ticket);
  };
  worker.onerror = () => {
    // A worker that cannot start (or died) answers every waiting read with a message, and the next read starts a new one.
    for (const deliver of waiting.values()) deliver({ ok: false, message: 'The spreadsheet reader stopped; choose the file again.' });
    waiting.clear();
    worker?.terminate();
    worker = null;
  };
  return worker;
}

/**
 * Reads a chosen spreadsheet and detects its mapping off the page's thread (a 10,000-row XLSX takes
 * seconds to unzip and parse); where workers are unavailable, in the page. `sheet` names the workbook's
 * sheet to read (the person chose it); without it, the sheet holding the plan is found.
 */
export async function readSheetOffThread(fileName: string, bytes: ArrayBuffer, sheet?: string): Promise<SheetRead> {
  if (typeof Worker === 'undefined') {
    const read = await readSpreadsheet(fileName, new Uint8Array(bytes), sheet === undefined ? {} : { sheet });
    return read.ok ? { ok: true, table: read.table, mapping: detectMapping(read.table) } : { ok: false, message: read.problem.message };
  }
  const ticket = ++tickets;
  return new Promise<SheetRead>((resolve) => {
    waiting.set(ticket, resolve);
    const request: SheetReadRequest = { ticket, fileName, bytes, ...(sheet === undefined ? {} : { sheet }) };
    sheetWorker().postMessage(request, [bytes]);
  });
}
