/**
 * Bolt, the WebClient and the socket-mode client log through this adapter into the desk's
 * logger. Their debug output includes whole request bodies (customer text, tokens in
 * headers are redacted but bodies are not), so debug is dropped, and other messages are
 * reduced to strings (an Error becomes its message, never its response data).
 */
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../../core/ports.js';

function line(parts: unknown[]): string {
  return parts
    .map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : typeof p))
    .join(' ')
    .slice(0, 500);
}

export function boltLogger(logger: Logger): SlackLogger {
  const child = logger.child({ lib: 'slack' });
  return {
    debug: () => undefined,
    info: (...msg: unknown[]) => child.info({}, line(msg)),
    warn: (...msg: unknown[]) => child.warn({}, line(msg)),
    error: (...msg: unknown[]) => child.error({}, line(msg)),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}
