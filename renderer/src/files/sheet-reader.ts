import { detectMapping, readSpreadsheet, type ImportMapping, type SheetTable } from '../../../shared/files/index.js';

export interface SheetReadRequest { fileName: string; bytes: ArrayBuffer; sheet?: string }
export type SheetRead = { ok: true; table: SheetTable; mapping: ImportMapping } | { ok: false; message: string };

/** The read in progress: its worker, and how to answer its caller. */
let current: { worker: Worker; deliver: (read: SheetRead) => void } | null = null;

/**
 * Stops the read in progress, if any: its worker is terminated (a workbook that unpacks to 190 MB kept
 * the one long-lived reader busy for tens of seconds, and a file chosen next, or the next time the
 * dialog opened, waited behind it: review37a F7). Its caller is answered, and ignores the answer.
 */
export function stopSheetRead(): void {
  current?.deliver({ ok: false, message: 'Reading the file was stopped.' });
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
  stopSheetRead();
  return new Promise<SheetRead>((resolve) => {
    // A worker for each read, ended with it: stopping one mid-read is terminating it.
    const worker = new Worker(new URL('./sheet-worker.ts', import.meta.url), { type: 'module', name: 'spreadsheet-reader' });
    const read = {
      worker,
      deliver: (answer: SheetRead) => {
        if (current === read) current = null;
        worker.terminate();
        resolve(answer);
      },
    };
    current = read;
    worker.onmessage = (event: MessageEvent<SheetRead>) => read.deliver(event.data);
    // A worker that cannot start (or died) answers with a message.
    worker.onerror = () => read.deliver({ ok: false, message: 'The spreadsheet reader stopped; choose the file again.' });
    const request: SheetReadRequest = { fileName, bytes, ...(sheet === undefined ? {} : { sheet }) };
    worker.postMessage(request, [bytes]);
  });
}
