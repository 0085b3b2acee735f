/**
 * WeChat's server-push checks and safe-mode message encryption (README "WeChat" notes):
 * - `signature` = hex SHA-1 of token, timestamp and nonce sorted and joined;
 * - `msg_signature` = hex SHA-1 of token, timestamp, nonce and the Encrypt value, sorted;
 * - AESKey = base64(EncodingAESKey + "="), 32 bytes; AES-256-CBC, IV = the key's first 16 bytes,
 *   PKCS#7 padding to 32-byte blocks; plaintext = 16 random bytes + 4-byte big-endian length
 *   + XML + AppID.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { safeEqual } from '../safe-equal.js';

const BLOCK = 32;

export function sha1Signature(...parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

/** The plain `signature` check (GET verification and every POST). */
export function verifySignature(
  token: string,
  query: { signature?: unknown; timestamp?: unknown; nonce?: unknown },
): boolean {
  const { signature, timestamp, nonce } = query;
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || typeof nonce !== 'string')
    return false;
  return safeEqual(signature.toLowerCase(), sha1Signature(token, timestamp, nonce));
}

export class WechatCrypto {
  private readonly key: Buffer;

  constructor(
    encodingAesKey: string,
    private readonly appId: string,
  ) {
    this.key = Buffer.from(`${encodingAesKey}=`, 'base64');
    if (this.key.length !== 32) throw new Error('WECHAT_ENCODING_AES_KEY must decode to 32 bytes');
  }

  encrypt(xml: string, random: Buffer = randomBytes(16)): string {
    const body = Buffer.from(xml, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length, 0);
    const plain = Buffer.concat([random, length, body, Buffer.from(this.appId, 'utf8')]);
    const pad = BLOCK - (plain.length % BLOCK);
    const cipher = createCipheriv('aes-256-cbc', this.key, this.key.subarray(0, 16));
    cipher.setAutoPadding(false);
    return Buffer.concat([
      cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])),
      cipher.final(),
    ]).toString('base64');
  }

  /** The XML inside, or undefined when it does not decrypt, pad or name our AppID. */
  decrypt(encrypted: string): string | undefined {
    try {
      const decipher = createDecipheriv('aes-256-cbc', this.key, this.key.subarray(0, 16));
      decipher.setAutoPadding(false);
      const plain = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
      const pad = plain[plain.length - 1] ?? 0;
      if (pad < 1 || pad > BLOCK || pad > plain.length) return undefined;
      const content = plain.subarray(0, plain.length - pad);
      if (content.length < 20) return undefined;
      const length = content.readUInt32BE(16);
      if (20 + length > content.length) return undefined;
      const appId = content.subarray(20 + length).toString('utf8');
      if (appId !== this.appId) return undefined;
      return content.subarray(20, 20 + length).toString('utf8');
    } catch {
      return undefined;
    }
  }
}
