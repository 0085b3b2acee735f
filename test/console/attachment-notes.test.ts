/** Issue 15 #5: attachments kept out as too large are told apart on the card, in en and zh. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from '../../src/core/model.js';
import type { CustomerView } from '../../src/core/ports.js';
import { inboundCard } from '../../src/console/card.js';

const at = new Date('2026-11-26T09:30:00Z');
const view: CustomerView = {
  customer: { id: 'cus_1', name: 'Alice', createdAt: at, optedOut: [] },
  identities: [{ channel: 'email', address: 'alice@example.com' }],
  counts: { conversations: 1, messagesIn: 1, messagesOut: 0 },
};

function message(channel: Message['channel']): Message {
  return {
    id: 'msg_1',
    conversationId: 'conv_1',
    customerId: 'cus_1',
    direction: 'in',
    channel,
    kind: 'text',
    externalId: 'x',
    replyRef: 'email:support@shop.example:alice@example.com',
    address: 'alice@example.com',
    text: 'Photos attached',
    attachments: [
      { name: 'a.jpg', contentType: 'image/jpeg', size: 5 * 1024 * 1024, fileId: 'email:x#0' },
      { name: 'b.jpg', contentType: 'image/jpeg', size: 5 * 1024 * 1024, omitted: 'too_large' },
    ],
    meta: {},
    createdAt: at,
    stage: 'stored',
  };
}

test('an email attachment over the cap is a note "too large, kept in your mailbox", not a file entry', () => {
  const card = inboundCard(view, message('email'), { language: 'en' });
  assert.deepEqual(
    card.attachments.map((a) => a.name),
    ['a.jpg'],
  );
  assert.deepEqual(card.notes, ['📎 b.jpg (5.0 MB): too large, kept in your mailbox']);
  const zh = inboundCard(view, message('email'), { language: 'zh' });
  assert.deepEqual(zh.notes, ['📎 b.jpg（5.0 MB）：文件太大，保留在您的邮箱中']);
});

test('on other channels the note says it was not copied', () => {
  const card = inboundCard(view, message('telegram'), { language: 'en' });
  assert.deepEqual(card.notes, ['📎 b.jpg (5.0 MB): too large to copy here']);
});
