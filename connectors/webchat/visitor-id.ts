/**
 * Signed visitor ids. The widget keeps the token in localStorage; the server only accepts a
 * token whose HMAC (keyed from APP_SECRET) matches, so a visitor cannot claim another
 * visitor's history by editing the stored value.
 *
 * Token: `v1.<address>.<mac>`, address `wc_<22 base64url chars>` (128 random bits).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { safeEqual } from '../safe-equal.js';

const ADDRESS = /^wc_[A-Za-z0-9_-]{22}$/;
const TOKEN = /^v1\.(wc_[A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

export function isVisitorAddress(value: string): boolean {
  return ADDRESS.test(value);
}

export interface VisitorIds {
  /** A fresh visitor: its address (the customer's identity on `webchat`) and its token. */
  issue(): { address: string; token: string };
  /** The address inside a valid token, or undefined for anything forged, tampered or malformed. */
  verify(token: unknown): string | undefined;
}

export function createVisitorIds(appSecret: string): VisitorIds {
  if (appSecret.length < 16) throw new Error('webchat: APP_SECRET is too short to sign visitor ids');
  // A key of its own, so a visitor token can never double as another signed token of the desk.
  const key = createHmac('sha256', appSecret).update('solodesk/webchat/visitor-id/v1').digest();
  const mac = (address: string) => createHmac('sha256', key).update(address).digest();

  return {
    issue() {
      const address = `wc_${randomBytes(16).toString('base64url')}`;
      return { address, token: `v1.${address}.${mac(address).toString('base64url')}` };
    },
    verify(token) {
      if (typeof token !== 'string' || token.length > 100) return undefined;
      const match = TOKEN.exec(token);
      if (!match) return undefined;
      const address = match[1] as string;
      return safeEqual(Buffer.from(match[2] as string, 'base64url'), mac(address)) ? address : undefined;
    },
  };
}
