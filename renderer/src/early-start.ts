import { benchSwitchOn } from './session/bench-switch.js';
import { earlyReadMarks, firstScreenReadLateKey, readStoredFirstScreenRaw, startEarlyFirstScreenRead } from './persistence/first-screen-early-read.js';
import { planDatabaseName } from './persistence/plan-database-name.js';
import { paintStoredFirstScreen } from './first-screen-painter/first-screen-painter.js';

// Run by main.tsx before it loads the app: IndexedDB opens the plan's database and reads its first
// screen while the app's modules load and evaluate (issue #18), and the entry paints it as soon as it
// is read if the app has not rendered yet (first-screen-painter.ts).
if (typeof indexedDB !== 'undefined' && !benchSwitchOn(firstScreenReadLateKey)) {
  const hash = window.location.hash;
  startEarlyFirstScreenRead(hash, planDatabaseName, (name) => {
    performance.mark(earlyReadMarks.start);
    return readStoredFirstScreenRaw(indexedDB, name).then((read) => {
      performance.mark(earlyReadMarks.read, { detail: read.found ? 'found' : read.reason });
      // Only for the address the read was made for; the app checks the value again when it opens.
      if (read.found && window.location.hash === hash) {
        void paintStoredFirstScreen(document, hash, read.value, earlyReadMarks.start).then((notPainted) => {
          if (notPainted !== null) performance.mark('throughline:first-screen-not-painted', { detail: notPainted });
        });
      }
      return read;
    });
  });
}
