/**
 * pino, structured, with redaction: message bodies, tokens, secrets and customer addresses
 * never reach the log even if a caller passes them by mistake.
 */
import { pino, type DestinationStream } from 'pino';
import type { Logger } from '../core/ports.js';

/** Field names that may carry bodies, addresses or secrets, at any of the first two depths. */
const SENSITIVE = [
  'text',
  'body',
  'Body',
  'fullText',
  'subject',
  'address',
  'from',
  'to',
  'email',
  'phone',
  'replyRef',
  'token',
  'accessToken',
  'refreshToken',
  'access_token',
  'refresh_token',
  'clientSecret',
  'secret',
  'password',
  'pass',
  'authorization',
  'cookie',
  'APP_SECRET',
];

export const REDACT_PATHS = [
  ...SENSITIVE,
  ...SENSITIVE.map((k) => `*.${k}`),
  'headers.authorization',
  'req.headers',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'solodesk' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    destination ?? pino.destination(2),
  ) as unknown as Logger;
}
