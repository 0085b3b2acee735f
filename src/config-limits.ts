/**
 * Variables of the public doors' limits (website chat intake, /query, /health), spread into the
 * schema in config.ts. Kept in their own file so the shared schema only gains one line.
 */
import { z } from 'zod';
import type { ProxyTrust } from './core/client-address.js';

const count = (fallback: number, what: string) =>
  z.coerce
    .number({ error: `expected a whole number (${what})` })
    .int('expected a whole number')
    .min(0, 'expected 0 or more')
    .default(fallback);

const onOff = (fallback: boolean) =>
  z
    .enum(['on', 'off', 'true', 'false', '1', '0', 'yes', 'no', ''], { error: 'expected on or off' })
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : ['on', 'true', '1', 'yes'].includes(v)));

/** off (default) | on (trust the whole X-Forwarded-For chain) | N (N proxies in front of the desk). */
const proxyTrust = z
  .string()
  .trim()
  .toLowerCase()
  .optional()
  .refine(
    (v) => v === undefined || /^(|on|off|true|false|yes|no|\d{1,2})$/.test(v),
    'expected off, on, or the number of proxies in front of the desk (e.g. 1)',
  )
  .transform((v): ProxyTrust => {
    if (v === undefined || ['', 'off', 'false', 'no', '0'].includes(v)) return 'off';
    if (['on', 'true', 'yes'].includes(v)) return 'all';
    return Number(v);
  });

export const limitsEnv = {
  /** Which X-Forwarded-For entries to believe for the client's address. */
  TRUST_PROXY: proxyTrust,
  /** `off` removes the chat's routes and WebSocket endpoint entirely. */
  WEBCHAT_ENABLED: onOff(true),
  /** Open chat sockets one client address may hold at once (0 = no per-address cap). */
  WEBCHAT_CONNECTIONS_PER_IP: count(20, 'sockets per address'),
  /** New chat visitors one client address may start per hour (0 = no per-address cap). */
  WEBCHAT_NEW_VISITORS_PER_IP: count(20, 'new visitors per address per hour'),
  /** New chat visitors the whole desk accepts per hour; the owner is told when it trips (0 = no cap). */
  WEBCHAT_NEW_VISITORS_PER_HOUR: count(300, 'new visitors per hour'),
  /** Days a chat transcript is kept after the visitor's last activity (0 = keep forever). */
  WEBCHAT_TRANSCRIPT_DAYS: count(90, 'days'),
  /** POST /query requests per minute per client address; loopback is exempt (0 = no limit). */
  QUERY_RATE_PER_MINUTE: count(60, 'requests per minute'),
  /** Bearer token that shows /health details to callers other than loopback. */
  HEALTH_TOKEN: z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(z.string().min(16, 'expected at least 16 characters').optional())
    .optional(),
};
