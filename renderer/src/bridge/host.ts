import { z } from 'zod';
import type { DesktopApi } from '../../../shared/bridge/desktop-api.js';
import { downloadFile, printInPage } from '../files/browser-files.js';

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
} satisfies DesktopApi;

const method = <T>() => z.custom<T>((value) => typeof value === 'function');
const exposedApiSchema = z.object({
  host: z.enum(['electron', 'browser']),
  appVersion: method<DesktopApi['appVersion']>(),
  saveFile: method<DesktopApi['saveFile']>(),
  printToPdf: method<DesktopApi['printToPdf']>(),
  onMenuCommand: method<DesktopApi['onMenuCommand']>(),
  updateMenu: method<DesktopApi['updateMenu']>(),
  onPlanFileOpened: method<DesktopApi['onPlanFileOpened']>(),
});

/**
 * The host bridge: `window.throughline` when the Electron preload exposed one (checked, since the
 * page must not trust whatever sits on window), else the browser implementation.
 */
export function desktopApi(): DesktopApi {
  const exposed: unknown = (window as unknown as { throughline?: unknown }).throughline;
  if (exposed !== undefined && exposedApiSchema.safeParse(exposed).success) return exposed as DesktopApi;
  return browserDesktopApi;
}
