import { Writable } from 'node:stream';
import type { LoggerOptions } from 'pino';
import { createLogger } from '../../src/telemetry/logger.js';

/** A real logger whose output lines are kept in memory, for tests that assert on what was logged. */
export function captureLogs(level: LoggerOptions['level'] = 'info') {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, logger: createLogger(level, stream) };
}
