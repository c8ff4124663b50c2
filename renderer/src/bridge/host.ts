import { z } from 'zod';
import { flushHookName, type DesktopApi } from '../../../shared/bridge/desktop-api.js';
import { hostApiResponseSchema, workshopStatusSchema, type WorkshopStatus } from '../../../shared/bridge/workshop.js';
import { downloadFile, printInPage } from '../files/browser-files.js';

/** A browser tab cannot run a server: hosting needs the desktop app (or the sync server's host link). */
const browserWorkshop: WorkshopStatus = {
  state: 'stopped', addresses: [],
  problem: 'Hosting a workshop needs the desktop app. In a browser, run the sync server (npm start) and open the host link it prints.',
};

/** Browser mode's implementation of the bridge: the same type the Electron preload satisfies. */
export const browserDesktopApi = {
  host: 'browser',
  appVersion: () => Promise.resolve(import.meta.env.VITE_APP_VERSION ?? '0.1.0'),
  saveFile: downloadFile,
  printToPdf: printInPage,
  // A browser tab has no native menu: its keys and buttons reach the command registry directly.
  onMenuCommand: () => () => undefined,
  updateMenu: () => undefined,
  onPlanFileOpened: () => () => undefined,
  onSpreadsheetOpened: () => () => undefined,
  workshopStatus: () => Promise.resolve(browserWorkshop),
  startWorkshop: () => Promise.resolve(browserWorkshop),
  stopWorkshop: () => Promise.resolve(browserWorkshop),
  workshopHostRequest: () => Promise.reject(new Error(browserWorkshop.problem ?? 'No workshop.')),
} satisfies DesktopApi;

const method = <T>() => z.custom<T>((value) => typeof value === 'function');
const exposedApiSchema = z.lazy(() => z.object({
  host: z.enum(['electron', 'browser']),
  appVersion: method<DesktopApi['appVersion']>(),
  saveFile: method<DesktopApi['saveFile']>(),
  printToPdf: method<DesktopApi['printToPdf']>(),
  onMenuCommand: method<DesktopApi['onMenuCommand']>(),
  updateMenu: method<DesktopApi['updateMenu']>(),
  onPlanFileOpened: method<DesktopApi['onPlanFileOpened']>(),
  onSpreadsheetOpened: method<DesktopApi['onSpreadsheetOpened']>(),
  workshopStatus: method<DesktopApi['workshopStatus']>(),
  startWorkshop: method<DesktopApi['startWorkshop']>(),
  stopWorkshop: method<DesktopApi['stopWorkshop']>(),
  workshopHostRequest: method<DesktopApi['workshopHostRequest']>(),
}));

/**
 * What the main process answered about the workshop, checked: the page trusts no shape it did not
 * validate, whoever sits behind the bridge.
 */
export async function checkedWorkshopStatus(answer: Promise<unknown>): Promise<WorkshopStatus> {
  return workshopStatusSchema.parse(await answer);
}

export async function checkedHostResponse(answer: Promise<unknown>): Promise<{ status: number; body: string }> {
  return hostApiResponseSchema.parse(await answer);
}

/**
 * The host bridge: `window.throughline` when the Electron preload exposed one (checked, since the
 * page must not trust whatever sits on window), else the browser implementation.
 */
export function desktopApi(): DesktopApi {
  const exposed: unknown = (window as unknown as { throughline?: unknown }).throughline;
  if (exposed !== undefined && exposedApiSchema.safeParse(exposed).success) return exposed as DesktopApi;
  return browserDesktopApi;
}

/**
 * Lets the desktop app's quit wait for the page's pending writes (`window.throughlineFlush`, called by
 * main.ts): without it y-indexeddb's last writes may still be queued when the window closes.
 */
export function exposeQuitFlush(app: { flushLocalCopies(): Promise<void> }): void {
  Object.defineProperty(window, flushHookName, { value: () => app.flushLocalCopies(), writable: false, configurable: false, enumerable: false });
}
