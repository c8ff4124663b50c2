// usercheck14's left item (usercheck16): Ada adds a key result, Ben (offline) sets its target to 4 in the
// detail panel, and Ada presses Ctrl+Z twice (her typing, her new line) then Ctrl+Shift+Z twice. Her redo
// brings back a new copy of the key result; Ben's value went into the old copy's map. After he
// reconnected, both detail panels showed no target at all and nothing listed his 4: lost without a word.
// Each field edit record now names the copy of the map it was written into, and a lone one written into
// another copy is the field's value (field-edits.ts), as a rename typed into another copy of the title is.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { twoOnANewKeyResult, undoAndRedoTheNewLine } from './support/undone-create.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('a target set offline on a key result its maker undid and redid meanwhile is the target on both devices, listed nowhere', async ({ browser }) => {
  test.setTimeout(180_000);
  const { ada, ben, errors } = await twoOnANewKeyResult(browser, server, 'redo-before-field-edit', 'Redo field edit plan');
  const adaDetails = new DetailPanel(ada.page), benDetails = new DetailPanel(ben.page);

  // Ben, offline, sets the new key result's target to 4.
  await ben.context.setOffline(true);
  await ben.shell.expectSyncStatus('Offline');
  await ben.outline.select('key result', 'Churn under 5%');
  await benDetails.setField('Target value', '4');
  await expect(benDetails.field('Target value')).toHaveValue('4');

  // Meanwhile Ada undoes her typing and her new line, then redoes both.
  await undoAndRedoTheNewLine(ada);

  await ben.context.setOffline(false);
  await ben.shell.expectSyncStatus('Synced');
  await ada.shell.expectSyncStatus('Synced');
  for (const [user, details] of [[ada, adaDetails], [ben, benDetails]] as const) {
    await user.outline.select('key result', 'Churn under 5%');
    await expect(details.field('Target value')).toHaveValue('4');
    await expect(details.root.getByRole('list', { name: 'Target value conflicts' })).toHaveCount(0);
    if (user === ada) {
      await expectAccessible(ada.page, 'the detail panel of a key result whose target Ben set offline across Ada’s undo and redo');
      await ada.page.screenshot({ path: 'test-results/redo-before-offline-field-edit.png' });
    }
    await user.shell.goTo('Execution pulse');
    await expect(user.page.getByRole('region', { name: 'Work on deleted items' })).toHaveCount(0);
    await user.shell.goTo('Outline');
  }
  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
