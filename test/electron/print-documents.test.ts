// The review pack printed to PDF is served to the hidden printer window from memory at app://print/…
// (review43b F6): it was a data: URL, and Chromium loads no URL over 2,097,152 characters, so a large
// plan's review pack could not be printed. The document is the real printableDocument of a large body.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { printableDocument } from '../../shared/bridge/desktop-api.js';
import { resolveAppResource } from '../../electron/app-protocol.js';
import { PrintDocuments, printResponseHeaders } from '../../electron/print-documents.js';
import { isAppUrl } from '../../electron/security.js';

/** Chromium's limit on a URL's length (url::kMaxURLChars; "Refusing to load URL as it exceeds 2097152 characters"). */
const MAX_URL_CHARS = 2 * 1024 * 1024;

/** A review pack's markup for `rows` key results (roughly what the pack prints per row). */
function largeReviewPack(rows: number): string {
  const row = (index: number) => `<tr><td class="title">Key result ${index}: grow ARR from 8.0 M€ to 9.5 M€ &amp; keep churn &lt; 2 %</td><td class="pace">on pace</td><td class="owner">Åsa Lindqvist</td></tr>`;
  return printableDocument({ suggestedName: 'Q3 review.pdf', title: 'Q3 review', css: 'td { padding: 2px; }', bodyHtml: `<table>${Array.from({ length: rows }, (_, index) => row(index)).join('')}</table>` });
}

describe('the printer window\'s document (review43b F6)', () => {
  it('a large review pack is served whole at a short URL (as a data: URL it was over Chromium\'s limit)', () => {
    const html = largeReviewPack(8_000);
    expect(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`.length).toBeGreaterThan(MAX_URL_CHARS);
    const documents = new PrintDocuments();
    const url = documents.add(html);
    expect(url.length).toBeLessThan(100);
    expect(documents.read(url)).toBe(html);
    documents.remove(url);
    expect(documents.read(url)).toBeNull();
  });

  it('answers only its own URLs, and they are not app pages (no IPC, not the web build)', () => {
    const documents = new PrintDocuments();
    const url = documents.add('<p>x</p>');
    expect(isAppUrl(url)).toBe(false);
    expect(PrintDocuments.isPrintUrl(url)).toBe(true);
    expect(resolveAppResource('/srv/web', url)).toMatchObject({ kind: 'refused', status: 404 });
    expect(resolveAppResource('/srv/web', 'app://evil/index.html')).toMatchObject({ kind: 'refused', status: 404 });
    expect(resolveAppResource('/srv/web', 'app://throughline/index.html')).toEqual({ kind: 'file', file: path.join('/srv/web', 'index.html') });
    for (const other of ['app://throughline/' + url.split('/').pop(), url.replace('.html', '.htm'), 'app://print/../index.html', 'app://print/', url + '/x']) {
      expect(documents.read(other), other).toBeNull();
    }
    expect(printResponseHeaders['Content-Security-Policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
  });
});
