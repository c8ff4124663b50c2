import { createHash } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { WorkspacePage } from './pages/workspace-page.js';
import { spawnUntilUrl, startSyncServer } from './support/server.js';

test('browser mode serves the app shell', async ({ page }) => {
  const server = await startSyncServer();
  try {
    const shell = new AppShell(page);
    await shell.open(server.url);
    await expect(shell.title).toBeVisible();
    await page.screenshot({ path: 'docs/screenshots/app-shell.png' });
  } finally {
    await server.stop();
  }
});

test('the web build is served with a strict Content-Security-Policy', async ({ request }) => {
  const server = await startSyncServer();
  try {
    const response = await request.get(server.url);
    expect(response.status()).toBe(200);
    const csp = response.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
    // index.html's one inline script (the first screen's early read) is allowed by its exact hash, in the header and the meta.
    const html = await response.text();
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
    expect(meta).not.toContain('unsafe-inline');
    const inlineScripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]!);
    expect(inlineScripts).toHaveLength(1);
    expect(inlineScripts[0]).toContain('indexedDB.open(');
    const hash = `'sha256-${createHash('sha256').update(inlineScripts[0]!, 'utf8').digest('base64')}'`;
    expect(csp).toContain(`script-src 'self' ${hash};`);
    expect(meta).toContain(`script-src 'self' ${hash};`);
    expect((await request.get(new URL('/../../etc/passwd', server.url).toString())).status()).toBe(404);
  } finally {
    await server.stop();
  }
});

test('npm start without the Electron binary falls back to browser mode and prints a working URL', async ({ page }) => {
  const started = await spawnUntilUrl(process.execPath, ['scripts/start.mjs'], /open (http:\/\/\S+)/, { PORT: '0', THROUGHLINE_DATA: `.tmp/start-${Date.now()}` });
  try {
    expect(started.output()).toMatch(/^Electron binary not found: starting browser mode/m);
    await new AppShell(page).open(started.url);
    // The next line is the workspace link (an editor token for this server's "local" workspace): it
    // opens straight onto the workspace's plans.
    const linkPattern = /Workspace link[^:]*: (http\S+)/;
    await expect.poll(() => linkPattern.exec(started.output())?.[1]).toBeTruthy();
    const joinLink = linkPattern.exec(started.output())?.[1] ?? '';
    await page.goto(joinLink);
    await expect(new WorkspacePage(page).section('local')).toBeVisible();
  } finally {
    await started.stop();
  }
});
