import type { IpcMainInvokeEvent } from 'electron';
import type { IpcChannel } from '../shared/bridge/desktop-api.js';
import { isAppUrl } from './security.js';

/** The part of ipcMain this module needs, so the validation is testable without Electron. */
export interface InvokeRegistry {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
}

/** Raised when a message comes from a frame that is not one of the app's own pages. */
export class IpcSenderRefused extends Error {
  constructor(channel: IpcChannel, senderUrl: string | undefined) {
    super(`IPC "${channel}" refused: the sender ${senderUrl ? `"${senderUrl}"` : '(no frame)'} is not an app page.`);
    this.name = 'IpcSenderRefused';
  }
}

/**
 * Registers `handler` on `channel`, answering only frames loaded from the app's own origin: a page
 * that navigated elsewhere or an injected frame gets an error, never the handler's result.
 */
export function handleFromApp(registry: InvokeRegistry, channel: IpcChannel, handler: (...args: unknown[]) => unknown): void {
  registry.handle(channel, (event, ...args) => {
    const url = event.senderFrame?.url;
    if (!url || !isAppUrl(url)) throw new IpcSenderRefused(channel, url);
    return handler(...args);
  });
}
