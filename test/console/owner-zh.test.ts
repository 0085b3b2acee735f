/**
 * OWNER_LANGUAGE=zh: a Slack and a Discord card carry no English owner-facing text. Every string
 * of the rendered payloads is scanned; what the customer wrote (and the draft, which is in the
 * customer's language) is taken out first, and so are names of no language (language codes, UTC).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DeskEvent } from '../../src/core/ports.js';
import type { Decision, Draft, Message, OutboxJob } from '../../src/core/model.js';
import { cardsFor } from '../../src/console/card.js';
import { renderCard as slackCard } from '../../src/console/slack/blocks.js';
import { renderCard as discordCard } from '../../src/console/discord/render.js';
import { createClassifier } from '../../src/nlp/index.js';
import { OWNER_STRINGS, fillOwner } from '../../src/core/owner-strings/index.js';
import { reasons as twilioReasons } from '../../connectors/twilio/i18n.js';

const at = new Date('2026-12-04T23:00:00Z');
const classifier = createClassifier();

const CUSTOMER_TEXT = [
  'Where is my order #7781? It was due yesterday, please call me back.',
  'Order 7781',
  'Alice Smith',
  'alice@example.com',
  '+15550001111',
  'photo.jpg',
  'Hi Alice, order 7781 left our warehouse today.',
];

function events(): DeskEvent[] {
  const text = CUSTOMER_TEXT[0]!;
  const view = {
    customer: { id: 'cus_1', name: 'Alice Smith', language: 'en', createdAt: at, optedOut: [] },
    identities: [
      { channel: 'email' as const, address: 'alice@example.com', displayName: 'Alice Smith' },
      { channel: 'sms' as const, address: '+15550001111' },
    ],
    conversation: {
      id: 'conv_1',
      customerId: 'cus_1',
      channel: 'email' as const,
      status: 'open' as const,
      openedAt: at,
      lastInboundAt: at,
    },
    counts: { conversations: 1, messagesIn: 1, messagesOut: 0 },
  };
  const message: Message = {
    id: 'msg_1',
    conversationId: 'conv_1',
    customerId: 'cus_1',
    direction: 'in',
    channel: 'email',
    kind: 'text',
    externalId: '<m1@mail>',
    replyRef: 'email:support@shop.example:<m1@mail>',
    address: 'alice@example.com',
    text,
    subject: 'Order 7781',
    attachments: [{ name: 'photo.jpg', contentType: 'image/jpeg', size: 2048 }],
    meta: {},
    createdAt: at,
    stage: 'stored',
    classification: classifier.classify(text, { channel: 'email' }),
  };
  const draft: Draft = {
    id: 'drf_1',
    customerId: 'cus_1',
    conversationId: 'conv_1',
    inReplyTo: 'msg_1',
    text: CUSTOMER_TEXT[6]!,
    language: 'en',
    channel: 'email',
    replyRef: message.replyRef,
    origin: 'auto',
    status: 'pending',
    createdAt: at,
  } as Draft;
  const decision = {
    id: 'dec_1',
    draftId: 'drf_1',
    kind: 'send',
    actor: { console: 'slack', userId: 'U1', name: '李明' },
    channel: 'email',
    text: draft.text,
    decidedAt: at,
  } as unknown as Decision;
  const job = {
    id: 'job_1',
    draftId: 'drf_1',
    customerId: 'cus_1',
    channel: 'email',
    replyRef: message.replyRef,
    text: draft.text,
    status: 'failed',
    delivery: 'failed',
    purpose: 'reply',
    attempts: 8,
    lastError: 'SMTP 550',
    createdAt: at,
    updatedAt: at,
  } as unknown as OutboxJob;
  // Reasons a delivery fails that the desk itself words (outbox, Twilio, Discord, WeChat), as the
  // card shows them: each must be in Chinese too.
  const zh = OWNER_STRINGS.zh;
  const failures = [
    fillOwner(zh.outbox.optedOut, { channel: zh.card.channels.sms }),
    zh.outbox.customerGone,
    twilioReasons.windowClosed('zh'),
    twilioReasons.optedOut('zh', 'SMS'),
    twilioReasons.tooLong('zh', 2000),
    fillOwner(zh.discordDm.refused, { status: 403, code: 50007, detail: zh.discordDm.codes.c50007 }),
    zh.discordDm.unavailable,
    fillOwner(zh.wechat.other, { code: 45009, detail: '' }),
  ].map(
    (lastError, i) =>
      ({ type: 'delivery', view, job: { ...job, id: `job_${i + 2}`, lastError } }) as unknown as DeskEvent,
  );
  return [
    { type: 'inbound', view, message, draft } as DeskEvent,
    { type: 'decided', view, draft: { ...draft, status: 'sent' }, decision } as unknown as DeskEvent,
    { type: 'delivery', view, job } as unknown as DeskEvent,
    ...failures,
  ];
}

/** Every string value of a payload but ids, urls and styles (not read by the owner). */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value))
      if (!/^(action_id|block_id|custom_id|value|url|image_url|style|type|emoji|id)$/.test(k))
        strings(v, out);
  return out;
}

/** English words left once the customer's own text and language-free names are taken out. */
function englishIn(payload: unknown): string[] {
  const words: string[] = [];
  for (let s of strings(payload)) {
    for (const own of CUSTOMER_TEXT) s = s.split(own).join(' ');
    // Codes and units that are no language: language tags, the time zone's IANA name, a content
    // type (customer metadata), byte units; platform names and the keywords customers text.
    s = s.replace(
      /\b(en|zh|UTC|GMT|SMTP|SMS|MMS|kB|KB|MB|GB|WhatsApp|Discord|Twilio|STOP|START)\b|Asia\/Shanghai|\b[a-z]+\/[a-z0-9.+-]+\b/g,
      ' ',
    );
    for (const w of s.match(/[A-Za-z]{2,}/g) ?? []) words.push(w);
  }
  return words;
}

test('OWNER_LANGUAGE=zh: Slack cards carry no English owner-facing text', () => {
  for (const event of events()) {
    for (const card of cardsFor(event, { language: 'zh', timeZone: 'Asia/Shanghai' })) {
      const rendered = slackCard(card, 'zh');
      assert.deepEqual(englishIn(rendered), [], `${card.kind}: ${JSON.stringify(rendered).slice(0, 600)}`);
    }
  }
});

test('OWNER_LANGUAGE=zh: Discord cards carry no English owner-facing text', () => {
  for (const event of events()) {
    for (const card of cardsFor(event, { language: 'zh', timeZone: 'Asia/Shanghai' })) {
      const rendered = discordCard(card, 'zh').map((m) => ({
        ...m,
        components: m.components?.map((c) => c.toJSON()),
      }));
      assert.deepEqual(englishIn(rendered), [], `${card.kind}: ${JSON.stringify(rendered).slice(0, 600)}`);
    }
  }
});
