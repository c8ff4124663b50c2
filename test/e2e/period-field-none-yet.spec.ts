// A newcomer's first key result in a plan of their own (review44a F2): its Period offered only "—", with
// no word on where periods come from, so no pace was ever judged. The field now says where to add one,
// and says nothing more once the plan has periods.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { LibraryPage } from './pages/library-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { newUser } from './support/two-users.js';
import { closeContexts } from './support/close-contexts.js';
import { typeCascade } from './support/outline-steps.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const noPeriods = 'This plan has no periods yet: add one (e.g. 2027-Q1, with its dates) under People & teams, then choose it here.';

test('the Period field of a plan without periods says where periods are made, then offers the one made', async ({ browser }) => {
  const maria = await newUser(browser, 'maria');
  try {
    await maria.shell.open(server.url);
    await new LibraryPage(maria.page).createPlan('Acme 2027 plan');
    await typeCascade(maria.outline, ['Become the default tool for logistics', 'Win 40 new customers', 'Monthly churn rate']);
    await maria.outline.select('key result', 'Monthly churn rate');
    const detail = new DetailPanel(maria.page);
    const period = detail.field('Period');
    await expect(period).toHaveAccessibleDescription(noPeriods);
    await expect(detail.root.getByText(noPeriods)).toBeVisible();
    await expectAccessible(maria.page, 'a key result in a plan without periods');
    await detail.root.screenshot({ path: 'docs/screenshots/period-field-none-yet.png' });

    await maria.shell.goTo('People & teams');
    await maria.page.getByLabel("New period's name").fill('2027-Q1');
    await maria.page.getByLabel('Starts', { exact: true }).fill('2027-01-01');
    await maria.page.getByLabel('Ends', { exact: true }).fill('2027-03-31');
    await maria.page.getByRole('button', { name: 'Add period' }).click();
    await expect(maria.page.getByRole('region', { name: 'Periods' }).getByText('2027-Q1')).toBeVisible();

    await maria.shell.goTo('Outline');
    await maria.outline.select('key result', 'Monthly churn rate');
    await expect(detail.root.getByText(noPeriods)).toHaveCount(0);
    await detail.selectField('Period', '2027-Q1');
    await expect(period).toHaveValue(/.+/);
  } finally {
    await closeContexts(maria.context);
  }
});
