// The V8 flags of the desktop app's renderer (Chromium's `--js-flags`), set by the main process before
// `ready` and passed by the renderer benchmark to its Chromium, so the bench measures what the app runs.
// The web build in a stock browser cannot set them: there the page runs with the browser's defaults.

/**
 * The renderer's V8 flags. `--max-semi-space-size` (MB) caps the young generation: opening a large
 * plan, Yjs keeps almost everything it decodes, so each scavenge copies nearly a full nursery; with
 * V8's default (growing to 16 MB or more) one scavenge held the main thread for 64–113 ms inside an
 * apply slice (docs/benchmarks.md, "Opening 100k, ninth run").
 */
export const rendererV8Flags: readonly string[] = ['--max-semi-space-size=2'];

/** The value for Chromium's `js-flags` switch, or null when there are no flags to pass. */
export function jsFlagsValue(flags: readonly string[] = rendererV8Flags): string | null {
  for (const flag of flags) {
    // One switch holds them all, separated by spaces: a flag with a space in it would split in two.
    if (!/^--[a-z0-9-]+(=[^\s]+)?$/.test(flag)) throw new Error(`not a V8 flag: ${JSON.stringify(flag)}`);
  }
  return flags.length > 0 ? flags.join(' ') : null;
}
