import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { handleFromApp, IpcSenderRefused, type InvokeRegistry } from '../../electron/ipc.js';
import { isAppUrl } from '../../electron/security.js';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

/** A real registry of handlers, standing in for ipcMain (which needs the Electron binary). */
class Registry implements InvokeRegistry {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void { this.handlers.set(channel, listener); }
  invoke(channel: string, senderUrl: string | null, ...args: unknown[]): unknown {
    const event = { senderFrame: senderUrl === null ? null : { url: senderUrl } } as unknown as IpcMainInvokeEvent;
    return this.handlers.get(channel)?.(event, ...args);
  }
}

describe('isAppUrl', () => {
  it('accepts only the app origin', () => {
    expect(isAppUrl('app://throughline/index.html')).toBe(true);
    expect(isAppUrl('app://throughline/#/plan/x')).toBe(true);
    expect(isAppUrl('https://throughline/index.html')).toBe(false);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('handleFromApp', () => {
  it('answers the app page', () => {
    const registry = new Registry();
    handleFromApp(registry, 'app:version', () => '1.2.3');
    expect(registry.invoke('app:version', 'app://throughline/index.html')).toBe('1.2.3');
  });

  it('refuses a foreign frame and a missing frame without calling the handler', () => {
    const registry = new Registry();
    let calls = 0;
    handleFromApp(registry, 'app:version', () => { calls += 1; return 'secret'; });
    expect(() => registry.invoke('app:version', 'https://attacker.example/')).toThrow(IpcSenderRefused);
    expect(() => registry.invoke('app:version', null)).toThrow(/not an app page/);
    expect(calls).toBe(0);
  });
});
