import { expect, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';
import { AppShell } from '../pages/app-shell.js';
import { LibraryPage } from '../pages/library-page.js';
import { OutlinePage } from '../pages/outline-page.js';
import { joinLink } from './tokens.js';
import { typeCascade } from './outline-steps.js';
import { recordPageLog } from './page-log.js';
import { openStoredCascade } from './stored-cascade.js';

/** One person on their own device: a browser context with its own storage. */
export interface User {
  context: BrowserContext;
  page: Page;
  shell: AppShell;
  outline: OutlinePage;
}

export async function newUser(browser: Browser, name: string, automation = false, options: BrowserContextOptions = {}): Promise<User> {
  // options: e.g. { timezoneId } for a person whose clock is in another zone.
  const context = await browser.newContext(options);
  if (automation) await context.addInitScript(() => window.localStorage.setItem('throughline:automation', '1'));
  const page = await context.newPage();
  recordPageLog(page);
  const user = { context, page, shell: new AppShell(page), outline: new OutlinePage(page) };
  void name;
  return user;
}

/**
 * The host has a plan with the five-level set-up cascade on their device, shares it to the server
 * with a join link for the workspace, and returns the plan's join link (copied from the Share dialog).
 *
 * `cascade`: "stored" (the default) puts the plan on the device as "New plan" and typing the cascade
 * would store it (`openStoredCascade`: the same model calls, no keystrokes), for specs about what
 * happens after; "typed" makes it through the start page and the keyboard, for specs whose subject
 * includes making or storing it (client ids, the plan's zone, a reload from local storage).
 * The sharing is the user-facing path either way.
 */
export async function hostSharedPlan(host: User, appUrl: string, token: string, workspace: string, planName: string, cascade: 'stored' | 'typed' = 'stored'): Promise<string> {
  if (cascade === 'typed') {
    await host.shell.open(appUrl);
    await new LibraryPage(host.page).createPlan(planName);
    await typeCascade(host.outline);
  } else {
    await openStoredCascade(host, appUrl, planName);
  }
  await host.shell.setIdentity('Ada Host');
  return sharePlan(host, appUrl, token, workspace);
}

/**
 * The host shares the plan open on their device to the server, and returns its join link from the Share
 * dialog. `syncTimeout`: for a plan of a company's size, whose first upload takes longer than a cascade's.
 */
export async function sharePlan(host: User, appUrl: string, token: string, workspace: string, syncTimeout?: number): Promise<string> {
  await host.page.getByRole('button', { name: 'Share' }).click();
  const share = host.page.getByRole('dialog', { name: 'Share this plan' });
  await share.getByLabel('Join link').fill(joinLink(appUrl, appUrl, workspace, token));
  await share.getByRole('button', { name: 'Connect' }).click();
  await host.shell.expectSyncStatus('Synced', { timeout: syncTimeout });
  await host.page.getByRole('button', { name: 'Share' }).click();
  const link = await host.page.getByRole('dialog', { name: 'Share this plan' }).getByRole('textbox', { name: 'Plan link' }).inputValue();
  await host.page.getByRole('dialog', { name: 'Share this plan' }).getByRole('button', { name: 'Done' }).click();
  expect(link).toContain('#join?');
  return link;
}

/** A guest opens a plan link from hostSharedPlan, sees its cascade, says who they are and is synced. */
export async function joinSharedPlan(guest: User, link: string, name: string): Promise<void> {
  await guest.page.goto(link);
  await expect(guest.outline.row('task', 'Sign the office lease')).toBeVisible();
  await guest.shell.setIdentity(name);
  await guest.shell.expectSyncStatus('Synced');
}

/** Rows of the outline as "kind: title" in order (what a user sees). */
export async function outlineNames(user: User): Promise<string[]> {
  return user.outline.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
}

/** Ada and Ben on one shared plan, each page's uncaught exceptions collected in `errors` ("Ada: …"). */
export interface TwoOnOnePlan {
  ada: User;
  ben: User;
  errors: string[];
}

/**
 * Ada hosts a plan in `workspace` on the server and Ben joins it (both with automation on); `link` is the plan's
 * join link (an editor's), what a third client, a stock one or an older version, connects with.
 */
export async function twoOnOnePlan(browser: Browser, appUrl: string, token: string, workspace: string, planName: string): Promise<TwoOnOnePlan & { link: string }> {
  const ada = await newUser(browser, 'Ada', true);
  const ben = await newUser(browser, 'Ben', true);
  const errors: string[] = [];
  for (const [who, user] of [['Ada', ada], ['Ben', ben]] as const) user.page.on('pageerror', (error) => errors.push(`${who}: ${error.message}\n${error.stack ?? ''}`));
  const link = await hostSharedPlan(ada, appUrl, token, workspace, planName);
  await joinSharedPlan(ben, link, 'Ben Guest');
  return { ada, ben, errors, link };
}
