// review40b F9 ("Trojan Source"): a title holding a right-to-left override (U+202E) showed where the title itself
// is shown as text it does not say: "Cut costs ‮%01 yb" read "Cut costs by 10%". An override is now refused
// when typed, naming it, the stored title unchanged; one an older version stored shows as a named chip ("RLO")
// in the outline and by name in the rename field, with one click to remove it. Two people: Ada and Ben on one
// plan, an older client of the app storing the title.
import { expect, test, type Locator } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { twoOnOnePlan } from './support/two-users.js';
import { olderClient, withStandIns } from './support/older-client.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const DECEPTIVE = 'Cut costs \u202e%01 yb';
/** The outline row's name: the override named in letters, as its chip shows it. */
const SHOWN = 'Cut costs RLO %01 yb';

/** The left edges of the characters of `words` in the text inside `holder`, in the order of the text. */
async function characterLefts(holder: Locator, words: string): Promise<number[]> {
  return holder.evaluate((element, wanted) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(wanted);
      if (at < 0) continue;
      return [...wanted].map((_, index) => {
        const range = document.createRange();
        range.setStart(node, at + index);
        range.setEnd(node, at + index + 1);
        return range.getBoundingClientRect().left;
      });
    }
    return [];
  }, words);
}

test('an override stored by an older client shows as a named chip, reads as stored, and is removed in one click; typed, it is refused by name', async ({ browser }) => {
  test.setTimeout(240_000);
  const token = mintToken(server.dataDir, 'bidi-override', 'editor');
  const { ada, ben, errors, link } = await twoOnOnePlan(browser, server.url, token, 'bidi-override', 'Overrides');
  const older = await olderClient(link);
  try {
    older.write((plan) => {
      plan.index.refresh(Date.now());
      const kr = [...plan.index.walk()].find((id) => plan.index.title(id) === 'Revenue from DACH')!;
      plan.setTitle(kr, withStandIns(DECEPTIVE));
    });

    // Ada's outline: the row names the override in a chip; the characters after it run in the order stored.
    const row = ada.outline.row('key result', SHOWN);
    await expect(row).toBeVisible();
    const chip = row.locator('.control-chip', { hasText: 'RLO' });
    await expect(chip).toBeVisible();
    await expect(chip).toHaveAttribute('title', 'control character RLO, U+202E');
    const lefts = await characterLefts(row, '%01 yb');
    expect(lefts).toHaveLength('%01 yb'.length);
    for (let index = 1; index < lefts.length; index += 1) expect(lefts[index]!, `character ${index} of "%01 yb"`).toBeGreaterThan(lefts[index - 1]!);
    // The rename field shows it by the same name, and the hint under it offers to remove it.
    await ada.outline.select('key result', SHOWN);
    const adaDetail = new DetailPanel(ada.page);
    await expect(adaDetail.field('Title')).toHaveValue('Cut costs \u2039RLO\u203a%01 yb');
    const hint = adaDetail.root.locator('.stored-control');
    await expect(hint).toContainText('The stored title holds a control character: RLO (U+202E, shown as \u2039RLO\u203a).');
    await expectAccessible(ada.page, 'a title holding an override an older client stored');
    await ada.page.screenshot({ path: 'test-results/bidi-override-stored.png' });

    // Ben types an override into another title: refused by name, nothing saved on either screen.
    await ben.outline.select('initiative', 'Open a Munich office');
    const benDetail = new DetailPanel(ben.page);
    // The path above it names the key result the way its row does, never as "by 10%".
    const crumb = benDetail.root.getByRole('navigation', { name: 'Path' }).getByRole('button', { name: SHOWN });
    await expect(crumb).toBeVisible();
    await expect(crumb.locator('.control-chip')).toHaveText('RLO');
    expect(await crumb.textContent()).not.toMatch(/[\u202d\u202e]/u);
    await benDetail.field('Title').fill('Open a Munich office \u202eecfifo');
    await benDetail.field('Title').press('Enter');
    const refusal = benDetail.fieldError('The title contains a right-to-left override (U+202E), which shows the text after it in another order; delete it to save.');
    await expect(refusal).toBeVisible();
    await expect(benDetail.field('Title')).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(ben.page, 'a typed title refused for its override');
    await ben.page.screenshot({ path: 'test-results/bidi-override-refused.png' });
    await benDetail.field('Title').press('Escape');
    await expect(benDetail.field('Title')).toHaveValue('Open a Munich office');
    await ben.shell.expectSyncStatus('Synced');
    await expect(ada.outline.row('initiative', 'Open a Munich office')).toBeVisible();

    // Ada removes the stored override in one click and saves: both screens read the title as it is written.
    await hint.getByRole('button', { name: 'Remove it' }).click();
    await expect(adaDetail.field('Title')).toHaveValue('Cut costs %01 yb');
    await adaDetail.field('Title').press('Enter');
    await ada.shell.expectSyncStatus('Synced');
    await expect(ben.outline.row('key result', 'Cut costs %01 yb')).toBeVisible();
    await expect(ada.outline.row('key result', 'Cut costs %01 yb')).toBeVisible();
    expect(errors).toEqual([]);
  } finally {
    older.close();
    await closeContexts(ada.context, ben.context);
  }
});

// fix41e: a person's and a team's name an older client stored with an override were drawn raw where a name stands in a
// field: the owner and team pickers' closed fields, and the People & teams list's name field ("Dana ‮sreyeR" read
// "Dana Reyers" and "Platform ‮maet" "Platform team" there). They now read as the title field does (‹RLO›), and the
// team list's names, as the outline does (the chip).
const PERSON = 'Dana \u202esreyeR';
const TEAM = 'Platform \u202emaet';
/** How the fields' names say them: the override by name, as the chip shows it. */
const PERSON_SHOWN = 'Dana RLO sreyeR';
const TEAM_SHOWN = 'Platform RLO maet';
test('a person\'s and a team\'s name stored with an override read by name in the pickers\' fields and the People & teams list', async ({ browser }) => {
  test.setTimeout(240_000);
  const token = mintToken(server.dataDir, 'bidi-override-names', 'editor');
  const { ada, ben, errors, link } = await twoOnOnePlan(browser, server.url, token, 'bidi-override-names', 'Overrides in names');
  const older = await olderClient(link);
  try {
    older.write((plan) => {
      plan.index.refresh(Date.now());
      const team = plan.addTeam({ name: withStandIns(TEAM) });
      const person = plan.addPerson({ name: withStandIns(PERSON), team });
      const kr = [...plan.index.walk()].find((id) => plan.index.title(id) === 'Revenue from DACH')!;
      plan.updateNode(kr, { owner: person, team });
    });

    // The key result's owner and team pickers, closed: the names with the override named, never reordered.
    await ada.outline.select('key result', 'Revenue from DACH');
    const detail = new DetailPanel(ada.page);
    await expect(detail.field('Owner')).toHaveValue('Dana \u2039RLO\u203asreyeR');
    await expect(detail.field('Team')).toHaveValue('Platform \u2039RLO\u203amaet');

    // People & teams: the person's name field, their team picker, and the team's name in the list. The fields'
    // and buttons' names say the names as shown, the override by name ("Name of Dana RLO sreyeR"): they carried
    // the stored name, which a screen reader reads as the lie it draws.
    await ada.shell.goTo('People & teams');
    const nameField = ada.page.getByRole('textbox', { name: `Name of ${PERSON_SHOWN}`, exact: true });
    await expect(nameField).toHaveValue('Dana \u2039RLO\u203asreyeR');
    await expect(ada.page.getByRole('combobox', { name: `Team of ${PERSON_SHOWN}`, exact: true })).toHaveValue('Platform \u2039RLO\u203amaet');
    for (const name of [`Email of ${PERSON_SHOWN}`, `Role of ${PERSON_SHOWN}`]) await expect(ada.page.getByRole('textbox', { name, exact: true })).toBeVisible();
    await expect(ada.page.getByRole('button', { name: `Remove ${PERSON_SHOWN}`, exact: true })).toBeVisible();
    await expect(ada.page.getByRole('combobox', { name: `Parent team of ${TEAM_SHOWN}`, exact: true })).toBeVisible();
    await expect(ada.page.getByRole('button', { name: `Remove team ${TEAM_SHOWN}`, exact: true })).toBeVisible();
    const labelled = await ada.page.locator('[aria-label]').evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label')!));
    expect(labelled.filter((label) => /[\u202d\u202e]/u.test(label))).toEqual([]);
    const teamName = ada.page.getByRole('region', { name: 'Teams' }).locator('.team-name', { hasText: 'Platform' });
    await expect(teamName.locator('.control-chip')).toHaveText('RLO');
    expect(await teamName.textContent()).not.toMatch(/[\u202d\u202e]/u);
    await expectAccessible(ada.page, 'People & teams with names holding an override');
    await ada.page.screenshot({ path: 'test-results/bidi-override-names.png', fullPage: true });

    // Left untouched, nothing is saved (Ben's picker still names the override); edited, the field saves what it shows.
    await nameField.focus();
    await nameField.blur();
    await ben.outline.select('key result', 'Revenue from DACH');
    const benOwner = new DetailPanel(ben.page).field('Owner');
    await expect(benOwner).toHaveValue('Dana \u2039RLO\u203asreyeR');
    await nameField.fill('Dana Reyes');
    await nameField.press('Enter');
    await ada.shell.expectSyncStatus('Synced');
    await expect(benOwner).toHaveValue('Dana Reyes');
    expect(errors).toEqual([]);
  } finally {
    older.close();
    await closeContexts(ada.context, ben.context);
  }
});
