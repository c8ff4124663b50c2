// A compaction worker on its own (no server), for tests that kill -9 it in the middle of a job:
// node --import tsx worker-process.ts REDIS_URL POSTGRES_URL NAMESPACE HOLD_AT
// It prints "ready", and "holding <stage> <room>" when a job reaches HOLD_AT ('read' or 'committed'),
// where it stays (renewing its lease, as a slow compaction does) until it is killed.
import { pino } from 'pino';
import { openScaleoutBackend } from '../../../sync-server/scaleout/backend.js';

const [redisUrl, postgresUrl, namespace, holdAt] = process.argv.slice(2);
if (redisUrl === undefined || postgresUrl === undefined || namespace === undefined || (holdAt !== 'read' && holdAt !== 'committed')) {
  console.error('usage: worker-process.ts REDIS_URL POSTGRES_URL NAMESPACE read|committed');
  process.exit(2);
}
await openScaleoutBackend({
  redisUrl, postgresUrl, namespace, leaseMs: 600, trimDelayMs: 0, log: pino({ level: 'silent' }),
  onStage: async (stage, room) => {
    if (stage !== holdAt) return;
    console.log(`holding ${stage} ${room}`);
    await new Promise(() => undefined);
  },
});
console.log('ready');
