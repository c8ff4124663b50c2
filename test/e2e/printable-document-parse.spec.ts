// The printed document read by a real HTML parser (review32 finding 7): Chromium's, the engine that
// prints it in the desktop app. The unit test (test/shared/bridge/printable-document.test.ts) checks
// the same strictly without a parser, as the repository has none for Node; here a thousand hostile
// titles and style texts go through DOMParser: one title, one style element, no script, the body as
// given, and the title and style read back as written (the style's `\3c ` is the CSS escape of `<`).
import fc from 'fast-check';
import { expect, test } from '@playwright/test';
import { printableDocument } from '../../shared/bridge/desktop-api.js';

const hostile = fc.oneof(
  fc.string({ maxLength: 40, unit: fc.constantFrom('<', '/', '>', 'style', 'STYLE', 'sTyLe', 'title', 'script', ' ', '\t', '\n', '\f', '\r', '\\', '<!--', '-->', '&', '"', "'", '</', '</style', '<script>', 'a') }),
  fc.string({ maxLength: 40 }),
);

test('whatever the title and style text hold, the parsed document has one title, one style element, no script and the body as given', async ({ page }) => {
  const samples = fc.sample(fc.tuple(hostile, hostile), { numRuns: 1000, seed: 31 });
  samples.push(['</title><script>x</script>', '</</stylestyle><script>alert(1)</script>'], ['T', 'a{}</style ><img src=x>'], ['T', '</STYLE\n><b>']);
  const documents = samples.map(([title, css]) => ({ title, css, html: printableDocument({ suggestedName: 'x.pdf', title, bodyHtml: '<main>Pack</main>', css }) }));
  const read = await page.evaluate((all) => all.map(({ html }) => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    return {
      styles: doc.querySelectorAll('style').length,
      scripts: doc.querySelectorAll('script').length,
      titles: doc.querySelectorAll('title').length,
      elements: [...doc.querySelectorAll('*')].map((element) => element.localName).join(' '),
      title: doc.title,
      style: doc.querySelector('style')?.textContent ?? null,
      body: doc.body.innerHTML,
    };
  }), documents);
  // The structure first, over every document: nothing injected anywhere.
  const injected = read.map((parsed, index) => ({ parsed, index })).filter(({ parsed }) => parsed.elements !== 'html head meta meta title style body main' || parsed.body !== '<main>Pack</main>');
  expect(injected.map(({ parsed, index }) => ({ title: documents[index]!.title, css: documents[index]!.css, elements: parsed.elements }))).toEqual([]);
  for (const [index, parsed] of read.entries()) {
    const { title, css } = documents[index]!;
    const what = JSON.stringify({ title, css });
    // The title element collapses white space; the style text holds `<` only as its escape.
    expect(parsed.title, what).toBe(title.replace(/[\t\n\f\r ]+/g, ' ').trim());
    // (The parser reads CR LF and CR as LF; a backslash before `<` is covered by the unit test.)
    expect(parsed.style, what).not.toContain('<');
    if (!css.includes('\\')) expect(parsed.style!.replace(/\\3c /g, '<'), what).toBe(css.replace(/\r\n?/g, '\n'));
  }
});
