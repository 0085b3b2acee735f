/**
 * The customers: inbound messages over SMS, WhatsApp, Messenger, Telegram, website chat and
 * email, each carrying a unique tag ("ref sk123456") so it can be found again in the store and
 * in the consoles. Every webhook is delivered 1–3 times (a platform's retries, some at once,
 * some later) and, like a platform, retried until the desk answers 2xx at least once.
 */
import { ChatClient } from '../../test/connectors/webchat/harness.js';
import type { Rng } from './rng.js';
import { TELEGRAM, TWILIO, type World } from './world.js';

export type InChannel = 'sms' | 'whatsapp' | 'messenger' | 'telegram' | 'webchat' | 'email';
export const IN_CHANNELS: readonly InChannel[] = [
  'sms',
  'whatsapp',
  'messenger',
  'telegram',
  'webchat',
  'email',
];

export interface Sent {
  tag: string;
  channel: InChannel;
  /** Who wrote (as the desk will know the address). */
  from: string;
  /** Times the webhook / frame / mail was delivered (including failed attempts that reached nothing). */
  deliveries: number;
  /** Whether the desk answered 2xx (acknowledged) at least once. */
  accepted: boolean;
}

// Mostly asks whose draft has no blanks (so Send is offered); the tag reads as an order number,
// which makes many drafts unique. Some drafts have blanks: the owner leaves those alone.
const ASKS = [
  'Where is my order? It has not arrived yet',
  'Where is my order? It has not arrived yet',
  'Can I get a refund for the broken mug please',
  'I love the product, thank you',
  'Hello, I have a question about my account',
  'Can you help me with my password reset',
  'Do you ship to Canada?',
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Customer {
  channel: InChannel;
  address: string;
  /** webchat: the signed visitor token once issued. */
  token?: string;
  /** webchat: one connection at a time per visitor (a second hello before the first token would be a new visitor). */
  chain?: Promise<unknown>;
}

export class Traffic {
  readonly sent: Sent[] = [];
  readonly customers: Customer[] = [];
  /** Outcomes of every delivery attempt ("200", "503", "ECONNREFUSED", …). */
  readonly outcomes = new Map<string, number>();
  private seq = 0;
  private sid = 0;
  /** Deliveries still retrying (awaited before counting). */
  private readonly inflight = new Set<Promise<void>>();
  private stopAt = Infinity;

  constructor(
    private readonly world: World,
    private readonly deskUrl: () => string,
    private readonly rng: Rng,
    private readonly channels: readonly InChannel[],
    customersPerChannel: number,
  ) {
    for (const channel of channels) {
      for (let i = 0; i < customersPerChannel; i++)
        this.customers.push({ channel, address: addressOf(channel, i) });
    }
  }

  /** Starts one inbound message from a random customer; returns at once (delivery goes on). */
  one(): void {
    const customer = this.rng.pick(this.customers);
    const n = ++this.seq;
    const tag = `sk${String(n).padStart(6, '0')}`;
    const text = `${this.rng.pick(ASKS)} (ref ${tag})`;
    const record: Sent = {
      tag,
      channel: customer.channel,
      from: customer.address,
      deliveries: 0,
      accepted: false,
    };
    this.sent.push(record);
    const times = this.rng.int(1, 3);
    const together = this.rng.chance(0.3);
    const gaps = [0, ...Array.from({ length: times - 1 }, () => (together ? 0 : this.rng.int(200, 4000)))];
    const job = this.deliver(customer, text, tag, record, gaps).catch(() => undefined);
    this.inflight.add(job);
    void job.finally(() => this.inflight.delete(job));
  }

  /** No new retries start after this time (the run's end). */
  stopRetryingAt(ms: number): void {
    this.stopAt = ms;
  }

  async settle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.all([...this.inflight]);
  }

  private async deliver(customer: Customer, text: string, tag: string, record: Sent, gaps: number[]) {
    const attempt = await this.attemptFor(customer, text, tag);
    // The first deliveries (1–3, some at once: a platform retrying before our answer arrived).
    const first = gaps.map(async (gap) => {
      await sleep(gap);
      record.deliveries += 1;
      if (await this.note(attempt)) record.accepted = true;
    });
    await Promise.all(first);
    // Then, like a platform, keep retrying until one is acknowledged.
    for (
      let backoff = 500;
      !record.accepted && Date.now() < this.stopAt;
      backoff = Math.min(backoff * 2, 8000)
    ) {
      await sleep(backoff + this.rng.int(0, 500));
      record.deliveries += 1;
      if (await this.note(attempt)) record.accepted = true;
    }
  }

  private async note(attempt: () => Promise<number | string>): Promise<boolean> {
    const outcome = await attempt().catch(
      (err: { cause?: { code?: string }; code?: string; message?: string }) =>
        err.cause?.code ?? err.code ?? err.message ?? 'error',
    );
    const label = String(outcome);
    this.outcomes.set(label, (this.outcomes.get(label) ?? 0) + 1);
    return typeof outcome === 'number' && outcome >= 200 && outcome < 300;
  }

  /** One delivery of the same inbound (same platform id each time); resolves whether it was acknowledged. */
  private async attemptFor(
    customer: Customer,
    text: string,
    tag: string,
  ): Promise<() => Promise<number | string>> {
    const w = this.world;
    const url = this.deskUrl;
    switch (customer.channel) {
      case 'sms':
      case 'whatsapp': {
        const wa = customer.channel === 'whatsapp';
        const params = {
          AccountSid: TWILIO.accountSid,
          MessageSid: `SM${String(++this.sid).padStart(8, '0')}${'50a1'.repeat(6)}`,
          From: wa ? `whatsapp:${customer.address}` : customer.address,
          To: wa ? `whatsapp:${TWILIO.whatsapp}` : TWILIO.number,
          Body: text,
          NumMedia: '0',
        };
        return async () => {
          const res = await w.twilio.webhook(`${url()}/twilio/sms`, params, {
            signedUrl: `${w.publicUrl}/twilio/sms`,
          });
          return res.status;
        };
      }
      case 'messenger': {
        const { payload } = w.meta.userMessage('messenger', customer.address, { text });
        return async () => {
          const res = await w.meta.deliver(`${url()}/meta/webhook`, payload);
          return res.status;
        };
      }
      case 'telegram': {
        const update = w.telegram.userUpdate(Number(customer.address), text);
        return async () => {
          return w.telegram.deliverWebhook(update, TELEGRAM.secret);
        };
      }
      case 'email': {
        const raw = mail(customer.address, text, tag);
        const dovecot = w.dovecot;
        if (!dovecot) throw new Error('email traffic without Dovecot');
        // A mail, once appended, is in the mailbox: a "retry" is the same message delivered again.
        return async () => {
          await dovecot.append(raw);
          return 200;
        };
      }
      case 'webchat': {
        const id = `soak-${tag}`;
        return () => {
          const next = (customer.chain ?? Promise.resolve()).then(() => this.chat(customer, id, text));
          customer.chain = next.catch(() => undefined);
          return next;
        };
      }
    }
  }

  /** One widget connection: hello (with the visitor's token after the first), the message, its ack. */
  private async chat(customer: Customer, id: string, text: string): Promise<number | string> {
    const base = this.deskUrl();
    const client = await ChatClient.open(base.replace('http', 'ws') + '/chat/ws', base);
    try {
      client.send({ type: 'hello', lang: 'en', ...(customer.token ? { visitor: customer.token } : {}) });
      const welcome = await client.next((f) => f.type === 'welcome' || f.type === 'error', 10_000);
      if (welcome.type !== 'welcome') return `chat:${String(welcome.code)}`;
      customer.token ??= welcome.visitor as string;
      customer.address = customer.token.split('.')[1] as string;
      client.send({ type: 'message', id, text });
      const ack = await client.next((f) => (f.type === 'ack' || f.type === 'error') && f.id === id, 10_000);
      return ack.type === 'ack' ? 200 : `chat:${String(ack.code)}`;
    } finally {
      client.close();
    }
  }
}

function addressOf(channel: InChannel, i: number): string {
  switch (channel) {
    case 'sms':
      return `+1555${String(1000000 + i).padStart(7, '0')}`;
    case 'whatsapp':
      return `+4477${String(10000000 + i).padStart(8, '0')}`;
    case 'messenger':
      return `${7100000000000000 + i}`;
    case 'telegram':
      return String(880000000 + i);
    case 'email':
      return `customer${i}@mail.example`;
    case 'webchat':
      return `visitor-${i}`;
  }
}

function mail(from: string, text: string, tag: string): string {
  return [
    `From: Customer <${from}>`,
    'To: Shop Support <support@shop.example>',
    `Subject: Question ${tag}`,
    `Message-ID: <${tag}@mail.example>`,
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
    '',
  ].join('\r\n');
}
