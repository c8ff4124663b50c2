import { expect, test } from '@playwright/test';
import { CanvasDriver } from './pages/canvas-driver.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { hostSharedPlan, joinSharedPlan, newUser, type User } from './support/two-users.js';
import { closeContexts } from './support/close-contexts.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

async function openCanvas(user: User): Promise<{ canvas: CanvasDriver }> {
  await user.page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Cascade' }).click();
  const canvas = new CanvasDriver(user.page);
  await expect.poll(() => canvas.cards()).toBeGreaterThan(2);
  return { canvas };
}

test('follow: a participant\'s canvas follows the presenter\'s view and selection until they pan away', async ({ browser }) => {
  const token = mintToken(server.dataDir, 'workshop', 'editor');
  const host = await newUser(browser, 'host', true);
  const guest = await newUser(browser, 'guest', true);
  const link = await hostSharedPlan(host, server.url, token, 'workshop', 'Offsite plan');
  await joinSharedPlan(guest, link, 'Ben Guest');

  const { canvas: hostCanvas } = await openCanvas(host);
  const { canvas: guestCanvas } = await openCanvas(guest);
  await host.page.getByRole('button', { name: 'Present' }).click();
  await guest.page.getByRole('button', { name: 'Follow Ada Host (presenting)' }).click();
  await expect(guest.page.getByRole('button', { name: 'Stop following Ada Host' })).toBeVisible();

  // The presenter zooms, pans and selects: the follower's view and selection follow.
  await hostCanvas.click('Open a Munich office').press('+', '+');
  const presenterView = await hostCanvas.view();
  await expect.poll(async () => (await guestCanvas.view()).k).toBeCloseTo(presenterView.k, 4);
  await guestCanvas.expectSelected('Open a Munich office');
  // The same world point is at the centre of both screens.
  const centre = (view: { x: number; y: number; k: number }, width: number, height: number) => [(width / 2 - view.x) / view.k, (height / 2 - view.y) / view.k];
  const hostBox = (await hostCanvas.element.boundingBox())!;
  const guestBox = (await guestCanvas.element.boundingBox())!;
  const [hx, hy] = centre(presenterView, hostBox.width, hostBox.height);
  await expect.poll(async () => centre(await guestCanvas.view(), guestBox.width, guestBox.height)[0]).toBeCloseTo(hx!, 0);
  expect(centre(await guestCanvas.view(), guestBox.width, guestBox.height)[1]).toBeCloseTo(hy!, 0);
  // The presenter's selection is marked on the follower's card in the presenter's colour.
  await guest.page.screenshot({ path: 'docs/screenshots/canvas-follow.png' });

  // The participant pans away: following stops, and the presenter's next zoom no longer moves them.
  await guestCanvas.pan(await guestCanvas.emptyPoint(), 120, -40);
  await expect(guest.page.getByRole('button', { name: 'Follow Ada Host (presenting)' })).toBeVisible();
  await expect(guest.page.getByTestId('canvas-notices')).toHaveText('Stopped following: you moved the view.');
  const own = await guestCanvas.view();
  await hostCanvas.press('-');
  await expect.poll(async () => (await hostCanvas.view()).k).toBeLessThan(presenterView.k);
  // Wait until the presenter's zoom has reached the participant (it travels in presence), then until
  // the page has rendered it and run its effects (two frames): a follow still on would have moved
  // the view by then.
  const zoomedOut = (await hostCanvas.view()).k;
  await expect.poll(() => guest.page.evaluate(() => (window as unknown as { __throughline: { peerZooms(): Record<string, number | null> } }).__throughline.peerZooms()['Ada Host'] ?? -1)).toBeCloseTo(zoomedOut, 4);
  await guest.page.evaluate(() => new Promise<void>((resolve) => { requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0))); }));
  expect(await guestCanvas.view()).toEqual(own);

  await closeContexts(host.context, guest.context);
});
