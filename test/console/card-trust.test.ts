/**
 * What the owner is told before trusting an email (issue 15, findings 3 and 4): the Reply-To
 * that Send goes to, an unverified sender and its reason, addresses only claimed, and the
 * one-tap merge suggestion — in English and Chinese, and rendered by Slack, Discord and the
 * terminal through the neutral card.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Draft, Message } from '../../src/core/model.js';
import type { CustomerView, DeskEvent } from '../../src/core/ports.js';
import { cardsFor, decodeAction, encodeAction } from '../../src/console/card.js';
import { renderCard as slackRender } from '../../src/console/slack/blocks.js';
import { renderCard as discordRender } from '../../src/console/discord/render.js';
import { renderCard as terminalRender } from '../../src/console/terminal/render.js';

const at = new Date('2026-11-26T09:30:00Z');
const INTO = '6f1c2a9e-4b7d-4e1a-9c3f-0a1b2c3d4e5f';
const FROM = 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d';

function view(id: string, over: Partial<CustomerView> = {}): CustomerView {
  return {
    customer: { id, createdAt: at, optedOut: [] },
    identities: [],
    counts: { conversations: 1, messagesIn: 1, messagesOut: 0 },
    ...over,
  };
}

function message(meta: Record<string, string>): Message {
  return {
    id: 'msg_1',
    conversationId: 'conv_1',
    customerId: INTO,
    direction: 'in',
    channel: 'email',
    kind: 'text',
    externalId: '<x@y>',
    replyRef: 'email:support@shop.example:thief@evil.example',
    address: 'carol@customer.example',
    text: 'Send my refund elsewhere',
    subject: 'Refund',
    attachments: [],
    meta,
    createdAt: at,
    stage: 'stored',
  };
}

const draft: Draft = {
  id: 'draft_1',
  customerId: INTO,
  conversationId: 'conv_1',
  inReplyTo: 'msg_1',
  text: 'Sure.',
  language: 'en',
  channel: 'email',
  replyRef: 'email:support@shop.example:thief@evil.example',
  origin: 'auto',
  status: 'pending',
  createdAt: at,
};

const spoofView = view(INTO, {
  claims: [
    {
      channel: 'email',
      address: 'carol@customer.example',
      kind: 'unauthenticated',
      reason: 'dmarc=fail',
      claimedAt: at,
    },
  ],
});
const spoofEvent: DeskEvent = {
  type: 'inbound',
  view: spoofView,
  message: message({ replyTo: 'thief@evil.example', unverifiedSender: 'dmarc=fail' }),
  draft,
};

describe('email trust on the cards', () => {
  it('says where Send goes and that the sender is unverified, in English', () => {
    const [customer, inbound, draftCard] = cardsFor(spoofEvent, { language: 'en' });
    assert.equal(customer?.title, 'carol@customer.example', 'named by the claimed address');
    assert.match(
      customer?.fields[0]?.value ?? '',
      /carol@customer\.example ⚠️ \(unverified: failed sender check, dmarc=fail\)/,
    );
    assert.deepEqual(
      inbound?.fields.filter((f) => f.label === 'Reply-To'),
      [{ label: 'Reply-To', value: 'thief@evil.example' }],
    );
    assert.ok(!inbound?.fields.some((f) => f.label === 'replyTo' || f.label === 'unverifiedSender'));
    assert.deepEqual(inbound?.notes, [
      'Sender not verified (dmarc=fail): this mail may not come from carol@customer.example, so it is kept apart from that address’s customer.',
      'Send goes to thief@evil.example (the Reply-To), not to the sender carol@customer.example.',
    ]);
    assert.equal(inbound?.highlight, true);
    assert.deepEqual(draftCard?.notes, [
      'Send goes to thief@evil.example (the Reply-To), not to the sender carol@customer.example.',
    ]);
  });

  it('in Chinese', () => {
    const [customer, inbound, draftCard] = cardsFor(spoofEvent, { language: 'zh' });
    assert.match(customer?.fields[0]?.value ?? '', /未验证：发件人验证失败，dmarc=fail/);
    assert.ok(inbound?.fields.some((f) => f.label === '回复地址' && f.value === 'thief@evil.example'));
    assert.match(inbound?.notes.join('\n') ?? '', /发件人未通过验证（dmarc=fail）/);
    assert.match(draftCard?.notes.join('\n') ?? '', /“发送”将发往 thief@evil\.example/);
  });

  it('a mail whose Reply-To is its From says nothing extra', () => {
    const [, inbound, draftCard] = cardsFor(
      { type: 'inbound', view: view(INTO), message: message({}), draft },
      { language: 'en' },
    );
    assert.deepEqual(inbound?.notes, []);
    assert.deepEqual(draftCard?.notes, []);
    assert.equal(inbound?.highlight, false);
  });

  it('a typed-in address is listed as unverified', () => {
    const typed = view(FROM, {
      identities: [{ channel: 'webchat', address: 'v1abcdef' }],
      claims: [{ channel: 'email', address: 'dave@customer.example', kind: 'typed', claimedAt: at }],
    });
    const [customer] = cardsFor({ type: 'customer', view: typed }, { language: 'en' });
    assert.match(
      customer?.fields[0]?.value ?? '',
      /dave@customer\.example ⚠️ \(unverified: typed in by the customer\)/,
    );
  });
});

describe('merge suggestion card', () => {
  const into = view(INTO, { identities: [{ channel: 'email', address: 'dave@customer.example' }] });
  const from = view(FROM, { identities: [{ channel: 'webchat', address: 'v1abcdef' }] });
  const event: DeskEvent = {
    type: 'merge_suggestion',
    view: into,
    into,
    from,
    address: { channel: 'email', address: 'dave@customer.example' },
    why: 'claimed',
  };

  it('carries one "Same person — merge" button that decodes to desk.merge(into, from)', () => {
    const [card] = cardsFor(event, { language: 'en' });
    assert.equal(card?.kind, 'suggestion');
    assert.match(
      card?.body?.text ?? '',
      /Visitor BCDE gave the address dave@customer\.example, which belongs to dave@customer\.example/,
    );
    const [button] = card?.actions ?? [];
    assert.equal(button?.label, 'Same person — merge');
    assert.deepEqual(decodeAction(button?.actionId), { action: 'merge', id: INTO, arg: FROM });
    assert.ok((button?.actionId.length ?? 999) <= 100, 'fits Discord’s custom_id');
    const [zh] = cardsFor(event, { language: 'zh' });
    assert.equal(zh?.actions[0]?.label, '是同一人 — 合并');
    assert.match(zh?.body?.text ?? '', /如果是同一个人，可以合并/);
  });

  it('a merge without its second customer, or with a malformed one, is not ours', () => {
    assert.equal(decodeAction(`sd1:merge:${INTO}`), undefined);
    assert.equal(decodeAction(`sd1:merge:${INTO}:bad/id`), undefined);
    assert.throws(() => encodeAction({ action: 'merge', id: INTO, arg: 'x'.repeat(65) }));
  });

  it('renders with its button in Slack, Discord and the terminal', () => {
    const [card] = cardsFor(event, { language: 'en' });
    assert.ok(card);
    const id = encodeAction({ action: 'merge', id: INTO, arg: FROM });
    assert.ok(JSON.stringify(slackRender(card, 'en')).includes(id), 'Slack button');
    assert.ok(JSON.stringify(discordRender(card, 'en')).includes(id), 'Discord button');
    const numbers = new Map<string, number>();
    const text = terminalRender(card, {
      number: (_kind, key) => numbers.get(key) ?? (numbers.set(key, numbers.size + 1), numbers.size),
    });
    assert.match(text, /Same person\?/);
    assert.match(text, /→ m c\d+ c\d+/);
  });
});
