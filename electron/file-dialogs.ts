/**
 * Saving exports from the main process: the renderer sends the content, the USER picks where it goes
 * in a native dialog (the page never names a path), and the review pack is printed to PDF in a
 * hidden window with JavaScript off. Requests are validated here because they cross the IPC boundary.
 */
import path from 'node:path';
import { z } from 'zod';
import { printableDocument, type SaveFileResult } from '../shared/bridge/desktop-api.js';

/** What this module needs from Electron and the file system (so it is testable without the binary). */
export interface FileHost {
  showSaveDialog(options: { defaultPath: string; filters: { name: string; extensions: string[] }[] }): Promise<{ canceled: boolean; filePath?: string }>;
  writeFile(filePath: string, data: string | Uint8Array): Promise<void>;
  /** Renders a script-free HTML document to PDF bytes (Electron: a hidden window's printToPDF). */
  renderPdf(html: string): Promise<Uint8Array>;
}

/** Exports of a 100,000-node plan stay well under this; anything larger is not ours. */
const MAX_CONTENT = 256 * 1024 * 1024;

/** Text (CSV, Markdown, a plan file) or bytes (an XLSX workbook), as structured clone sends a Uint8Array. */
const contentSchema = z.union([z.string().max(MAX_CONTENT), z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength <= MAX_CONTENT, 'is too large')]);
const saveRequestSchema = z.object({ suggestedName: z.string().min(1).max(200), content: contentSchema, mimeType: z.string().max(100) }).strict();
const printRequestSchema = z.object({ suggestedName: z.string().min(1).max(200), title: z.string().max(300), bodyHtml: z.string().max(MAX_CONTENT), css: z.string().max(1024 * 1024) }).strict();

const FILTERS: Readonly<Record<string, { name: string; extensions: string[] }>> = {
  '.throughline': { name: 'Throughline plan', extensions: ['throughline'] },
  '.csv': { name: 'CSV spreadsheet', extensions: ['csv'] },
  '.xlsx': { name: 'Excel workbook', extensions: ['xlsx'] },
  '.md': { name: 'Markdown', extensions: ['md'] },
  '.pdf': { name: 'PDF document', extensions: ['pdf'] },
};

/**
 * A bare file name: a suggested name can never point the dialog at another folder. Control characters become
 * `-`; format characters (bidi overrides and isolates, zero-width spaces and joiners) go: "report‮fdp.exe"
 * shows as "reportexe.pdf" in the dialog and the file manager, an executable dressed as a document (review46a F2).
 */
export function safeFileName(suggested: string): string {
  const printable = [...suggested.replace(/\p{Cf}/gu, '')].map((char) => (char.charCodeAt(0) < 32 || char.charCodeAt(0) === 127 ? '-' : char)).join('');
  const base = path.basename(printable.replace(/\\/g, '/')).replace(/[<>:"|?*]/g, '-').replace(/^\.+/, '');
  return base || 'plan';
}

function refused(error: z.ZodError): SaveFileResult {
  const issue = error.issues[0]!;
  return { outcome: 'failed', message: `the request was refused: ${issue.path.join('.') || 'request'} ${issue.message}` };
}

/**
 * The save dialog is offered only the kinds of file the app makes, with their filter: the page names the file,
 * and a page that asked for "notes.js", "run.bat" or "plan.desktop" (a bug, or script that got into it) would
 * otherwise have one Enter write its text as a program in the user's Documents (review46a F2).
 */
function unmadeKind(name: string, kinds: readonly string[]): string | null {
  const extension = path.extname(name).toLowerCase();
  if (kinds.includes(extension)) return null;
  return `the request was refused: "${name.slice(0, 80)}" is not a kind of file Throughline saves (${kinds.join(', ')})`;
}

async function saveWithDialog(host: FileHost, suggestedName: string, data: string | Uint8Array, defaultFolder: string, kinds: readonly string[]): Promise<SaveFileResult> {
  const name = safeFileName(suggestedName);
  const refusal = unmadeKind(name, kinds);
  if (refusal) return { outcome: 'failed', message: refusal };
  const filter = FILTERS[path.extname(name).toLowerCase()]!;
  const choice = await host.showSaveDialog({ defaultPath: path.join(defaultFolder, name), filters: [filter] });
  if (choice.canceled || !choice.filePath) return { outcome: 'cancelled' };
  try {
    await host.writeFile(choice.filePath, data);
  } catch (error) {
    return { outcome: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
  return { outcome: 'saved', where: choice.filePath };
}

/** Handles `file:save`: validate, ask where, write. */
export async function saveFile(host: FileHost, request: unknown, defaultFolder: string): Promise<SaveFileResult> {
  const parsed = saveRequestSchema.safeParse(request);
  if (!parsed.success) return refused(parsed.error);
  return saveWithDialog(host, parsed.data.suggestedName, parsed.data.content, defaultFolder, Object.keys(FILTERS));
}

/** Handles `file:print-pdf`: validate, render the script-free document to PDF, ask where, write. */
export async function printToPdf(host: FileHost, request: unknown, defaultFolder: string): Promise<SaveFileResult> {
  const parsed = printRequestSchema.safeParse(request);
  if (!parsed.success) return refused(parsed.error);
  // Refused before anything is rendered: the PDF goes nowhere but into a .pdf.
  const refusal = unmadeKind(safeFileName(parsed.data.suggestedName), ['.pdf']);
  if (refusal) return { outcome: 'failed', message: refusal };
  let pdf: Uint8Array;
  try {
    pdf = await host.renderPdf(printableDocument(parsed.data));
  } catch (error) {
    return { outcome: 'failed', message: `the PDF could not be made: ${error instanceof Error ? error.message : String(error)}` };
  }
  return saveWithDialog(host, parsed.data.suggestedName, pdf, defaultFolder, ['.pdf']);
}
