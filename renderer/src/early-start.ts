import { benchSwitchOn } from './session/bench-switch.js';
import { earlyReadMarks, firstScreenReadLateKey, readStoredFirstScreenRaw, startEarlyFirstScreenRead } from './persistence/first-screen-early-read.js';
import { planDatabaseName } from './persistence/plan-database-name.js';

// Run by main.tsx before it loads the app: IndexedDB opens the plan's database and reads its first
// screen while the app's modules load and evaluate (issue #18).
if (typeof indexedDB !== 'undefined' && !benchSwitchOn(firstScreenReadLateKey)) {
  startEarlyFirstScreenRead(window.location.hash, planDatabaseName, (name) => {
    performance.mark(earlyReadMarks.start);
    return readStoredFirstScreenRaw(indexedDB, name).then((read) => {
      performance.mark(earlyReadMarks.read, { detail: read.found ? 'found' : read.reason });
      return read;
    });
  });
}
