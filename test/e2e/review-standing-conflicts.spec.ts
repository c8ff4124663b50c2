// A review walked the morning after an offline evening: Ada renamed an initiative and raised a target
// online while Ben, offline, renamed the same initiative and set the same target otherwise. The outline
// and the details keep the losing rename and value to pick; the review listed only the winner's
// ("renamed from “Open a Munich office” by Ada Host", "target — → 800 by Ada Host"), so the meeting
// walking it never learnt that Ben had renamed it too (usercheck9).
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { ReviewPage } from './pages/review-page.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { twoOnOnePlan } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('a rename and a target both people changed while one was offline: the review lists the one shown and the one standing to pick', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'review-conflicts', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'review-conflicts', 'Offsite plan');
  const adaReview = new ReviewPage(ada.page);
  await adaReview.open();
  await adaReview.createReviewPoint('Q1 offsite');
  await ada.shell.expectSyncStatus('Synced');
  await ben.shell.expectSyncStatus('Synced');
  await ada.shell.goTo('Outline');

  await ben.context.setOffline(true);
  const benDetail = new DetailPanel(ben.page);
  await ben.outline.select('initiative', 'Open a Munich office');
  await benDetail.setField('Title', 'Open a Berlin office');
  await ben.outline.select('key result', 'Revenue from DACH');
  await benDetail.setField('Target value', '500');

  const adaDetail = new DetailPanel(ada.page);
  await ada.outline.select('initiative', 'Open a Munich office');
  await adaDetail.setField('Title', 'Open a Paris office');
  await ada.outline.select('key result', 'Revenue from DACH');
  await adaDetail.setField('Target value', '800');
  await ada.shell.expectSyncStatus('Synced');

  await ben.context.setOffline(false);
  await ben.shell.expectSyncStatus('Synced');
  await ada.shell.expectSyncStatus('Synced');
  // One rename and one target win on every device; the other stays on the node to pick. Ada was
  // "Synced" all along, so her details show the winner only once the note about the other value does
  // (read before it, her own 800 could still be on screen while Ben's 500 won: testtime12).
  await expect(adaDetail.root).toContainText(/Also set to “(500|800)” by (Ben Guest|Ada Host)/);
  const shownTarget = await adaDetail.field('Target value').inputValue();
  const otherTarget = shownTarget === '800' ? '500' : '800';
  const targetLoser = shownTarget === '800' ? 'Ben Guest' : 'Ada Host';
  const shownTitle = (await ada.outline.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''))).find((name) => /Open a (Berlin|Paris) office/.test(name))!.match(/Open a (Berlin|Paris) office/)![0];
  const otherTitle = shownTitle === 'Open a Paris office' ? 'Open a Berlin office' : 'Open a Paris office';
  const titleLoser = shownTitle === 'Open a Paris office' ? 'Ben Guest' : 'Ada Host';

  await adaReview.open();
  const rename = adaReview.change(shownTitle, 'renamed from “Open a Munich office”', 'retitled');
  await expect(rename).toContainText(`also renamed to “${otherTitle}” by ${titleLoser} at the same time: pick one in the outline`);
  const target = adaReview.change('Revenue from DACH', `target — → ${shownTarget}`, 'field');
  await expect(target).toContainText(`also set to ${otherTarget} by ${targetLoser} at the same time: pick one in the details`);
  await expect(rename.getByRole('checkbox')).toHaveAccessibleName(`Discussed: ${shownTitle}, renamed from “\u2068Open a Munich office\u2069”; also renamed to “\u2068${otherTitle}\u2069” by \u2068${titleLoser}\u2069 at the same time: pick one in the outline`);
  await expectAccessible(ada.page, 'the review listing a standing rename conflict');
  await ada.page.screenshot({ path: 'docs/screenshots/review-standing-conflicts.png' });

  // Ben's review says the same; once the rename is picked, the note goes.
  const benReview = new ReviewPage(ben.page);
  await benReview.open();
  await expect(benReview.change(shownTitle, 'renamed from “Open a Munich office”', 'retitled')).toContainText(`also renamed to “${otherTitle}”`);
  await ada.shell.goTo('Outline');
  await ada.outline.select('initiative', shownTitle);
  await adaDetail.root.getByRole('button', { name: new RegExp(`${otherTitle}`) }).first().click();
  await adaReview.open();
  await expect(adaReview.change(otherTitle, 'renamed from “Open a Munich office”', 'retitled')).not.toContainText('also renamed');
  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
