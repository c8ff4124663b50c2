// A file the OS opens at a cold start reaches the page (review43b F1): main.ts holds every request until
// the page has loaded (launch-queue.ts), and the sandboxed preload subscribes when it runs and holds
// what arrives until the page listens. The preload is the real preload.cts, compiled as tsc does and run
// as Electron's sandbox runs it (a `require` that offers `electron` only); Electron's ipcRenderer and
// contextBridge (the binary cannot run here) are a real EventEmitter and a plain capture.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runInThisContext } from 'node:vm';
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { DesktopApi } from '../../shared/bridge/desktop-api.js';
import { LaunchQueue, MAX_HELD } from '../../electron/launch-queue.js';

const preloadSource = readFileSync(path.resolve(import.meta.dirname, '..', '..', 'electron', 'preload.cts'), 'utf8');
const preloadJs = ts.transpileModule(preloadSource, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;

/** Runs the preload; returns what it exposed and the ipcRenderer main's messages arrive on. */
function loadPreload(): { api: DesktopApi; ipcRenderer: EventEmitter } {
  const ipcRenderer = Object.assign(new EventEmitter(), { invoke: () => Promise.resolve(undefined) });
  let exposed: unknown;
  const electron = { ipcRenderer, contextBridge: { exposeInMainWorld: (_name: string, api: unknown) => { exposed = api; } } };
  const sandboxRequire = (name: string) => {
    if (name === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require "${name}"`);
  };
  const module = { exports: {} };
  const run = runInThisContext(`(function (require, module, exports) {${preloadJs}\n})`) as (r: typeof sandboxRequire, m: typeof module, e: unknown) => void;
  run(sandboxRequire, module, module.exports);
  return { api: exposed as DesktopApi, ipcRenderer };
}

describe('a file opened before the page listens (review43b F1)', () => {
  it('reaches the page when it subscribes after main sent it, in order, and later files go straight through', () => {
    const { api, ipcRenderer } = loadPreload();
    // main.ts sends on did-finish-load; the app module subscribes later (after the first-screen read).
    ipcRenderer.emit('file:opened', {}, { name: 'q3.throughline', text: '{"a":1}' });
    ipcRenderer.emit('file:spreadsheet-opened', {}, { name: 'budget.xlsx', bytes: new Uint8Array([1, 2]) });
    ipcRenderer.emit('file:opened', {}, { name: 'q4.throughline', text: '{"b":2}' });
    ipcRenderer.emit('file:opened', {}, { name: 42, text: 'not a file' });
    const plans: string[] = [], sheets: string[] = [];
    api.onPlanFileOpened((file) => plans.push(file.name));
    api.onSpreadsheetOpened((file) => sheets.push(`${file.name}:${file.bytes.length}`));
    expect(plans).toEqual(['q3.throughline', 'q4.throughline']);
    expect(sheets).toEqual(['budget.xlsx:2']);
    ipcRenderer.emit('file:opened', {}, { name: 'q5.throughline', text: '{}' });
    expect(plans).toEqual(['q3.throughline', 'q4.throughline', 'q5.throughline']);
  });

  it('a held file is handed over once, and unsubscribing stops delivery', () => {
    const { api, ipcRenderer } = loadPreload();
    ipcRenderer.emit('file:opened', {}, { name: 'a.throughline', text: '{}' });
    const first: string[] = [], second: string[] = [];
    const stop = api.onPlanFileOpened((file) => first.push(file.name));
    api.onPlanFileOpened((file) => second.push(file.name));
    expect(first).toEqual(['a.throughline']);
    expect(second).toEqual([]);
    stop();
    ipcRenderer.emit('file:opened', {}, { name: 'b.throughline', text: '{}' });
    expect(first).toEqual(['a.throughline']);
    expect(second).toEqual(['b.throughline']);
  });
});

describe('launch queue (main holds requests until the page has loaded)', () => {
  it('every request pushed before the page is ready is delivered, in order, then later ones at once', () => {
    fc.assert(fc.property(fc.array(fc.string(), { maxLength: MAX_HELD }), fc.array(fc.string(), { maxLength: 5 }), (before, after) => {
      const queue = new LaunchQueue<string>();
      const delivered: string[] = [];
      for (const request of before) queue.push(request);
      expect(delivered).toEqual([]);
      queue.ready((request) => delivered.push(request));
      for (const request of after) queue.push(request);
      expect(delivered).toEqual([...before, ...after]);
    }));
  });

  it('after the window closed, requests wait for the next window', () => {
    const queue = new LaunchQueue<string>();
    const first: string[] = [], second: string[] = [];
    queue.ready((request) => first.push(request));
    queue.push('a');
    queue.notReady();
    queue.push('b');
    queue.ready((request) => second.push(request));
    expect(first).toEqual(['a']);
    expect(second).toEqual(['b']);
  });

  it('keeps the newest requests when far more arrive than a person opens', () => {
    const queue = new LaunchQueue<number>();
    for (let index = 0; index < MAX_HELD + 10; index++) queue.push(index);
    const delivered: number[] = [];
    queue.ready((request) => delivered.push(request));
    expect(delivered).toHaveLength(MAX_HELD);
    expect(delivered.at(-1)).toBe(MAX_HELD + 9);
  });
});
