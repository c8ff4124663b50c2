import { benchSwitchOn } from './session/bench-switch.js';
import { firstScreenReadGlobal } from '../../shared/bridge/first-screen-read-global.js';
import { earlyReadMarks, firstScreenReadLateKey, readStoredFirstScreenRaw, startEarlyFirstScreenRead, takeReadStartedByPage, type EarlyFirstScreen } from './persistence/first-screen-early-read.js';
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

// When the entry's evaluation began (the benchmark prints it beside the read's marks).
performance.mark('throughline:entry-start');

// Run by main.tsx before it loads the app: IndexedDB opens the plan's database and reads its first
// screen while the app's modules load (issue #18), and the entry paints it as soon as it is read if the
// app has not rendered yet (first-screen-painter.ts). In the built page the read was started by
// index.html's inline script, before this module was even fetched: the entry takes that one.
if (typeof indexedDB !== 'undefined' && !benchSwitchOn(firstScreenReadLateKey)) {
  const hash = window.location.hash;
  const startedByPage = takeReadStartedByPage(window as unknown as Record<string, unknown>, firstScreenReadGlobal, hash);
  startEarlyFirstScreenRead(hash, planDatabaseName, (name) => {
    // The app's styles, for the painter, load while IndexedDB reads (100–150 ms after the read otherwise).
    if (paintedViewOf(hash) !== null) void applyPreloadedStyles(document);
    // The page's script marked its start and will mark its answer; a read started here marks its own.
    const read = startedByPage ?? startRead(name);
    firstScreenPaintAttempt = read.then(async (read) => {
      // Only for the address the read was made for; the app checks the value again when it opens.
      if (!read.found || window.location.hash !== hash) return;
      const notPainted = await paintStoredFirstScreen(document, hash, read.value, earlyReadMarks.start);
      if (notPainted !== null) performance.mark('throughline:first-screen-not-painted', { detail: notPainted });
    }).catch((error: unknown) => { console.error(error); });
    return read;
  });
}

function startRead(databaseName: string): Promise<EarlyFirstScreen> {
  performance.mark(earlyReadMarks.start);
  return readStoredFirstScreenRaw(indexedDB, databaseName).then((read) => {
    performance.mark(earlyReadMarks.read, { detail: read.found ? 'found' : read.reason });
    return read;
  });
}
