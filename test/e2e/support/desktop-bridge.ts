import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { readOpenedFile } from '../../../electron/open-file.js';
import { projectRoot } from './server.js';
import type { workshopHandlers } from '../../../electron/workshop-ipc.js';

/**
 * The desktop app in a browser, without the Electron binary: the main process's own modules run in the
 * test process, and the page gets them through a bridge shaped exactly like the preload's
 * (`window.throughline`, the same method names, each call going to the handler main.ts registers for
 * that channel). Events the main process sends (a spreadsheet opened from File ▸ Open…) are sent with
 * `window.__desktopSend(channel, payload)`, as `webContents.send` would; a menu item's click is
 * `__desktopSend('menu:command', id)`, and the menu the page last sent is `window.__menu`.
 */
export async function exposeDesktopBridge(context: BrowserContext, main: { workshop?: ReturnType<typeof workshopHandlers> }): Promise<void> {
  await context.exposeFunction('__desktopMain', (channel: string, request: unknown) => {
    const workshop = main.workshop;
    if (!workshop) throw new Error(`channel ${channel} is not part of this test`);
    switch (channel) {
      case 'workshop:status': return workshop.status();
      case 'workshop:start': return workshop.start(request);
      case 'workshop:stop': return workshop.stop();
      case 'workshop:host-request': return workshop.hostRequest(request);
      default: throw new Error(`channel ${channel} is not part of this test`);
    }
  });
  await context.addInitScript(() => {
    type Listener = (payload: unknown) => void;
    const listeners = new Map<string, Set<Listener>>();
    const on = (channel: string, listener: Listener) => {
      const set = listeners.get(channel) ?? new Set<Listener>();
      listeners.set(channel, set.add(listener));
      return () => { set.delete(listener); };
    };
    (window as unknown as { __desktopSend: (channel: string, payload: unknown) => void }).__desktopSend = (channel, payload) => {
      for (const listener of listeners.get(channel) ?? []) listener(payload);
    };
    const invoke = (channel: string, request?: unknown) => (window as unknown as { __desktopMain: (channel: string, request: unknown) => Promise<unknown> }).__desktopMain(channel, request);
    const notHere = () => Promise.reject(new Error('not part of this test'));
    (window as unknown as { throughline: unknown }).throughline = Object.freeze({
      host: 'electron',
      appVersion: () => Promise.resolve('test'),
      saveFile: notHere,
      printToPdf: notHere,
      // As the preload does: only a string id reaches the page (main sends it on `menu:command` when an item
      // is clicked, or on macOS when its key equivalent is typed); the menu the page last sent is kept.
      onMenuCommand: (listener: (id: string) => void) => on('menu:command', (id) => { if (typeof id === 'string') listener(id); }),
      updateMenu: (commands: unknown) => { (window as unknown as { __menu: unknown }).__menu = commands; },
      // As the preload does: only a well-formed payload reaches the page's listener.
      onPlanFileOpened: (listener: (file: { name: string; text: string }) => void) => on('file:opened', (file) => {
        const { name, text } = (file ?? {}) as { name?: unknown; text?: unknown };
        if (typeof name === 'string' && typeof text === 'string') listener({ name, text });
      }),
      onSpreadsheetOpened: (listener: (file: { name: string; bytes: Uint8Array }) => void) => on('file:spreadsheet-opened', (file) => {
        const { name, bytes } = (file ?? {}) as { name?: unknown; bytes?: unknown };
        if (typeof name === 'string' && bytes instanceof Uint8Array) listener({ name, bytes });
      }),
      workshopStatus: () => invoke('workshop:status'),
      startWorkshop: (request?: unknown) => invoke('workshop:start', request),
      stopWorkshop: () => invoke('workshop:stop'),
      workshopHostRequest: (request: unknown) => invoke('workshop:host-request', request),
    });
  });
}

const fixtureFiles = { size: async (file: string) => (await stat(file)).size, read: (file: string) => readFile(file) };

/**
 * File ▸ Open… of a spreadsheet fixture (`test/shared/files/fixtures/<name>`), as the main process does
 * it: read with `readOpenedFile` and sent to the page on `file:spreadsheet-opened`.
 */
export async function openSpreadsheetFromDesktop(page: Page, fixture: string): Promise<void> {
  const opened = await readOpenedFile(path.join(projectRoot, 'test', 'shared', 'files', 'fixtures', fixture), fixtureFiles);
  if (!opened.ok || opened.kind !== 'spreadsheet') throw new Error(`the fixture ${fixture} did not open as a spreadsheet`);
  await page.evaluate(({ name, bytes }) => {
    (window as unknown as { __desktopSend: (channel: string, payload: unknown) => void }).__desktopSend('file:spreadsheet-opened', { name, bytes: new Uint8Array(bytes) });
  }, { name: opened.name, bytes: [...opened.bytes] });
}
