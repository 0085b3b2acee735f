/**
 * Telegram authenticates webhook calls with the secret we gave setWebhook, echoed in the
 * X-Telegram-Bot-Api-Secret-Token header (PLATFORMS.md §4, §7.28). There is no body signature.
 */
import { safeEqual } from '../safe-equal.js';

/** What Telegram accepts as a secret_token: 1–256 of A–Z a–z 0–9 _ -. */
export const SECRET_TOKEN_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;

export function isValidSecretToken(secret: string): boolean {
  return SECRET_TOKEN_PATTERN.test(secret);
}

export function verifySecretHeader(header: string | undefined, secret: string): boolean {
  return typeof header === 'string' && secret !== '' && safeEqual(header, secret);
}
