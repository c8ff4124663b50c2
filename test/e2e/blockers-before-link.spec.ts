// review39b F5 and F7, as Cara met them at the offsite. She told the plan her name, "Cara Cruz", and raised
// a blocker on a task before choosing which of the plan's people she is: My work then said "Nothing of
// yours is blocked" (check-ins before the link are signed with her name, My work matched her person id
// only). And File ▸ Export CSV wrote that task with an empty Status and Blocked reason, so a board
// reading the sheet saw nothing blocked. Now My work lists it, and the export writes it blocked.
import { readFileSync } from 'node:fs';
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

test('a blocker raised before the device was linked to the person is in My work, and the CSV export writes the task blocked', async ({ browser }) => {
  test.setTimeout(120_000);
  const cara = await newUser(browser, 'cara');
  await openStoredCascade(cara, server.url, 'Offsite 2027');
  await cara.shell.setIdentity('Cara Cruz');
  await cara.outline.select('task', 'Sign the office lease');
  const detail = new DetailPanel(cara.page);
  await detail.addCheckIn({ blocker: true, note: 'Waiting for budget approval' });
  await expect(detail.history).toHaveCount(1);

  // Later she says which of the plan's people she is.
  await cara.shell.setIdentity('Cara Cruz', { addAsPerson: true });
  await cara.shell.goTo('My work');
  const work = new MyWorkPage(cara.page);
  await expect(work.item('My blockers', 'Sign the office lease')).toContainText('Waiting for budget approval');
  await expectAccessible(cara.page, 'My work listing a blocker raised before the link');
  await cara.page.screenshot({ path: 'test-results/blockers-before-link-my-work.png' });

  // The export writes the task blocked, with the check-in's reason.
  await cara.page.getByRole('button', { name: 'File', exact: true }).click();
  const download = cara.page.waitForEvent('download');
  await cara.page.getByRole('button', { name: 'Export CSV (opens in spreadsheets)' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8').split('\r\n');
  const header = csv[0]!.replace(/^\uFEFF/, '').split(',');
  const task = csv.find((line) => line.includes(',Task,Sign the office lease,'))!.split(',');
  expect(task[header.indexOf('Status')]).toBe('blocked');
  expect(task[header.indexOf('Blocked reason')]).toBe('Waiting for budget approval');
  expect(task[header.indexOf('Blocked since')]).not.toBe('');
});
