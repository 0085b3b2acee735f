/**
 * Parsing real-looking mail from Gmail, Outlook, Apple Mail, QQ Mail (GBK) and web forms:
 * clean new text (§7.41), the full original, attachments, charsets, threading ids (§7.42),
 * and the loop guards (auto-replies, lists, daemons, our own mail, bounces).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import iconv from 'iconv-lite';
import {
  parseEmail,
  messageIds,
  type ParsedEmail,
  type ParseContext,
} from '../../../connectors/email/parse.js';
import { stripQuotes } from '../../../connectors/email/quote.js';
import type { InboundMessage } from '../../../src/core/ports.js';
import { fixture, simpleMail } from './helpers.js';

const ctx: ParseContext = {
  ourAddress: 'support@shop.example',
  addresses: ['support@shop.example'],
  messageIdPrefix: '<sd-',
  maxAttachmentBytes: 1024,
};

function message(result: ParsedEmail): InboundMessage {
  assert.equal(result.kind, 'message', `expected a customer message, got ${JSON.stringify(result)}`);
  return (result as { inbound: InboundMessage }).inbound;
}

const parse = (raw: Buffer | string, extra: Partial<ParseContext> = {}) =>
  parseEmail(typeof raw === 'string' ? Buffer.from(raw) : raw, { ...ctx, ...extra });

describe('email parse: clients', () => {
  test('Gmail: "On … wrote:" wrapped over two lines and > quotes are stripped; threading ids kept', async () => {
    const m = message(await parse(fixture('gmail-reply.eml')));
    assert.equal(
      m.text,
      'Thanks for checking! The tracking page still says "label created" though.\nCould you ask the courier what\'s going on?\n\nAlice',
    );
    assert.match(m.fullText ?? '', /left our warehouse on Friday/);
    assert.equal(m.externalId, '<CAB7x2kqZ4p5Rj+8YtMsN1Q3uYw@mail.gmail.com>');
    assert.equal(m.from.address, 'alice.smith@gmail.com');
    assert.equal(m.from.displayName, 'Alice Smith');
    assert.equal(m.replyRef, 'email:support@shop.example:alice.smith@gmail.com');
    assert.equal(m.subject, "Re: Order #48213 hasn't arrived");
    // In-Reply-To first, then References newest first: the pipeline tries them in order.
    assert.deepEqual(m.inReplyTo, [
      '<sd-0f3a9c1e7b2d4a5f8e6c0b1a2d3e4f5a6b7c8d9e@shop.example>',
      '<CAB7x2kq0=first@mail.gmail.com>',
    ]);
    assert.equal(
      m.meta?.references,
      '<CAB7x2kq0=first@mail.gmail.com> <sd-0f3a9c1e7b2d4a5f8e6c0b1a2d3e4f5a6b7c8d9e@shop.example>',
    );
  });

  test('Outlook: the From/Sent/To/Subject block after a rule is history; Windows-1252 decoded', async () => {
    const m = message(await parse(fixture('outlook-reply.eml')));
    assert.equal(
      m.text,
      'Hi,\n\nI still haven’t received the refund of €99.00 for INV-2291. It has been two weeks. Please call me on +44 20 7946 0958.\n\nKind regards,\nBob',
    );
    assert.match(m.fullText ?? '', /We have issued your refund/);
    assert.equal(m.from.address, 'bob.jones@contoso.com', 'addresses are lower-cased');
  });

  test('Apple Mail on iPhone: "Sent from my iPhone" and the quoted reply are stripped (§7.41)', async () => {
    const m = message(await parse(fixture('apple-mail-iphone.eml')));
    assert.equal(m.text, 'The parcel arrived but the mug is broken 😞 Can I get a replacement?');
    assert.match(m.fullText ?? '', /Sent from my iPhone/);
  });

  test('QQ Mail in GBK: encoded-word subject and name, 发自我的iPhone and 原始邮件 stripped', async () => {
    const m = message(await parse(fixture('chinese-gbk.eml')));
    assert.equal(m.subject, '回复：您的订单 #60231 已确认');
    assert.equal(m.from.displayName, '张伟');
    assert.equal(
      m.text,
      '您好，\n\n我的订单 #60231 已经一周了还没有发货，请尽快帮我查一下物流情况。\n谢谢！\n\n张伟',
    );
    assert.match(m.fullText ?? '', /原始邮件/);
  });

  test('HTML-only mail becomes text without markup, the table kept readable', async () => {
    const m = message(await parse(fixture('html-only.eml')));
    assert.doesNotMatch(m.text, /<|>/);
    assert.match(
      m.text,
      /Do you offer a discount if I order 200 mugs for our office\? We would need them before December 15\./,
    );
    assert.match(m.text, /Mug, white\s+200/);
  });

  test('HTML-only reply: Gmail quote containers and blockquotes are dropped', async () => {
    const raw = [
      'From: Ann <ann@example.com>',
      'To: support@shop.example',
      'Subject: Re: hello',
      'Message-ID: <html-reply@example.com>',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<div dir="ltr">Yes, please send the blue one.</div><div class="gmail_quote"><div class="gmail_attr">On Mon, 23 Nov 2026, Shop wrote:</div><blockquote>Which colour would you like?</blockquote></div>',
    ].join('\r\n');
    const m = message(await parse(raw));
    assert.equal(m.text, 'Yes, please send the blue one.');
    assert.match(m.fullText ?? '', /Which colour would you like\?/);
  });

  test('attachments: small ones carry their bytes, larger ones only name and size; RFC 2231 names decoded', async () => {
    const m = message(await parse(fixture('attachments.eml'), { maxAttachmentBytes: 1024 }));
    assert.equal(
      m.text,
      'Hi, the lamp from order 77120 arrived with a cracked base.\nPhoto and receipt attached.',
    );
    assert.deepEqual(
      m.attachments?.map((a) => [a.name, a.contentType]),
      [
        ['receipt-77120.pdf', 'application/pdf'],
        ['破损.png', 'image/png'],
      ],
    );
    assert.ok(Buffer.from(m.attachments![0]!.dataBase64!, 'base64').toString().startsWith('%PDF-1.4'));
    const small = message(await parse(fixture('attachments.eml'), { maxAttachmentBytes: 10 }));
    assert.ok(small.attachments?.every((a) => a.dataBase64 === undefined && a.size > 10));
    assert.ok(small.attachments?.every((a) => a.omitted === 'too_large'));
  });
});

describe('email parse: charsets and headers', () => {
  for (const charset of ['GB2312', 'GB18030', 'GBK', 'Big5']) {
    test(`${charset} body and encoded-word subject`, async () => {
      const text = charset === 'Big5' ? '請問我的訂單什麼時候出貨？' : '请问我的订单什么时候发货？';
      const subject = charset === 'Big5' ? '訂單查詢' : '订单查询';
      const raw = Buffer.concat([
        Buffer.from(
          [
            'From: =?' +
              charset +
              '?B?' +
              iconv.encode('李娜', charset).toString('base64') +
              '?= <lina@163.com>',
            'To: support@shop.example',
            'Subject: =?' + charset + '?B?' + iconv.encode(subject, charset).toString('base64') + '?=',
            `Message-ID: <${charset}-1@163.com>`,
            `Content-Type: text/plain; charset=${charset}`,
            'Content-Transfer-Encoding: 8bit',
            '',
            '',
          ].join('\r\n'),
        ),
        iconv.encode(text, charset),
      ]);
      const m = message(await parse(raw));
      assert.equal(m.subject, subject);
      assert.equal(m.text, text);
      assert.equal(m.from.displayName, '李娜');
    });
  }

  test('references as a single string and as an array (§7.42)', async () => {
    assert.deepEqual(messageIds('<a@x>'), ['<a@x>']);
    assert.deepEqual(messageIds(['<a@x>', '<b@x>']), ['<a@x>', '<b@x>']);
    assert.deepEqual(messageIds('<a@x> <b@x>\r\n <c@x>'), ['<a@x>', '<b@x>', '<c@x>']);
    assert.deepEqual(messageIds(undefined), []);
    const one = message(await parse(simpleMail('r1', 'References: <only@x>\r\nIn-Reply-To: <only@x>')));
    assert.deepEqual(one.inReplyTo, ['<only@x>']);
    assert.equal(one.meta?.references, '<only@x>');
    const many = message(
      await parse(simpleMail('r2', 'References: <a@x> <b@x>\r\n <c@x>\r\nIn-Reply-To: <c@x>')),
    );
    assert.deepEqual(many.inReplyTo, ['<c@x>', '<b@x>', '<a@x>']);
    assert.equal(many.meta?.references, '<a@x> <b@x> <c@x>');
  });

  test('Reply-To decides where the answer goes; From stays the identity', async () => {
    const m = message(await parse(simpleMail('rt', 'Reply-To: Other <Other@Example.com>')));
    assert.equal(m.from.address, 'customerrt@example.com');
    assert.equal(m.replyRef, 'email:support@shop.example:other@example.com');
  });

  test('a mail without Message-ID gets a stable id from its bytes', async () => {
    const raw = simpleMail('nomid').replace(/^Message-ID:.*\r\n/m, '');
    const a = message(await parse(raw));
    const b = message(await parse(raw));
    assert.match(a.externalId, /^<[0-9a-f]{40}@no-message-id\.solodesk>$/);
    assert.equal(a.externalId, b.externalId);
  });
});

describe('email parse: no loops', () => {
  const cases: [string, string | Buffer, RegExp][] = [
    ['Outlook automatic reply (Auto-Submitted)', fixture('auto-reply.eml'), /auto-submitted/],
    ['newsletter (Precedence/List-Id)', fixture('newsletter.eml'), /precedence bulk|list mail/],
    ['X-Autoreply', simpleMail('a1', 'X-Autoreply: yes'), /auto-reply/],
    ['List-Id only', simpleMail('a2', 'List-Id: <shop.lists.example>'), /list mail/],
    ['Precedence: junk', simpleMail('a3', 'Precedence: junk'), /precedence junk/],
    ['empty Return-Path', simpleMail('a4', 'Return-Path: <>'), /empty return-path/],
    [
      '自动回复 subject',
      simpleMail('a5').replace('Subject: Question a5', 'Subject: 自动回复: 您的订单'),
      /auto-reply subject/,
    ],
    [
      'no-reply sender',
      simpleMail('a6').replace('customera6@example.com', 'no-reply@payments.example'),
      /no-reply/,
    ],
    ['our own message', simpleMail('a7').replace('customera7@example.com', 'Support@Shop.example'), /own/],
    [
      'our own Message-ID',
      simpleMail('a8').replace(/^Message-ID:.*$/m, 'Message-ID: <sd-abc@elsewhere.example>'),
      /own/,
    ],
    [
      'mailer-daemon without DSN',
      simpleMail('a9').replace('customera9@example.com', 'MAILER-DAEMON@mx.example'),
      /mailer-daemon/,
    ],
  ];
  for (const [name, raw, reason] of cases) {
    test(`ignored: ${name}`, async () => {
      const result = await parse(raw);
      assert.equal(result.kind, 'ignored');
      assert.match((result as { reason: string }).reason, reason);
    });
  }

  test('Auto-Submitted: no is a person', async () => {
    assert.equal((await parse(simpleMail('p', 'Auto-Submitted: no'))).kind, 'message');
  });

  test('a DSN bounce names our Message-ID and the failure', async () => {
    const result = await parse(fixture('bounce.eml'));
    assert.equal(result.kind, 'bounce');
    const bounce = result as Extract<ParsedEmail, { kind: 'bounce' }>;
    assert.deepEqual(bounce.messageIds, ['<sd-44f1c0de2b3a4958a6e7f8091a2b3c4d5e6f7081@shop.example>']);
    assert.equal(bounce.failed, true);
    assert.match(bounce.error ?? '', /550 5\.1\.1/);
  });

  test('a "delayed" DSN is not a failure', async () => {
    const raw = fixture('bounce.eml').toString().replace('Action: failed', 'Action: delayed');
    const result = await parse(raw);
    assert.equal(result.kind, 'bounce');
    assert.equal((result as { failed: boolean }).failed, false);
  });
});

describe('quote stripping', () => {
  const cases: [string, string, string][] = [
    [
      '-----Original Message-----',
      'Please cancel it.\n\n-----Original Message-----\nFrom: Shop\nSent: Monday\n\nOld text',
      'Please cancel it.',
    ],
    [
      '在 … 写道：',
      '好的，谢谢。\n\n在 2026年11月23日 10:12，Shop Support <support@shop.example> 写道：\n> 您好',
      '好的，谢谢。',
    ],
    [
      'Gmail Chinese 于 … 写道：',
      '收到\n\nShop Support <support@shop.example> 于2026年11月23日周一 10:12写道：\n> 旧内容',
      '收到',
    ],
    [
      '发件人: block',
      '请退款。\n\n发件人: Shop Support <support@shop.example>\n发送时间: 2026年11月23日 10:12\n收件人: 李娜\n主题: 订单',
      '请退款。',
    ],
    ['发件人： with full-width colon', '好\n\n发件人：Shop\n日期：2026-11-23\n主题：订单', '好'],
    ['发自我的iPhone', '明天可以送到吗？\n\n发自我的iPhone', '明天可以送到吗？'],
    ['Get Outlook for iOS', 'Sounds good.\n\nGet Outlook for iOS', 'Sounds good.'],
    ['RFC 3676 signature', 'Thanks!\n-- \nJane Doe\nACME', 'Thanks!'],
    ['interleaved answers', '> Which size?\nLarge\n> Which colour?\nBlue', 'Large\nBlue'],
  ];
  for (const [name, input, expected] of cases) {
    test(name, () => assert.equal(stripQuotes(input), expected));
  }

  test('a sentence starting with "On" is kept', () => {
    const text = 'On Monday I ordered two mugs.\nThey have not arrived.';
    assert.equal(stripQuotes(text), text);
  });

  test('a mail that is only a quote yields empty text, and parse falls back to the full text', async () => {
    assert.equal(stripQuotes('On Mon, 23 Nov 2026, Shop wrote:\n> hello'), '');
    const raw = simpleMail('q').replace(
      'Hello, this is question number q.',
      'On Mon, 23 Nov 2026, Shop wrote:\r\n> hello',
    );
    const m = message(await parse(raw));
    assert.match(m.text, /> hello/);
  });
});

describe('email parse: raw 8-bit headers and HTML-only Outlook', () => {
  test('raw GBK bytes in From and Subject (no encoded-words) are decoded with the declared charset', async () => {
    const raw = Buffer.concat([
      Buffer.from('From: '),
      iconv.encode('张伟', 'gbk'),
      Buffer.from(' <zw@qq.com>\r\nTo: support@shop.example\r\nSubject: '),
      iconv.encode('订单问题', 'gbk'),
      Buffer.from(
        '\r\nMessage-ID: <raw8@qq.com>\r\nContent-Type: text/plain; charset=gbk\r\nContent-Transfer-Encoding: 8bit\r\n\r\n',
      ),
      iconv.encode('你好，请问什么时候发货？', 'gbk'),
    ]);
    const m = message(await parse(raw));
    assert.equal(m.subject, '订单问题');
    assert.equal(m.from.displayName, '张伟');
    assert.equal(m.text, '你好，请问什么时候发货？');
  });

  test('raw UTF-8 headers are left alone', async () => {
    const m = message(
      await parse(simpleMail('u').replace('Subject: Question u', 'Subject: Frage zur Bestellung – Größe')),
    );
    assert.equal(m.subject, 'Frage zur Bestellung – Größe');
  });

  test('an HTML-only Outlook reply: the rule and From/Sent block start the history', async () => {
    const source = fixture('outlook-reply.eml').toString('latin1');
    const htmlPart = source.slice(source.indexOf('Content-Type: text/html'), source.lastIndexOf('--_000_'));
    const headers = source.slice(0, source.indexOf('Content-Type: multipart/alternative'));
    const raw = Buffer.from(`${headers}MIME-Version: 1.0\r\n${htmlPart}`, 'latin1');
    const m = message(await parse(raw));
    assert.match(m.text, /^Hi,\nI still haven’t received the refund of €99\.00 for INV-2291\./);
    assert.match(m.text, /Kind regards,\nBob$/);
    assert.doesNotMatch(m.text, /We have issued your refund/);
    assert.match(m.fullText ?? '', /We have issued your refund/);
  });
});

test('a huge mail is cut to a bounded text with a visible mark', async () => {
  const body = 'All work and no play makes Jack a dull boy. '.repeat(10_000);
  const m = message(await parse(simpleMail('huge').replace('Hello, this is question number huge.', body)));
  assert.ok(m.text.length <= 20_010 && m.text.endsWith('[…]'));
  assert.ok((m.fullText ?? '').length <= 200_010 && (m.fullText ?? '').endsWith('[…]'));
});

describe('email parse: sender authentication (Authentication-Results)', () => {
  const withResults = (...headers: string[]) =>
    simpleMail('auth', [...headers, 'Reply-To: Elsewhere <other@evil.example>'].join('\r\n'));

  test('our server’s dmarc=fail marks the sender unverified; Reply-To is kept for the card', async () => {
    const m = message(
      await parse(
        withResults(
          'Authentication-Results: mx.shop.example; spf=pass smtp.mailfrom=example.com;\r\n dmarc=fail (p=none) header.from=example.com',
        ),
      ),
    );
    assert.equal(m.unverifiedSender, 'dmarc=fail');
    assert.equal(m.from.address, 'customerauth@example.com', 'the identity is still the From');
    assert.equal(m.meta?.replyTo, 'other@evil.example');
    assert.equal(m.replyRef, 'email:support@shop.example:other@evil.example');
  });

  test('spf=fail with no aligned dkim=pass fails; with one it passes', async () => {
    const failed = message(
      await parse(withResults('Authentication-Results: mx.shop.example; spf=fail smtp.mailfrom=example.com')),
    );
    assert.equal(failed.unverifiedSender, 'spf=fail, no dkim=pass');
    const signed = message(
      await parse(
        withResults(
          'Authentication-Results: mx.shop.example; spf=fail smtp.mailfrom=example.com; dkim=pass header.d=example.com',
        ),
      ),
    );
    assert.equal(signed.unverifiedSender, undefined);
  });

  test('no header, or (with EMAIL_AUTHSERV_ID) only another server’s, changes nothing', async () => {
    assert.equal(message(await parse(simpleMail('plain'))).unverifiedSender, undefined);
    const foreign = withResults('Authentication-Results: relay.other.example; dmarc=fail');
    assert.equal(
      message(await parse(foreign, { authservId: 'mx.shop.example' })).unverifiedSender,
      undefined,
    );
    assert.equal(message(await parse(foreign)).unverifiedSender, 'dmarc=fail', 'topmost when not configured');
  });
});
