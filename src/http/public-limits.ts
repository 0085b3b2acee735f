/**
 * The public endpoints' protections: a per-client rate limit on POST /query (429 with
 * Retry-After) and /health details only for this machine or a HEALTH_TOKEN bearer.
 *
 * Requests from this machine itself (see isLocalRequest) are exempt from the /query limit, so
 * benchmarks on loopback (scripts/bench) run at full speed; the limit is for the internet.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { clientAddress, clientKey, isLocalRequest, type ProxyTrust } from '../core/client-address.js';
import { perPeriod, TokenBuckets } from '../core/rate-limit.js';

export interface PublicLimits {
  proxyTrust: ProxyTrust;
  /** POST /query requests per minute per client (burst of the same size); 0 ⇒ no limit. */
  queryPerMinute: number;
  /** Shows /health details to a caller with `Authorization: Bearer <token>`. */
  healthToken?: string;
}

export const NO_LIMITS: PublicLimits = { proxyTrust: 'off', queryPerMinute: 0 };

const SWEEP_MS = 60_000;

export function isLocal(req: IncomingMessage, trust: ProxyTrust): boolean {
  return isLocalRequest(
    req.socket.remoteAddress,
    { forwardedFor: req.headers['x-forwarded-for'], forwarded: req.headers.forwarded },
    trust,
  );
}

/**
 * At most `queryPerMinute` requests per client key per minute; local callers exempt.
 * Answers how long the caller must wait (ms): 0 lets the request through.
 */
export function queryLimiter(
  limits: PublicLimits,
  now: () => number = Date.now,
): (req: IncomingMessage) => number {
  if (limits.queryPerMinute <= 0) return () => 0;
  const buckets = new TokenBuckets(perPeriod(limits.queryPerMinute, 60_000), now);
  let swept = now();
  return (req) => {
    if (isLocal(req, limits.proxyTrust)) return 0;
    if (now() - swept > SWEEP_MS) {
      buckets.sweep();
      swept = now();
    }
    const key = clientKey(
      clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], limits.proxyTrust),
    );
    return buckets.take(key);
  };
}

/** Whether this /health caller may see the details (connectors, store, consoles). */
export function mayReadHealthDetails(req: IncomingMessage, limits: PublicLimits): boolean {
  if (isLocal(req, limits.proxyTrust)) return true;
  const token = limits.healthToken;
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!token || !match) return false;
  const given = Buffer.from(match[1] as string);
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
