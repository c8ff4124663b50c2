import type { Page } from '@playwright/test';

/** The last console messages and uncaught errors of each page, for a failure's message. */
const logs = new WeakMap<Page, string[]>();
const kept = 40;

/** Starts keeping `page`'s console warnings and errors and its uncaught exceptions. */
export function recordPageLog(page: Page): void {
  const lines: string[] = [];
  logs.set(page, lines);
  const keep = (line: string) => {
    lines.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
    if (lines.length > kept) lines.shift();
  };
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') keep(`console.${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => keep(`uncaught: ${error.stack ?? error.message}`));
}

/** What `page` logged (the last few lines), or a note that nothing was kept. */
export function pageLog(page: Page): string {
  const lines = logs.get(page);
  if (lines === undefined) return '(the page\'s log was not recorded)';
  return lines.length === 0 ? '(no console warnings or errors)' : lines.join('\n');
}

/**
 * What a person would see and what the page logged: the message of a step that waited in vain, so a
 * failure in CI (where only the log is kept) says what the page showed instead.
 */
export async function describePage(page: Page): Promise<string> {
  const snapshot = await page.locator('body').ariaSnapshot({ timeout: 5_000 }).catch((error: unknown) => `(no snapshot: ${String(error)})`);
  return `The page showed:\n${snapshot}\nIts log:\n${pageLog(page)}`;
}
