import { benchSwitchOn } from './session/bench-switch.js';
import { earlyReadMarks, firstScreenReadLateKey, readStoredFirstScreenRaw, startEarlyFirstScreenRead } from './persistence/first-screen-early-read.js';
import { planDatabaseName } from './persistence/plan-database-name.js';
import { applyPreloadedStyles, paintStoredFirstScreen } from './first-screen-painter/first-screen-painter.js';
import { paintedViewOf } from './first-screen-painter/painted-first-screen.js';

/**
 * Settles once the stored first screen of the plan the address names has been read and painted by
 * the entry, or found not to be there or not to be paintable (at once when no read was started).
 * Never rejects. main.tsx evaluates the app after it: the app's evaluation is one long task (260–300
 * ms in a fresh process), and IndexedDB's answer queued behind it would paint nothing before it.
 */
export let firstScreenPaintAttempt: Promise<void> = Promise.resolve();

// Run by main.tsx before it loads the app: IndexedDB opens the plan's database and reads its first
// screen while the app's modules load (issue #18), and the entry paints it as soon as it is read if the
// app has not rendered yet (first-screen-painter.ts).
if (typeof indexedDB !== 'undefined' && !benchSwitchOn(firstScreenReadLateKey)) {
  const hash = window.location.hash;
  startEarlyFirstScreenRead(hash, planDatabaseName, (name) => {
    performance.mark(earlyReadMarks.start);
    // The app's styles, for the painter, load while IndexedDB reads (100–150 ms after the read otherwise).
    if (paintedViewOf(hash) !== null) void applyPreloadedStyles(document);
    const read = readStoredFirstScreenRaw(indexedDB, name).then((read) => {
      performance.mark(earlyReadMarks.read, { detail: read.found ? 'found' : read.reason });
      return read;
    });
    firstScreenPaintAttempt = read.then(async (read) => {
      // Only for the address the read was made for; the app checks the value again when it opens.
      if (!read.found || window.location.hash !== hash) return;
      const notPainted = await paintStoredFirstScreen(document, hash, read.value, earlyReadMarks.start);
      if (notPainted !== null) performance.mark('throughline:first-screen-not-painted', { detail: notPainted });
    }).catch((error: unknown) => { console.error(error); });
    return read;
  });
}
