// File ▸ Open… and double-click: which files open, how, and the message for each that cannot.
// Real files in a temp folder, read with the same fs calls main.ts uses.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { diskFiles, MAX_OPEN_BYTES, openableKind, openDialogOptions, readOpenedFile } from '../../electron/open-file.js';
import { launchRequestFromArgv } from '../../electron/launch-request.js';

const files = { size: async (file: string) => (await stat(file)).size, read: (file: string) => readFile(file) };
const folders: string[] = [];
const folder = () => { const made = mkdtempSync(path.join(tmpdir(), 'tl-open-')); folders.push(made); return made; };
afterEach(() => { for (const made of folders.splice(0)) rmSync(made, { recursive: true, force: true }); });
const fixtures = path.resolve(import.meta.dirname, '..', 'shared', 'files', 'fixtures');

describe('opening a file from the desktop app', () => {
  it('the dialog offers plans and spreadsheets together and apart, one file at a time', () => {
    expect(openDialogOptions.properties).toEqual(['openFile']);
    // What the import dialog takes: Excel's "Unicode Text" (.txt), tab-separated .tsv, macro-enabled .xlsm (review37a F11).
    expect(openDialogOptions.filters.map((filter) => filter.extensions)).toEqual([['throughline', 'csv', 'tsv', 'txt', 'xlsx', 'xlsm'], ['throughline'], ['csv', 'tsv', 'txt', 'xlsx', 'xlsm']]);
    for (const extension of openDialogOptions.filters[0]!.extensions) expect(openableKind(`/x/plan.${extension.toUpperCase()}`)).not.toBeNull();
    expect(openableKind('/x/Unicode text.txt')).toBe('spreadsheet');
    expect(openableKind('/x/notes.docx')).toBeNull();
    expect(openableKind('/x/budget.ods')).toBeNull();
    expect(openableKind('/x/plan.throughline.exe')).toBeNull();
  });

  it('a plan file arrives as its text, exactly as double-clicking it would (same path through deliver)', async () => {
    const dir = folder();
    const file = path.join(dir, 'Q3 plan (final).throughline');
    writeFileSync(file, '{"format":"throughline-plan","version":2,"name":"Zürich €"}');
    expect(await readOpenedFile(file, files)).toEqual({ ok: true, kind: 'plan-file', name: 'Q3 plan (final).throughline', text: '{"format":"throughline-plan","version":2,"name":"Zürich €"}' });
    // A double-click hands main.ts the same path as a launch request.
    expect(launchRequestFromArgv(['/opt/Throughline/throughline', file], dir, true)).toEqual({ kind: 'open-file', path: file });
  });

  it('a spreadsheet arrives as its bytes, untouched, for the import preview', async () => {
    for (const fixture of ['okrs-repeated-objective.csv', 'okrs-typed-rows.xlsx']) {
      const opened = await readOpenedFile(path.join(fixtures, fixture), files);
      if (!opened.ok || opened.kind !== 'spreadsheet') throw new Error(`${fixture} did not open as a spreadsheet: ${JSON.stringify(opened)}`);
      expect(opened.name).toBe(fixture);
      expect(Buffer.from(opened.bytes).equals(readFileSync(path.join(fixtures, fixture)))).toBe(true);
    }
  });

  it('a spreadsheet given on the command line or by a second launch opens as File ▸ Open… would (review43b F5)', async () => {
    // Before, only `.throughline` was read from a command line: `throughline budget.xlsx` started the app and did nothing.
    for (const fixture of ['okrs-repeated-objective.csv', 'okrs-typed-rows.xlsx']) {
      const request = launchRequestFromArgv(['/opt/Throughline/throughline', '--no-sandbox', fixture], fixtures, true);
      expect(request).toEqual({ kind: 'open-file', path: path.join(fixtures, fixture) });
      if (request?.kind !== 'open-file') throw new Error('no request');
      expect(await readOpenedFile(request.path, files)).toMatchObject({ ok: true, kind: 'spreadsheet', name: fixture });
    }
    expect(launchRequestFromArgv(['electron', '.', 'C:\\Users\\Åsa\\Budget 2027.XLSM'], 'C:\\', false)).toMatchObject({ kind: 'open-file' });
    // A .txt may be anything: only the open dialog, where the person picks it as a spreadsheet, takes it.
    expect(launchRequestFromArgv(['/opt/Throughline/throughline', 'notes.txt'], '/', true)).toBeNull();
  });

  it('refuses, naming the file and the problem: another kind, too large, missing, unreadable', async () => {
    const dir = folder();
    expect(await readOpenedFile(path.join(dir, 'setup.exe'), files)).toEqual({ ok: false, message: 'setup.exe: Throughline opens plan files (.throughline) and spreadsheets (.csv, .tsv, .txt, .xlsx, .xlsm), not this kind of file.' });
    const huge = path.join(dir, 'huge.csv');
    writeFileSync(huge, '');
    truncateSync(huge, MAX_OPEN_BYTES + 1);
    let read = false;
    expect(await readOpenedFile(huge, { ...files, read: (file) => { read = true; return files.read(file); } })).toEqual({ ok: false, message: 'huge.csv is 50.0 MB; Throughline opens files of at most 50 MB.' });
    expect(read).toBe(false);
    expect(await readOpenedFile(path.join(dir, 'gone.throughline'), files)).toEqual({ ok: false, message: 'gone.throughline cannot be opened: the file does not exist (moved or deleted?).' });
    if (process.getuid?.() !== 0) {
      const locked = path.join(dir, 'locked.csv');
      writeFileSync(locked, 'a,b\n');
      chmodSync(locked, 0o000);
      expect(await readOpenedFile(locked, files)).toMatchObject({ ok: false, message: expect.stringMatching(/^locked\.csv cannot be opened: EACCES/) });
    }
  });
  it('a folder or a named pipe with a plan\'s name is refused at once, saying what it is (review43b F10)', async () => {
    const dir = folder();
    const plan = path.join(dir, 'Q3.throughline');
    mkdirSync(plan);
    // Before: "Q3.throughline cannot be opened: EISDIR: illegal operation on a directory, read."
    expect(await readOpenedFile(plan, diskFiles)).toEqual({ ok: false, message: 'Q3.throughline cannot be opened: it is a folder, not a file.' });
    if (process.platform !== 'win32') {
      const pipe = path.join(dir, 'pipe.throughline');
      execFileSync('mkfifo', [pipe]);
      // Before, reading it waited for a writer forever: the open never finished and nothing was said.
      expect(await readOpenedFile(pipe, diskFiles)).toEqual({ ok: false, message: 'pipe.throughline cannot be opened: it is not a regular file (a pipe or a device).' });
    }
    const real = path.join(dir, 'real.throughline');
    writeFileSync(real, '{"format":"throughline-plan"}');
    expect(await readOpenedFile(real, diskFiles)).toEqual({ ok: true, kind: 'plan-file', name: 'real.throughline', text: '{"format":"throughline-plan"}' });
  });

  // review42c F6: a plan file was decoded leniently, so a damaged byte became U+FFFD in the opened plan's title.
  it('a plan file whose bytes are not UTF-8 text is refused naming the line; one saved as UTF-16 (Notepad\'s "Unicode") opens as its text', async () => {
    const dir = folder();
    const text = '{\n "format": "throughline-plan",\n "version": 3,\n "meta": { "name": "Zürich" }\n}';
    const damaged = path.join(dir, 'damaged.throughline');
    // "Zürich" as Windows-1252 wrote it: the ü a lone 0xFC byte.
    writeFileSync(damaged, Buffer.concat([Buffer.from(text.slice(0, text.indexOf('ü'))), Buffer.from([0xfc]), Buffer.from(text.slice(text.indexOf('ü') + 1))]));
    expect(await readOpenedFile(damaged, files)).toEqual({ ok: false, message: 'damaged.throughline: This plan file cannot be read: line 4 holds bytes that are not UTF-8 text (the file is damaged, or was saved in another encoding). Nothing was opened.' });
    // review42c F8: a copy that stopped inside the "ü" is cut off, not in another encoding.
    const cut = path.join(dir, 'cut.throughline');
    writeFileSync(cut, Buffer.from(text).subarray(0, Buffer.from(text.slice(0, text.indexOf('ü'))).length + 1));
    expect(await readOpenedFile(cut, files)).toEqual({ ok: false, message: 'cut.throughline: This plan file looks cut off: it ends on line 4 before the plan does (a copy or download that did not finish?). Open a complete copy of it; nothing was opened or changed.' });
    for (const [name, bytes] of [['le.throughline', Buffer.from(`\ufeff${text}`, 'utf16le')], ['be.throughline', Buffer.from(`\ufeff${text}`, 'utf16le').swap16()], ['bom.throughline', Buffer.from(`\ufeff${text}`)]] as const) {
      writeFileSync(path.join(dir, name), bytes);
      expect(await readOpenedFile(path.join(dir, name), files)).toEqual({ ok: true, kind: 'plan-file', name, text });
    }
  });
});
