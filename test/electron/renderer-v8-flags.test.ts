// The renderer's V8 flags as the main process passes them (`app.commandLine.appendSwitch('js-flags', …)`):
// a plain module, no Electron binary here. The flags are checked against a real V8's own list.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { jsFlagsValue, rendererV8Flags, youngGenerationTrials } from '../../electron/renderer-v8-flags.js';

describe('renderer V8 flags', () => {
  // The app's flags and the ones measured, so switching one on starts from a flag V8 takes.
  it('are flags this V8 knows, each with a value of its type', () => {
    // Node's V8 is not Electron's, but these flags have been in V8 for years; an unknown flag is only
    // warned about by V8 at start-up and would silently change nothing.
    const options = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' });
    for (const flag of [...rendererV8Flags, ...youngGenerationTrials.flat()]) {
      const [name, value] = flag.slice(2).split('=');
      const described = new RegExp(`^  --${name} \\(.*\\)\\n\\s+type: (\\w+)`, 'm').exec(options);
      expect(described, flag).not.toBeNull();
      if (described?.[1] === 'bool') expect(value, flag).toBeUndefined();
      else expect(value, flag).toMatch(/^\d+$/);
    }
  });

  it('go into one js-flags value, or none at all', () => {
    expect(jsFlagsValue(['--max-semi-space-size=2', '--min-semi-space-size=1'])).toBe('--max-semi-space-size=2 --min-semi-space-size=1');
    expect(jsFlagsValue([])).toBeNull();
    expect(jsFlagsValue()).toBe(rendererV8Flags.length > 0 ? rendererV8Flags.join(' ') : null);
  });

  it('refuses what is not one V8 flag', () => {
    expect(() => jsFlagsValue(['--max-semi-space-size=2 --expose-gc'])).toThrow(/not a V8 flag/);
    expect(() => jsFlagsValue(['max-semi-space-size=2'])).toThrow(/not a V8 flag/);
    expect(() => jsFlagsValue(['--max-semi-space-size='])).toThrow(/not a V8 flag/);
  });
});
