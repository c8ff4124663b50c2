// usercheck12: a participant's announced name holding a right-to-left override (U+202E), after a stray
// pop-directional-isolate (U+2069) that would close an isolate round it, reversed the host screen's
// sentence after it: "This link is also used by …: they lose access too." read backwards. Each name in
// running text is now in its own bidi isolate with its controls balanced (shared/text/bidi-isolation.ts).
import { expect, test, type Locator } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WorkspacePage } from './pages/workspace-page.js';
import { expectAccessible } from './support/axe.js';
import { spawnUntilUrl } from './support/server.js';
import { newUser } from './support/two-users.js';
import { closeContexts } from './support/close-contexts.js';

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
    await mallory.shell.setIdentity('Mal\u2069\u202Elory');
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
