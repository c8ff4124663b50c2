import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Locator } from '@playwright/test';
import { closeContexts } from './close-contexts.js';
import { spawnUntilUrl } from './server.js';
import { hostSharedPlan, joinSharedPlan, newUser, type User } from './two-users.js';

/** A workshop of three: the host on `npm start`'s host screen, Ada and Ben in one plan on one editor link. */
export interface HostedTrio {
  host: User;
  ada: User;
  ben: User;
  /** The host screen's panel of the workspace "local". */
  panel: Locator;
  /** Closes the three browsers, stops the server and removes its data folder. */
  close(): Promise<void>;
}

/**
 * Starts `npm start` in browser mode on a fresh data folder; the host creates an editor link, Ada shares a
 * plan ("Offsite 2027") in the workspace with it, and Ben joins with her plan link: one link, two people.
 */
export async function hostedTrio(browser: Browser, options: { beforeBenJoins?: (ben: User) => Promise<void>; /** Ada's page exposes the automation hook (a change forced past the UI). */ adaAutomation?: boolean } = {}): Promise<HostedTrio> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'throughline-trio-'));
  const started = await spawnUntilUrl(process.execPath, ['scripts/start.mjs'], /Host link[^:]*: (http\S+)/, { THROUGHLINE_BROWSER_MODE: '1', PORT: '0', THROUGHLINE_DATA: dataDir });
  const appUrl = new URL(started.url).origin + '/';
  const [host, ada, ben] = [await newUser(browser, 'host'), await newUser(browser, 'Ada', options.adaAutomation === true), await newUser(browser, 'Ben')];
  const close = async () => {
    await closeContexts(host.context, ada.context, ben.context);
    await started.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await host.shell.open(started.url);
    const panel = host.page.getByRole('region', { name: 'Hosting workspace “local”' });
    await panel.getByRole('button', { name: 'Create link' }).click();
    const editorLink = await panel.getByRole('textbox', { name: 'Editor link' }).inputValue();
    const token = new URLSearchParams(editorLink.slice(editorLink.indexOf('#join?') + 6)).get('token') ?? '';
    const planLink = await hostSharedPlan(ada, appUrl, token, 'local', 'Offsite 2027');
    await options.beforeBenJoins?.(ben);
    await joinSharedPlan(ben, planLink, 'Ben');
    return { host, ada, ben, panel, close };
  } catch (error) {
    await close();
    throw error;
  }
}
