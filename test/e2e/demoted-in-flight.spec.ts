import { expect, test, type WebSocketRoute } from '@playwright/test';
import { expectAccessible } from './support/axe.js';
import { hostedTrio } from './support/hosted-trio.js';

/**
 * usercheck6's leftover (hostfix): Ben's rename is on its way to the server when the host makes him a
 * viewer. The server refused it on arrival: it stayed in Ben's copy only, Ada never saw it, and nobody
 * said a word. His app now answers the host's role change on the same socket, and what it sent before
 * that answer (typed while he could edit) is kept.
 *
 * Ben's frames to the server are held (Playwright's WebSocket routing) from just before his Enter until
 * his app has been told, so the rename reaches the server after the demotion, every run.
 */
test('a rename on its way when the host makes the person a viewer reaches the plan, and nothing after it does', async ({ browser }) => {
  test.setTimeout(180_000);
  let holding = false;
  const held: { route: WebSocketRoute; server: WebSocketRoute; frames: (string | Buffer)[] }[] = [];
  const { ada, ben, panel, close } = await hostedTrio(browser, {
    beforeBenJoins: async (person) => {
      await person.context.routeWebSocket((url) => !url.pathname.startsWith('/_access'), (route) => {
        const server = route.connectToServer();
        const queue = { route, server, frames: [] as (string | Buffer)[] };
        held.push(queue);
        route.onMessage((message) => {
          if (holding || queue.frames.length > 0) queue.frames.push(message);
          else server.send(message);
        });
      });
    },
  });
  const release = () => {
    holding = false;
    for (const queue of held) for (const frame of queue.frames.splice(0)) queue.server.send(frame);
  };
  try {
    await ben.outline.select('objective', 'Win the DACH market');
    await ben.outline.focus();
    await ben.outline.press('F2');
    await ben.page.keyboard.press('End');
    await ben.page.keyboard.type(' and the Alpine region');
    // His Enter goes out as the host clicks: the rename is held on its way.
    holding = true;
    await ben.page.keyboard.press('Enter');
    await expect(ben.outline.row('objective', 'Win the DACH market and the Alpine region')).toBeVisible();
    expect(held.some((queue) => queue.frames.length > 0)).toBe(true);

    const benRow = panel.getByRole('table').getByRole('row', { name: 'Ben', exact: true });
    await benRow.getByRole('button', { name: 'Make viewer: Ben…' }).click();
    await benRow.getByRole('group', { name: 'Confirm making Ben a viewer' }).getByRole('button', { name: 'Make viewer', exact: true }).click();
    await expect(panel.getByRole('status')).toContainText('Ben is now a viewer.');
    // Ben's app is told (the host's frame reaches it; its answer waits behind the rename).
    await expect(ben.shell.notice('The host made you a viewer')).toBeVisible();
    release();

    // The rename typed while he was an editor is in the plan, for Ada too; nothing says it was lost.
    await expect(ada.outline.row('objective', 'Win the DACH market and the Alpine region')).toBeVisible({ timeout: 15_000 });
    await expect(ben.outline.row('objective', 'Win the DACH market and the Alpine region')).toBeVisible();
    await ben.shell.expectSyncStatus('Synced · view only');
    await ben.page.screenshot({ path: 'docs/screenshots/demoted-in-flight.png' });
    await expectAccessible(ben.page, 'participant made a viewer while his rename was on its way');

    // From his app's answer on he is a viewer: the outline does not let him rename, and Ada's title stays.
    await ben.outline.select('objective', 'Win the DACH market and the Alpine region');
    await ben.outline.focus();
    await ben.outline.press('F2');
    await expect(ben.outline.tree.getByRole('textbox', { name: 'Title', exact: true })).toHaveCount(0);
    await expect(ada.outline.row('objective', 'Win the DACH market and the Alpine region')).toBeVisible();
  } finally {
    release();
    await close();
  }
});

/** hostfix: the host cannot make their own app a viewer from the host screen (it would stop their own editing). */
test('the host screen marks the host\'s own app and does not offer making it a viewer', async ({ browser }) => {
  test.setTimeout(180_000);
  const { host, panel, close } = await hostedTrio(browser);
  try {
    await host.page.getByRole('button', { name: 'Open the workspace\'s plans on this device' }).click();
    await host.page.getByRole('navigation', { name: 'Workspaces you host' }).getByRole('link', { name: 'Manage who is connected and invite people' }).click();
    const own = panel.getByRole('table').getByRole('row', { name: /\(you, this window\)$/ });
    await expect(own).toHaveCount(1, { timeout: 15_000 });
    await expect(own.getByText('You host from here: you stay an editor')).toBeVisible();
    await expect(own.getByRole('button', { name: /^Make viewer/ })).toHaveCount(0);
    // Everyone else's row still offers it.
    await expect(panel.getByRole('table').getByRole('row', { name: 'Ben', exact: true }).getByRole('button', { name: 'Make viewer: Ben…' })).toBeVisible();
    await host.page.screenshot({ path: 'docs/screenshots/host-own-row.png' });
    await expectAccessible(host.page, 'host screen with the host\'s own row');
  } finally {
    await close();
  }
});
