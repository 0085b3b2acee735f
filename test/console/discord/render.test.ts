import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CustomerView } from '../../../src/core/ports.js';
import type { Draft, Message } from '../../../src/core/model.js';
import { customerCard, draftCard, inboundCard } from '../../../src/console/card.js';
import {
  KEYED_BODY_CHARS,
  editModal,
  renderCard,
  renderCommandReply,
  splitContent,
} from '../../../src/console/discord/render.js';
import { checkComponents, checkMessage, checkModal } from '../../support/discord-emulator/limits.js';
import { slashCommand } from '../../../src/console/discord/slash.js';

const view: CustomerView = {
  customer: { id: 'c1', createdAt: new Date(0), optedOut: [], name: 'Wang Fang' },
  identities: [
    { channel: 'email', address: 'wang@example.com' },
    { channel: 'sms', address: '+15550001111' },
    { channel: 'telegram', address: '42' },
  ],
  conversation: {
    id: 'v1',
    customerId: 'c1',
    channel: 'email',
    status: 'open',
    openedAt: new Date(0),
    lastInboundAt: new Date(0),
  },
  counts: { conversations: 1, messagesIn: 1, messagesOut: 0 },
};

const draft: Draft = {
  id: 'd1',
  customerId: 'c1',
  conversationId: 'v1',
  text: '您好，'.repeat(1200),
  language: 'zh',
  channel: 'email',
  replyRef: 'email:x:y',
  origin: 'auto',
  status: 'pending',
  createdAt: new Date(0),
};

function asJson(parts: ReturnType<typeof renderCard>) {
  return parts.map((p) => ({ content: p.content, components: p.components.map((c) => c.toJSON()) }));
}

test('a draft card is one message within every Discord limit, with Send via as a select', () => {
  const card = draftCard(view, draft, {
    language: 'zh',
    maxBodyChars: KEYED_BODY_CHARS,
    replyChannels: ['email', 'sms', 'telegram'],
  });
  const parts = asJson(renderCard(card, 'zh'));
  assert.equal(parts.length, 1);
  assert.deepEqual(checkMessage(parts[0]!, { requireSomething: true }), []);
  const rows = parts[0]!.components as { components: { type: number; custom_id: string }[] }[];
  assert.ok(rows.length <= 5);
  assert.deepEqual(
    rows.at(-1)!.components.map((c) => c.type),
    [3],
  );
  assert.ok(
    rows.flatMap((r) => r.components).some((c) => c.custom_id?.startsWith('sd1:show_draft')),
    'cut body offers Show in full',
  );
});

test('a long inbound message splits into quoted parts; a huge one is attached', () => {
  const message: Message = {
    id: 'm1',
    conversationId: 'v1',
    customerId: 'c1',
    direction: 'in',
    channel: 'email',
    kind: 'text',
    externalId: 'x',
    replyRef: 'r',
    address: 'wang@example.com',
    text: 'word '.repeat(1000),
    attachments: [],
    meta: {},
    createdAt: new Date(0),
    stage: 'stored',
    subject: 'Order',
  };
  const parts = asJson(
    renderCard(inboundCard(view, message, { language: 'en', maxBodyChars: 100_000 }), 'en'),
  );
  assert.equal(parts.length, 3);
  for (const p of parts) assert.deepEqual(checkMessage(p, { requireSomething: true }), []);
  for (const p of parts.slice(1)) assert.ok(p.content.startsWith('> '));
  const huge = renderCard(
    inboundCard(view, { ...message, text: 'x'.repeat(20_000) }, { language: 'en', maxBodyChars: 100_000 }),
    'en',
  );
  assert.equal(huge.length, 1);
  assert.equal(huge[0]!.files.length, 1);
  assert.ok(huge[0]!.content.length <= 2000);
});

test('inline attachments (email) are uploaded with the inbound message', () => {
  const message: Message = {
    id: 'm2',
    conversationId: 'v1',
    customerId: 'c1',
    direction: 'in',
    channel: 'email',
    kind: 'text',
    externalId: 'y',
    replyRef: 'r',
    address: 'wang@example.com',
    text: 'see attached',
    meta: {},
    createdAt: new Date(0),
    stage: 'stored',
    attachments: [
      {
        name: 'receipt.pdf',
        contentType: 'application/pdf',
        size: 3,
        dataBase64: Buffer.from('pdf').toString('base64'),
      },
      { name: 'photo.jpg', contentType: 'image/jpeg', size: 2_000_000, url: 'https://cdn.example/photo.jpg' },
    ],
  };
  const [part] = renderCard(inboundCard(view, message, { language: 'en' }), 'en');
  assert.deepEqual(
    part!.files.map((f) => f.name),
    ['receipt.pdf'],
  );
  assert.ok(
    part!.content.includes('📎 [photo.jpg](<https://cdn.example/photo.jpg>) (1.9 MB)'),
    part!.content,
  );
});

test('the customer card fits one message and offers Resolve', () => {
  const parts = asJson(renderCard(customerCard(view, { language: 'en' }), 'en'));
  assert.equal(parts.length, 1);
  const problems: string[] = [];
  checkComponents(parts[0]!.components, 0, problems);
  assert.deepEqual(problems, []);
  assert.match(JSON.stringify(parts[0]!.components), /sd1:resolve:c1/);
  assert.match(parts[0]!.content, /Wang Fang/);
});

test('the Edit modal: title ≤45, label ≤45, max_length 4000, value cut to 4000', () => {
  const modal = editModal({ id: 'd1', text: 'y'.repeat(5000) }, 'Email', 'en').toJSON() as unknown as Record<
    string,
    unknown
  >;
  assert.deepEqual(checkModal(modal), []);
  const zh = editModal({ id: 'd1', text: 'ok' }, '电子邮件', 'zh').toJSON() as unknown as Record<
    string,
    unknown
  >;
  assert.deepEqual(checkModal(zh), []);
});

test('split content keeps every part within the limit', () => {
  const parts = splitContent(`${'a'.repeat(1500)}\n${'b'.repeat(1500)}\n${'c'.repeat(2500)}`);
  assert.ok(parts.every((p) => p.length <= 2000));
  assert.equal(parts.join('').replace(/\n/g, '').length, 5500);
});

test('command replies become embeds within the embed limits; the slash command validates', () => {
  const reply = renderCommandReply({
    title: 'Figures · 7 days',
    sections: [
      {
        heading: 'Volume',
        fields: Array.from({ length: 40 }, (_, i) => ({ label: `f${i}`, value: 'v'.repeat(300) })),
      },
    ],
  });
  assert.deepEqual(
    checkMessage({ content: reply.content, embeds: reply.embeds }, { requireSomething: true }),
    [],
  );
  const json = slashCommand([
    {
      name: 'stats',
      usage: 'stats [today|7d|30d|90d|all] [channel]',
      summary: { en: 'Figures', zh: '数据' },
      run: async () => ({ title: '', sections: [] }),
    },
  ]);
  assert.equal(json.name, 'cs');
  assert.deepEqual(
    json.options?.map((o) => o.name),
    ['stats', 'help'],
  );
});
