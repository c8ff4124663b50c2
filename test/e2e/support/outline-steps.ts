// Outline steps that several end-to-end tests take as a person would, with the keyboard.
import type { OutlinePage } from '../pages/outline-page.js';

/** The five-level cascade most tests start from: strategy, objective, key result, initiative, task. */
export const europeCascade = ['Grow in Europe', 'Win the DACH market', 'Revenue from DACH', 'Open a Munich office', 'Sign the office lease'] as const;

/**
 * Types `titles` into the focused, empty outline as one chain, each line a level under the one before
 * (Enter opens a line, Tab takes it down a level), then commits the last line and drops the empty next one.
 */
export async function typeCascade(outline: OutlinePage, titles: readonly string[] = europeCascade): Promise<void> {
  const [first, ...rest] = titles;
  if (first === undefined) throw new Error('typeCascade needs at least one title');
  await outline.press('Enter');
  await outline.typeTitle(first);
  for (const title of rest) {
    await outline.press('Enter');
    await outline.press('Tab');
    await outline.typeTitle(title);
  }
  await finishNewLine(outline);
}

/** Adds `title` as the next sibling of the row `kind`/`after`, then leaves the editor. */
export async function addLineAfter(outline: OutlinePage, kind: string, after: string, title: string): Promise<void> {
  await outline.select(kind, after);
  await outline.focus();
  await outline.press('Enter');
  await outline.typeTitle(title);
  await finishNewLine(outline);
}

/** Renames the row `kind`/`title` in place (F2), adding `suffix` at the end of its title. */
export async function appendToTitle(outline: OutlinePage, kind: string, title: string, suffix: string): Promise<void> {
  await outline.select(kind, title);
  await outline.focus();
  await outline.press('F2');
  await outline.page.keyboard.press('End');
  await outline.page.keyboard.type(suffix);
  await outline.press('Enter');  // Enter commits a rename
}

/** Enter commits a new line and opens the next; Escape drops that empty next line. */
async function finishNewLine(outline: OutlinePage): Promise<void> {
  await outline.press('Enter');
  await outline.press('Escape');
}
