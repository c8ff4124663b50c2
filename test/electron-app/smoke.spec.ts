// Launches the packaged-to-dist app with Playwright's _electron where the Electron binary exists
// (`npm run test:electron`; not part of `npm test`, since these machines cannot download Electron;
// without the binary it fails with that reason rather than skipping).
// Opens the sample plan and checks that the window cannot navigate away or open new windows.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '..', '..');

function electronBinary(): string | null {
  try {
    const candidate = path.join(root, 'node_modules', 'electron', 'path.txt');
    if (!existsSync(candidate)) return null;
    return path.join(root, 'node_modules', 'electron', 'dist', process.platform === 'win32' ? 'electron.exe' : 'electron');
  } catch {
    return null;
  }
}

test('the desktop app opens the sample plan and keeps navigation locked down', async () => {
  const binary = electronBinary();
  // No silent skip: without the binary this run fails and says why (it is run only where Electron is).
  if (binary === null || !existsSync(binary)) throw new Error('The Electron binary is not installed here (installs use ELECTRON_SKIP_BINARY_DOWNLOAD=1): run `npm run test:electron` where it is.');
  const app = await electron.launch({ executablePath: binary, args: [path.join(root, 'dist', 'electron', 'main.js')], cwd: root });
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('heading', { name: 'Throughline', level: 1 })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { throughline?: { host: string } }).throughline?.host)).toBe('electron');
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    await page.getByRole('button', { name: 'Open sample plan' }).click();
    await expect(page.getByRole('treeitem').first()).toBeVisible();
    const before = page.url();
    await page.evaluate(() => { window.location.href = 'https://example.com/'; });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
    await page.evaluate(() => window.open('https://example.com/'));
    expect(app.windows()).toHaveLength(1);
  } finally {
    await app.close();
  }
});
