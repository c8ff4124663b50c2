// Two people describe the same initiative while one is offline (review42a F3). The description that
// lost is kept on the item to pick; its chip shows its first 80 characters, and the whole of it is
// readable under the chip on both screens (a disclosure, keyboard-operable), so the team can compare
// the two, or copy from one into the other, before someone picks. It was cut at 80 with no way to read on.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { hostSharedPlan, joinSharedPlan, newUser } from './support/two-users.js';
import { closeContexts } from './support/close-contexts.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const adaWords = `Munich first: the DACH customers are there and the hiring pool is deep.\nWe sign the lease in March and hire 3 engineers 👩‍💻 by May. The last line: keep the budget at 1,2 M€.`;
const benWords = `Berlin first: cheaper, and closer to the partners we already have.\nMunich can follow in Q3 once the first customers are live. The last line: Berlin by June.`;

test('a losing description longer than its chip is readable whole on both screens before anyone picks', async ({ browser }) => {
  test.setTimeout(120_000); // two browsers, offline and back, an axe audit
  const workspace = 'description-whole';
  const token = mintToken(server.dataDir, workspace, 'editor');
  const ada = await newUser(browser, 'Ada'), ben = await newUser(browser, 'Ben');
  const link = await hostSharedPlan(ada, server.url, token, workspace, 'Offsite descriptions');
  await joinSharedPlan(ben, link, 'Ben Guest');
  const adaDetails = new DetailPanel(ada.page), benDetails = new DetailPanel(ben.page);
  for (const user of [ada, ben]) await user.outline.select('initiative', 'Open a Munich office');

  await ben.context.setOffline(true);
  await ben.shell.expectSyncStatus('Offline');
  await adaDetails.setField('Description', adaWords);
  await benDetails.setField('Description', benWords);
  await ben.context.setOffline(false);
  await ben.shell.expectSyncStatus('Synced');

  // One description shows on both; the other is the conflict, whichever won.
  await expect.poll(async () => {
    const values = [await adaDetails.field('Description').inputValue(), await benDetails.field('Description').inputValue()];
    return values[0] === values[1] && (values[0] === adaWords || values[0] === benWords);
  }).toBe(true);
  const shown = await adaDetails.field('Description').inputValue();
  const [other, otherBy] = shown === adaWords ? [benWords, 'Ben Guest'] : [adaWords, 'Ada Host'];
  for (const details of [adaDetails, benDetails]) {
    const conflicts = details.root.getByRole('list', { name: 'Description conflicts' });
    await expect(conflicts.getByRole('button', { name: new RegExp(`^Also described as “${other.slice(0, 20)}.*…” by ${otherBy} — use it$`, 'u') })).toBeVisible();
    // Closed, the rest is not shown; opened with the keyboard, all of it is, line break and the last line included.
    const whole = conflicts.getByRole('group');
    await expect(whole.getByText('The last line')).toBeHidden();
    const summary = conflicts.getByText(`Read the whole description by ${otherBy} (${[...other].length} characters)`);
    await summary.focus();
    await details.page.keyboard.press('Enter');
    await expect(whole.locator('p')).toHaveText(other);
  }
  await expectAccessible(ben.page, 'a description conflict read whole');
  await benDetails.root.getByRole('list', { name: 'Description conflicts' }).scrollIntoViewIfNeeded();
  await ben.page.screenshot({ path: 'test-results/description-conflict-whole.png' });
  await closeContexts(ada.context, ben.context);
});
