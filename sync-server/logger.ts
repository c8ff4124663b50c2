import { pino, destination, stdTimeFunctions, type Logger } from 'pino';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export const logLevels: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * One JSON object per line on stdout, written synchronously so the last lines before a crash are
 * not lost: `{"level":30,"time":"…","pid":…,"msg":"…", …fields}`.
 */
export function createLogger(level: LogLevel = 'info'): Logger {
  return pino({ level, base: { pid: process.pid }, timestamp: stdTimeFunctions.isoTime }, destination({ dest: 1, sync: true }));
}
