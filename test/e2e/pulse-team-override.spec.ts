// fix41e's "not covered by a test": the pulse's link to a team slowing down shows the team's name with
// `ShownTitle`, so an override an older version stored in it (U+202E: "Platform ‮maet" draws as "Platform
// team") is a named chip, "RLO", and the name reads in its stored order. No spec made a team holding an
// override slow down. Here an older client renames the sample plan's Platform team that way; the pulse's
// link says it by name, and still leads to the team's work.
import { expect, test } from '@playwright/test';
import { LibraryPage } from './pages/library-page.js';
import { PulsePage } from './pages/pulse-page.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { newUser, sharePlan } from './support/two-users.js';
import { olderClient, withStandIns } from './support/older-client.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('a team slowing down whose name an older client stored with an override: the pulse\'s link names it as a chip and leads to its work', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'pulse-team-override', 'editor');
  const ada = await newUser(browser, 'Ada');
  const errors: string[] = [];
  ada.page.on('pageerror', (error) => errors.push(error.message));
  await ada.shell.open(server.url);
  await new LibraryPage(ada.page).openSample();
  await ada.shell.setIdentity('Daniel Kim', { person: 'Daniel Kim' });
  const link = await sharePlan(ada, server.url, token, 'pulse-team-override');
  const older = await olderClient(link);
  try {
    older.write((plan) => {
      const platform = plan.index.teams().find((team) => team.name === 'Platform')!;
      plan.updateTeam(platform.id, { name: withStandIns('Platform \u202emaet') });
    });
    await ada.shell.expectSyncStatus('Synced');

    await ada.shell.goTo('Execution pulse');
    const pulse = new PulsePage(ada.page);
    const slowdown = await pulse.open('Where does execution slow down?');
    // The link's name reads the override by name; its text holds none, and reads left to right as stored.
    const team = slowdown.getByRole('button', { name: 'Team Platform RLO maet', exact: true });
    await expect(team).toBeVisible();
    await expect(team.locator('.control-chip')).toHaveText('RLO');
    await expect(team.locator('.control-chip')).toHaveAttribute('title', 'control character RLO, U+202E');
    expect(await team.textContent()).not.toMatch(/[\u202d\u202e]/u);
    await expectAccessible(ada.page, 'the pulse with a team named with an override slowing down');
    await team.scrollIntoViewIfNeeded();
    await slowdown.screenshot({ path: 'test-results/pulse-team-override.png' });

    // Still the way to the team's work: the outline filtered by it (the picker names the override, ‹RLO›).
    await team.click();
    await expect(ada.page.getByLabel('Filter by team')).toHaveValue('Platform \u2039RLO\u203amaet');
    await expect(ada.page.locator('[role="treeitem"][data-kind="task"]:not(.context)').first()).toBeVisible();
    expect(errors).toEqual([]);
  } finally {
    older.close();
    await closeContexts(ada.context);
  }
});
