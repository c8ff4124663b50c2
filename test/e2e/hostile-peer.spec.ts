// A buggy or hostile peer in the same plan: a stock y-websocket client holding an editor link writes
// what our app never would — wrong types, unknown kinds, a parent loop, a node that is no map, a
// check-in of text, a period that ends before it starts, a title of 100,000 characters — while Ada
// works in the plan. Every view still shows what can be read, nothing throws, the rest of the plan is
// untouched, and Ada's next edit still reaches everyone.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { CanvasDriver } from './pages/canvas-driver.js';
import { DetailPanel } from './pages/detail-panel.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { hostSharedPlan, newUser } from './support/two-users.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { parseJoinHash } from '../../renderer/src/sync/join-link.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** The plan's nodes by their title, as the stock client holds them. */
function nodesByTitle(doc: Y.Doc): Map<string, { id: string; node: Y.Map<unknown> }> {
  const found = new Map<string, { id: string; node: Y.Map<unknown> }>();
  doc.getMap<Y.Map<unknown>>('nodes').forEach((node, id) => {
    const title = node instanceof Y.Map ? node.get('title') : null;
    if (title instanceof Y.Text) found.set(title.toString(), { id, node });
  });
  return found;
}

/** What a hostile peer writes, none of it through the app's checks. */
function writeJunk(doc: Y.Doc): void {
  const nodes = nodesByTitle(doc);
  const objective = nodes.get('Win the DACH market')!;
  const keyResult = nodes.get('Revenue from DACH')!;
  const initiative = nodes.get('Open a Munich office')!;
  const task = nodes.get('Sign the office lease')!;
  doc.transact(() => {
    const all = doc.getMap<unknown>('nodes');
    // Values of the wrong type on a real node.
    keyResult.node.set('target', 'a lot');
    keyResult.node.set('start', Number.NaN);
    keyResult.node.set('weight', -5);
    keyResult.node.set('unit', { no: 'text' });
    task.node.set('dueDate', '2025-02-30');
    task.node.set('status', 'exploded');
    // A parent loop: the objective placed under its own task.
    objective.node.set('place', { parent: task.id, order: 'a0' });
    // Entries that are no node: a string, a map with an unknown kind, a map with no place.
    all.set('n-junk-text', 'hello');
    const banana = new Y.Map<unknown>();
    all.set('n-junk-kind', banana);
    banana.set('init', JSON.stringify({ kind: 'banana', place: { parent: 'root', order: 'a0' } }));
    const nowhere = new Y.Map<unknown>();
    all.set('n-junk-place', nowhere);
    nowhere.set('init', '{"kind":"task"');
    // A title far over the limit, written to the Y.Text directly.
    (initiative.node.get('title') as Y.Text).insert(0, 'x'.repeat(100_000));
    // Check-ins of text, of nothing, for no node; a period that ends before it starts; links to nowhere.
    const checkins = doc.getArray<unknown>('checkins');
    checkins.push(['value:lots', null, 42, { node: keyResult.id, value: 'lots', at: 'yesterday' }, [keyResult.id, 'x', Number.POSITIVE_INFINITY]]);
    const period = new Y.Map<unknown>();
    doc.getMap<Y.Map<unknown>>('periods').set('p-junk', period);
    period.set('init', JSON.stringify({ name: 'Q0', start: '2025-12-31', end: '2025-01-01' }));
    doc.getMap<unknown>('links').set(`${task.id}>contributes_to>n-nowhere`, true);
    doc.getMap<unknown>('meta').set('name', 12345);
  });
}

test('a peer writing junk into the plan: every view still shows what can be read, nothing throws, edits still sync', async ({ browser }) => {
  test.setTimeout(240_000);
  const token = mintToken(server.dataDir, 'hostile', 'editor');
  const ada = await newUser(browser, 'Ada', true);
  const errors: string[] = [];
  ada.page.on('pageerror', (error) => errors.push(`${error.message}\n${error.stack ?? ''}`));
  const link = await hostSharedPlan(ada, server.url, token, 'hostile', 'Hostile plan');
  const join = parseJoinHash(new URL(link).hash);
  if (join.kind !== 'join' || !join.request.plan) throw new Error(`not a plan link: ${link}`);

  // The peer: the stock client, in this process, with the same editor link.
  const doc = new Y.Doc();
  const peer = new WebsocketProvider(`${join.request.server}/${join.request.workspace}`, join.request.plan, doc, {
    params: { token: join.request.token }, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true,
  });
  try {
    await expect.poll(() => peer.synced && nodesByTitle(doc).has('Sign the office lease'), { timeout: 30_000 }).toBe(true);
    writeJunk(doc);

    // Ada's outline: the readable nodes are all there, the loop is broken, the long title is cut in the row.
    // The 100,000-character title is shown cut, and still names its row.
    await expect(ada.outline.row('initiative', `${'x'.repeat(499)}…`)).toBeVisible({ timeout: 15_000 });
    // The loop is broken where every replica breaks it (which node it detaches depends on the replicas'
    // ids, so differs from run to run); each readable node is shown exactly once.
    await ada.page.getByRole('button', { name: 'Expand all' }).click();
    await expect.poll(async () => (await ada.outline.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''))).sort()).toEqual([
      `INI ${'x'.repeat(499)}…`, 'KR Revenue from DACH', 'OBJ Win the DACH market', 'STR Grow in Europe', 'TSK Sign the office lease',
    ]);
    // No one's move made the loop, so no row claims a move was undone: the detached node says "Loop broken".
    await expect(ada.outline.tree.locator('.signal-badge', { hasText: 'Loop broken' })).toHaveCount(1);
    await expect(ada.outline.tree.locator('.signal-badge', { hasText: /undone/i })).toHaveCount(0);
    await ada.outline.select('key result', 'Revenue from DACH');
    const detail = new DetailPanel(ada.page);
    const views = ada.page.getByRole('navigation', { name: 'Views' });
    await expect(detail.field('Title')).toHaveValue('Revenue from DACH');
    await expectAccessible(ada.page, 'the outline after a peer wrote junk into the plan');
    await ada.page.screenshot({ path: 'docs/screenshots/hostile-peer-outline.png' });
    await views.getByRole('link', { name: 'Cascade' }).click();
    const canvas = new CanvasDriver(ada.page);
    await expect.poll(() => canvas.cards()).toBeGreaterThanOrEqual(5);
    expect((await canvas.card(`${'x'.repeat(499)}…`))?.title).toBe(`${'x'.repeat(499)}…`);
    await ada.page.screenshot({ path: 'docs/screenshots/hostile-peer-cascade.png' });

    // Every other view opens and shows the plan, not an error.
    for (const view of ['Cascade', 'Execution pulse', 'Review', 'My work', 'People & teams', 'Outline']) {
      await views.getByRole('link', { name: view }).click();
      await expect(ada.page.getByRole('main')).toBeVisible();
      await expect(ada.page.getByRole('alert').filter({ hasText: /could not be (loaded|shown)/ })).toHaveCount(0);
    }

    // Ada keeps working: a rename and a new line reach the peer, and nothing the peer wrote was rewritten.
    await ada.outline.select('task', 'Sign the office lease');
    await detail.setField('Title', 'Sign the Munich lease');
    await ada.shell.expectSyncStatus('Synced');
    await expect.poll(() => nodesByTitle(doc).has('Sign the Munich lease'), { timeout: 15_000 }).toBe(true);
    expect(doc.getMap<unknown>('nodes').get('n-junk-text')).toBe('hello');

    // usercheck17: Ada exports the plan file and opens it. The file held the peer's 100,000 x's whole
    // and the app refused its own export as "damaged"; it holds the title as every view shows it now.
    await ada.page.getByRole('button', { name: 'File', exact: true }).click();
    const planDownload = ada.page.waitForEvent('download');
    await ada.page.getByRole('button', { name: 'Export plan file (.throughline)' }).click();
    const download = await planDownload;
    await ada.page.goto(`${server.url}#/`);
    await ada.page.getByLabel('Plan file to open').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: readFileSync(await download.path()) });
    // The peer's parent loop is in the file as the plan holds it, so opening asks first and names it (filesfix2).
    const loopDialog = ada.page.getByRole('dialog', { name: `Open ${download.suggestedFilename()}?` });
    await expect(loopDialog.getByRole('list', { name: 'Loops of parents' }).getByRole('listitem')).toHaveCount(1);
    await loopDialog.getByRole('button', { name: 'Open as listed' }).click();
    await expect(ada.outline.row('task', 'Sign the Munich lease')).toBeVisible();
    await expect(ada.outline.row('initiative', `${'x'.repeat(499)}…`)).toBeVisible();
    await expect(ada.page.getByRole('alert').filter({ hasText: 'damaged' })).toHaveCount(0);
    expect(errors).toEqual([]);
  } finally {
    peer.destroy();
    await closeContexts(ada.context);
  }
});
