// The V8 flags of the desktop app's renderer (Chromium's `--js-flags`), set by the main process before
// `ready` and passed by the renderer benchmark to its Chromium, so the bench measures what the app runs.
// The web build in a stock browser cannot set them: there the page runs with the browser's defaults.

/**
 * The renderer's V8 flags: none (V8's defaults). Measured and left off (docs/benchmarks.md, "Opening
 * 100k, ninth run: the young generation's size"): a young generation capped with
 * `--max-semi-space-size` at 2 or 4 MB made the 100,000-node open's longest task 1.6–6.8× longer (a
 * major GC of 0.5–0.8 s early in the load, since more of what the open allocates is promoted) and
 * its live outline 1.2–1.4× later, against the default's short scavenges. Measured again in fresh
 * windows (cold opens, "gcflags, thirtieth session"): at 2 and 8 MB the apply's scavenges got short and
 * fewer of its tasks went over 50 ms, but the index build's tasks got longer (more promoted, more
 * major-GC work there), and on a machine at load 6–24 neither size brought `interactive` anywhere near
 * 3 s nor separated clearly from the default. `youngGenerationTrials` are the sizes tried;
 * RENDERER_BENCH_JS_FLAGS runs the bench with others.
 */
export const rendererV8Flags: readonly string[] = [];

/** The young-generation caps measured (each against V8's defaults): 2 and 4 MB in the ninth run, 2 and 8 MB in the thirtieth; kept checkable. */
export const youngGenerationTrials: readonly (readonly string[])[] = [['--max-semi-space-size=2'], ['--max-semi-space-size=4'], ['--max-semi-space-size=8']];

/** The value for Chromium's `js-flags` switch, or null when there are no flags to pass. */
export function jsFlagsValue(flags: readonly string[] = rendererV8Flags): string | null {
  for (const flag of flags) {
    // One switch holds them all, separated by spaces: a flag with a space in it would split in two.
    if (!/^--[a-z0-9-]+(=[^\s]+)?$/.test(flag)) throw new Error(`not a V8 flag: ${JSON.stringify(flag)}`);
  }
  return flags.length > 0 ? flags.join(' ') : null;
}
