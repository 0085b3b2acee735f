/**
 * A local stand-in for Twilio: the REST API paths the twilio library calls (Messages.json,
 * Calls.json) and the webhook sender (form posts signed with the library's own algorithm).
 *
 * It answers like Twilio (201 with a resource JSON; errors as {code, message, more_info,
 * status}), records every message and call, and checks on every request:
 * - Basic auth and the account SID format (^AC[0-9a-f]{32}$) — 20003 / 20404;
 * - To/From present and E.164, `whatsapp:` on both sides or neither — 21604/21603/21211/21910;
 * - Body ≤1600 characters — 21617; template variables ≤1024 — 63021;
 * - pacing: 1 segment/s per sending long-code number (a 3-segment SMS uses 3 s) — 20429;
 * - the WhatsApp 24-hour window: free text outside it fails with 63016; a ContentSid send
 *   (content.ts: it must exist, be WhatsApp-approved and get exactly its variables) may go;
 * - the Content API listing (GET /v1/Content, /v1/ContentAndApprovals) of `content`;
 * - recipients who texted STOP are refused with 21610 until they text START;
 * - Calls: Url or Twiml, TwiML ≤4000 characters and well-formed enough to start with <Response>.
 * A refusal is also listed in `violations` with its code, so tests can assert there were none.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenLocal, readBody, sendJson, type LocalServer } from '../local-server.js';
import twilio from 'twilio';
import { callResource, parseCall, type EmulatedCall } from './calls.js';
import { ContentStore } from './content.js';
import { ERROR_INFO, TwilioError } from './errors.js';
import { fetchMedia, type FetchedMedia } from './media.js';
import { messageResource, messagesPage } from './message-resources.js';
import { ACCOUNT_SID, E164, MAX_BODY, MAX_TEMPLATE_BODY, segmentsOf, WHATSAPP_WINDOW_MS } from './limits.js';

export interface TwilioEmulatorOptions {
  accountSid: string;
  authToken: string;
  /** Clock for the WhatsApp window (share it with the desk under test). Pacing uses real time. */
  now?: () => Date;
  /** Slack for timer jitter when checking the pacing, in ms. */
  pacingToleranceMs?: number;
  /** The long-code pace: ms per segment (Twilio: 1000). Tests of queues may shorten it. */
  segmentMs?: number;
}

export interface EmulatedMessage {
  sid: string;
  from: string;
  to: string;
  body?: string;
  contentSid?: string;
  /** ContentVariables, parsed. */
  contentVariables?: Record<string, string>;
  mediaUrls: string[];
  /** What Twilio fetched from the MediaUrls (media.ts), once it has. */
  media?: Promise<FetchedMedia[]>;
  statusCallback?: string;
  segments: number;
  encoding: 'GSM-7' | 'UCS-2';
  receivedAt: number;
  /** Twilio's date_created, on the emulator's clock (which tests may move). */
  dateCreated: string;
}

export type { EmulatedCall } from './calls.js';
export { dialOf } from './calls.js';

export interface Violation {
  path: string;
  status: number;
  code: number;
  message: string;
}

const STOP = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT']);
const START = new Set(['START', 'YES', 'UNSTOP']);

export class TwilioEmulator {
  readonly messages: EmulatedMessage[] = [];
  readonly calls: EmulatedCall[] = [];
  readonly violations: Violation[] = [];
  /** The account's Content API templates (add some with content.add). */
  readonly content = new ContentStore();
  /** Every REST request, as (method, path). */
  readonly requests: { method: string; path: string }[] = [];
  private local: LocalServer | undefined;
  private readonly lastSend = new Map<string, { at: number; segments: number }>();
  private readonly lastInbound = new Map<string, Date>();
  private readonly stopped = new Set<string>();
  private readonly now: () => Date;
  private readonly tolerance: number;
  private forwarding: { from: string; to: string } | undefined;
  /** A slow platform: records a message at once but answers this many ms later. */
  responseDelayMs = 0;
  /**
   * A lost answer: the next this-many message creations are recorded (Twilio took them) but the
   * connection is cut before the response, as when a timeout or a network fault hits after
   * Twilio accepted the request.
   */
  dropResponses = 0;
  /** The REST base (TWILIO_API_BASE_URL) once started. */
  get url(): string {
    return this.local?.url ?? '';
  }

  constructor(private readonly options: TwilioEmulatorOptions) {
    this.now = options.now ?? (() => new Date());
    this.tolerance = options.pacingToleranceMs ?? 150;
  }

  async start(): Promise<string> {
    this.local = await listenLocal((req, res) => void this.handle(req, res));
    return this.local.url;
  }

  async stop(): Promise<void> {
    await this.local?.close();
    this.local = undefined;
  }

  // ------------------------------------------------------------ Twilio → the desk (webhooks)

  /**
   * Acts as the reverse proxy in front of the desk: callbacks to URLs under `publicBase`
   * (as the desk gave them to Twilio) are delivered to `localBase`, signed over the public URL.
   */
  forward(publicBase: string, localBase: string): void {
    this.forwarding = { from: publicBase, to: localBase };
  }

  private deliverTo(url: string): string {
    const f = this.forwarding;
    return f && url.startsWith(f.from) ? f.to + url.slice(f.from.length) : url;
  }

  /**
   * POSTs a form webhook signed with twilio.getExpectedTwilioSignature over `signedUrl`
   * (the public URL Twilio was configured with; defaults to `postUrl`). An inbound message
   * from a customer also opens the WhatsApp window and applies STOP/START, as Twilio does.
   */
  async webhook(
    postUrl: string,
    params: Record<string, string>,
    opts: { signedUrl?: string; signature?: string | null } = {},
  ): Promise<{ status: number; body: string; contentType: string | null }> {
    const signature =
      opts.signature === null
        ? undefined
        : (opts.signature ??
          twilio.getExpectedTwilioSignature(this.options.authToken, opts.signedUrl ?? postUrl, params));
    if (params.MessageSid && params.From && params.To && !params.MessageStatus)
      this.noteInbound(params.From, params.Body ?? '');
    const res = await fetch(postUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(signature ? { 'x-twilio-signature': signature } : {}),
      },
      body: new URLSearchParams(params).toString(),
    });
    return { status: res.status, body: await res.text(), contentType: res.headers.get('content-type') };
  }

  /** A JSON-body webhook: `?bodySHA256=<hex>` added to the URL, the URL signed with no params. */
  async jsonWebhook(
    postUrl: string,
    signedUrl: string,
    body: string,
    opts: { tamper?: (body: string) => string } = {},
  ): Promise<{ status: number; body: string }> {
    const hash = twilio.getExpectedBodyHash(body);
    const withHash = (u: string) => `${u}${u.includes('?') ? '&' : '?'}bodySHA256=${hash}`;
    const signature = twilio.getExpectedTwilioSignature(this.options.authToken, withHash(signedUrl), {});
    const res = await fetch(withHash(postUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-twilio-signature': signature },
      body: opts.tamper ? opts.tamper(body) : body,
    });
    return { status: res.status, body: await res.text() };
  }

  /** Sends a status callback for a recorded message to the URL it was created with. */
  async status(sid: string, status: string, extra: Record<string, string> = {}): Promise<number> {
    const message = this.messages.find((m) => m.sid === sid);
    if (!message?.statusCallback) throw new Error(`no status callback for ${sid}`);
    const params = {
      AccountSid: this.options.accountSid,
      MessageSid: sid,
      SmsSid: sid,
      MessageStatus: status,
      SmsStatus: status,
      From: message.from,
      To: message.to,
      ApiVersion: '2010-04-01',
      ...extra,
    };
    const url = message.statusCallback;
    return (await this.webhook(this.deliverTo(url), params, { signedUrl: url })).status;
  }

  /** Marks an inbound message from `from` at the emulator's clock (WhatsApp window, STOP). */
  noteInbound(from: string, body = ''): void {
    this.lastInbound.set(from, this.now());
    const word = body.trim().toUpperCase();
    if (STOP.has(word)) this.stopped.add(from);
    if (START.has(word)) this.stopped.delete(from);
  }

  // ------------------------------------------------------------ the desk → Twilio (REST)

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    this.requests.push({ method: req.method ?? 'GET', path });
    try {
      const raw = (await readBody(req)).toString('utf8');
      if (req.method === 'GET' && path.startsWith('/v1/')) {
        this.authenticate(req, this.options.accountSid);
        const found = this.content.get(path, this.options.accountSid, this.url);
        if (!found) throw new TwilioError(404, 20404, `The requested resource ${path} was not found`);
        return sendJson(res, 200, found);
      }
      const match = /^\/2010-04-01\/Accounts\/([^/]+)\/(Messages|Calls)\.json$/.exec(path);
      if (match && match[2] === 'Messages' && req.method === 'GET') {
        this.authenticate(req, match[1] as string);
        return sendJson(res, 200, messagesPage(match[1] as string, this.messages, req.url ?? path));
      }
      if (!match || req.method !== 'POST')
        throw new TwilioError(404, 20404, `The requested resource ${path} was not found`);
      const [, accountSid, resource] = match as unknown as [string, string, string];
      this.authenticate(req, accountSid);
      const form = new URLSearchParams(raw);
      if (req.headers['content-type']?.split(';')[0] !== 'application/x-www-form-urlencoded') {
        throw new TwilioError(400, 20001, 'Expected a form-encoded body');
      }
      const body =
        resource === 'Messages' ? this.createMessage(accountSid, form) : this.createCall(accountSid, form);
      if (this.responseDelayMs > 0) await new Promise((r) => setTimeout(r, this.responseDelayMs));
      if (resource === 'Messages' && this.dropResponses > 0) {
        this.dropResponses -= 1;
        req.socket.destroy();
        return;
      }
      sendJson(res, 201, body);
    } catch (err) {
      const e = err instanceof TwilioError ? err : new TwilioError(500, 20500, (err as Error).message);
      this.violations.push({ path, status: e.status, code: e.code, message: e.message });
      sendJson(res, e.status, {
        code: e.code,
        message: e.message,
        more_info: `${ERROR_INFO}${e.code}`,
        status: e.status,
      });
    }
  }

  private authenticate(req: IncomingMessage, accountSid: string): void {
    if (!ACCOUNT_SID.test(accountSid)) throw new TwilioError(404, 20404, 'Invalid AccountSid');
    const header = req.headers.authorization ?? '';
    const [user, pass] = Buffer.from(header.replace(/^Basic /, ''), 'base64')
      .toString('utf8')
      .split(':');
    if (!header.startsWith('Basic ') || user !== this.options.accountSid || pass !== this.options.authToken) {
      throw new TwilioError(401, 20003, 'Authenticate');
    }
    if (accountSid !== this.options.accountSid) throw new TwilioError(404, 20404, 'Account not found');
  }

  /** Like Twilio, after accepting the message: problems are violations (Twilio would fail it). */
  private async fetchMedia(path: string, urls: string[], whatsapp: boolean): Promise<FetchedMedia[]> {
    const { media, problems } = await fetchMedia(urls, whatsapp);
    for (const p of problems) this.violations.push({ path, status: 400, ...p });
    return media;
  }

  private createMessage(accountSid: string, form: URLSearchParams): Record<string, unknown> {
    const to = form.get('To');
    const from = form.get('From');
    const body = form.get('Body') ?? undefined;
    const contentSid = form.get('ContentSid') ?? undefined;
    const mediaUrls = form.getAll('MediaUrl');
    const statusCallback = form.get('StatusCallback') ?? undefined;
    if (!to) throw new TwilioError(400, 21604, "A 'To' phone number is required.");
    if (!from) throw new TwilioError(400, 21603, "A 'From' phone number is required.");
    if (body === undefined && !contentSid && mediaUrls.length === 0) {
      throw new TwilioError(400, 21602, 'Message body is required.');
    }
    const toWa = to.startsWith('whatsapp:');
    const fromWa = from.startsWith('whatsapp:');
    if (toWa !== fromWa)
      throw new TwilioError(
        400,
        21910,
        'Invalid From and To pair. From and To should be of the same channel',
      );
    const toNumber = to.replace(/^whatsapp:/, '');
    if (!E164.test(toNumber))
      throw new TwilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (!E164.test(from.replace(/^whatsapp:/, '')))
      throw new TwilioError(400, 21212, `The 'From' number ${from} is not valid.`);
    if (body !== undefined && body.length > MAX_BODY) {
      throw new TwilioError(400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
    }
    if (statusCallback && !/^https?:\/\/[^/_]+\//.test(statusCallback)) {
      throw new TwilioError(400, 21609, 'Invalid StatusCallback url');
    }
    if (toWa) {
      if (contentSid && body !== undefined)
        throw new TwilioError(400, 21619, 'Send a template with ContentSid and no Body.');
      if (contentSid) {
        const refusal = this.content.check(contentSid, form.get('ContentVariables'));
        if (refusal) throw new TwilioError(...refusal);
      }
      const variables = form.get('ContentVariables');
      if (variables && variables.length > MAX_TEMPLATE_BODY)
        throw new TwilioError(400, 63021, 'Template body too long.');
      const last = this.lastInbound.get(to);
      const open = last !== undefined && this.now().getTime() - last.getTime() <= WHATSAPP_WINDOW_MS;
      if (!contentSid && !open) {
        throw new TwilioError(
          400,
          63016,
          'Failed to send freeform message because you are outside the allowed window. Please use a Template.',
        );
      }
    } else if (this.stopped.has(to)) {
      throw new TwilioError(400, 21610, 'Attempt to send to unsubscribed recipient');
    }

    const { encoding, segments } =
      body !== undefined && !toWa ? segmentsOf(body) : { encoding: 'GSM-7' as const, segments: 1 };
    if (!fromWa) this.checkPacing(from);
    const sid = `SM${randomBytes(16).toString('hex')}`;
    this.lastSend.set(from, { at: Date.now(), segments });
    this.messages.push({
      sid,
      from,
      to,
      ...(body !== undefined ? { body } : {}),
      ...(contentSid ? { contentSid } : {}),
      ...(contentSid && form.get('ContentVariables')
        ? { contentVariables: JSON.parse(form.get('ContentVariables') as string) as Record<string, string> }
        : {}),
      mediaUrls,
      ...(mediaUrls.length ? { media: this.fetchMedia(`/Messages/${sid}`, mediaUrls, toWa) } : {}),
      ...(statusCallback ? { statusCallback } : {}),
      segments,
      encoding,
      receivedAt: Date.now(),
      dateCreated: this.now().toUTCString(),
    });
    return messageResource(accountSid, this.messages.at(-1)!, this.now().toUTCString());
  }

  /** A long code sends 1 segment/s: the previous send's segments must have drained. */
  private checkPacing(from: string): void {
    const last = this.lastSend.get(from);
    if (!last) return;
    const earliest = last.at + last.segments * (this.options.segmentMs ?? 1000) - this.tolerance;
    const now = Date.now();
    if (now < earliest) {
      throw new TwilioError(
        429,
        20429,
        `Too Many Requests: ${from} sent ${last.segments} segment(s) ${now - last.at} ms ago (1 segment/s)`,
      );
    }
  }

  private createCall(accountSid: string, form: URLSearchParams): Record<string, unknown> {
    const call = parseCall(form);
    this.calls.push(call);
    return callResource(accountSid, call, this.now().toUTCString());
  }
}
