// Hosts the workshop of the folder given once, prints its status as JSON, and stops: run in a process of its own by
// workshop-address-port.test.ts, where the system refuses the saved port (without the right to bind ports below 1024).
import { pino } from 'pino';
import { WorkshopHost } from '../../../electron/workshop-host.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: host-once.ts <workshop folder>');
const host = new WorkshopHost({ dataDir, webRoot: null, logger: pino({ level: 'silent' }), addresses: () => [{ interfaceName: 'lo', address: '127.0.0.1', preferred: true }] });
try {
  process.stdout.write(`${JSON.stringify(await host.start())}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ failed: error instanceof Error ? `${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}` : String(error) })}\n`);
} finally {
  await host.stop();
  process.exit(0); // the server's storage timers would keep the process up
}
