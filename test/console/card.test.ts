import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Decision, Draft, Message, OutboxJob } from '../../src/core/model.js';
import type { CustomerView } from '../../src/core/ports.js';
import {
  MAX_ACTION_ID,
  cardsFor,
  cutText,
  decodeAction,
  encodeAction,
  type Card,
  type CardAction,
} from '../../src/console/card.js';

const at = new Date('2026-11-26T09:30:00Z');

function view(overrides: Partial<CustomerView> = {}): CustomerView {
  return {
    customer: { id: 'cus_1', name: 'Alice', language: 'en', createdAt: at, optedOut: [] },
    identities: [
      { channel: 'email', address: 'alice@example.com', displayName: 'Alice' },
      { channel: 'sms', address: '+15550001111' },
    ],
    conversation: {
      id: 'conv_1',
      customerId: 'cus_1',
      channel: 'email',
      status: 'open',
      openedAt: at,
      lastInboundAt: at,
    },
    counts: { conversations: 2, messagesIn: 5, messagesOut: 3 },
    ...overrides,
  };
}

function message(overrides: Partial<Message> = {}): Message {
  return {
    id: 'msg_1',
    conversationId: 'conv_1',
    customerId: 'cus_1',
    direction: 'in',
    channel: 'email',
    kind: 'text',
    externalId: '<abc@mail>',
    replyRef: 'email:support@shop.example:<abc@mail>',
    address: 'alice@example.com',
    text: 'Where is my order #1234?',
    subject: 'Order 1234',
    attachments: [{ name: 'photo.jpg', contentType: 'image/jpeg', size: 1234 }],
    meta: {},
    createdAt: at,
    stage: 'stored',
    classification: {
      language: 'en',
      intent: 'shipping',
      confidence: 0.9,
      urgency: 'high',
      sentiment: 'negative',
      requestedChannel: 'email',
      recommendedChannel: 'email',
      reason: 'the customer asked for email',
      entities: { orderNumbers: ['1234'], emails: [], phones: [], money: [], dates: [] },
    },
    ...overrides,
  };
}

function draft(overrides: Partial<Draft> = {}): Draft {
  return {
    id: 'drf_1',
    customerId: 'cus_1',
    conversationId: 'conv_1',
    inReplyTo: 'msg_1',
    text: 'Hi Alice, your order ships today.',
    language: 'en',
    channel: 'email',
    replyRef: 'email:support@shop.example:<abc@mail>',
    origin: 'auto',
    status: 'pending',
    createdAt: at,
    ...overrides,
  };
}

const decision: Decision = {
  id: 'dec_1',
  draftId: 'drf_1',
  kind: 'send',
  actor: { console: 'slack', userId: 'U1', name: 'Owner' },
  channel: 'email',
  decidedAt: at,
};

function job(overrides: Partial<OutboxJob> = {}): OutboxJob {
  return {
    id: 'job_1',
    idempotencyKey: 'k',
    customerId: 'cus_1',
    conversationId: 'conv_1',
    draftId: 'drf_1',
    messageId: 'msg_out',
    channel: 'email',
    replyRef: 'r',
    text: 'Hi',
    purpose: 'reply',
    status: 'sent',
    attempts: 1,
    nextAttemptAt: at,
    delivery: 'delivered',
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

const actionsOf = (card: Card): CardAction[] => card.actions.map((a) => a.ref.action);

test('action codec round-trips and stays within Discord custom_id length', () => {
  const id = 'x'.repeat(64);
  for (const ref of [
    { action: 'send' as const, id },
    { action: 'send_via' as const, id, arg: 'whatsapp' },
    { action: 'show_message' as const, id, arg: 'a'.repeat(16) },
    { action: 'retry' as const, id: '01JABCDEF-ghi_jk.l' },
  ]) {
    const encoded = encodeAction(ref);
    assert.ok(encoded.length <= MAX_ACTION_ID, encoded);
    assert.deepEqual(decodeAction(encoded), ref);
  }
});

test('action codec rejects foreign or malformed ids without throwing', () => {
  for (const bad of [
    '',
    'send',
    'sd1:send',
    'sd1:nuke:abc',
    'sd2:send:abc',
    'sd1:send:a b',
    'sd1:send_via:d1',
    'sd1:send_via:d1:fax',
    42,
    undefined,
    'sd1:send:' + 'a'.repeat(120),
  ]) {
    assert.equal(decodeAction(bad), undefined, String(bad));
  }
  assert.throws(() => encodeAction({ action: 'send', id: 'has:colon' }));
  assert.throws(() => encodeAction({ action: 'send', id: 'y'.repeat(65) }));
});

test('inbound event gives customer card, message card and draft card', () => {
  const cards = cardsFor(
    { type: 'inbound', view: view(), message: message(), draft: draft() },
    { language: 'en' },
  );
  assert.deepEqual(
    cards.map((c) => c.kind),
    ['customer', 'inbound', 'draft'],
  );
  const [customer, inbound, drafted] = cards as [Card, Card, Card];

  assert.equal(customer.key, 'customer:cus_1');
  assert.equal(customer.title, 'Alice');
  const reach = customer.fields.find((f) => f.label === 'Reach')?.value ?? '';
  assert.match(reach, /Email: alice@example\.com/);
  assert.match(reach, /SMS: \+15550001111/);
  assert.ok(customer.fields.some((f) => f.value === 'open'));
  assert.ok(customer.fields.some((f) => f.value === '2 conversations · 5 in · 3 out'));
  // Two identities: Split is offered beside Same person as… (issue 19).
  assert.deepEqual(actionsOf(customer), ['resolve', 'note', 'tags', 'same_person', 'split']);

  assert.ok(inbound.fields.some((f) => f.label === 'From' && f.value === 'Alice <alice@example.com>'));
  assert.ok(inbound.fields.some((f) => f.label === 'Subject' && f.value === 'Order 1234'));
  assert.match(
    inbound.context[0] ?? '',
    /shipping · urgency 🔴 high · en · asked: email · reply by: email — the customer asked for email/,
  );
  assert.equal(inbound.highlight, true);
  assert.equal(inbound.attachments.length, 1);
  assert.equal(inbound.body?.showFull, undefined);

  assert.equal(drafted.key, 'draft:drf_1');
  assert.deepEqual(actionsOf(drafted), ['send', 'edit', 'discard']);
  assert.deepEqual(
    drafted.sendVia?.options.map((o) => o.ref.arg),
    ['email', 'sms'],
  );
  assert.match(drafted.sendVia?.options[0]?.label ?? '', /recommended/);
});

test('reply channels passed in keep their order (recommended first) and opted-out channels are dropped by default', () => {
  const [card] = cardsFor(
    { type: 'draft', view: view(), draft: draft() },
    { language: 'en', replyChannels: ['sms', 'email'] },
  );
  assert.deepEqual(
    card?.sendVia?.options.map((o) => o.ref.arg),
    ['sms', 'email'],
  );
  const v = view();
  v.customer.optedOut = ['sms'];
  const [only] = cardsFor({ type: 'draft', view: v, draft: draft() }, { language: 'en' });
  assert.equal(only?.sendVia, undefined, 'one channel left: no Send via');
});

test('long text is cut with a show-in-full button; email full text offers it too', () => {
  const long = 'a'.repeat(5000);
  const [, inbound] = cardsFor(
    { type: 'inbound', view: view(), message: message({ text: long }) },
    { language: 'en' },
  );
  assert.equal(inbound?.body?.text.length, 2800);
  assert.equal(inbound?.body?.truncated, true);
  assert.equal(inbound?.body?.length, 5000);
  assert.deepEqual(inbound?.body?.showFull?.ref, { action: 'show_message', id: 'msg_1' });
  const [, quoted] = cardsFor(
    { type: 'inbound', view: view(), message: message({ fullText: 'short\n> quoted history' }) },
    { language: 'en' },
  );
  assert.equal(quoted?.body?.truncated, false);
  assert.ok(quoted?.body?.showFull);
  assert.deepEqual(cutText('ab😀', 3), { text: 'ab', truncated: true });
});

test('draft with blanks cannot be sent: only Edit and Discard', () => {
  const [card] = cardsFor(
    { type: 'draft', view: view(), draft: draft({ text: 'Your refund of [[amount]] is on its way.' }) },
    { language: 'en' },
  );
  assert.deepEqual(actionsOf(card as Card), ['edit', 'discard']);
  assert.equal(card?.sendVia, undefined);
  assert.equal(card?.notes.length, 1);
});

test('owner note becomes a pending-reply card with Send / Edit / Discard', () => {
  const [card] = cardsFor(
    { type: 'draft', view: view(), draft: draft({ origin: 'owner_note' }) },
    { language: 'zh' },
  );
  assert.equal(card?.title, '待发送回复（你的备注）');
  assert.deepEqual(
    card?.actions.map((a) => a.label),
    ['发送', '编辑', '丢弃'],
  );
  assert.equal(card?.sendVia, undefined);
});

test('decided card shows who, when, channel and delivery, without buttons; failed gets Retry', () => {
  const [sent] = cardsFor(
    { type: 'decided', view: view(), draft: draft(), decision, job: job() },
    { language: 'en', timeZone: 'UTC' },
  );
  assert.equal(sent?.key, 'draft:drf_1');
  assert.equal(sent?.context[0], 'Sent by Owner · 2026-11-26 09:30 UTC · Email');
  assert.equal(sent?.context[1], '✅ delivered');
  assert.equal(sent?.actions.length, 0);
  assert.equal(sent?.sendVia, undefined);

  const failedJob = job({ delivery: 'failed', status: 'failed', lastError: 'mailbox full' });
  const [failed] = cardsFor(
    { type: 'delivery', view: view(), job: failedJob },
    { language: 'en', decided: { draft: draft(), decision } },
  );
  assert.equal(failed?.kind, 'decided');
  assert.equal(failed?.key, 'draft:drf_1');
  assert.match(failed?.context[1] ?? '', /⚠️ failed — mailbox full/);
  assert.deepEqual(
    failed?.actions.map((a) => a.ref),
    [{ action: 'retry', id: 'job_1' }],
  );

  const [bare] = cardsFor({ type: 'delivery', view: view(), job: failedJob }, { language: 'zh' });
  assert.equal(bare?.kind, 'delivery');
  assert.match(bare?.title ?? '', /发送失败/);

  const [discarded] = cardsFor(
    { type: 'decided', view: view(), draft: draft(), decision: { ...decision, kind: 'discard' } },
    { language: 'zh', timeZone: 'Asia/Shanghai' },
  );
  assert.equal(discarded?.context[0], 'Owner 已丢弃 · 2026-11-26 17:30 Asia/Shanghai');
  assert.equal(discarded?.actions.length, 0);
});

test('resolved customer offers Reopen; rating and notice cards', () => {
  const resolved = view();
  resolved.conversation = { ...resolved.conversation!, status: 'resolved' };
  resolved.lastRating = {
    id: 'r1',
    customerId: 'cus_1',
    conversationId: 'conv_1',
    channel: 'sms',
    score: 4,
    createdAt: at,
  };
  const [customer, rating] = cardsFor(
    { type: 'rating', view: resolved, rating: resolved.lastRating },
    { language: 'en' },
  );
  assert.deepEqual(actionsOf(customer as Card), ['reopen', 'note', 'tags', 'same_person', 'split']);
  assert.ok(customer?.fields.some((f) => f.value.includes('4/5')));
  assert.match(rating?.title ?? '', /Rated 4\/5/);
  const [notice] = cardsFor(
    { type: 'notice', view: view(), text: 'WhatsApp window closed' },
    { language: 'en' },
  );
  assert.equal(notice?.key, undefined);
  assert.equal(notice?.body?.text, 'WhatsApp window closed');
});

test('WeChat is named WeChat / 微信 on the cards, and Send via offers it', () => {
  const v = view();
  v.identities.push({ channel: 'wechat', address: 'oOPENID_1' });
  for (const [language, name] of [
    ['en', 'WeChat'],
    ['zh', '微信'],
  ] as const) {
    const [card] = cardsFor({ type: 'draft', view: v, draft: draft({ channel: 'wechat' }) }, { language });
    assert.match(card?.context[0] ?? '', new RegExp(name));
    assert.deepEqual(
      card?.sendVia?.options.map((o) => o.ref.arg),
      ['wechat', 'email', 'sms'],
    );
    assert.match(card?.sendVia?.options[0]?.label ?? '', new RegExp(name));
  }
});

test('the root card shows the owner’s tags and private note, and offers Note and Tags', () => {
  for (const [lang, tags, note] of [
    ['en', 'Tags', 'Note (private)'],
    ['zh', '标签', '备注（仅自己可见）'],
  ] as const) {
    const [card] = cardsFor(
      {
        type: 'customer',
        view: { ...view(), notes: { note: 'Prefers calls after 6pm', tags: ['VIP', '批发'] } },
      },
      { language: lang },
    );
    assert.ok(
      card?.fields.some((f) => f.label === tags && f.value === 'VIP, 批发'),
      lang,
    );
    assert.ok(
      card?.fields.some((f) => f.label === note && f.value === 'Prefers calls after 6pm'),
      lang,
    );
    const note_ = card?.actions.find((a) => a.ref.action === 'note');
    assert.equal(note_?.label, lang === 'en' ? 'Note' : '备注');
    assert.deepEqual(decodeAction(note_?.actionId), { action: 'note', id: card?.customerId });
  }
});
