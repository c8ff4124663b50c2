import { chromium, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromiumExecutable, e2eChromiumArgs } from '../../playwright.config.js';
import { expectAccessible } from './support/axe.js';
import { spawnUntilUrl } from './support/server.js';
import { newUser } from './support/two-users.js';
import { closeContexts } from './support/close-contexts.js';

/**
 * review36d B10: the host screen worked out its own app's row with Web Crypto, which a browser gives only
 * to secure contexts (https, localhost). Opened over plain http from a LAN address, the digest was refused
 * and the refusal swallowed: the host's own row was not marked, "Make viewer" was offered on it, and the
 * server's guard against demoting the host's own app was not asked for.
 *
 * The host's browser reaches the server by a LAN-like name (`throughline-lan.test`, mapped to the loopback
 * address by the browser's resolver), so the page is not a secure context, as on a real LAN address.
 */
test('over plain http from a LAN address (not a secure context) the host screen still marks the host\'s own row and does not offer making it a viewer', async () => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'throughline-lan-host-'));
  const started = await spawnUntilUrl(process.execPath, ['scripts/start.mjs'], /Host link[^:]*: (http\S+)/, { THROUGHLINE_BROWSER_MODE: '1', PORT: '0', THROUGHLINE_DATA: dataDir });
  const lanBrowser = await chromium.launch({ executablePath: chromiumExecutable, args: [...e2eChromiumArgs, '--host-resolver-rules=MAP throughline-lan.test 127.0.0.1'] });
  const host = await newUser(lanBrowser, 'host');
  try {
    const hostLink = new URL(started.url);
    hostLink.hostname = 'throughline-lan.test';
    await host.shell.open(hostLink.href);
    expect(await host.page.evaluate(() => window.isSecureContext)).toBe(false);
    expect(await host.page.evaluate(() => typeof crypto.subtle)).toBe('undefined');
    const panel = host.page.getByRole('region', { name: 'Hosting workspace “local”' });
    await expect(panel).toBeVisible();

    // The host opens the workspace's plans in this window, then comes back to the host screen.
    await host.page.getByRole('button', { name: 'Open the workspace\'s plans on this device' }).click();
    await host.page.getByRole('navigation', { name: 'Workspaces you host' }).getByRole('link', { name: 'Manage who is connected and invite people' }).click();
    const rows = panel.getByRole('table').getByRole('row');
    await expect(rows).toHaveCount(2, { timeout: 15_000 });
    const own = panel.getByRole('table').getByRole('row', { name: /\(you, this window\)$/ });
    await expect(own).toHaveCount(1);
    await expect(own.getByText('You host from here: you stay an editor')).toBeVisible();
    await expect(own.getByRole('button', { name: /^Make viewer/ })).toHaveCount(0);
    await host.page.screenshot({ path: 'docs/screenshots/host-own-row-plain-http.png' });
    await expectAccessible(host.page, 'host screen over plain http from a LAN address, the host\'s own row');
  } finally {
    await closeContexts(host.context);
    await lanBrowser.close();
    await started.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
