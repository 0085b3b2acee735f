/**
 * Facebook Messenger and Instagram Direct through Meta's webhooks and Send API.
 * In: GET /meta/webhook (subscription handshake), POST /meta/webhook (signed events).
 * Out: POST {graph}/{page or IG account}/messages, inside the messaging windows.
 * Identities: Messenger page-scoped ids (PSID), Instagram-scoped ids (IGSID).
 * Reply refs: `messenger:<pageId>:<psid>`, `instagram:<igAccountId>:<igsid>`.
 */
import { splitFiles, withFileLinks, type OutboundFile } from '../../src/core/outbound-files.js';
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
import { parseWebhook, type MetaChannel, type MetaEvent } from './parse.js';
import {
  attachmentOf,
  fetchProfileName,
  MAX_TEXT,
  postMessage,
  ratingQuickReplies,
  windowFor,
} from './send.js';
import { sendParts, type PartsProgress } from '../send-parts.js';
import { splitText } from '../split-text.js';
import { fillOwner, OWNER_STRINGS } from '../../src/core/owner-strings/index.js';
import { checkChallenge, verifySignature } from './verify.js';

export interface MetaConnectorOptions {
  verifyToken: string;
  appSecret: string;
  pageToken: string;
  /** The Instagram professional account id, used when a reply ref names no account. */
  instagramId?: string;
  /** Graph API base, e.g. https://graph.facebook.com/v21.0 (tests: the emulator). */
  graphUrl?: string;
  fetch?: typeof fetch;
  /** OWNER_LANGUAGE: the language of the reasons a failed send shows the owner (default en). */
  ownerLanguage?: 'en' | 'zh';
}

export const DEFAULT_GRAPH_URL = 'https://graph.facebook.com/v21.0';

/** Per recipient: keeps split parts in order and apart; overall: well under Meta's per-page send rate. */
export const META_PACING: readonly PaceRule[] = [{ rule: 'meta', minTimeMs: 250, overallMinTimeMs: 5 }];

const CHANNELS: readonly MetaChannel[] = ['messenger', 'instagram'];
/** Recent sends per recipient, to turn a read watermark into per-message read states. */
const SENT_LOG_PER_RECIPIENT = 20;
const SENT_LOG_RECIPIENTS = 2000;

interface Ref {
  channel: MetaChannel;
  accountId: string;
  recipientId: string;
}

export function createMetaConnector(options: MetaConnectorOptions, deps: ConnectorDeps): ConnectorModule {
  const logger = deps.logger.child({ connector: 'meta' });
  const graphUrl = (options.graphUrl ?? DEFAULT_GRAPH_URL).replace(/\/+$/, '');
  const fetchFn = options.fetch ?? fetch;
  const t = OWNER_STRINGS[options.ownerLanguage ?? 'en'].metaSend;
  let intake: Intake | undefined;
  /** `<channel>:<customer id>` → ms of their last message; mirrored into deps.cursors. */
  const lastInbound = new Map<string, number>();
  /** Accounts (page, IG) seen in webhooks: the default for refs that name none. */
  const accounts: Partial<Record<MetaChannel, string>> = {};
  const progress: PartsProgress<string> = new Map();
  const sentLog = new Map<string, { mid: string; at: number }[]>();
  /** Names looked up per `<channel>:<id>` (undefined = looked up, none given). */
  const names = new Map<string, string | undefined>();
  /** Rating taps already recorded: Meta redelivers, and a tap must count once. */
  const ratedMids = new Set<string>();

  const cursorName = (key: string) => `meta:last-inbound:${key}`;

  async function noteInbound(channel: MetaChannel, senderId: string, at: Date): Promise<void> {
    const key = `${channel}:${senderId}`;
    const ms = Math.min(at.getTime(), deps.clock.now().getTime());
    if ((lastInbound.get(key) ?? 0) >= ms) return;
    lastInbound.set(key, ms);
    await deps.cursors?.set(cursorName(key), String(ms));
  }

  async function lastInboundFor(channel: MetaChannel, senderId: string, message?: OutboundMessage) {
    const key = `${channel}:${senderId}`;
    let ms = lastInbound.get(key);
    if (ms === undefined && deps.cursors) {
      const stored = Number(await deps.cursors.get(cursorName(key)));
      if (Number.isFinite(stored) && stored > 0) ms = stored;
    }
    if (ms === undefined && message?.inReplyTo?.channel === channel)
      ms = message.inReplyTo.createdAt.getTime();
    return ms === undefined ? undefined : new Date(ms);
  }

  function parseRef(channel: Channel, replyRef: string): Ref | undefined {
    if (channel !== 'messenger' && channel !== 'instagram') return undefined;
    const [refChannel, ours = '', ...rest] = replyRef.split(':');
    const recipientId = rest.join(':');
    if (refChannel !== channel || !recipientId) return undefined;
    const fallback =
      channel === 'instagram' ? (accounts.instagram ?? options.instagramId) : accounts.messenger;
    // `me` is the page the token belongs to: right whenever the ref names no account.
    return { channel, accountId: ours || fallback || 'me', recipientId };
  }

  async function handle(event: MetaEvent, target: Intake): Promise<void> {
    switch (event.kind) {
      case 'message': {
        const channel = event.message.channel as MetaChannel;
        accounts[channel] ??= event.accountId;
        const name = await nameOf(channel, event.senderId);
        if (name) event.message.from.displayName = name;
        const result = await target.receive(event.message);
        await noteInbound(event.message.channel as MetaChannel, event.senderId, event.at);
        logger.debug({ channel: event.message.channel, result: result.kind }, 'inbound message');
        return;
      }
      case 'rating': {
        if (ratedMids.has(event.mid)) return;
        const result = await target.rating({
          channel: event.channel,
          address: event.senderId,
          score: event.score,
          ...(event.conversationId ? { conversationId: event.conversationId } : {}),
        });
        ratedMids.add(event.mid);
        if (ratedMids.size > 5000) ratedMids.delete(ratedMids.values().next().value as string);
        await noteInbound(event.channel, event.senderId, event.at);
        logger.info({ channel: event.channel, result: result.kind }, 'rating received');
        return;
      }
      case 'delivery':
        for (const mid of event.mids)
          await target.delivery({ channel: event.channel, externalId: mid, state: 'delivered' });
        return;
      case 'read': {
        const key = `${event.channel}:${event.senderId}`;
        const log = sentLog.get(key) ?? [];
        const read = log.filter((s) => (event.mid ? s.mid === event.mid : s.at <= (event.watermark ?? 0)));
        for (const s of read)
          await target.delivery({ channel: event.channel, externalId: s.mid, state: 'read' });
        sentLog.set(
          key,
          log.filter((s) => !read.includes(s)),
        );
        return;
      }
      case 'ignored':
        return;
    }
  }

  async function nameOf(channel: MetaChannel, userId: string): Promise<string | undefined> {
    const key = `${channel}:${userId}`;
    if (names.has(key)) return names.get(key);
    const name = await fetchProfileName(fetchFn, graphUrl, options.pageToken, channel, userId);
    names.set(key, name);
    if (names.size > 5000) names.delete(names.keys().next().value as string);
    return name;
  }

  function rememberSent(ref: Ref, mid: string): void {
    const key = `${ref.channel}:${ref.recipientId}`;
    const log = sentLog.get(key) ?? [];
    log.push({ mid, at: deps.clock.now().getTime() });
    sentLog.delete(key);
    sentLog.set(key, log.slice(-SENT_LOG_PER_RECIPIENT));
    if (sentLog.size > SENT_LOG_RECIPIENTS) sentLog.delete(sentLog.keys().next().value as string);
  }

  async function onWebhook(req: Request, res: Response): Promise<void> {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!verifySignature(raw, req.get('x-hub-signature-256'), options.appSecret)) {
      logger.warn({ bytes: raw.length }, 'rejected a webhook with a missing or wrong X-Hub-Signature-256');
      res.status(401).json({ error: 'Invalid signature.' });
      return;
    }
    const target = intake;
    if (!target) {
      res.status(503).json({ error: 'Not ready.' });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      res.status(400).json({ error: 'The request body is not valid JSON.' });
      return;
    }
    const events = parseWebhook(body, deps.clock.now());
    if (!events) {
      res.status(400).json({ error: 'Not a Messenger or Instagram webhook payload.' });
      return;
    }
    try {
      // Store before acknowledging: a 5xx makes Meta deliver again, and intake dedupes on mid.
      for (const event of events) await handle(event, target);
    } catch (error) {
      logger.error({ err: (error as Error).message }, 'could not store a webhook event; Meta will retry');
      res.status(500).json({ error: 'Could not store the event.' });
      return;
    }
    res.status(200).type('text/plain').send('EVENT_RECEIVED');
  }

  return {
    connector: {
      name: 'meta',
      channels: CHANNELS,
      pacing: META_PACING,

      async start(target: Intake) {
        intake = target;
      },

      async stop() {
        intake = undefined;
      },

      health: (): ConnectorHealth => ({ state: intake ? 'up' : 'starting' }),

      canSend(channel: Channel, replyRef: string, _customer: Customer, lastInboundAt?: Date): SendCheck {
        const ref = parseRef(channel, replyRef);
        if (!ref) return { ok: false, reason: fillOwner(t.noRecipient, { channel }) };
        const known = lastInbound.get(`${ref.channel}:${ref.recipientId}`);
        const window = windowFor(
          known !== undefined ? new Date(known) : lastInboundAt,
          deps.clock.now(),
          'reply',
          t,
        );
        return window.kind === 'closed' ? { ok: false, reason: window.reason } : { ok: true };
      },

      async send(message: OutboundMessage): Promise<SendResult> {
        const ref = parseRef(message.channel, message.replyRef);
        if (!ref)
          return { kind: 'rejected', reason: fillOwner(t.notReference, { channel: message.channel }) };
        // The owner's shared files: attachments by URL (Meta fetches the signed link), or the link.
        const { attach, links } = splitFiles(message.files);
        const text = withFileLinks(message.text, links, message.language);
        if (!text.trim() && attach.length === 0) return { kind: 'rejected', reason: t.empty };
        const last = await lastInboundFor(ref.channel, ref.recipientId, message);
        const window = windowFor(last, deps.clock.now(), message.purpose, t);
        if (window.kind === 'closed') return { kind: 'rejected', reason: window.reason };

        const texts = text.trim() ? splitText(text, MAX_TEXT) : [];
        const parts: (string | OutboundFile)[] = [...texts, ...attach];
        const post = (part: string | OutboundFile, i: number) =>
          postMessage(
            fetchFn,
            graphUrl,
            options.pageToken,
            {
              accountId: ref.accountId,
              recipientId: ref.recipientId,
              window: window.kind,
              ...(typeof part === 'string' ? { text: part } : { attachment: attachmentOf(part) }),
              ...(i === texts.length - 1 && message.purpose === 'rating_request'
                ? { quickReplies: ratingQuickReplies(message.conversationId) }
                : {}),
            },
            t,
          );
        const result = await sendParts<string, string | OutboundFile>(
          progress,
          message.jobId,
          parts,
          async (text, i, mayGo) => {
            // Checked inside the pacing slot: the moment of the send, not before the wait.
            const part = await deps.pacer
              .schedule('meta', `${ref.channel}:${ref.recipientId}`, async () =>
                (await mayGo()) ? post(text, i) : ({ kind: 'skip' } as const),
              )
              .catch((err: unknown) => ({ kind: 'retry', reason: (err as Error).message }) as const);
            if (part.kind === 'ok') rememberSent(ref, part.messageId);
            else if (part.kind !== 'skip')
              logger.warn(
                { channel: ref.channel, part: i + 1, parts: parts.length, result: part.kind },
                part.reason,
              );
            return part;
          },
          message.record,
          options.ownerLanguage,
        );
        if (result.kind !== 'sent') return result;
        logger.info(
          { channel: ref.channel, parts: parts.length, tagged: window.kind === 'human_agent' },
          'reply sent',
        );
        const mid = result.lastMessageId;
        return { kind: 'sent', ...(mid ? { externalId: mid } : {}), delivery: 'sent' };
      },
    },

    mount(app: Express) {
      app.get('/meta/webhook', (req, res) => {
        const check = checkChallenge(req.query as Record<string, unknown>, options.verifyToken);
        if (!check.ok) {
          res.status(403).type('text/plain').send('Forbidden');
          return;
        }
        res.status(200).type('text/plain').send(check.challenge);
      });
      // Raw bytes for every content type: the signature covers exactly what Meta sent.
      app.post('/meta/webhook', express.raw({ type: () => true, limit: '2mb' }), onWebhook);
    },
  };
}
