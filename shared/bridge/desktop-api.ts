/**
 * The one bridge between the renderer and its host. The Electron preload implements it with
 * `satisfies DesktopApi`; browser mode has its own implementation of the same type.
 */
import type { MenuCommand } from './menu-commands.js';
import type { HostApiRequest, HostApiResponse, WorkshopStartRequest, WorkshopStatus } from './workshop.js';

export interface DesktopApi {
  /** Where the renderer runs: inside the desktop shell, or a plain browser tab. */
  readonly host: 'electron' | 'browser';
  /** The app's version string. */
  appVersion(): Promise<string>;
  /**
   * Saves an exported file: a native save dialog in Electron, a download in browser mode. Resolves
   * to what happened so the renderer can say so.
   */
  saveFile(request: SaveFileRequest): Promise<SaveFileResult>;
  /** Prints an HTML document (the review pack) to PDF: Electron's printToPDF, the print dialog in a browser. */
  printToPdf(request: PrintRequest): Promise<SaveFileResult>;
  /** Calls `listener` with each command id the native menu sends (never in browser mode); returns the unsubscribe. */
  onMenuCommand(listener: (commandId: string) => void): () => void;
  /** Gives the native menu the registry's commands and their availability (nothing in browser mode). */
  updateMenu(commands: MenuCommand[]): void;
  /** Calls `listener` with each plan file the OS asked the app to open (double-click, second launch, Open Recent). */
  onPlanFileOpened(listener: (file: { name: string; text: string }) => void): () => void;
  /** Calls `listener` with each spreadsheet picked in File ▸ Open… (it goes to the import preview). */
  onSpreadsheetOpened(listener: (file: { name: string; bytes: Uint8Array }) => void): () => void;
  /** The workshop this app hosts (desktop only; browser mode is always stopped, with the reason). */
  workshopStatus(): Promise<WorkshopStatus>;
  /** Starts hosting a workshop on the LAN (on `request.address`, else the default-route address). */
  startWorkshop(request?: WorkshopStartRequest): Promise<WorkshopStatus>;
  /** Stops hosting: participants keep their local copies, the stored plans stay for next time. */
  stopWorkshop(): Promise<WorkshopStatus>;
  /**
   * Calls the hosted workshop's host API (`/_admin/…`, see sync-server/workspace/admin-http.ts) from the
   * main process, which adds the host key: the page's CSP lets it fetch nothing but its own origin.
   */
  workshopHostRequest(request: HostApiRequest): Promise<HostApiResponse>;
}

/** What the renderer asks the host to save. `content` is the file's text (UTF-8), or its bytes (a workbook). */
export interface SaveFileRequest {
  suggestedName: string;
  content: string | Uint8Array;
  mimeType: string;
}

/** A document to print: body markup (no scripts, no inline style attributes) and its stylesheet. */
export interface PrintRequest {
  suggestedName: string;
  title: string;
  bodyHtml: string;
  css: string;
}

/**
 * Style text that cannot end its `<style>` element: every `<` is written as the CSS escape `\3c ` (the
 * space ends the escape), which reads as the same character in a string, a URL or a selector, so the
 * HTML parser's raw text finds no `</style` in any case or spacing. An escaped `\<` loses its backslash
 * (`\3c ` is already the character). Before, `</style` was removed once, and `</</stylestyle>` became
 * `</style>` (review32 finding 7).
 */
export function styleText(css: string): string {
  return css.replace(/(\\*)</g, (_match, slashes: string) => `${slashes.length % 2 === 1 ? slashes.slice(0, -1) : slashes}\\3c `);
}

/** The script-free document the host prints, with a CSP that lets nothing load or run. */
export function printableDocument(request: PrintRequest): string {
  const title = request.title.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"><title>${title}</title><style>${styleText(request.css)}</style></head><body>${request.bodyHtml}</body></html>`;
}

export type SaveFileResult = { outcome: 'saved'; where: string } | { outcome: 'cancelled' } | { outcome: 'failed'; message: string };

/**
 * The page's function the desktop app calls before quitting (main.ts, through executeJavaScript; it
 * waits at most 3 s): resolves once every open plan's changes are stored on the device.
 */
export const flushHookName = 'throughlineFlush';

/** IPC channel names, one list; their payload types derive from DesktopApi. */
export const ipcChannels = [
  'app:version', 'file:save', 'file:print-pdf', 'menu:update',
  'workshop:status', 'workshop:start', 'workshop:stop', 'workshop:host-request',
] as const;
export type IpcChannel = (typeof ipcChannels)[number];
