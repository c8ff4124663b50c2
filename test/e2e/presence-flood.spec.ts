// review34, finding 1: a viewer link handed round a workshop announced 400,000 made-up participants in
// eight ordinary presence messages; every open page froze for 12 s and the header read "In this plan
// now: Ghost, Ghost, Ghost…". Now the server closes that connection with 1008 at its first message:
// Ada and Ben, on one plan in two browsers, keep seeing each other (and only each other), and a change
// of Ben's name still reaches Ada.
import { expect, test } from '@playwright/test';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { parseJoinHash } from '../../renderer/src/sync/join-link.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { hostSharedPlan, joinSharedPlan, newUser } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** The review's message: `count` fresh client ids, each with a valid-looking state named Ghost. */
function floodFrame(first: number, count: number): Uint8Array {
  const state = JSON.stringify({ user: { name: 'Ghost', colour: '#3b6fd8' }, selection: null, view: 'outline' });
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, count);
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(inner, first + i);
    encoding.writeVarUint(inner, 1);
    encoding.writeVarString(inner, state);
  }
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, 1);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

test('a viewer link announcing 100,000 participants is closed; Ada and Ben still see each other, and only each other', async ({ browser }) => {
  test.setTimeout(180_000);
  const ada = await newUser(browser, 'Ada', true);
  const ben = await newUser(browser, 'Ben', true);
  const errors: string[] = [];
  for (const [who, user] of [['Ada', ada], ['Ben', ben]] as const) user.page.on('pageerror', (error) => errors.push(`${who}: ${error.message}`));
  const link = await hostSharedPlan(ada, server.url, mintToken(server.dataDir, 'flood', 'editor'), 'flood', 'Workshop plan');
  await joinSharedPlan(ben, link, 'Ben Guest');
  const join = parseJoinHash(new URL(link).hash);
  if (join.kind !== 'join' || !join.request.plan) throw new Error(`not a plan link: ${link}`);
  try {
    await expect(ada.page.getByRole('img', { name: 'Ben Guest is here' })).toBeVisible({ timeout: 15_000 });
    // Someone with the workshop's viewer link floods the plan's presence.
    const viewerToken = mintToken(server.dataDir, 'flood', 'viewer');
    const flooder = new WebSocket(`${join.request.server}/${join.request.workspace}/${join.request.plan}?token=${encodeURIComponent(viewerToken)}`);
    const closed = new Promise<{ code: number; reason: string }>((resolve) => flooder.on('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })));
    await new Promise<void>((resolve, reject) => { flooder.once('open', () => resolve()); flooder.once('error', reject); });
    flooder.send(floodFrame(1_000_000, 50_000));
    flooder.send(floodFrame(1_050_000, 50_000));
    // A limit for a hang only: an open flooder (the old server) fails here rather than at the test's timeout.
    const stillOpen = new Promise<{ code: number; reason: string }>((resolve) => setTimeout(() => resolve({ code: -1, reason: 'still open after 30 s' }), 30_000).unref());
    expect(await Promise.race([closed, stillOpen])).toEqual({ code: 1008, reason: 'presence limit: more than 4 presence client ids on one connection' });
    flooder.terminate();
    // Ben changes his name: it reaches Ada's header, where nobody called Ghost ever appears.
    await ben.shell.setIdentity('Ben Okafor');
    await expect(ada.page.getByRole('img', { name: 'Ben Okafor is here' })).toBeVisible({ timeout: 15_000 });
    const group = ada.page.getByRole('group', { name: /^In this plan now:/ });
    await expect(group).toHaveAttribute('aria-label', 'In this plan now: Ben Okafor');
    await expect(ada.page.getByRole('img', { name: 'Ghost is here' })).toHaveCount(0);
    await expect(ben.page.getByRole('img', { name: 'Ghost is here' })).toHaveCount(0);
    await expectAccessible(ada.page, 'Ada\'s plan after the refused presence flood');
    await ada.page.screenshot({ path: 'docs/screenshots/presence-flood.png' });
    expect(errors).toEqual([]);
  } finally {
    await closeContexts(ada.context, ben.context);
  }
});
