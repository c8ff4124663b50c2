import { expect, test } from '@playwright/test';
import { CanvasDriver } from './pages/canvas-driver.js';
import { DetailPanel } from './pages/detail-panel.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { hostSharedPlan, joinSharedPlan, newUser } from './support/two-users.js';
import { seriousViolations } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** The canvas's health colours (palette.ts, standard theme) as RGB. */
const HEALTH_RGB: Record<string, [number, number, number]> = { 'on track': [0x1f, 0x8f, 0x5f], 'at risk': [0xc9, 0x84, 0x00], 'off track': [0xcf, 0x3f, 0x3f] };
const near = (pixel: readonly number[], rgb: readonly number[]) => rgb.every((channel, i) => Math.abs(pixel[i]! - channel) <= 24);

test('a remote edit repaints its card: another person retitles an initiative and blocks its task, the canvas shows it', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'offsite', 'editor');
  const ada = await newUser(browser, 'Ada', true);
  const ben = await newUser(browser, 'Ben', true);
  const link = await hostSharedPlan(ada, server.url, token, 'offsite', 'Offsite plan');
  await joinSharedPlan(ben, link, 'Ben Guest');

  // Ada looks at the cascade, zoomed until the initiative's card is drawn in full.
  await ada.page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Cascade' }).click();
  const canvas = new CanvasDriver(ada.page);
  await expect.poll(() => canvas.cards()).toBeGreaterThan(2);
  await canvas.click('Open a Munich office').expectSelected('Open a Munich office');
  for (let i = 0; i < 6 && (await canvas.cardRect('Open a Munich office')).width < 200; i++) await canvas.press('+');
  const card = await canvas.cardRect('Open a Munich office');
  const initiative = await canvas.nodeId('Open a Munich office');
  const cards = await canvas.cards();
  // The health stripe on the card's leading edge, and the card's centre for the hit-test.
  const k = (await canvas.view()).k;
  const stripe = { x: card.x + 3 * k, y: card.y + card.height / 2 };
  const centre = { x: card.x + card.width / 2, y: card.y + card.height / 2 };
  // The closed card's health bar (its one hidden task), near its left end.
  const bar = { x: card.x + 20 * k, y: card.y + (card.height / k - 5) * k };
  expect(await canvas.card('Open a Munich office')).toEqual({ title: 'Open a Munich office', health: 'on track', badges: [] });
  expect(near(await canvas.pixel(stripe.x, stripe.y), HEALTH_RGB['on track']!)).toBe(true);
  expect(await canvas.cardAt(centre.x, centre.y)).toBe(initiative);
  expect(near(await canvas.pixel(bar.x, bar.y), HEALTH_RGB['on track']!)).toBe(true);

  // Ben, on his own device, retitles the initiative and blocks the task under it.
  const benDetail = new DetailPanel(ben.page);
  await ben.outline.select('initiative', 'Open a Munich office');
  await benDetail.setField('Title', 'Open a Berlin office');
  await ben.outline.select('task', 'Sign the office lease');
  await benDetail.selectField('Status', 'Blocked');
  await ben.shell.expectSyncStatus('Synced');

  // Ada's canvas repaints that card where it stands: new title, new health colour, same layout.
  await expect.poll(async () => (await canvas.cardById(initiative))?.title).toBe('Open a Berlin office');
  await expect.poll(async () => (await canvas.cardById(initiative))?.health).not.toBe('on track');
  const painted = (await canvas.cardById(initiative))!;
  await expect.poll(async () => near(await canvas.pixel(stripe.x, stripe.y), HEALTH_RGB[painted.health]!)).toBe(true);
  expect(near(await canvas.pixel(stripe.x, stripe.y), HEALTH_RGB['on track']!)).toBe(false);
  // The hidden task is blocked now: the health bar of what the card hides is no longer all on track.
  expect(near(await canvas.pixel(bar.x, bar.y), HEALTH_RGB['on track']!)).toBe(false);
  expect(await canvas.cardAt(centre.x, centre.y)).toBe(initiative);
  expect(await canvas.cards()).toBe(cards);
  // The detail panel beside the canvas follows the same edit.
  await expect(ada.page.getByRole('complementary', { name: 'Details' }).getByRole('textbox', { name: 'Title', exact: true })).toHaveValue('Open a Berlin office');
  await ada.page.screenshot({ path: 'docs/screenshots/canvas-remote-edit.png' });

  // The whole page with the canvas open (header, toolbar, canvas, detail panel) passes axe.
  expect(await seriousViolations(ada.page)).toEqual([]);
  await ada.page.getByLabel('Risk view').selectOption('Blocked work');
  expect(await seriousViolations(ada.page)).toEqual([]);

  await closeContexts(ada.context, ben.context);
});
