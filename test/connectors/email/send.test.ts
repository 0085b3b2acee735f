/**
 * Replies over SMTP to a recording server on loopback, with the Sent copy filed in Dovecot:
 * threading headers (§7.40), the deterministic Message-ID, subject, bodies, error mapping.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { memoryCursors } from '../../../connectors/email/checkpoint.js';
import { outboundMessageId } from '../../../connectors/email/compose.js';
import { createEmailConnector, recipientOf, type EmailOptions } from '../../../connectors/email/index.js';
import { parseEmail } from '../../../connectors/email/parse.js';
import { verifyRatingToken } from '../../../connectors/rating-link.js';
import type { Message } from '../../../src/core/model.js';
import type { OutboundMessage } from '../../../src/core/ports.js';
import type { Dovecot } from '../../support/dovecot/dovecot.js';
import { startDovecot } from '../../support/dovecot/dovecot.js';
import { startSmtpRecorder, type SmtpRecorder } from '../../support/dovecot/smtp-recorder.js';
import { deps, dovecotSkip, fixture } from './helpers.js';

const skip = dovecotSkip();

/** The customer's message as the store keeps it, from a fixture. */
async function storedFrom(name: string): Promise<Message> {
  const parsed = await parseEmail(fixture(name), {
    ourAddress: 'support@shop.example',
    addresses: ['support@shop.example'],
    messageIdPrefix: '<sd-',
    maxAttachmentBytes: 1024,
  });
  assert.equal(parsed.kind, 'message');
  const inbound = (parsed as Extract<typeof parsed, { kind: 'message' }>).inbound;
  return {
    id: 'm1',
    conversationId: 'v1',
    customerId: 'c1',
    direction: 'in',
    channel: 'email',
    kind: 'text',
    externalId: inbound.externalId,
    replyRef: inbound.replyRef,
    address: inbound.from.address,
    text: inbound.text,
    ...(inbound.fullText ? { fullText: inbound.fullText } : {}),
    ...(inbound.subject ? { subject: inbound.subject } : {}),
    attachments: [],
    meta: inbound.meta ?? {},
    createdAt: new Date('2026-11-23T10:14:19Z'),
    stage: 'presented',
  };
}

function outbound(parent: Message | undefined, extra: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    jobId: 'job-1',
    idempotencyKey: 'draft-1:send',
    channel: 'email',
    replyRef: parent?.replyRef ?? 'email:support@shop.example:alice.smith@gmail.com',
    text: 'Hello Alice,\n\nI have asked the courier; you will hear from us today.\n\nShop Support',
    purpose: 'reply',
    customer: { id: 'c1', createdAt: new Date(), optedOut: [] },
    conversationId: 'v1',
    ...(parent ? { inReplyTo: parent } : {}),
    language: 'en',
    ...extra,
  };
}

describe('email send (SMTP recorder + Dovecot Sent copy)', { skip }, () => {
  let smtp: SmtpRecorder;
  let dovecot: Dovecot;

  before(async () => {
    smtp = await startSmtpRecorder();
    dovecot = await startDovecot();
  });
  after(async () => {
    await smtp?.stop();
    await dovecot?.stop();
  });

  function connector(extra: Partial<EmailOptions> = {}) {
    return createEmailConnector(
      {
        smtp: {
          host: '127.0.0.1',
          port: smtp.port,
          secure: false,
          user: 'support@shop.example',
          pass: 'smtp-pass',
        },
        imap: {
          host: dovecot.host,
          port: dovecot.port,
          secure: false,
          user: dovecot.user,
          pass: dovecot.pass,
        },
        from: 'Shop Support <support@shop.example>',
        ...extra,
      },
      deps(memoryCursors()),
    ).connector;
  }

  async function sentFolder(): Promise<string[]> {
    const c = await dovecot.client();
    try {
      await c.mailboxOpen('Sent');
      const all = await c.fetchAll('1:*', { envelope: true, flags: true });
      return all.map((m) => `${m.envelope?.messageId} ${m.flags?.has('\\Seen') ? 'seen' : 'unseen'}`);
    } catch {
      return [];
    } finally {
      await c.logout();
    }
  }

  test('a reply threads under the customer mail (§7.40) and is filed in Sent', async () => {
    const parent = await storedFrom('gmail-reply.eml');
    const email = connector();
    const before = smtp.mails.length;
    const result = await email.send(outbound(parent));
    const expectedId = outboundMessageId('draft-1:send', 'shop.example');
    assert.deepEqual(result, { kind: 'sent', externalId: expectedId, delivery: 'sent' });
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    assert.ok(mail);
    assert.deepEqual(smtp.problems, []);
    assert.deepEqual(mail.envelope, { from: 'support@shop.example', to: ['alice.smith@gmail.com'] });
    assert.equal(mail.auth, 'support@shop.example');
    const p = mail.parsed;
    assert.equal(p.messageId, expectedId);
    assert.equal(p.inReplyTo, '<CAB7x2kqZ4p5Rj+8YtMsN1Q3uYw@mail.gmail.com>');
    assert.deepEqual(p.references, [
      '<CAB7x2kq0=first@mail.gmail.com>',
      '<sd-0f3a9c1e7b2d4a5f8e6c0b1a2d3e4f5a6b7c8d9e@shop.example>',
      '<CAB7x2kqZ4p5Rj+8YtMsN1Q3uYw@mail.gmail.com>',
    ]);
    assert.equal(p.subject, "Re: Order #48213 hasn't arrived", 'no "Re: Re:"');
    assert.equal(p.from?.value[0]?.name, 'Shop Support');
    assert.match(p.text ?? '', /^Hello Alice,\n\nI have asked the courier/);
    assert.match(p.text ?? '', /wrote:\n> Thanks for checking!/);
    assert.match(String(p.html), /<p>Hello Alice,<\/p>/);
    assert.match(String(p.html), /<blockquote/);
    assert.equal(p.headers.get('x-auto-response-suppress'), 'OOF, AutoReply');
    // The owner's reply is written by a person: not marked automatic (RFC 3834).
    assert.equal(p.headers.get('auto-submitted'), undefined);
    assert.ok((await sentFolder()).includes(`${expectedId} seen`), 'copy filed in Sent, read');
    await email.stop();
  });

  test('the same job sent twice carries the same Message-ID; another job a different one', async () => {
    const parent = await storedFrom('gmail-reply.eml');
    const email = connector({ imap: undefined });
    const a = await email.send(outbound(parent));
    const b = await email.send(outbound(parent));
    const c = await email.send(outbound(parent, { idempotencyKey: 'draft-2:send', jobId: 'job-2' }));
    assert.equal(a.kind === 'sent' && a.externalId, b.kind === 'sent' && b.externalId);
    assert.notEqual(a.kind === 'sent' && a.externalId, c.kind === 'sent' && c.externalId);
    await email.stop();
  });

  test('a Chinese reply: subject without 回复 prefix doubled, Chinese quote header', async () => {
    const parent = await storedFrom('chinese-gbk.eml');
    const email = connector({ imap: undefined });
    const before = smtp.mails.length;
    const result = await email.send(
      outbound(parent, { language: 'zh', text: '您好，您的包裹已于今天发出。' }),
    );
    assert.equal(result.kind, 'sent');
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    assert.equal(mail?.parsed.subject, 'Re: 您的订单 #60231 已确认');
    assert.match(mail?.parsed.text ?? '', /写道：\n> 您好，/);
    assert.equal(mail?.envelope.to[0], 'zhangwei88@qq.com');
    await email.stop();
  });

  test('a rating request carries five signed rating links; no parent means a plain subject and no threading', async () => {
    const email = connector({ imap: undefined });
    const before = smtp.mails.length;
    await email.send(
      outbound(undefined, {
        purpose: 'rating_request',
        conversationId: 'conv-42',
        text: 'Thanks for contacting us! How did we do? Tap a rating from 1 (poor) to 5 (excellent).',
      }),
    );
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    assert.equal(mail?.parsed.subject, 'How did we do?');
    assert.equal(mail?.parsed.inReplyTo, undefined);
    // Sent by the desk on its own: marked so auto-responders and vacation replies stay quiet.
    assert.equal(mail?.parsed.headers.get('auto-submitted'), 'auto-generated');
    assert.equal(mail?.parsed.headers.get('x-auto-response-suppress'), 'All');
    const urls = [
      ...(mail?.parsed.text ?? '').matchAll(/http:\/\/127\.0\.0\.1\/csat\/([^?\s]+)\?score=(\d)/g),
    ];
    assert.deepEqual(
      urls.map((u) => u[2]),
      ['1', '2', '3', '4', '5'],
    );
    const check = verifyRatingToken('test-secret', urls[0]![1]!, new Date());
    assert.ok(check.ok && check.payload.conversationId === 'conv-42' && check.payload.language === 'en');
    assert.equal((String(mail?.parsed.html).match(/href="http:\/\/127\.0\.0\.1\/csat\//g) ?? []).length, 5);
    await email.stop();
  });

  test('IMAP_SENT_MAILBOX=none files no copy', async () => {
    const parent = await storedFrom('outlook-reply.eml');
    const email = connector({
      imap: {
        host: dovecot.host,
        port: dovecot.port,
        secure: false,
        user: dovecot.user,
        pass: dovecot.pass,
        sentMailbox: 'none',
      },
    });
    const beforeSent = (await sentFolder()).length;
    const result = await email.send(outbound(parent, { idempotencyKey: 'no-copy' }));
    assert.equal(result.kind, 'sent');
    assert.equal((await sentFolder()).length, beforeSent);
    await email.stop();
  });

  test('5xx is rejected for good, 4xx and a dead server are retried', async () => {
    const email = connector({ imap: undefined });
    smtp.failNext(550);
    const rejected = await email.send(outbound(undefined, { idempotencyKey: 'r1' }));
    assert.equal(rejected.kind, 'rejected');
    smtp.failNext(451);
    const retry = await email.send(outbound(undefined, { idempotencyKey: 'r2' }));
    assert.equal(retry.kind, 'retry');
    await email.stop();
    const dead = createEmailConnector(
      { smtp: { host: '127.0.0.1', port: 1, secure: false }, from: 'support@shop.example' },
      deps(),
    ).connector;
    assert.equal((await dead.send(outbound(undefined, { idempotencyKey: 'r3' }))).kind, 'retry');
    await dead.stop();
  });

  test('replyRef parsing and canSend', () => {
    assert.equal(recipientOf('email:support@shop.example:bob@example.com'), 'bob@example.com');
    assert.equal(recipientOf('email::bob@example.com'), 'bob@example.com');
    assert.equal(recipientOf('sms:+1:+2'), undefined);
    assert.equal(recipientOf('email:support@shop.example:not an address'), undefined);
    const email = connector({ imap: undefined });
    const customer = { id: 'c', createdAt: new Date(), optedOut: [] };
    assert.deepEqual(email.canSend('email', 'email:a@b.example:bob@example.com', customer), { ok: true });
    assert.equal(email.canSend('email', 'email:a@b.example:', customer).ok, false);
    const receiveOnly = createEmailConnector(
      { imap: { host: '127.0.0.1', port: 1, secure: false, user: 'support@shop.example', pass: 'x' } },
      deps(),
    ).connector;
    assert.equal(receiveOnly.canSend('email', 'email:a@b.example:bob@example.com', customer).ok, false);
  });

  test('our own reply, if it lands in the inbox, is never taken in', async () => {
    const before = smtp.mails.length;
    const email = connector({ imap: undefined });
    await email.send(outbound(await storedFrom('gmail-reply.eml'), { idempotencyKey: 'loop' }));
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    const parsed = await parseEmail(mail!.raw, {
      ourAddress: 'support@shop.example',
      addresses: ['support@shop.example'],
      messageIdPrefix: '<sd-',
      maxAttachmentBytes: 1024,
    });
    assert.equal(parsed.kind, 'ignored');
    await email.stop();
  });
});

test('the SMTP recorder refuses mail a mail client could not thread', async () => {
  const { checkMail } = await import('../../support/dovecot/smtp-recorder.js');
  const { simpleParser } = await import('mailparser');
  const bad = [
    'From: a@shop.example',
    'To: b@example.com',
    'Subject: Hello',
    'Message-ID: <x@shop.example>',
    'Date: Thu, 26 Nov 2026 10:00:00 +0000',
    'In-Reply-To: <p@example.com>',
    'References: <q@example.com>',
    '',
    'x'.repeat(1200),
  ].join('\r\n');
  const problems = checkMail(bad, await simpleParser(bad));
  assert.deepEqual(problems, [
    'References does not end with In-Reply-To',
    'a reply without a "Re: " subject',
    'line over 998 octets',
  ]);
});

test('subjects: reply prefixes are not doubled; a mail without subject still gets "Re:"', async () => {
  const { replySubject } = await import('../../../connectors/email/compose.js');
  const parent = (subject?: string) =>
    ({
      channel: 'email',
      externalId: '<p@x>',
      subject,
      meta: {},
      text: '',
      createdAt: new Date(),
    }) as unknown as Message;
  const msg = (p: Message | undefined, language = 'en') => outbound(p, { language });
  assert.equal(replySubject(msg(parent('RE: Re: Refund')), 'Shop'), 'Re: Refund');
  assert.equal(replySubject(msg(parent('回复：订单')), 'Shop'), 'Re: 订单');
  assert.equal(replySubject(msg(parent('AW: Bestellung')), 'Shop'), 'Re: Bestellung');
  assert.equal(replySubject(msg(parent('Fwd: invoice')), 'Shop'), 'Re: Fwd: invoice');
  assert.equal(replySubject(msg(parent(undefined)), 'Shop'), 'Re: your message');
  assert.equal(replySubject(msg(parent(undefined), 'zh'), 'Shop'), 'Re: 您的来信');
  assert.equal(replySubject(msg(undefined), 'Shop'), 'A reply from Shop');
});

test('SMTP_SECURE=false to a non-loopback host refuses to send the password without STARTTLS', async (t) => {
  const { networkInterfaces } = await import('node:os');
  const lan = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && !i.internal && i.family === 'IPv4')?.address;
  if (!lan) {
    t.skip('no non-loopback IPv4 address on this machine to bind a test SMTP server to');
    return;
  }
  const plain = await startSmtpRecorder(lan); // offers no STARTTLS
  const email = createEmailConnector(
    {
      smtp: { host: lan, port: plain.port, secure: false, user: 'u', pass: 'p' },
      from: 'support@shop.example',
    },
    deps(),
  ).connector;
  try {
    const result = await email.send(outbound(undefined, { idempotencyKey: 'tls' }));
    // The server answers STARTTLS with 500: a setup problem the owner sees on the card.
    assert.equal(result.kind, 'rejected');
    assert.match(result.kind === 'rejected' ? result.reason : '', /^ETLS/);
    assert.equal(plain.mails.length, 0);
  } finally {
    await email.stop();
    await plain.stop();
  }
});
