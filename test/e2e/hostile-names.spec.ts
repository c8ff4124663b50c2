// usercheck12: a participant's announced name holding a right-to-left override (U+202E), after a stray
// pop-directional-isolate (U+2069) that would close an isolate round it, reversed the host screen's
// sentence after it: "This link is also used by …: they lose access too." read backwards. Each name in
// running text is now in its own bidi isolate with its controls balanced (shared/text/bidi-isolation.ts).
// usercheck13: sentences built as one string (the pulse's "Changed since “…”", the notices) are too.
// review40b F9: the app now refuses an override when typed, so the hostile names here are stored as an
// older version stored them: Mallory's device identity in its storage, titles and a review point name by
// an older client in the plan (support/older-client.ts). Plans and devices still hold them.
import { expect, test, type Locator } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DetailPanel } from './pages/detail-panel.js';
import { PulsePage } from './pages/pulse-page.js';
import { ReviewPage } from './pages/review-page.js';
import { WorkspacePage } from './pages/workspace-page.js';
import { expectAccessible } from './support/axe.js';
import { spawnUntilUrl, startSyncServer } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { newUser, twoOnOnePlan } from './support/two-users.js';
import { closeContexts } from './support/close-contexts.js';
import { olderClient, withStandIns } from './support/older-client.js';
import { createReviewPoint } from '../../shared/model/history/index.js';
import type { NodeId, Plan } from '../../shared/model/index.js';
import { namedControlText } from '../../shared/text/control-characters.js';

/** The id of the node titled `title` in the older client's plan. */
function nodeTitled(plan: Plan, title: string): NodeId {
  plan.index.refresh(Date.now());
  const id = [...plan.index.walk()].find((candidate) => plan.index.title(candidate) === title);
  if (id === undefined) throw new Error(`no node titled ${title}`);
  return id;
}

/** Where each character of `words` sits on screen (left edge, line top), found in the text inside `holder`. */
async function characterBoxes(holder: Locator, words: string): Promise<Array<{ left: number; top: number }>> {
  return holder.evaluate((element, wanted) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(wanted);
      if (at < 0) continue;
      const boxes: Array<{ left: number; top: number }> = [];
      for (let index = at; index < at + wanted.length; index += 1) {
        const range = document.createRange();
        range.setStart(node, index);
        range.setEnd(node, index + 1);
        const box = range.getBoundingClientRect();
        boxes.push({ left: box.left, top: box.top });
      }
      return boxes;
    }
    return [];
  }, words);
}

/** Characters on one line run left to right (the cell may wrap the sentence onto a second line). */
function expectLeftToRight(boxes: Array<{ left: number; top: number }>, what: string) {
  for (let index = 1; index < boxes.length; index += 1) {
    if (Math.abs(boxes[index]!.top - boxes[index - 1]!.top) > 1) continue;
    expect(boxes[index]!.left, `character ${index} of ${what}`).toBeGreaterThan(boxes[index - 1]!.left);
  }
}

test('a participant\'s name holding a right-to-left override does not reverse the host screen\'s sentence around it', async ({ browser }) => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'throughline-hostile-names-'));
  const started = await spawnUntilUrl(process.execPath, ['scripts/start.mjs'], /Host link[^:]*: (http\S+)/, { THROUGHLINE_BROWSER_MODE: '1', PORT: '0', THROUGHLINE_DATA: dataDir });
  const workspaceLink = /Workspace link[^:]*: (http\S+)/.exec(started.output())?.[1] ?? '';
  const [host, ana, mallory] = [await newUser(browser, 'host'), await newUser(browser, 'Ana'), await newUser(browser, 'Mallory')];
  try {
    await host.shell.open(started.url);
    const panel = host.page.getByRole('region', { name: 'Hosting workspace “local”' });
    await expect(panel).toBeVisible();

    await ana.shell.open(workspaceLink);
    await new WorkspacePage(ana.page).createPlan('Offsite 2027');
    await ana.shell.setIdentity('Ana');
    await ana.shell.expectSyncStatus('Synced');

    // Mallory joins on the same link and announces a name that closes an isolate and opens an override.
    await mallory.shell.open(workspaceLink);
    await new WorkspacePage(mallory.page).open('local', 'Offsite 2027');
    // Her device's name, saved by an older version (this one refuses the override when typed).
    await mallory.page.evaluate((identity) => localStorage.setItem('throughline:identity:v1', JSON.stringify(identity)), { name: 'Mal\u2069\u202Elory', colour: '#a24bd1', personByPlan: {} });
    await mallory.page.reload();
    await mallory.shell.expectSyncStatus('Synced');

    const people = panel.getByRole('table');
    const anaRow = people.getByRole('row', { name: 'Ana', exact: true });
    await expect(people.getByRole('row')).toHaveCount(3);
    await anaRow.getByRole('button', { name: 'Revoke access of Ana' }).click();
    const confirm = anaRow.getByRole('group', { name: 'Confirm revoking Ana' });
    await expect(confirm).toContainText('This link is also used by');
    await expect(confirm).toContainText(': they lose access too.');

    // The words after the name run left to right, as the words before it do.
    const before = await characterBoxes(confirm, 'This link');
    const after = await characterBoxes(confirm, 'they lose access too');
    expect(before).toHaveLength('This link'.length);
    expect(after).toHaveLength('they lose access too'.length);
    expectLeftToRight(before, '"This link"');
    expectLeftToRight(after, '"they lose access too"');
    await expectAccessible(host.page, 'host screen confirming a revoke beside a name holding an override');
  } finally {
    await closeContexts(host.context, ana.context, mallory.context);
    await started.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a review point and a title holding a stray PDI and an override reverse neither the pulse\'s sentence nor the notice after them', async ({ browser }) => {
  test.setTimeout(180_000);
  const server = await startSyncServer();
  const token = mintToken(server.dataDir, 'hostile-titles', 'editor');
  const { ada, ben, errors, link } = await twoOnOnePlan(browser, server.url, token, 'hostile-titles', 'Hostile titles');
  const older = await olderClient(link);
  try {
    // A review point named with a PDI that would close an isolate round it, then an override left open.
    older.write((_, doc) => { createReviewPoint(doc, { id: 'r-older', name: withStandIns('Q1\u2069\u202Eoffsite') }, { now: Date.now(), actor: 'older-client' }); });
    const review = new ReviewPage(ada.page);
    await review.open();
    await expect(ada.page.getByRole('main')).toContainText('Q1');
    await ada.shell.goTo('Outline');
    await ada.outline.select('key result', 'Revenue from DACH');
    await new DetailPanel(ada.page).setField('Target value', '500');
    await ada.shell.goTo('Execution pulse');
    const pulse = new PulsePage(ada.page);
    await pulse.open('Are priorities shifting?');
    const entry = pulse.entry('Are priorities shifting?', 'Revenue from DACH');
    await expect(entry).toContainText('Changed since');
    await expect(entry).toContainText(': target');
    expectLeftToRight(await characterBoxes(entry, 'Changed since'), '"Changed since"');
    const after = await characterBoxes(entry, ': target');
    expect(after).toHaveLength(': target'.length);
    expectLeftToRight(after, '": target"');
    await expectAccessible(ada.page, 'the pulse naming a review point that holds an override');

    older.write((plan) => plan.setTitle(nodeTitled(plan, 'Revenue from DACH'), withStandIns('Rev\u2069\u202Eenue')));

    // The review's Markdown file names each override in letters, ‹RLO›, in the point's name and the title: kept
    // inside their isolates, they still reversed their own letters for whoever read the file (fix41d's "not done").
    await review.open();
    await expect(ada.page.getByRole('main')).toContainText('renamed from');
    await expectAccessible(ada.page, 'the review since a point named with an override, ready to export');
    const download = ada.page.waitForEvent('download');
    await ada.page.getByRole('button', { name: 'Export Markdown' }).click();
    const markdown = await readFile(await (await download).path(), 'utf8');
    expect(markdown).not.toMatch(/[\u202d\u202e]/u);
    expect(markdown).toMatch(/^## Changes since “\u2068Q1\u2039RLO\u203aoffsite\u2069” /mu);
    expect(markdown).toContain('**\u2068Rev\u2039RLO\u203aenue\u2069**: renamed from “\u2068Revenue from DACH\u2069”');
    // As a reader sees the file: a plain text view of it in the browser.
    const reader = await ada.context.newPage();
    await reader.setContent(`<!doctype html><html lang="en"><title>review.md</title><pre>${markdown.replace(/&/gu, '&amp;').replace(/</gu, '&lt;')}</pre></html>`);
    await expect(reader.locator('pre')).toContainText('Q1\u2039RLO\u203aoffsite');
    await reader.screenshot({ path: 'test-results/review-markdown-override.png' });
    await reader.close();

    // The kept-typing notice names a key result titled the same way; the words after it read left to right.
    await ada.shell.goTo('Outline');
    const details = new DetailPanel(ada.page);
    // The outline names the override in letters (a chip), as it names other control characters.
    const shown = namedControlText('Rev\u2069\u202Eenue');
    await ada.outline.select('key result', shown);
    await details.field('Description').click();
    await ada.page.keyboard.type('Board asked in March');
    await ben.shell.expectSyncStatus('Synced');
    await ben.outline.select('key result', shown);
    await ben.outline.focus();
    await ben.outline.press('Delete');
    await ben.shell.expectSyncStatus('Synced');
    const notice = ada.page.getByRole('alert').filter({ hasText: 'was deleted by someone else while you typed its description' });
    await expect(notice).toBeVisible();
    const words = await characterBoxes(notice, ' was deleted by someone else while you typed its description');
    expect(words).toHaveLength(' was deleted by someone else while you typed its description'.length);
    expectLeftToRight(words, '"was deleted by someone else …"');
    await expectAccessible(ada.page, 'the notice keeping words typed into a deleted item titled with an override');
    expect(errors).toEqual([]);
  } finally {
    older.close();
    await closeContexts(ada.context, ben.context);
    await server.stop();
  }
});

/** Each character of the text inside `holder`, in the order of the text, with where it sits on screen. */
async function textCharacters(holder: Locator): Promise<Array<{ char: string; left: number; top: number }>> {
  return holder.evaluate((element) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const characters: Array<{ char: string; left: number; top: number }> = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let index = 0; index < node.textContent!.length; index += 1) {
        const range = document.createRange();
        range.setStart(node, index);
        range.setEnd(node, index + 1);
        const box = range.getBoundingClientRect();
        characters.push({ char: node.textContent![index]!, left: box.left, top: box.top });
      }
    }
    return characters;
  });
}

// usercheck14: the Restore buttons of Work on deleted items kept plain labels (a <bdi> straight inside
// the flex button split its accessible name), so an override in the title reversed the closing quote
// after it. The label is now one inline span holding the isolated title.
test('a Restore button naming a title that holds a stray PDI and an override keeps its words in order and its name whole', async ({ browser }) => {
  test.setTimeout(180_000);
  const server = await startSyncServer();
  const token = mintToken(server.dataDir, 'hostile-restore', 'editor');
  const { ada, ben, errors, link } = await twoOnOnePlan(browser, server.url, token, 'hostile-restore', 'Hostile restore');
  const hostile = 'Q1\u2069\u202Eoffsite';
  const older = await olderClient(link);
  try {
    older.write((plan) => plan.setTitle(nodeTitled(plan, 'Open a Munich office'), withStandIns(hostile)));
    await expect(ada.outline.row('initiative', namedControlText(hostile))).toBeVisible();
    await expect(ben.outline.row('initiative', namedControlText(hostile))).toBeVisible();

    // Ben checks in offline on a task of the initiative Ada deletes meanwhile.
    await ben.context.setOffline(true);
    await ben.shell.expectSyncStatus('Offline');
    await ada.outline.select('initiative', namedControlText(hostile));
    await ada.outline.focus();
    await ada.page.keyboard.press('Delete');
    await expect(ada.outline.row('task', 'Sign the office lease')).toHaveCount(0);
    await ben.outline.select('task', 'Sign the office lease');
    await new DetailPanel(ben.page).addCheckIn({ status: 'Off track', note: 'landlord silent' });
    await expect(new DetailPanel(ben.page).history).toHaveCount(1);
    await ben.context.setOffline(false);
    await ben.shell.expectSyncStatus('Synced');

    await ada.shell.goTo('Execution pulse');
    const notice = ada.page.getByRole('region', { name: 'Work on deleted items' });
    await expect(notice).toContainText('1 check-in, the latest by Ben Guest');
    const restore = notice.getByRole('button');
    await expect(restore).toHaveCount(1);
    const characters = await textCharacters(restore);
    const ours = 'Restore initiative “';
    expect(characters.map((character) => character.char).join('')).toContain(ours);
    expectLeftToRight(characters.slice(0, ours.length), `"${ours}"`);
    // The closing quote is ours too: it stays after the title, the rightmost character of the label.
    const closing = characters.at(-1)!;
    expect(closing.char).toBe('”');
    // (The bidi controls draw nothing, so they have no place to compare.)
    for (const [index, character] of characters.slice(0, -1).entries()) {
      if (/[\u202a-\u202e\u2066-\u2069]/u.test(character.char)) continue;
      expect(closing.left, `the closing quote against character ${index} (${JSON.stringify(character.char)})`).toBeGreaterThan(character.left);
    }
    // One whole name: the title as shown (its stray PDI dropped, its override named as its chip "RLO", review40b F9).
    await expect(restore).toHaveAccessibleName('Restore initiative “Q1 RLO offsite\u202C”');
    await expect(restore.locator('.control-chip')).toHaveText('RLO');
    await expectAccessible(ada.page, 'a Restore button naming a title that holds an override');
    await restore.screenshot({ path: 'test-results/hostile-restore-button.png' });

    await restore.click();
    await ada.shell.goTo('Outline');
    await expect(ada.outline.row('task', 'Sign the office lease')).toBeVisible();
    expect(errors).toEqual([]);
  } finally {
    older.close();
    await closeContexts(ada.context, ben.context);
    await server.stop();
  }
});
