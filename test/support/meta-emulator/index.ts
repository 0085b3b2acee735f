/**
 * A local stand-in for Meta's Graph Send API and webhook sender (Messenger, Instagram).
 * It answers like Graph (error objects with code/subcode), records every call, and checks
 * the limits of PLATFORMS.md §3/§7 on each payload: text ≤2000, ≤13 quick replies with
 * titles ≤20, the 24-hour window for RESPONSE/UPDATE and the 7-day HUMAN_AGENT window.
 * A limit breach is refused (as Graph would) and also listed in `violations`.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fetchAttachment, type FetchedAttachment } from './attachments.js';
import { listenLocal, readBody, sendJson, type LocalServer } from '../local-server.js';

export type MetaChannel = 'messenger' | 'instagram';

export interface MetaEmulatorOptions {
  pageToken: string;
  appSecret: string;
  pageId: string;
  instagramId: string;
  /** Clock for the messaging windows; share it with the desk under test. */
  now?: () => Date;
}

export interface GraphCall {
  accountId: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

export interface SentMessage {
  accountId: string;
  recipientId: string;
  messagingType: string;
  tag?: string;
  text?: string;
  quickReplies?: { content_type: string; title?: string; payload?: string }[];
  /** An attachment by URL, as the emulator downloaded it (attachments.ts). */
  attachment?: FetchedAttachment;
  messageId: string;
}

interface GraphError {
  status: number;
  error: { message: string; type: string; code: number; error_subcode?: number };
}

const HOUR = 3_600_000;
const TAGS = new Set(['CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE', 'ACCOUNT_UPDATE', 'HUMAN_AGENT']);

/** Meta's serialisation: JSON with every non-ASCII UTF-16 unit escaped as \uXXXX (lowercase hex). */
export function metaJson(payload: unknown): string {
  return JSON.stringify(payload).replace(
    /[\u007f-\uffff]/g,
    (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
  );
}

export function metaSignature(raw: string | Buffer, appSecret: string): string {
  return 'sha256=' + createHmac('sha256', appSecret).update(raw).digest('hex');
}

export class MetaEmulator {
  readonly calls: GraphCall[] = [];
  readonly sent: SentMessage[] = [];
  readonly refused: GraphError[] = [];
  readonly violations: string[] = [];
  /** `<accountId>:<userId>` → when the user last wrote (emulator clock). */
  private readonly lastUserAt = new Map<string, number>();
  /** User profiles the Graph profile lookup answers with, by user id. */
  readonly profiles = new Map<string, Record<string, string>>();
  private readonly failures: GraphError[] = [];
  /** Sends still to accept before `failures` apply. */
  private failAfterCount = 0;
  private local: LocalServer | undefined;
  private seq = 0;

  constructor(readonly options: MetaEmulatorOptions) {}

  /** The Graph base URL to configure as META_GRAPH_URL. */
  get graphUrl(): string {
    return `${this.local?.url ?? ''}/v21.0`;
  }

  async start(): Promise<void> {
    this.local = await listenLocal((req, res) => void this.route(req, res));
  }

  async stop(): Promise<void> {
    await this.local?.close();
  }

  /** The next `count` sends fail with this Graph error (e.g. 500, or a rate limit). */
  failNext(count: number, error: GraphError, afterSuccesses = 0): void {
    this.failAfterCount = afterSuccesses;
    for (let i = 0; i < count; i++) this.failures.push(error);
  }

  private now(): number {
    return (this.options.now?.() ?? new Date()).getTime();
  }

  private account(channel: MetaChannel): string {
    return channel === 'messenger' ? this.options.pageId : this.options.instagramId;
  }

  // ------------------------------------------------------------ the user's side (webhooks)

  /** A customer's message event, as Meta would deliver it; records the window start. */
  userMessage(
    channel: MetaChannel,
    userId: string,
    message: {
      text?: string;
      mid?: string;
      imageUrl?: string;
      quickReplyPayload?: string;
    },
  ): { payload: Record<string, unknown>; mid: string } {
    const mid = message.mid ?? `m_${(++this.seq).toString(36)}_${randomBytes(6).toString('hex')}`;
    const at = this.now();
    this.lastUserAt.set(`${this.account(channel)}:${userId}`, at);
    const body: Record<string, unknown> = { mid };
    if (message.text !== undefined) body.text = message.text;
    if (message.imageUrl) body.attachments = [{ type: 'image', payload: { url: message.imageUrl } }];
    if (message.quickReplyPayload) body.quick_reply = { payload: message.quickReplyPayload };
    return {
      payload: this.wrap(channel, {
        sender: { id: userId },
        recipient: { id: this.account(channel) },
        timestamp: at,
        message: body,
      }),
      mid,
    };
  }

  /** The echo Meta sends back for one of our own sends. */
  echoOf(channel: MetaChannel, sent: SentMessage): Record<string, unknown> {
    return this.wrap(channel, {
      sender: { id: sent.accountId },
      recipient: { id: sent.recipientId },
      timestamp: this.now(),
      message: { mid: sent.messageId, is_echo: true, text: sent.text, app_id: 1234 },
    });
  }

  deliveryOf(channel: MetaChannel, sent: SentMessage): Record<string, unknown> {
    return this.wrap(channel, {
      sender: { id: sent.recipientId },
      recipient: { id: sent.accountId },
      timestamp: this.now(),
      delivery: { mids: [sent.messageId], watermark: this.now() },
    });
  }

  private wrap(channel: MetaChannel, messaging: Record<string, unknown>): Record<string, unknown> {
    return {
      object: channel === 'messenger' ? 'page' : 'instagram',
      entry: [{ id: this.account(channel), time: this.now(), messaging: [messaging] }],
    };
  }

  /**
   * POSTs a payload to the desk's webhook the way Meta does: escaped-unicode JSON, signed on
   * those bytes. `raw` overrides the bytes; `signature` overrides the header ('' = none).
   */
  async deliver(
    webhookUrl: string,
    payload: unknown,
    opts: { raw?: string; signature?: string; secret?: string } = {},
  ): Promise<{ status: number; body: string }> {
    const raw = opts.raw ?? metaJson(payload);
    const signature = opts.signature ?? metaSignature(raw, opts.secret ?? this.options.appSecret);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (signature) headers['x-hub-signature-256'] = signature;
    const response = await fetch(webhookUrl, { method: 'POST', headers, body: raw });
    return { status: response.status, body: await response.text() };
  }

  // ------------------------------------------------------------ the Graph side (Send API)

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://x');
    const profile = /^\/v\d+\.\d+\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && profile)
      return this.profile(decodeURIComponent(profile[1] as string), url, req, res);
    const match = /^\/v\d+\.\d+\/([^/]+)\/messages$/.exec(url.pathname);
    if (req.method !== 'POST' || !match) {
      return this.reply(res, {
        status: 404,
        error: { message: 'Unknown path', type: 'GraphMethodException', code: 100 },
      });
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    } catch {
      return this.reply(res, {
        status: 400,
        error: { message: 'Invalid JSON', type: 'OAuthException', code: 100 },
      });
    }
    const accountId = decodeURIComponent(match[1] as string);
    this.calls.push({ accountId, authorization: req.headers.authorization, body });
    const attachment = (body.message as { attachment?: unknown } | undefined)?.attachment;
    let fetched: FetchedAttachment | undefined;
    if (attachment !== undefined) {
      const got = await fetchAttachment(accountId === this.options.instagramId, attachment);
      if (!got.ok) return this.reply(res, this.fail(400, 100, got.message));
      fetched = got.fetched;
    }
    const outcome = this.send(
      accountId === 'me' ? this.options.pageId : accountId,
      req.headers.authorization,
      body,
    );
    if ('error' in outcome) {
      this.refused.push(outcome);
      return this.reply(res, outcome);
    }
    this.sent.push(fetched ? { ...outcome, attachment: fetched } : outcome);
    sendJson(res, 200, { recipient_id: outcome.recipientId, message_id: outcome.messageId });
  }

  /** User Profile API: only the fields asked for, only with the page token. */
  private profile(userId: string, url: URL, req: IncomingMessage, res: ServerResponse): void {
    if (req.headers.authorization !== `Bearer ${this.options.pageToken}`) {
      return this.reply(res, {
        status: 401,
        error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 },
      });
    }
    const known = this.profiles.get(userId);
    if (!known)
      return this.reply(res, {
        status: 400,
        error: { message: 'Unsupported get request.', type: 'GraphMethodException', code: 100 },
      });
    const fields = (url.searchParams.get('fields') ?? '').split(',');
    const body: Record<string, string> = { id: userId };
    for (const field of fields) if (known[field] !== undefined) body[field] = known[field] as string;
    sendJson(res, 200, body);
  }

  private reply(res: ServerResponse, error: GraphError): void {
    sendJson(res, error.status, { error: { ...error.error, fbtrace_id: 'emulator' } });
  }

  private fail(
    status: number,
    code: number,
    message: string,
    subcode?: number,
    violation = true,
  ): GraphError {
    if (violation) this.violations.push(message);
    return {
      status,
      error: {
        message,
        type: 'OAuthException',
        code,
        ...(subcode !== undefined ? { error_subcode: subcode } : {}),
      },
    };
  }

  private send(
    accountId: string,
    authorization: string | undefined,
    body: Record<string, unknown>,
  ): SentMessage | GraphError {
    if (authorization !== `Bearer ${this.options.pageToken}`) {
      return this.fail(401, 190, 'Invalid OAuth access token.');
    }
    if (this.failures.length > 0 && this.failAfterCount-- <= 0) return this.failures.shift() as GraphError;
    if (accountId !== this.options.pageId && accountId !== this.options.instagramId) {
      return this.fail(400, 100, `Unknown account ${accountId}`);
    }
    const recipientId = (body.recipient as { id?: unknown } | undefined)?.id;
    if (typeof recipientId !== 'string')
      return this.fail(400, 100, '(#100) param recipient must be non-empty.');
    const messagingType = body.messaging_type;
    if (messagingType !== 'RESPONSE' && messagingType !== 'UPDATE' && messagingType !== 'MESSAGE_TAG') {
      return this.fail(400, 100, '(#100) param messaging_type must be one of RESPONSE, UPDATE, MESSAGE_TAG');
    }
    const tag = body.tag;
    if (messagingType === 'MESSAGE_TAG' && (typeof tag !== 'string' || !TAGS.has(tag))) {
      return this.fail(400, 100, '(#100) a valid tag is required with MESSAGE_TAG');
    }
    const message = body.message as { text?: unknown; quick_replies?: unknown } | undefined;
    const withFile = (message as { attachment?: unknown } | undefined)?.attachment !== undefined;
    const text = withFile ? '' : message?.text;
    if (withFile && message?.text !== undefined)
      return this.fail(400, 100, '(#100) a message has text or an attachment, not both');
    if (!withFile && (typeof text !== 'string' || text.length === 0))
      return this.fail(400, 100, '(#100) message text is required');
    if (typeof text === 'string' && text.length > 2000)
      return this.fail(400, 100, `(#100) text is ${text.length} characters; the limit is 2000`);
    const quickReplies = message?.quick_replies;
    if (quickReplies !== undefined) {
      if (!Array.isArray(quickReplies) || quickReplies.length === 0 || quickReplies.length > 13) {
        return this.fail(400, 100, '(#100) quick_replies must have 1 to 13 items');
      }
      for (const qr of quickReplies as { content_type?: string; title?: string; payload?: string }[]) {
        if (qr.content_type !== 'text') continue;
        if (!qr.title || [...qr.title].length > 20)
          return this.fail(400, 100, `(#100) quick reply title "${qr.title}" must be 1-20 characters`);
        if (!qr.payload || qr.payload.length > 1000)
          return this.fail(400, 100, '(#100) quick reply payload must be 1-1000 characters');
      }
    }
    const last = this.lastUserAt.get(`${accountId}:${recipientId}`);
    if (last === undefined) return this.fail(400, 100, '(#100) No matching user found', 2018001, false);
    const age = this.now() - last;
    const limit = messagingType === 'MESSAGE_TAG' && tag === 'HUMAN_AGENT' ? 7 * 24 * HOUR : 24 * HOUR;
    if (messagingType !== 'MESSAGE_TAG' || tag === 'HUMAN_AGENT') {
      if (age > limit) {
        return this.fail(400, 10, '(#10) This message is sent outside of allowed window.', 2018278);
      }
    }
    return {
      accountId,
      recipientId,
      messagingType,
      ...(typeof tag === 'string' ? { tag } : {}),
      ...(typeof text === 'string' && text ? { text } : {}),
      ...(Array.isArray(quickReplies) ? { quickReplies } : {}),
      messageId: `m_out_${(++this.seq).toString(36)}_${randomBytes(6).toString('hex')}`,
    };
  }
}
