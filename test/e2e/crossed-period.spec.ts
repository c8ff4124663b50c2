// A period whose start and end two people moved past each other (usercheck15's left item, usercheck16):
// Ada moved 2026-Q4's start to 15 December, Ben (offline) its end to 15 November; each edit was valid on
// its own screen. The period vanished from People & teams and from the outline's period filter, and the
// key result in it lost its pace without a word. The plan is built here by the model on two Y.Docs, as the
// two devices would have merged it (the app has no form to edit a period's dates), and opened in the app.
import { expect, test } from '@playwright/test';
import * as Y from 'yjs';
import { ROOT_ID, openPlan, type PlanContext } from '../../shared/model/index.js';
import { AppShell } from './pages/app-shell.js';
import { DetailPanel } from './pages/detail-panel.js';
import { OutlinePage } from './pages/outline-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { storePlanInBrowser } from './support/stored-plan.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** The plan as Ada's and Ben's devices hold it after they synced: the period's dates crossed. */
function planWithACrossedPeriod(): Uint8Array {
  const context = (actor: string): PlanContext => { let next = 0; return { now: () => Date.UTC(2026, 9, 1), newId: () => `${actor}${(next++).toString().padStart(4, '0')}`, actor }; };
  const ada = new Y.Doc(), ben = new Y.Doc();
  const adaPlan = openPlan(ada, context('ada'), { name: 'Quarter plan' });
  const period = adaPlan.addPeriod({ name: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
  const objective = adaPlan.createNode({ kind: 'objective', parent: adaPlan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow in Europe' }), title: 'Win the DACH market', period });
  adaPlan.createNode({ kind: 'key_result', parent: objective, title: 'Revenue from DACH', start: 0, target: 100 });
  Y.applyUpdate(ben, Y.encodeStateAsUpdate(ada));
  const benPlan = openPlan(ben, context('ben'));
  adaPlan.updatePeriod(period, { start: '2026-12-15' });
  benPlan.updatePeriod(period, { end: '2026-11-15' });
  Y.applyUpdate(ada, Y.encodeStateAsUpdate(ben));
  const update = Y.encodeStateAsUpdate(ada);
  ada.destroy();
  ben.destroy();
  return update;
}

test('a period whose dates two people crossed is listed and flagged, and its key result says why no pace is judged', async ({ page }) => {
  const shell = new AppShell(page), outline = new OutlinePage(page), detail = new DetailPanel(page);
  await shell.open(server.url);
  await storePlanInBrowser(page, { id: 'crossed-period', name: 'Quarter plan', update: planWithACrossedPeriod() });
  await page.goto(`${server.url}#/plan/crossed-period/outline`);
  await expect(outline.row('key result', 'Revenue from DACH')).toBeVisible();

  // The filter still offers it, and filtering by it shows the objective set in it.
  await expect(page.getByRole('combobox', { name: 'Filter by period' }).getByRole('option', { name: '2026-Q4' })).toHaveCount(1);
  await outline.filter('period', '2026-Q4');
  await expect(outline.row('objective', 'Win the DACH market')).toBeVisible();
  await outline.filter('period', 'Any period');

  await outline.select('key result', 'Revenue from DACH');
  const crossed = detail.root.getByRole('list', { name: 'Signals' }).getByRole('listitem').filter({ hasText: 'Bounds crossed' });
  await expect(crossed).toContainText("The period “2026-Q4” runs backwards (it starts Dec 15, 2026, after its end Nov 15, 2026), so no pace can be judged: set the period's dates again");
  await expect(detail.root.getByRole('list', { name: 'Signals' }).getByRole('listitem').filter({ hasText: /Pace|Forecast/ })).toHaveCount(0);
  await expect(outline.row('key result', 'Revenue from DACH')).toHaveAccessibleDescription(/Bounds crossed/);

  await shell.goTo('People & teams');
  const periods = page.getByRole('region', { name: 'Periods' });
  await expect(periods.getByRole('listitem').filter({ hasText: '2026-Q4' })).toContainText('2026-12-15 → 2026-11-15Dates crossed: starts after it ends');
  await expectAccessible(page, 'People & teams listing a period whose dates crossed');
  await periods.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/crossed-period.png' });
});
