// Presence colours come from other people's apps (any #rrggbb they pick, or one an older app drew for a
// guest): the avatar's initials must read on any of them. A pale yellow and a mid teal (the old drawn
// #138a8a, 4.17:1 under white) were audited as contrast failures on the page of whoever saw them.
import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { hostSharedPlan, newUser } from './support/two-users.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { parseJoinHash } from '../../renderer/src/sync/join-link.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('two people whose presence colours do not suit white initials: both avatars read at 4.5:1 on the other\'s screen', async ({ browser }) => {
  const ada = await newUser(browser, 'Ada', true);
  const link = await hostSharedPlan(ada, server.url, mintToken(server.dataDir, 'colours', 'editor'), 'colours', 'Colour plan');
  const join = parseJoinHash(new URL(link).hash);
  if (join.kind !== 'join' || !join.request.plan) throw new Error(`not a plan link: ${link}`);
  const peers = [['Pale Pat', '#ffff66'], ['Teal Tom', '#138a8a']].map(([name, colour]) => {
    const peer = new WebsocketProvider(`${join.request.server}/${join.request.workspace}`, join.request.plan!, new Y.Doc(), {
      params: { token: join.request.token }, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true,
    });
    peer.awareness.setLocalState({ user: { name, colour }, selection: null, view: 'outline' });
    return peer;
  });
  try {
    for (const [name, ink] of [['Pale Pat', 'rgb(0, 0, 0)'], ['Teal Tom', 'rgb(0, 0, 0)']] as const) {
      const avatar = ada.page.getByRole('img', { name: `${name} is here` });
      await expect(avatar).toBeVisible({ timeout: 15_000 });
      await expect(avatar).toHaveCSS('color', ink);
    }
    await expectAccessible(ada.page, 'the header with two pale and mid-tone avatars');
    await ada.page.screenshot({ path: 'docs/screenshots/presence-colours.png' });
  } finally {
    for (const peer of peers) peer.destroy();
    await closeContexts(ada.context);
  }
});
