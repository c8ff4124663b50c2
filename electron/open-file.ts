/**
 * File ▸ Open…: the native open dialog offers plan files and spreadsheets; whatever the user picks is
 * opened the same way as a plan file double-clicked in the OS (main.ts `deliver`): a `.throughline`
 * file becomes a new plan, a `.csv` or `.xlsx` goes to the import preview. The file is read here, in
 * the main process, and only its name and contents cross to the page.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { planFileText } from '../shared/files/plan-file-text.js';

/**
 * The spreadsheets the import reads, as its dialog takes them: Excel's "Unicode Text" saves `.txt` and
 * tab-separated `.tsv`, and `.xlsm` is an .xlsx with macros (never run). The desktop's File ▸ Open took
 * only .csv and .xlsx (review37a F11).
 */
const spreadsheetExtensions = ['csv', 'tsv', 'txt', 'xlsx', 'xlsm'] as const;

/** The open dialog's options (Electron's OpenDialogOptions, the part we use). */
export const openDialogOptions = {
  title: 'Open a plan or a spreadsheet',
  properties: ['openFile'] as ['openFile'],
  filters: [
    { name: 'Plans and spreadsheets', extensions: ['throughline', ...spreadsheetExtensions] },
    { name: 'Throughline plan', extensions: ['throughline'] },
    { name: 'Spreadsheet (CSV, Excel, tab-separated text)', extensions: [...spreadsheetExtensions] },
  ],
};

/** Larger files are refused before they are read (the import takes at most 50 MB too). */
export const MAX_OPEN_BYTES = 50 * 1024 * 1024;

export type OpenableKind = 'plan-file' | 'spreadsheet';

/** What a path opens as, by its extension; null for anything else. */
export function openableKind(filePath: string): OpenableKind | null {
  const extension = path.extname(filePath).toLowerCase();
  if (extension === '.throughline') return 'plan-file';
  if ((spreadsheetExtensions as readonly string[]).includes(extension.slice(1))) return 'spreadsheet';
  return null;
}

/** What the page receives: a plan file's text, or a spreadsheet's bytes; or why it cannot be opened. */
export type OpenedFile =
  | { ok: true; kind: 'plan-file'; name: string; text: string }
  | { ok: true; kind: 'spreadsheet'; name: string; bytes: Uint8Array }
  | { ok: false; message: string };

/** The file system calls this module needs (real files in tests, fs/promises in main.ts). */
export interface FileReader {
  size(filePath: string): Promise<number>;
  read(filePath: string): Promise<Uint8Array>;
}

/** A path that exists but is no regular file: a folder, a named pipe, a device. */
class NotAFile extends Error {
  constructor(folder: boolean) {
    super(folder ? 'it is a folder, not a file' : 'it is not a regular file (a pipe or a device)');
    this.name = 'NotAFile';
  }
}

/**
 * The disk as main.ts reads it: only regular files. A folder named `x.throughline` was read and refused
 * with Node's "EISDIR: illegal operation on a directory, read", and a named pipe's read waited forever,
 * so the file never opened and nothing said why (review43b F10).
 */
export const diskFiles: FileReader = {
  size: async (filePath) => {
    const info = await stat(filePath);
    if (!info.isFile()) throw new NotAFile(info.isDirectory());
    return info.size;
  },
  read: (filePath) => readFile(filePath),
};

const codeOf = (error: unknown) => (error instanceof Error && 'code' in error ? error.code : undefined);

function reasonOf(error: unknown): string {
  if (error instanceof NotAFile) return error.message;
  if (codeOf(error) === 'ENOENT') return 'the file does not exist (moved or deleted?)';
  // Windows: another program holds the file open without sharing it (Excel does so with its workbooks).
  if (codeOf(error) === 'EBUSY') return 'another program has it open and locked; close it there and try again';
  return error instanceof Error ? error.message : String(error);
}

/** Reads the file the user picked (or double-clicked) for the page. */
export async function readOpenedFile(filePath: string, files: FileReader): Promise<OpenedFile> {
  const name = path.basename(filePath);
  const kind = openableKind(filePath);
  if (kind === null) return { ok: false, message: `${name}: Throughline opens plan files (.throughline) and spreadsheets (.csv, .tsv, .txt, .xlsx, .xlsm), not this kind of file.` };
  try {
    const size = await files.size(filePath);
    if (size > MAX_OPEN_BYTES) return { ok: false, message: `${name} is ${(size / 1024 / 1024).toFixed(1)} MB; Throughline opens files of at most ${MAX_OPEN_BYTES / 1024 / 1024} MB.` };
    const bytes = await files.read(filePath);
    if (kind === 'spreadsheet') return { ok: true, kind, name, bytes };
    // A plan file is UTF-8 JSON; the page's parser names what is wrong with its contents. Bytes that are
    // not text are refused here, naming the line: decoded leniently they became U+FFFD unseen (review42c F6).
    const read = planFileText(bytes);
    return read.ok ? { ok: true, kind, name, text: read.text } : { ok: false, message: `${name}: ${read.problem.message}` };
  } catch (error) {
    return { ok: false, message: `${name} cannot be opened: ${reasonOf(error)}.` };
  }
}
