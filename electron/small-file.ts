/**
 * Writes a small state file of the main process (recent plans, window state) whole or not at all: through
 * a temporary file of its own and a rename, one write to a file at a time, in call order. Overlapping
 * writes shared one `.tmp` name: the later rename found it gone (ENOENT, unhandled in main) and a longer
 * earlier write could land over a shorter later one, so the file no longer parsed (review43b F3).
 */
import { rename, rm, writeFile } from 'node:fs/promises';

const queues = new Map<string, Promise<void>>();
let written = 0;

async function writeThroughTemp(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.${++written}.tmp`;
  try {
    await writeFile(temp, text);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Writes `text` to `file` after every earlier write to it has finished (a failed one does not stop it). */
export function writeSmallFile(file: string, text: string): Promise<void> {
  const previous = queues.get(file) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => writeThroughTemp(file, text));
  queues.set(file, next);
  // The queue forgets the file once its last write is done, so it holds nothing between writes.
  void next.catch(() => undefined).then(() => { if (queues.get(file) === next) queues.delete(file); });
  return next;
}
