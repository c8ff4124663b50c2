// usercheck19: the cascade's SVG export with titles as people (and pasted text) write them: markup,
// `</text>`, `&` and quotes, right-to-left text with an override, an emoji ZWJ sequence and a combining
// accent, a title far longer than a card. The file is parsed by Chromium's own XML parser: well formed,
// no element a title could have smuggled in, and each card's <title> holds the title exactly as typed.
// review40b F9: the override is refused when typed now; the title holding it is stored as an older version
// stored it, and the card (its <title> and its text) names it in letters ("RLO"), as the canvas draws it.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { newUser } from './support/two-users.js';
import { openStoredCascade } from './support/stored-cascade.js';
import { appendToTitle } from './support/outline-steps.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { europeCascade } from './support/outline-steps.js';
import { withStandIns } from './support/older-client.js';
import { namedControlText } from '../../shared/text/control-characters.js';

let server: RunningProcess;
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const markup = ' <script>alert(1)</script></text><text>& "q" \'a\' &amp;';
const rightToLeft = ' שלום \u202eevil\u202c 👩🏽‍💻 café';
const long = ` ${'very long title '.repeat(18).trim()}`;

test('the SVG export of titles holding markup, right-to-left text, emoji and a long title is well formed and shows them as typed', async ({ browser }) => {
  const user = await newUser(browser, 'exporter');
  // The key result's title holds the override as an older version stored it.
  await openStoredCascade(user, server.url, 'Hostile titles', europeCascade.map((title) => (title === 'Revenue from DACH' ? withStandIns(`${title}${rightToLeft}`) : title)));
  await appendToTitle(user.outline, 'objective', 'Win the DACH market', markup);
  await appendToTitle(user.outline, 'initiative', 'Open a Munich office', long);
  await user.page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Cascade' }).click();
  await expect(user.page.getByTestId('cascade-canvas')).toBeVisible();
  await expectAccessible(user.page, 'the cascade with hostile titles');
  const [download] = await Promise.all([user.page.waitForEvent('download'), user.page.getByRole('button', { name: 'Export SVG' }).click()]);
  const svg = readFileSync((await download.path())!, 'utf8');
  const parsed = await user.page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      errors: doc.getElementsByTagName('parsererror').length,
      scripts: doc.getElementsByTagName('script').length,
      titles: [...doc.querySelectorAll('g > title')].map((title) => title.textContent),
      texts: doc.getElementsByTagName('text').length,
      cards: doc.querySelectorAll('g[data-node-id]').length,
    };
  }, svg);
  expect(parsed.errors).toBe(0);
  expect(parsed.scripts).toBe(0);
  expect(parsed.cards).toBeGreaterThanOrEqual(3);
  expect(parsed.titles).toEqual(expect.arrayContaining([`Win the DACH market${markup}`, namedControlText(`Revenue from DACH${rightToLeft}`), `Open a Munich office${long}`]));
  expect(namedControlText(`Revenue from DACH${rightToLeft}`)).toBe('Revenue from DACH שלום RLO evil\u202c 👩🏽‍💻 café');
  expect(svg).not.toMatch(/[\u202d\u202e]/u);
  // Three or four text lines per card (kind, title, footer, progress when there is one), none added by a title.
  expect(parsed.texts).toBeLessThanOrEqual(4 * parsed.cards);
  // The long title is cut on its card between whole characters, with an ellipsis.
  expect(svg).toContain('>Open a Munich office v…</text>');
  await closeContexts(user.context);
});
