// review34 findings 2 and 6 (inputs34, thirty-first session). People & teams rebuilt a person's row
// whenever their name, e-mail or role changed (the row's key held them): after renaming Ada and pressing
// Tab the focus was on the page's body and the e-mail typed next went nowhere; and Ada typing Carla's
// role lost it, field emptied and focus gone, when Ben's save of Carla's e-mail arrived. Rows are now
// keyed by the person, each field keeps what is being typed while a change arrives (and says so), and
// the rows keep their order while the focus is in the table. The row's messages are in plain words,
// international e-mail addresses are taken, and an edited name is trimmed as an added one is.
import { expect, test, type Page } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { LibraryPage } from './pages/library-page.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { twoOnOnePlan } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const peopleOf = async (page: Page) => {
  await new AppShell(page).goTo('People & teams');
  return page.getByRole('region', { name: 'People' });
};
const field = (people: ReturnType<Page['getByRole']>, what: 'Name' | 'Email' | 'Role', person: string) => people.getByRole('textbox', { name: `${what} of ${person}`, exact: true });

test('renaming a person and pressing Tab keeps the focus and what is typed next; the row speaks plainly', async ({ page }) => {
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan('Our team');
  const people = await peopleOf(page);
  await people.getByLabel("New person's name").fill('Ada');
  await people.getByRole('button', { name: 'Add person' }).click();
  // Zed sorts after Ada Lovelace: the row must not move under the focus while it is in the table.
  await people.getByLabel("New person's name").fill('Bea');
  await people.getByRole('button', { name: 'Add person' }).click();

  await field(people, 'Name', 'Ada').fill('Zed Lovelace');
  await page.keyboard.press('Tab');
  await expect(field(people, 'Email', 'Zed Lovelace')).toBeFocused();
  await page.keyboard.type('zed@example.com');
  await page.keyboard.press('Tab');
  await expect(field(people, 'Email', 'Zed Lovelace')).toHaveValue('zed@example.com');

  // Renamed with spaces around, then a click into the role: the name is trimmed, the role typed is kept.
  await field(people, 'Name', 'Zed Lovelace').fill('  Zed King  ');
  await field(people, 'Role', 'Zed Lovelace').click();
  await expect(field(people, 'Role', 'Zed King')).toBeFocused();
  await page.keyboard.type('CFO');
  await page.keyboard.press('Tab');
  await expect(field(people, 'Name', 'Zed King')).toHaveValue('Zed King');
  await expect(field(people, 'Role', 'Zed King')).toHaveValue('CFO');

  // An international address is taken; a wrong one and an empty name are refused in plain words.
  await field(people, 'Email', 'Zed King').fill('zed@münchen.de');
  await field(people, 'Email', 'Zed King').press('Tab');
  await expect(people.getByRole('alert')).toHaveCount(0);
  await field(people, 'Email', 'Bea').fill('bea at work');
  await field(people, 'Email', 'Bea').press('Tab');
  await expect(people.getByRole('alert')).toHaveText('“bea at work” is not an e-mail address: it needs a name, an @ and a domain, like ada@example.com.');
  await expect(field(people, 'Email', 'Bea')).toHaveValue('bea at work');
  // Typing in Bea's role does not take away the alert of her e-mail, still refused and unsaved (review36d B6).
  await field(people, 'Role', 'Bea').click();
  await page.keyboard.type('Head of');
  await expect(people.getByRole('alert')).toHaveText('“bea at work” is not an e-mail address: it needs a name, an @ and a domain, like ada@example.com.');
  await expect(field(people, 'Email', 'Bea')).toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.press('Escape');
  await field(people, 'Name', 'Zed King').fill('');
  await field(people, 'Name', 'Zed King').press('Tab');
  await expect(people.getByRole('alert')).toHaveText(['A person needs a name: type one, or press Escape to keep the one they have.', '“bea at work” is not an e-mail address: it needs a name, an @ and a domain, like ada@example.com.']);
  await expect(people.getByText(/UpdatePerson/)).toHaveCount(0);
  await expectAccessible(page, 'People & teams with two refused fields');
  await page.screenshot({ path: 'docs/screenshots/people-row-refusals.png' });
  await field(people, 'Name', 'Zed King').press('Escape');
  await expect(field(people, 'Name', 'Zed King')).toHaveValue('Zed King');
  // After the focus leaves the table the rows are in name order again.
  await page.getByRole('heading', { name: 'People & teams' }).click();
  await expect.poll(() => people.getByRole('textbox', { name: /^Name of / }).evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))).toEqual(['Bea', 'Zed King']);
});

test('a role Ada is typing for Carla is kept when Ben\'s change to Carla arrives, and saved when she leaves the field', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'people-typing', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'people-typing', 'People typing');
  try {
    const adaPeople = await peopleOf(ada.page);
    const benPeople = await peopleOf(ben.page);
    await adaPeople.getByLabel("New person's name").fill('Carla');
    await adaPeople.getByRole('button', { name: 'Add person' }).click();
    await expect(field(benPeople, 'Name', 'Carla')).toBeVisible();

    // Ada types Carla's role and has not left the field; Ben saves Carla's e-mail meanwhile.
    await field(adaPeople, 'Role', 'Carla').click();
    await ada.page.keyboard.type('Head of Sales DACH');
    await field(benPeople, 'Email', 'Carla').fill('carla@example.com');
    await field(benPeople, 'Email', 'Carla').press('Tab');
    await expect(field(adaPeople, 'Email', 'Carla')).toHaveValue('carla@example.com');
    await expect(field(adaPeople, 'Role', 'Carla')).toHaveValue('Head of Sales DACH');
    await expect(field(adaPeople, 'Role', 'Carla')).toBeFocused();
    await ada.page.keyboard.press('Tab');
    await expect(field(benPeople, 'Role', 'Carla')).toHaveValue('Head of Sales DACH');

    // Both change the same field: Ada's draft stays, she is told of Ben's, and hers is saved when she leaves.
    await field(adaPeople, 'Email', 'Carla').fill('carla.b@example.com');
    await field(benPeople, 'Email', 'Carla').fill('c@example.com');
    await field(benPeople, 'Email', 'Carla').press('Tab');
    await expect(adaPeople.getByRole('status').filter({ hasText: 'Changed to “c@example.com” meanwhile; yours is saved when you leave the field.' })).toBeVisible();
    await expect(field(adaPeople, 'Email', 'Carla')).toHaveValue('carla.b@example.com');
    await expect(field(adaPeople, 'Email', 'Carla')).toBeFocused();
    await expectAccessible(ada.page, 'People & teams with a draft kept over a collaborator\'s change');
    await ada.page.screenshot({ path: 'docs/screenshots/people-draft-kept.png' });
    await ada.page.keyboard.press('Tab');
    await expect(field(benPeople, 'Email', 'Carla')).toHaveValue('carla.b@example.com');
    await expect(adaPeople.getByRole('status').filter({ hasText: /meanwhile/ })).toHaveCount(0);
    expect(errors).toEqual([]);
  } finally {
    await closeContexts(ada.context, ben.context);
  }
});
