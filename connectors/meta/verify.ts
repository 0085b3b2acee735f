/**
 * Meta webhook checks: the subscription handshake (GET) and X-Hub-Signature-256 (POST).
 * Meta signs the payload as it sends it (non-ASCII escaped as \u00e4), so the HMAC is
 * computed on the raw bytes; re-serialised JSON would not match (PLATFORMS.md §3, §7.24).
 */
import { createHmac } from 'node:crypto';
import { safeEqual } from '../safe-equal.js';

export type ChallengeCheck = { ok: true; challenge: string } | { ok: false };

/** `hub.mode=subscribe` with our verify token: answer with exactly `hub.challenge`. */
export function checkChallenge(query: Record<string, unknown>, verifyToken: string): ChallengeCheck {
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (mode !== 'subscribe' || typeof token !== 'string' || typeof challenge !== 'string')
    return { ok: false };
  if (!safeEqual(token, verifyToken)) return { ok: false };
  return { ok: true, challenge };
}

/** `sha256=<lowercase hex HMAC-SHA256(appSecret, rawBody)>` */
export function signPayload(rawBody: Buffer | string, appSecret: string): string {
  return 'sha256=' + createHmac('sha256', appSecret).update(rawBody).digest('hex');
}

export function verifySignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  if (!appSecret || typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  return safeEqual(header.toLowerCase(), signPayload(rawBody, appSecret));
}
