/**
 * The customers' side: each writes on their own platform, which delivers to the desk exactly
 * as the platform would (a Twilio form signed over the public URL, a Meta payload signed on
 * its raw bytes, a Telegram update with the secret header, a website-chat WebSocket).
 */
import assert from 'node:assert/strict';
import { ChatClient, type Frame } from '../connectors/webchat/harness.js';
import { TWILIO, type OmniDesk } from './omni-desk.js';

let sid = 0;
const messageSid = () => `SM${String(++sid).padStart(8, '0')}${'e2e0'.repeat(6)}`;

/** What a platform delivered last, so a test can deliver it again (a platform retry). */
export interface Delivered {
  twilio?: Record<string, string>;
  meta?: Record<string, unknown>;
  telegram?: Record<string, unknown> & { update_id: number };
}

export class Customers {
  readonly last: Delivered = {};

  constructor(private readonly d: () => OmniDesk) {}

  /** A Twilio webhook to `path`, signed over PUBLIC_URL + path. Returns the HTTP status. */
  async twilioHook(path: string, params: Record<string, string>, signature?: string): Promise<number> {
    const d = this.d();
    const res = await d.twilio.webhook(`${d.desk.url}${path}`, params, {
      signedUrl: `${d.publicUrl}${path}`,
      ...(signature !== undefined ? { signature } : {}),
    });
    return res.status;
  }

  smsParams(from: string, body: string): Record<string, string> {
    return {
      AccountSid: TWILIO.accountSid,
      MessageSid: messageSid(),
      From: from,
      To: TWILIO.number,
      Body: body,
      NumMedia: '0',
    };
  }

  async sms(from: string, body: string): Promise<string> {
    const params = this.smsParams(from, body);
    this.last.twilio = params;
    assert.equal(await this.twilioHook('/twilio/sms', params), 200, 'Twilio gets 200 for an SMS');
    return params.MessageSid as string;
  }

  async whatsapp(from: string, body: string, profileName?: string): Promise<string> {
    const params = {
      AccountSid: TWILIO.accountSid,
      MessageSid: messageSid(),
      From: `whatsapp:${from}`,
      To: `whatsapp:${TWILIO.whatsapp}`,
      Body: body,
      NumMedia: '0',
      ...(profileName ? { ProfileName: profileName } : {}),
    };
    assert.equal(await this.twilioHook('/twilio/sms', params), 200, 'Twilio gets 200 for a WhatsApp message');
    return params.MessageSid;
  }

  /** A Messenger message (or a quick-reply tap) from `psid`; returns the message id. */
  async messenger(psid: string, text: string, quickReplyPayload?: string): Promise<string> {
    const d = this.d();
    const { payload, mid } = d.meta.userMessage('messenger', psid, {
      text,
      ...(quickReplyPayload ? { quickReplyPayload } : {}),
    });
    this.last.meta = payload;
    const res = await d.meta.deliver(`${d.desk.url}/meta/webhook`, payload);
    assert.equal(res.status, 200, 'Meta gets 200');
    return mid;
  }

  /** A Telegram message from a private chat (delivered to the registered webhook). */
  async telegram(chatId: number, text: string, languageCode = 'en'): Promise<void> {
    const d = this.d();
    this.last.telegram = await d.telegram.userMessage(chatId, text, { language_code: languageCode });
    assert.equal(d.telegram.webhookDeliveries.at(-1)?.status, 200, 'Telegram gets 200');
  }

  /** A website-chat visitor on a real WebSocket, as the widget speaks it; `token` = a returning visitor. */
  async webchatVisitor(lang?: 'en' | 'zh', token?: string): Promise<Visitor> {
    const d = this.d();
    const client = await ChatClient.open(d.desk.url.replace('http', 'ws') + '/chat/ws', d.desk.url);
    client.send({ type: 'hello', ...(lang ? { lang } : {}), ...(token ? { visitor: token } : {}) });
    const welcome = await client.next((f) => f.type === 'welcome' || f.type === 'error');
    assert.equal(welcome.type, 'welcome', JSON.stringify(welcome));
    return new Visitor(client, welcome.visitor as string, welcome);
  }
}

let chatSeq = 0;

export class Visitor {
  /** The widget's id of the visitor's first message. */
  firstId: string | undefined;

  constructor(
    readonly client: ChatClient,
    readonly token: string,
    readonly welcome: Frame,
  ) {}

  /** The address the desk knows this visitor by (inside the signed token `v1.<address>.<mac>`). */
  get address(): string {
    return this.token.split('.')[1] as string;
  }

  /** Says `text`; `id` repeats an earlier message id (the widget resending after a reconnect). */
  async say(text: string, id = `e2e-visitor-${String(++chatSeq).padStart(4, '0')}`): Promise<Frame> {
    this.firstId ??= id;
    this.client.send({ type: 'message', id, text });
    return this.client.next((f) => f.type === 'ack' && f.id === id);
  }

  /** The next owner line the widget shows (a reply or a rating request). */
  ownerLine(kind: 'text' | 'rating_request', ms = 15_000): Promise<Frame> {
    return this.client.next(
      (f) =>
        f.type === 'message' &&
        (f.entry as { from: string; kind: string }).from === 'owner' &&
        (f.entry as { kind: string }).kind === kind,
      ms,
    );
  }

  close(): void {
    this.client.close();
  }
}
