/**
 * Signed, expiring download links for files the owner sends (src/core/outbound-files.ts):
 * `/files/<id>/<name>?exp=<unix s>&sig=<HMAC>`. Twilio fetches MMS/WhatsApp media from it, and
 * channels that can't carry a file give the customer the link. The HMAC (APP_SECRET) covers
 * the id, the name and the expiry, so a link can neither be forged, pointed at another file,
 * nor stretched; the file itself is deleted when the link expires.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FileLinker } from '../core/outbound-files.js';

const sign = (secret: string, id: string, name: string, exp: number) =>
  createHmac('sha256', secret).update(`file:${id}\n${name}\n${exp}`).digest('base64url');

export function fileLinker(secret: string, publicUrl: string): FileLinker {
  const base = publicUrl.replace(/\/+$/, '');
  return (id, name, expiresAt) => {
    const exp = Math.floor(expiresAt.getTime() / 1000);
    const path = `/files/${encodeURIComponent(id)}/${encodeURIComponent(name)}`;
    return `${base}${path}?exp=${exp}&sig=${sign(secret, id, name, exp)}`;
  };
}

export type FileLinkCheck = { ok: true } | { ok: false; reason: 'unsigned' | 'forged' | 'expired' };

export function verifyFileLink(
  secret: string,
  link: { id: string; name: string; exp: unknown; sig: unknown },
  now: Date,
): FileLinkCheck {
  if (typeof link.exp !== 'string' || typeof link.sig !== 'string' || !/^\d{1,12}$/.test(link.exp))
    return { ok: false, reason: 'unsigned' };
  const exp = Number(link.exp);
  const expected = Buffer.from(sign(secret, link.id, link.name, exp));
  const given = Buffer.from(link.sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'forged' };
  if (exp * 1000 < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true };
}
