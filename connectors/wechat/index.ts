/**
 * WeChat Official Account (service or subscription account with the developer server on).
 * In: GET /wechat (URL verification), POST /wechat (signed pushes, plaintext or safe mode),
 * each stored first and then answered `success` (no passive reply) within WeChat's 5 s.
 * Out: the customer-service message API within 48 h of the follower's last message.
 * Identity: the follower's OpenID. Reply refs: `wechat:<our account id>:<openid>`.
 */
import { withFileLinks } from '../../src/core/outbound-files.js';
import express, { type Express, type Request, type Response } from 'express';
import type { Channel, Customer } from '../../src/core/model.js';
import type {
  ConnectorHealth,
  Intake,
  OutboundMessage,
  PaceRule,
  SendCheck,
  SendResult,
} from '../../src/core/ports.js';
import type { ConnectorDeps, ConnectorModule } from '../module.js';
import { sendParts, type PartsProgress } from '../send-parts.js';
import { splitText } from '../split-text.js';
import { sha1Signature, verifySignature, WechatCrypto } from './crypto.js';
import { downloadCapped, IMAGE_MAX_BYTES, IMAGE_TIMEOUT_MS, MediaError, VOICE_MAX_BYTES } from './media.js';
import { parseFields, type WechatEvent } from './parse.js';
import {
  failure,
  MAX_TEXT,
  postCustomText,
  reason,
  WINDOW_MS,
  type CustomSend,
  type OwnerLang,
} from './send.js';
import { AccessTokenCache, TOKEN_ERRORS } from './token.js';
import { parseFlatXml } from './xml.js';

export interface WechatConnectorOptions {
  appId: string;
  appSecret: string;
  /** The Token set in the WeChat console: signs every push. */
  token: string;
  /** Safe mode: the 43-character EncodingAESKey. */
  encodingAesKey?: string;
  /** API base, default https://api.weixin.qq.com (tests: the emulator). */
  apiUrl?: string;
  /** Sent to a new follower when they subscribe (optional). */
  greeting?: string;
  /** The language of the reasons the owner reads. */
  ownerLanguage?: string;
  imageMaxBytes?: number;
  fetch?: typeof fetch;
}

export const DEFAULT_WECHAT_API_URL = 'https://api.weixin.qq.com';
export const WECHAT_PATH = '/wechat';
/** Parts of one reply stay in order; overall well under WeChat's API frequency limits. */
export const WECHAT_PACING: readonly PaceRule[] = [{ rule: 'wechat', minTimeMs: 300, overallMinTimeMs: 20 }];
const RECENT_EVENTS = 2000;

export function createWechatConnector(options: WechatConnectorOptions, deps: ConnectorDeps): ConnectorModule {
  const logger = deps.logger.child({ connector: 'wechat' });
  const apiUrl = (options.apiUrl ?? DEFAULT_WECHAT_API_URL).replace(/\/+$/, '');
  const fetchFn = options.fetch ?? fetch;
  const lang: OwnerLang = options.ownerLanguage === 'zh' ? 'zh' : 'en';
  const crypto = options.encodingAesKey ? new WechatCrypto(options.encodingAesKey, options.appId) : undefined;
  const tokens = new AccessTokenCache(apiUrl, options.appId, options.appSecret, deps.clock, fetchFn);
  const api: CustomSend = { apiUrl, tokens, lang, fetchFn };
  const progress: PartsProgress<number> = new Map();
  /** openid → ms of their last message; mirrored into deps.cursors (the 48 h window). */
  const lastInbound = new Map<string, number>();
  /** Events already handled (subscribe greetings must go once per retry series). */
  const recentEvents = new Set<string>();
  let intake: Intake | undefined;

  const cursorName = (openid: string) => `wechat:last-inbound:${openid}`;

  async function noteInbound(openid: string, at: Date): Promise<void> {
    const ms = Math.min(at.getTime(), deps.clock.now().getTime());
    if ((lastInbound.get(openid) ?? 0) >= ms) return;
    lastInbound.set(openid, ms);
    if (lastInbound.size > 20_000) lastInbound.delete(lastInbound.keys().next().value as string);
    await deps.cursors?.set(cursorName(openid), String(ms));
  }

  async function lastInboundFor(openid: string): Promise<number | undefined> {
    let ms = lastInbound.get(openid);
    if (ms === undefined && deps.cursors) {
      const stored = Number(await deps.cursors.get(cursorName(openid)));
      if (Number.isFinite(stored) && stored > 0) ms = stored;
    }
    return ms;
  }

  function openidOf(channel: Channel, replyRef: string): string | undefined {
    if (channel !== 'wechat') return undefined;
    const [refChannel, , ...rest] = replyRef.split(':');
    const openid = rest.join(':');
    return refChannel === 'wechat' && /^[\w-]{1,64}$/.test(openid) ? openid : undefined;
  }

  const windowClosed = (lastMs: number | undefined) =>
    lastMs === undefined || deps.clock.now().getTime() - lastMs > WINDOW_MS;

  /**
   * Relays a picture (from PicUrl) or a voice clip (temporary-media API, same cached token)
   * into the message's attachment, capped in bytes and time: the push is answered within 5 s.
   */
  async function relayMedia(event: Extract<WechatEvent, { kind: 'message' }>): Promise<void> {
    const attachment = event.message.attachments?.[0];
    if (!attachment || (!event.picUrl && !event.voiceMediaId)) return;
    let token: string | undefined;
    // One time budget for the token and the download together (the push waits for both).
    const deadline = Date.now() + IMAGE_TIMEOUT_MS;
    try {
      let url = event.picUrl;
      let cap = options.imageMaxBytes ?? IMAGE_MAX_BYTES;
      if (!url && event.voiceMediaId) {
        token = await withinMs(tokens.get(), IMAGE_TIMEOUT_MS);
        const media = new URL(`${apiUrl}/cgi-bin/media/get`);
        media.searchParams.set('access_token', token);
        media.searchParams.set('media_id', event.voiceMediaId);
        url = media.toString();
        cap = VOICE_MAX_BYTES;
      }
      if (!url) return;
      const file = await downloadCapped(fetchFn, url, cap, Math.max(100, deadline - Date.now()));
      attachment.dataBase64 = file.bytes.toString('base64');
      attachment.size = file.bytes.length;
      if (file.contentType && event.picUrl) attachment.contentType = file.contentType;
    } catch (error) {
      if (
        token &&
        error instanceof MediaError &&
        error.errcode !== undefined &&
        TOKEN_ERRORS.has(error.errcode)
      )
        tokens.invalidate(token);
      // Stored without the bytes rather than not at all (the push must be answered in 5 s).
      logger.warn({ err: (error as Error).message }, 'could not download a WeChat picture or voice clip');
    }
  }

  /** Stores one push; throws when it could not be stored (then WeChat is asked to retry). */
  async function handle(event: WechatEvent, target: Intake): Promise<(() => Promise<void>) | undefined> {
    switch (event.kind) {
      case 'message': {
        await relayMedia(event);
        const result = await target.receive(event.message);
        await noteInbound(event.openid, event.at);
        logger.debug({ result: result.kind, type: event.message.meta?.wechatType }, 'inbound message');
        return undefined;
      }
      case 'subscribe':
      case 'unsubscribe': {
        if (recentEvents.has(event.key)) return undefined;
        // An unfollower cannot be messaged (WeChat answers 43004/45015): the same as an opt-out.
        await target.optOut('wechat', event.openid, event.kind === 'unsubscribe', {
          externalId: event.key,
          at: event.at,
        });
        recentEvents.add(event.key);
        if (recentEvents.size > RECENT_EVENTS)
          recentEvents.delete(recentEvents.values().next().value as string);
        logger.info({ event: event.kind }, 'follower event');
        const greeting = options.greeting;
        if (event.kind !== 'subscribe' || !greeting) return undefined;
        // Sent after the push is answered: the greeting must not eat into WeChat's 5 s.
        return async () => {
          const sent = await postCustomText(api, event.openid, greeting);
          logger.info({ result: sent.kind }, 'greeting to a new follower');
        };
      }
      case 'ignored':
        logger.debug({ reason: event.reason }, 'ignored a WeChat push');
        return undefined;
    }
  }

  /** The push's fields: plaintext, or decrypted and checked with msg_signature in safe mode. */
  function openPush(req: Request, body: string): Record<string, string> | 'forbidden' | undefined {
    const outer = parseFlatXml(body);
    if (!outer) return undefined;
    const encrypted = outer.Encrypt;
    if (encrypted === undefined) return req.query.encrypt_type === 'aes' ? undefined : outer;
    // Compatible mode (兼容模式) sends the plaintext fields beside Encrypt: usable without the key.
    if (!crypto) return outer.MsgType ? outer : undefined;
    const { timestamp, nonce, msg_signature: msgSignature } = req.query;
    if (typeof timestamp !== 'string' || typeof nonce !== 'string' || typeof msgSignature !== 'string')
      return 'forbidden';
    if (sha1Signature(options.token, timestamp, nonce, encrypted) !== msgSignature.toLowerCase())
      return 'forbidden';
    const xml = crypto.decrypt(encrypted);
    return xml === undefined ? 'forbidden' : parseFlatXml(xml);
  }

  async function onPush(req: Request, res: Response): Promise<void> {
    if (!verifySignature(options.token, req.query)) {
      logger.warn({}, 'rejected a WeChat push with a missing or wrong signature');
      res.status(403).type('text/plain').send('Forbidden');
      return;
    }
    const target = intake;
    if (!target) {
      res.status(503).type('text/plain').send('Not ready');
      return;
    }
    const body = typeof req.body === 'string' ? req.body : '';
    const fields = openPush(req, body);
    if (fields === 'forbidden') {
      logger.warn({}, 'rejected a WeChat push with a wrong msg_signature or undecryptable body');
      res.status(403).type('text/plain').send('Forbidden');
      return;
    }
    if (!fields) {
      if (!crypto && /<Encrypt>/.test(body))
        logger.warn({}, 'an encrypted WeChat push arrived but WECHAT_ENCODING_AES_KEY is not set');
      res.status(400).type('text/plain').send('Not a WeChat push');
      return;
    }
    let after: (() => Promise<void>) | undefined;
    try {
      // Store before answering: no answer (or a 5xx) makes WeChat push again, and intake dedupes.
      after = await handle(parseFields(fields, deps.clock.now()), target);
    } catch (error) {
      logger.error({ err: (error as Error).message }, 'could not store a WeChat push; WeChat will retry');
      res.status(500).type('text/plain').send('');
      return;
    }
    // `success`: received, no passive reply (replies go through the customer-service API).
    res.status(200).type('text/plain').send('success');
    if (after) void after().catch((error: Error) => logger.warn({ err: error.message }, 'greeting failed'));
  }

  return {
    connector: {
      name: 'wechat',
      channels: ['wechat'],
      pacing: WECHAT_PACING,

      async start(target: Intake) {
        intake = target;
      },

      async stop() {
        intake = undefined;
      },

      health(): ConnectorHealth {
        return intake
          ? { state: 'up', detail: crypto ? 'safe mode' : 'plaintext mode' }
          : { state: 'starting' };
      },

      canSend(channel: Channel, replyRef: string, _customer: Customer, lastInboundAt?: Date): SendCheck {
        const openid = openidOf(channel, replyRef);
        if (!openid) return { ok: false, reason: failure('noFollower', lang) };
        // The connector's own record of the follower's last message beats the conversation's date.
        const last = lastInbound.get(openid) ?? lastInboundAt?.getTime();
        if (windowClosed(last)) return { ok: false, reason: reason('windowClosed', lang) };
        return { ok: true };
      },

      async send(message: OutboundMessage): Promise<SendResult> {
        const openid = openidOf(message.channel, message.replyRef);
        if (!openid) return { kind: 'rejected', reason: failure('notReference', lang) };
        // The owner's shared files go as signed download links (file-limits.ts: WeChat takes none).
        const text = withFileLinks(message.text, message.files ?? [], message.language);
        if (!text.trim()) return { kind: 'rejected', reason: failure('empty', lang) };
        // Blocked before any call when we know the window is closed; unknown: WeChat's 45015 decides.
        const last = await lastInboundFor(openid);
        if (last !== undefined && windowClosed(last))
          return { kind: 'rejected', reason: reason('windowClosed', lang) };
        const parts = splitText(text, MAX_TEXT);
        const result = await sendParts(
          progress,
          message.jobId,
          parts,
          async (text, i, mayGo) => {
            // Checked inside the pacing slot: the moment of the send, not before the wait.
            const part = await deps.pacer
              .schedule('wechat', openid, async () =>
                (await mayGo()) ? postCustomText(api, openid, text) : ({ kind: 'skip' } as const),
              )
              .catch((err: unknown) => ({ kind: 'retry', reason: (err as Error).message }) as const);
            if (part.kind === 'retry' || part.kind === 'rejected')
              logger.warn({ part: i + 1, parts: parts.length, result: part.kind }, part.reason);
            return part;
          },
          message.record,
          lang,
        );
        if (result.kind !== 'sent') return result;
        logger.info({ parts: parts.length }, 'reply sent');
        const msgid = result.lastMessageId;
        return { kind: 'sent', ...(msgid ? { externalId: String(msgid) } : {}), delivery: 'sent' };
      },
    },

    mount(app: Express) {
      app.get(WECHAT_PATH, (req, res) => {
        const echostr = req.query.echostr;
        if (!verifySignature(options.token, req.query) || typeof echostr !== 'string') {
          res.status(403).type('text/plain').send('Forbidden');
          return;
        }
        res.status(200).type('text/plain').send(echostr);
      });
      // The body as text for every content type (WeChat posts text/xml).
      app.post(WECHAT_PATH, express.text({ type: () => true, limit: '1mb' }), onPush);
    },
  };
}

/** The promise's value, or a rejection after `ms` (the work itself goes on, e.g. a token fetch). */
function withinMs<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
