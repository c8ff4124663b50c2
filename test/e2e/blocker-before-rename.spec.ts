// leftovers40: review39b F5 made My work count a blocker signed with the device's name before the device
// chose who it is, by its current name only. Cara told the plan "Cara", raised a blocker, then corrected
// her name to "Cara Cruz" and added herself to the plan's people: "Nothing of yours is blocked". The device
// now keeps the names it went by, and My work counts the blocker.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { MyWorkPage } from './pages/my-work-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { openStoredCascade } from './support/stored-cascade.js';
import { newUser } from './support/two-users.js';

let server: RunningProcess;
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('a blocker raised under the name the device had before a rename is in My work once the device chose who it is', async ({ browser }) => {
  test.setTimeout(120_000);
  const cara = await newUser(browser, 'cara');
  await openStoredCascade(cara, server.url, 'Offsite 2027');
  await cara.shell.setIdentity('Cara');
  await cara.outline.select('task', 'Sign the office lease');
  const detail = new DetailPanel(cara.page);
  await detail.addCheckIn({ blocker: true, note: 'Waiting for budget approval' });
  await expect(detail.history).toHaveCount(1);

  // She corrects her name, then says which of the plan's people she is.
  await cara.shell.setIdentity('Cara Cruz');
  await cara.shell.setIdentity('Cara Cruz', { addAsPerson: true });
  await cara.shell.goTo('My work');
  const work = new MyWorkPage(cara.page);
  await expect(work.item('My blockers', 'Sign the office lease')).toContainText('Waiting for budget approval');
  await expectAccessible(cara.page, 'My work listing a blocker raised under the older name');
  await cara.page.screenshot({ path: 'docs/screenshots/blocker-before-rename.png' });
  await cara.context.close();
});
