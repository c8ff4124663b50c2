// The packaged app turns off the Electron fuses it does not use (review32 finding 4; filesfix, thirtieth
// session). With them on, the signed Throughline binary ran as plain Node under ELECTRON_RUN_AS_NODE=1,
// honoured NODE_OPTIONS and --inspect (code run as the app from a shortcut's arguments or environment),
// and loaded app code from outside an integrity-checked app.asar. The config is read by electron-builder's
// own loader and checked against its own schema, so a misspelt key fails here, not silently at packaging.
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

describe('packaging: Electron fuses', () => {
  it('electron-builder.yml flips the fuses, with key names the installed electron-builder knows', async () => {
    const config = await getConfig(process.cwd(), 'electron-builder.yml', null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
    // onlyLoadAppFromAsar and the integrity check need an app.asar: packing must stay on.
    expect(config.asar ?? true).not.toBe(false);
  });
});
