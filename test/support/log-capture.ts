/** The desk's real (redacting) logger writing into an array, for "nothing sensitive is logged" tests. */
import { Writable } from 'node:stream';
import type { Logger } from '../../src/core/ports.js';
import { createLogger } from '../../src/logging/logger.js';

export function captureLog(level = 'debug'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger(level, sink), lines };
}
