// The packaged app turns off the Electron fuses it does not use (review32 finding 4; filesfix, thirtieth
// session). With them on, the signed Throughline binary ran as plain Node under ELECTRON_RUN_AS_NODE=1,
// honoured NODE_OPTIONS and --inspect (code run as the app from a shortcut's arguments or environment),
// and loaded app code from outside an integrity-checked app.asar. The config is read by electron-builder's
// own loader and checked against its own schema, so a misspelt key fails here, not silently at packaging.
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PrintDocuments } from '../../electron/print-documents.js';
import { isAppUrl } from '../../electron/security.js';

describe('packaging: Electron fuses', () => {
  it('electron-builder.yml flips the fuses, with key names the installed electron-builder knows', async () => {
    const config = await getConfig(process.cwd(), 'electron-builder.yml', null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // onlyLoadAppFromAsar and the integrity check need an app.asar: packing must stay on.
    expect(config.asar ?? true).not.toBe(false);
  });

  // grantFileProtocolExtraPrivileges off (host36) is right only while no window of ours is a file:// page: the
  // fuse widens what such a page may do, nothing else (the app:// handler's net.fetch of file:// runs in main).
  it('no window of the app loads a file:// page: loads are app:// (the app, or the printer\'s app://print/ document), and navigation to file:// is refused', () => {
    const dir = path.join(process.cwd(), 'electron');
    const loads: string[] = [];
    for (const name of readdirSync(dir).filter((file) => file.endsWith('.ts'))) {
      const text = readFileSync(path.join(dir, name), 'utf8');
      expect(text, `${name} calls loadFile`).not.toMatch(/\.loadFile\(/);
      for (const match of text.matchAll(/\.loadURL\(([^)]*)\)/g)) loads.push(`${name}: ${match[1]}`);
    }
    expect(loads.length).toBeGreaterThan(0);
    // The PDF printer's document is served at app://print/ (print-documents.ts; a data: URL over 2 MB did not load, review43b F6).
    for (const load of loads) expect(load, load).toMatch(/: (`\$\{appOrigin\}\/|printUrl$)/);
    expect(readFileSync(path.join(dir, 'main.ts'), 'utf8')).toContain('const printUrl = printDocuments.add(html);');
    expect(new PrintDocuments().add('<p>x</p>')).toMatch(/^app:\/\/print\/[0-9a-f-]{36}\.html$/);
    expect(isAppUrl('app://throughline/index.html')).toBe(true);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl(pathToFileURL(path.join(process.cwd(), 'dist', 'renderer', 'index.html')).toString())).toBe(false);
  });
});

