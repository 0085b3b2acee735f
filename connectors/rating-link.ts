/**
 * One-click rating links for channels without buttons (email): five links to
 * `/csat/<token>?score=N`. The token names the conversation and the customer's language,
 * expires, and is signed with APP_SECRET, so a link can't be forged or pointed elsewhere.
 * The score is the customer's choice, so it stays outside the signature.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const RATING_LINK_TTL_MS = 30 * 24 * 3_600_000;

export interface RatingTokenPayload {
  conversationId: string;
  language: string;
  expiresAt: Date;
}

export type RatingTokenCheck =
  | { ok: true; payload: RatingTokenPayload }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired'; language?: string };

const sign = (secret: string, body: string) =>
  createHmac('sha256', secret).update(`csat:${body}`).digest('base64url');

export function signRatingToken(secret: string, payload: RatingTokenPayload): string {
  const body = Buffer.from(
    JSON.stringify({
      c: payload.conversationId,
      l: payload.language,
      e: Math.floor(payload.expiresAt.getTime() / 1000),
    }),
  ).toString('base64url');
  return `${body}.${sign(secret, body)}`;
}

export function verifyRatingToken(secret: string, token: string, now: Date): RatingTokenCheck {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined || token.length > 600) return { ok: false, reason: 'malformed' };
  let parsed: { c?: unknown; l?: unknown; e?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof parsed.c !== 'string' || typeof parsed.l !== 'string' || typeof parsed.e !== 'number') {
    return { ok: false, reason: 'malformed' };
  }
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'forged' };
  }
  if (parsed.e * 1000 < now.getTime()) return { ok: false, reason: 'expired', language: parsed.l };
  return {
    ok: true,
    payload: { conversationId: parsed.c, language: parsed.l, expiresAt: new Date(parsed.e * 1000) },
  };
}

/** The five links, 1 to 5, for a rating request email. */
export function ratingLinks(
  publicUrl: string,
  secret: string,
  conversationId: string,
  language: string,
  now: Date,
): { score: number; url: string }[] {
  const token = signRatingToken(secret, {
    conversationId,
    language,
    expiresAt: new Date(now.getTime() + RATING_LINK_TTL_MS),
  });
  return [1, 2, 3, 4, 5].map((score) => ({ score, url: `${publicUrl}/csat/${token}?score=${score}` }));
}
