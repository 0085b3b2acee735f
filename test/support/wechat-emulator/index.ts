/**
 * A local stand-in for WeChat's side of an Official Account: it pushes follower messages and
 * events to the developer server signed (and, in safe mode, encrypted) as WeChat does, insists
 * on an answer within 5 seconds, and serves the API the desk calls: GET /cgi-bin/token (tokens
 * expire, fetches are counted per day, a new token leaves the old one valid for 5 minutes) and
 * POST /cgi-bin/message/custom/send (48-hour window after the follower's last message, a count
 * limit per message, token errors 40001/42001). Its crypto is written here, apart from the
 * connector's, so the two check each other. Breaches are refused and listed in `violations`.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenLocal, readBody, sendJson, type LocalServer } from '../local-server.js';

export interface WechatEmulatorOptions {
  appId: string;
  appSecret: string;
  token: string;
  /** Safe mode when set: pushes are encrypted and carry msg_signature. */
  encodingAesKey?: string;
  /** Our Official Account's id (ToUserName). */
  accountId?: string;
  now?: () => Date;
  tokenTtlSec?: number;
  dailyTokenLimit?: number;
  /** Customer-service messages allowed per follower message (45047 beyond). */
  perMessageLimit?: number;
}

export interface CustomMessage {
  openid: string;
  msgtype: string;
  text?: string;
  token: string;
}

export interface PushResult {
  status: number;
  body: string;
  ms: number;
}

const HOUR = 3_600_000;
const ANSWER_LIMIT_MS = 5_000;

const sha1 = (...parts: string[]) =>
  createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');

function cdata(fields: Record<string, string | number>): string {
  const body = Object.entries(fields)
    .map(([k, v]) => (typeof v === 'number' ? `<${k}>${v}</${k}>` : `<${k}><![CDATA[${v}]]></${k}>`))
    .join('\n');
  return `<xml>\n${body}\n</xml>`;
}

export class WechatEmulator {
  readonly sent: CustomMessage[] = [];
  readonly refused: { errcode: number; openid?: string }[] = [];
  readonly violations: string[] = [];
  readonly pushes: PushResult[] = [];
  tokenFetches = 0;
  private fetchDay = -1;
  private fetchesToday = 0;
  private readonly tokens = new Map<string, number>();
  private readonly lastUserAt = new Map<string, number>();
  private readonly sentSinceUser = new Map<string, number>();
  private readonly pictures = new Map<string, Buffer>();
  private readonly media = new Map<string, Buffer>();
  private local: LocalServer | undefined;
  private seq = 0;
  private msgSeq = 7_300_000_000_000_000n;

  constructor(readonly options: WechatEmulatorOptions) {}

  get apiUrl(): string {
    return this.local?.url ?? '';
  }

  get accountId(): string {
    return this.options.accountId ?? 'gh_0123456789ab';
  }

  private now(): number {
    return (this.options.now?.() ?? new Date()).getTime();
  }

  async start(): Promise<void> {
    this.local = await listenLocal((req, res) => void this.route(req, res));
  }

  async stop(): Promise<void> {
    await this.local?.close();
  }

  /** Every token issued so far expires now (the next API call gets 42001). */
  expireTokens(): void {
    for (const token of this.tokens.keys()) this.tokens.set(token, 0);
  }

  /** Every token issued so far is forgotten (another server fetched a new one): 40001. */
  revokeTokens(): void {
    this.tokens.clear();
  }

  /** A picture WeChat hosts, as its PicUrl. */
  addPicture(bytes: Buffer): string {
    const id = `p${++this.seq}`;
    this.pictures.set(id, bytes);
    return `${this.apiUrl}/mmbiz_jpg/${id}`;
  }

  /** A voice clip on WeChat's temporary-media store, as its MediaId. */
  addVoice(bytes: Buffer): string {
    const id = `media_${++this.seq}_${randomBytes(4).toString('hex')}`;
    this.media.set(id, bytes);
    return id;
  }

  /** The follower writes: opens (or renews) their 48-hour window; returns the push fields. */
  userMessage(
    openid: string,
    type: 'text' | 'image' | 'voice' | 'location' | 'link',
    extra: Record<string, string | number>,
  ): { fields: Record<string, string | number>; msgId: string } {
    const at = this.now();
    this.lastUserAt.set(openid, at);
    this.sentSinceUser.set(openid, 0);
    const msgId = String(++this.msgSeq);
    return {
      msgId,
      fields: {
        ToUserName: this.accountId,
        FromUserName: openid,
        CreateTime: Math.floor(at / 1000),
        MsgType: type,
        ...extra,
        MsgId: msgId,
      },
    };
  }

  userEvent(openid: string, event: 'subscribe' | 'unsubscribe'): Record<string, string | number> {
    return {
      ToUserName: this.accountId,
      FromUserName: openid,
      CreateTime: Math.floor(this.now() / 1000),
      MsgType: 'event',
      Event: event,
    };
  }

  /** The developer-server URL verification (GET with echostr). */
  async verifyUrl(url: string, options: { token?: string } = {}): Promise<{ status: number; body: string }> {
    const timestamp = String(Math.floor(this.now() / 1000));
    const nonce = String(Math.floor(Math.random() * 1e9));
    const echostr = `echo${randomBytes(6).toString('hex')}`;
    const signature = sha1(options.token ?? this.options.token, timestamp, nonce);
    const response = await fetch(`${url}?${new URLSearchParams({ signature, timestamp, nonce, echostr })}`);
    const body = await response.text();
    if (response.status === 200 && body !== echostr)
      this.violations.push('verification did not echo echostr');
    return { status: response.status, body };
  }

  /**
   * Pushes fields to the developer server as WeChat would. `signWith` signs with another token
   * (a forgery), `unsigned` leaves the signature out. The answer must come within 5 s and be
   * `success` or empty (WeChat otherwise shows the follower an error).
   */
  async push(
    url: string,
    fields: Record<string, string | number>,
    options: { signWith?: string; unsigned?: boolean } = {},
  ): Promise<PushResult> {
    const token = options.signWith ?? this.options.token;
    const timestamp = String(Math.floor(this.now() / 1000));
    const nonce = String(Math.floor(Math.random() * 1e9));
    const query = new URLSearchParams();
    if (!options.unsigned) query.set('signature', sha1(token, timestamp, nonce));
    query.set('timestamp', timestamp);
    query.set('nonce', nonce);
    query.set('openid', String(fields.FromUserName ?? ''));
    let body = cdata(fields);
    if (this.options.encodingAesKey) {
      const encrypted = this.encrypt(body);
      query.set('encrypt_type', 'aes');
      query.set('msg_signature', sha1(token, timestamp, nonce, encrypted));
      body = cdata({ ToUserName: this.accountId, Encrypt: encrypted });
    }
    const started = performance.now();
    const response = await fetch(`${url}?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body,
      signal: AbortSignal.timeout(ANSWER_LIMIT_MS + 2_000),
    });
    const text = await response.text();
    const result = { status: response.status, body: text, ms: performance.now() - started };
    this.pushes.push(result);
    if (result.ms > ANSWER_LIMIT_MS) this.violations.push(`push answered after ${Math.round(result.ms)} ms`);
    if (response.status === 200 && text !== 'success' && text !== '')
      this.violations.push('push answered with something other than success');
    return result;
  }

  /** WeChat's safe-mode encryption (AES-256-CBC, IV = key[0..16], PKCS#7 to 32 bytes). */
  encrypt(xml: string): string {
    const key = this.aesKey();
    const body = Buffer.from(xml);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length);
    const plain = Buffer.concat([randomBytes(16), len, body, Buffer.from(this.options.appId)]);
    const pad = 32 - (plain.length % 32);
    const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
    return Buffer.concat([
      cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])),
      cipher.final(),
    ]).toString('base64');
  }

  decrypt(encrypted: string): string {
    const key = this.aesKey();
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
    const plain = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
    const content = plain.subarray(0, plain.length - (plain[plain.length - 1] ?? 0));
    return content.subarray(20, 20 + content.readUInt32BE(16)).toString();
  }

  private aesKey(): Buffer {
    return Buffer.from(`${this.options.encodingAesKey ?? ''}=`, 'base64');
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    if (req.method === 'GET' && url.pathname === '/cgi-bin/token') return this.issueToken(url, res);
    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/custom/send')
      return this.customSend(url, await readBody(req), res);
    if (req.method === 'GET' && url.pathname === '/cgi-bin/media/get') return this.mediaGet(url, res);
    const picture = /^\/mmbiz_jpg\/(\w+)$/.exec(url.pathname);
    const bytes = picture ? this.pictures.get(picture[1] as string) : undefined;
    if (req.method === 'GET' && bytes) {
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(bytes.length) });
      res.end(bytes);
      return;
    }
    sendJson(res, 404, { errcode: 404, errmsg: 'not found' });
  }

  /** GET /cgi-bin/media/get: the bytes, or an error as JSON (status 200) like WeChat. */
  private mediaGet(url: URL, res: ServerResponse): void {
    const expires = this.tokens.get(url.searchParams.get('access_token') ?? '');
    if (expires === undefined) return sendJson(res, 200, { errcode: 40001, errmsg: 'invalid credential' });
    if (expires <= this.now()) return sendJson(res, 200, { errcode: 42001, errmsg: 'access_token expired' });
    const bytes = this.media.get(url.searchParams.get('media_id') ?? '');
    if (!bytes) return sendJson(res, 200, { errcode: 40007, errmsg: 'invalid media_id' });
    res.writeHead(200, {
      'content-type': 'audio/amr',
      'content-disposition': 'attachment; filename="voice.amr"',
      'content-length': String(bytes.length),
    });
    res.end(bytes);
  }

  private issueToken(url: URL, res: ServerResponse): void {
    const q = url.searchParams;
    if (q.get('grant_type') !== 'client_credential')
      return sendJson(res, 200, { errcode: 40002, errmsg: 'invalid grant_type' });
    if (q.get('appid') !== this.options.appId)
      return sendJson(res, 200, { errcode: 40013, errmsg: 'invalid appid' });
    if (q.get('secret') !== this.options.appSecret)
      return sendJson(res, 200, { errcode: 40125, errmsg: 'invalid appsecret' });
    this.tokenFetches++;
    // The quota counts per day (emulator clock).
    const day = Math.floor(this.now() / (24 * HOUR));
    if (day !== this.fetchDay) [this.fetchDay, this.fetchesToday] = [day, 0];
    this.fetchesToday++;
    if (this.fetchesToday > (this.options.dailyTokenLimit ?? 2000)) {
      this.violations.push('daily access_token fetch limit exceeded');
      return sendJson(res, 200, { errcode: 45009, errmsg: 'reach max api daily quota limit' });
    }
    const now = this.now();
    // A new token: the previous ones stay valid for at most 5 more minutes.
    for (const [token, expires] of this.tokens) this.tokens.set(token, Math.min(expires, now + 5 * 60_000));
    const ttl = this.options.tokenTtlSec ?? 7200;
    const token = `ACCESS_${++this.seq}_${randomBytes(8).toString('hex')}`;
    this.tokens.set(token, now + ttl * 1000);
    sendJson(res, 200, { access_token: token, expires_in: ttl });
  }

  private customSend(url: URL, raw: Buffer, res: ServerResponse): void {
    const token = url.searchParams.get('access_token') ?? '';
    const expires = this.tokens.get(token);
    const refuse = (errcode: number, errmsg: string, openid?: string) => {
      this.refused.push({ errcode, ...(openid ? { openid } : {}) });
      sendJson(res, 200, { errcode, errmsg });
    };
    if (expires === undefined)
      return refuse(40001, 'invalid credential, access_token is invalid or not latest');
    if (expires <= this.now()) return refuse(42001, 'access_token expired');
    let body: { touser?: string; msgtype?: string; text?: { content?: string } };
    try {
      body = JSON.parse(raw.toString('utf8')) as typeof body;
    } catch {
      return refuse(47001, 'data format error');
    }
    const openid = body.touser ?? '';
    const last = this.lastUserAt.get(openid);
    if (last === undefined || this.now() - last > 48 * HOUR) {
      this.violations.push(`custom/send to ${openid} outside the 48-hour window`);
      return refuse(45015, 'response out of time limit or subscription is canceled', openid);
    }
    const count = (this.sentSinceUser.get(openid) ?? 0) + 1;
    if (count > (this.options.perMessageLimit ?? 5))
      return refuse(45047, 'out of response count limit', openid);
    this.sentSinceUser.set(openid, count);
    this.sent.push({
      openid,
      msgtype: body.msgtype ?? '',
      ...(body.text?.content !== undefined ? { text: body.text.content } : {}),
      token,
    });
    sendJson(res, 200, { errcode: 0, errmsg: 'ok' });
  }
}
