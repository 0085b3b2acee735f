/** Constant-time comparison for secrets (tokens, MACs): no early exit an attacker could time. */
import { timingSafeEqual } from 'node:crypto';

/** Unequal lengths are simply unequal (timingSafeEqual itself throws on them). */
export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const left = typeof a === 'string' ? Buffer.from(a) : a;
  const right = typeof b === 'string' ? Buffer.from(b) : b;
  return left.length === right.length && timingSafeEqual(left, right);
}
