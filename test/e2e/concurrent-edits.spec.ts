// Two people editing the same thing at the same moment: neither person's words may vanish. A rename
// typed while someone else renamed the row is kept beside theirs as a conflict to pick; a draft in the
// detail panel is not overwritten by a change arriving while it is typed; a row deleted by someone
// else while it is being renamed can be restored with the title that was typed.
import { expect, test, type Browser } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { hostSharedPlan, joinSharedPlan, newUser, type User } from './support/two-users.js';
import { closeContexts } from './support/close-contexts.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

async function hostAndGuest(browser: Browser, workspace: string): Promise<{ host: User; guest: User }> {
  const token = mintToken(server.dataDir, workspace, 'editor');
  const host = await newUser(browser, 'host');
  const guest = await newUser(browser, 'guest');
  const link = await hostSharedPlan(host, server.url, token, workspace, 'Concurrent plan');
  await joinSharedPlan(guest, link, 'Ben Guest');
  return { host, guest };
}

/** Opens the inline title editor on a row and selects all of its text. */
async function startRename(user: User, kind: string, title: string): Promise<void> {
  await user.outline.select(kind, title);
  await user.outline.focus();
  await user.page.keyboard.press('F2');
  await expect(user.outline.titleEditor).toBeFocused();
  await user.page.keyboard.press('Control+a');
}

test('two people renaming the same row at once: the later title shows, the other stays on the row to pick', async ({ browser }) => {
  const { host, guest } = await hostAndGuest(browser, 'rename-race');
  await startRename(host, 'key result', 'Revenue from DACH');
  await startRename(guest, 'key result', 'Revenue from DACH');
  await host.page.keyboard.type('Host’s revenue 😀 مرحبا');
  await guest.page.keyboard.type('Guest revenue');
  await host.page.keyboard.press('Enter');
  // The guest's editor was opened on the old title, so the host's rename reaching it first does not
  // make the guest's commit an overwrite.
  await expect(guest.outline.row('key result', 'Revenue from DACH')).toHaveCount(0);
  await guest.page.keyboard.press('Enter');
  for (const user of [host, guest]) {
    await expect(user.outline.row('key result', 'Guest revenue')).toBeVisible();
    await expect(user.outline.row('key result', 'Guest revenue')).toHaveAccessibleDescription(/Also renamed to “\u2068Host’s revenue 😀 مرحبا\u2069”/);
  }
  // A click anywhere on the row (the conflict chip on it included) selects it and changes nothing.
  await host.outline.row('key result', 'Guest revenue').locator('.text-conflict').click();
  await expect(host.outline.row('key result', 'Guest revenue')).toHaveAttribute('aria-selected', 'true');
  await expect(host.outline.row('key result', 'Guest revenue')).toHaveAccessibleDescription(/Also renamed to “\u2068Host’s revenue 😀 مرحبا\u2069”/);
  const details = new DetailPanel(host.page);
  await details.root.getByRole('button', { name: /Also renamed to “Host’s revenue 😀 مرحبا” by .* — use it/ }).click();
  for (const user of [host, guest]) await expect(user.outline.row('key result', 'Host’s revenue 😀 مرحبا')).toBeVisible();
  await closeContexts(host.context, guest.context);
});

test('a title being typed in the detail panel is not overwritten by a rename arriving meanwhile', async ({ browser }) => {
  const { host, guest } = await hostAndGuest(browser, 'detail-race');
  await guest.outline.select('objective', 'Win the DACH market');
  const guestDetails = new DetailPanel(guest.page);
  await guestDetails.field('Title').fill('Win DACH and the Nordics');
  await host.outline.select('objective', 'Win the DACH market');
  await new DetailPanel(host.page).setField('Title', 'Win the DACH region');
  await expect(guest.outline.row('objective', 'Win the DACH region')).toBeVisible();
  // The guest still sees what they typed, and is told the row was renamed meanwhile.
  await expect(guestDetails.field('Title')).toHaveValue('Win DACH and the Nordics');
  await expect(guestDetails.root.getByRole('status').filter({ hasText: 'Renamed to “Win the DACH region” while you typed' })).toBeVisible();
  await expectAccessible(guest.page, 'the detail panel telling of a rename made while typing');
  await guestDetails.field('Title').blur();
  for (const user of [host, guest]) {
    await expect(user.outline.row('objective', 'Win DACH and the Nordics')).toBeVisible();
    await expect(user.outline.row('objective', 'Win DACH and the Nordics')).toHaveAccessibleDescription(/Also renamed to “\u2068Win the DACH region\u2069”/);
  }

  // The same for a description typed while the other person saved one.
  await guestDetails.field('Description').fill('Our first market outside home.');
  await new DetailPanel(host.page).setField('Description', 'Written by the host.');
  await expect(guestDetails.root.getByRole('status').filter({ hasText: 'Someone else changed the description while you typed' })).toBeVisible();
  await expect(guestDetails.field('Description')).toHaveValue('Our first market outside home.');
  await guestDetails.field('Description').blur();
  const hostDetails = new DetailPanel(host.page);
  await expect(hostDetails.root.getByRole('list', { name: 'Description conflicts' })).toBeVisible();
  const shown = await hostDetails.field('Description').inputValue();
  const conflict = await hostDetails.root.getByRole('list', { name: 'Description conflicts' }).innerText();
  expect([shown, conflict].join(' ')).toContain('Our first market outside home.');
  expect([shown, conflict].join(' ')).toContain('Written by the host.');
  await closeContexts(host.context, guest.context);
});

test('a number being typed in a detail field is not overwritten by a change arriving meanwhile', async ({ browser }) => {
  const { host, guest } = await hostAndGuest(browser, 'field-race');
  await host.outline.select('key result', 'Revenue from DACH');
  await guest.outline.select('key result', 'Revenue from DACH');
  const hostDetails = new DetailPanel(host.page), guestDetails = new DetailPanel(guest.page);
  await guestDetails.field('Target value').fill('999');
  await hostDetails.setField('Target value', '555');
  await expect(guestDetails.root.getByRole('status').filter({ hasText: 'Changed to “555” by someone else while you typed' })).toBeVisible();
  await expect(guestDetails.field('Target value')).toHaveValue('999');
  // Escape takes theirs; typing again and leaving the field saves the guest's for both.
  await guestDetails.field('Target value').press('Escape');
  await expect(guestDetails.field('Target value')).toHaveValue('555');
  await guestDetails.setField('Target value', '999');
  await expect(hostDetails.field('Target value')).toHaveValue('999');
  await expect(guestDetails.root.getByRole('status').filter({ hasText: 'by someone else while you typed' })).toHaveCount(0);
  await closeContexts(host.context, guest.context);
});

test('a row deleted by someone else while it is being renamed: the typed title is offered back with the row', async ({ browser }) => {
  const { host, guest } = await hostAndGuest(browser, 'delete-race');
  await startRename(guest, 'task', 'Sign the office lease');
  await guest.page.keyboard.type('Sign the lease by March');
  await host.outline.select('task', 'Sign the office lease');
  await host.outline.focus();
  await host.page.keyboard.press('Delete');
  await expect(guest.outline.row('task', 'Sign the office lease')).toHaveCount(0);
  const notice = guest.shell.notice('was deleted by someone else while you renamed it to "Sign the lease by March"');
  await expect(notice).toBeVisible();
  await notice.getByRole('button', { name: 'Restore it with your title' }).click();
  for (const user of [host, guest]) await expect(user.outline.row('task', 'Sign the lease by March')).toBeVisible();
  await closeContexts(host.context, guest.context);
});
