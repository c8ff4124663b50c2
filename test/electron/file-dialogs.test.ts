import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { printToPdf, safeFileName, saveFile, type FileHost } from '../../electron/file-dialogs.js';

const folders: string[] = [];
afterEach(() => { for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true }); });

/** Real file writes into a temp folder; the native dialog (Electron's) answers with `answer`. */
function host(answer: (defaultPath: string) => string | null): FileHost & { asked: { defaultPath: string; filters: { extensions: string[] }[] }[]; printed: string[] } {
  const asked: { defaultPath: string; filters: { extensions: string[] }[] }[] = [];
  const printed: string[] = [];
  return {
    asked, printed,
    showSaveDialog: (options) => { asked.push(options); const filePath = answer(options.defaultPath); return Promise.resolve(filePath ? { canceled: false, filePath } : { canceled: true }); },
    writeFile: (filePath, data) => writeFile(filePath, data),
    renderPdf: (html) => { printed.push(html); return Promise.resolve(new TextEncoder().encode('%PDF-1.7 test')); },
  };
}

describe('saving exports from the main process', () => {
  it('asks the user where, with the file type filter, and writes there', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'tl-save-'));
    folders.push(folder);
    const chosen = path.join(folder, 'plan.csv');
    const files = host(() => chosen);
    const result = await saveFile(files, { suggestedName: 'Q3-OKRs.csv', content: 'Outline,Type\n', mimeType: 'text/csv' }, '/home/user/Documents');
    expect(result).toEqual({ outcome: 'saved', where: chosen });
    expect(readFileSync(chosen, 'utf8')).toBe('Outline,Type\n');
    expect(files.asked[0]).toEqual({ defaultPath: path.join('/home/user/Documents', 'Q3-OKRs.csv'), filters: [{ name: 'CSV spreadsheet', extensions: ['csv'] }] });
  });

  it('writes a workbook\'s bytes as they are, offering the Excel filter; bytes over the size limit are refused', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'tl-save-'));
    folders.push(folder);
    const chosen = path.join(folder, 'plan.xlsx');
    const files = host(() => chosen);
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x80, 0x0d, 0x0a]);
    const result = await saveFile(files, { suggestedName: 'Müller-OKRs.xlsx', content: bytes, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, '/home/user/Documents');
    expect(result).toEqual({ outcome: 'saved', where: chosen });
    expect(new Uint8Array(readFileSync(chosen))).toEqual(bytes);
    expect(files.asked[0]!.filters).toEqual([{ name: 'Excel workbook', extensions: ['xlsx'] }]);
    expect(await saveFile(files, { suggestedName: 'a.xlsx', content: new Uint8Array(new ArrayBuffer(257 * 1024 * 1024)), mimeType: 'x' }, '/tmp')).toMatchObject({ outcome: 'failed', message: expect.stringMatching(/refused: content/) });
    expect(files.asked).toHaveLength(1);
  });

  it('a suggested name can never choose the folder', async () => {
    expect(safeFileName('../../.bashrc')).toBe('bashrc');
    expect(safeFileName('C:\\Windows\\system32\\evil.csv')).toBe('evil.csv');
    expect(safeFileName('/etc/passwd')).toBe('passwd');
    const files = host(() => null);
    await saveFile(files, { suggestedName: '../../../etc/cron.d/job.csv', content: 'x', mimeType: 'text/plain' }, '/home/user/Documents');
    expect(files.asked[0]!.defaultPath).toBe(path.join('/home/user/Documents', 'job.csv'));
  });

  // review46a F2: the page named any file; a name that is not an export of ours got the dialog with no filter.
  it('offers only the kinds of file the app makes, by name as shown: a program\'s name, or one dressed by an override, is refused before any dialog', async () => {
    const files = host(() => null);
    for (const suggestedName of ['notes.js', 'run.bat', 'plan.desktop', 'job', 'report\u202efdp.exe', 'x.csv\u200b.exe', 'plan.csv.', 'a.exe\u202ecsv.']) {
      const result = await saveFile(files, { suggestedName, content: 'x', mimeType: 'text/plain' }, '/home/user/Documents');
      expect(result, suggestedName).toMatchObject({ outcome: 'failed', message: expect.stringMatching(/is not a kind of file Throughline saves \(\.throughline, \.csv, \.xlsx, \.md, \.pdf\)$/) });
    }
    expect(await printToPdf(files, { suggestedName: 'pack.html', title: 't', bodyHtml: '<main></main>', css: '' }, '/tmp')).toMatchObject({ outcome: 'failed', message: expect.stringMatching(/\(\.pdf\)$/) });
    expect(files.asked).toEqual([]);
    expect(files.printed).toEqual([]);
    // What the app's own exports suggest still opens the dialog, with the kind's filter; format characters go.
    expect(safeFileName('Q3\u202e-OKRs\u200b.csv')).toBe('Q3-OKRs.csv');
    await saveFile(files, { suggestedName: 'Q3-OKRs.throughline', content: '{}', mimeType: 'application/json' }, '/home/user/Documents');
    await saveFile(files, { suggestedName: 'Plan.MD', content: '# x', mimeType: 'text/markdown' }, '/home/user/Documents');
    expect(files.asked.map((asked) => asked.filters[0]!.extensions)).toEqual([['throughline'], ['md']]);
  });

  it('cancelling writes nothing; a malformed request is refused before any dialog', async () => {
    const files = host(() => null);
    expect(await saveFile(files, { suggestedName: 'a.md', content: '# x', mimeType: 'text/markdown' }, '/tmp')).toEqual({ outcome: 'cancelled' });
    expect(await saveFile(files, { suggestedName: 'a.md', content: 42, mimeType: 'text/markdown' }, '/tmp')).toMatchObject({ outcome: 'failed', message: expect.stringMatching(/refused: content/) });
    expect(await saveFile(files, { suggestedName: 'a.md', content: '', mimeType: 'x', path: '/etc/passwd' }, '/tmp')).toMatchObject({ outcome: 'failed' });
    expect(files.asked).toHaveLength(1);
  });

  it('prints the review pack as a script-free document with a CSP that loads nothing', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'tl-pdf-'));
    folders.push(folder);
    const files = host((defaultPath) => path.join(folder, path.basename(defaultPath)));
    const result = await printToPdf(files, { suggestedName: 'pack.pdf', title: 'Acme <review>', bodyHtml: '<main>Pack</main>', css: 'main{color:red}</style><script>alert(1)</script>' }, '/tmp');
    expect(result).toEqual({ outcome: 'saved', where: path.join(folder, 'pack.pdf') });
    expect(readFileSync(path.join(folder, 'pack.pdf'), 'utf8')).toBe('%PDF-1.7 test');
    const html = files.printed[0]!;
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).toContain('<title>Acme &#60;review&#62;</title>');
    expect(html).not.toMatch(/<\/style><script>/);
  });
});
