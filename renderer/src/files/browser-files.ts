/**
 * Browser mode's side of the file bridge: exports become downloads, the review pack prints through
 * the browser's print dialog (where "Save as PDF" is one choice). Nothing here reads the disk.
 */
import type { PrintRequest, SaveFileRequest, SaveFileResult } from '../../../shared/bridge/desktop-api.js';

/** Downloads `content` (text or bytes) as a file named `suggestedName`. */
export function downloadFile(request: SaveFileRequest): Promise<SaveFileResult> {
  // Bytes (a workbook) are copied into a buffer of their own: a Blob takes no view of a shared one.
  const content = typeof request.content === 'string' ? request.content : request.content.slice();
  const url = URL.createObjectURL(new Blob([content], { type: request.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = request.suggestedName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL; revoking at once can cancel it in some browsers.
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return Promise.resolve({ outcome: 'saved', where: `your downloads as ${request.suggestedName}` });
}

/**
 * Prints the document from this page: its markup goes into a print-only element and its styles into
 * a constructed stylesheet (the page's CSP forbids <style> elements and style attributes, not the CSSOM).
 */
export function printInPage(request: PrintRequest): Promise<SaveFileResult> {
  const root = document.createElement('div');
  root.id = 'print-root';
  // The markup is built by review-pack.ts from escaped text; it holds no scripts.
  root.innerHTML = request.bodyHtml;
  document.body.append(root);
  const sheet = new CSSStyleSheet();
  // The document prints on its own, whatever the app's print rules say: review.css's rules for printing the
  // Review view hid everything else (`body * { visibility: hidden }`), so every page of the pack came out
  // blank (review44c F1). The app's grey page background stays off the paper.
  sheet.replaceSync(`@media screen { #print-root { display: none; } } @media print { body > *:not(#print-root) { display: none !important; } html, body { background: #fff !important; } #print-root, #print-root * { visibility: visible !important; } #print-root { position: static !important; } } ${request.css}`);
  const previous = document.adoptedStyleSheets;
  document.adoptedStyleSheets = [...previous, sheet];
  const title = document.title;
  document.title = request.suggestedName.replace(/\.pdf$/i, '');
  const cleanUp = () => {
    root.remove();
    document.adoptedStyleSheets = previous;
    document.title = title;
  };
  window.addEventListener('afterprint', cleanUp, { once: true });
  window.print();
  return Promise.resolve({ outcome: 'saved', where: 'the print dialog (choose "Save as PDF")' });
}
