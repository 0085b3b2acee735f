/**
 * The neutral draft card's "Send template…" (en) / "发送模板…" (zh) offer, and the pure
 * prefill of template variables from the customer and the draft.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { draftCard } from '../../src/console/card.js';
import {
  prefill,
  renderTemplate,
  shortText,
  type MessageTemplate,
} from '../../src/core/message-templates.js';
import type { Draft } from '../../src/core/model.js';
import type { CustomerView } from '../../src/core/ports.js';

const view: CustomerView = {
  customer: { id: 'c1', createdAt: new Date(0), optedOut: [] },
  identities: [],
  counts: { conversations: 1, messagesIn: 1, messagesOut: 0 },
};
const draft: Draft = {
  id: 'd1',
  customerId: 'c1',
  conversationId: 'v1',
  text: 'Your refund was approved. It arrives in three days.',
  language: 'en',
  channel: 'whatsapp',
  replyRef: 'whatsapp:+14155238886:+15551230000',
  origin: 'auto',
  status: 'pending',
  createdAt: new Date(0),
};

describe('Send template… on the draft card', () => {
  it('is offered only when the context says so, in the owner language', () => {
    const plain = draftCard(view, draft, { language: 'en' });
    assert.ok(!plain.actions.some((a) => a.ref.action === 'send_template'), 'not offered inside the window');
    const en = draftCard(view, draft, { language: 'en', canSendTemplate: true });
    assert.equal(en.actions.find((a) => a.ref.action === 'send_template')?.label, 'Send template…');
    const zh = draftCard(view, draft, { language: 'zh', canSendTemplate: true });
    assert.equal(zh.actions.find((a) => a.ref.action === 'send_template')?.label, '发送模板…');
  });
  it('is not offered on a decided draft', () => {
    const card = draftCard(view, { ...draft, status: 'sent' }, { language: 'en', canSendTemplate: true });
    assert.ok(!card.actions.some((a) => a.ref.action === 'send_template'));
  });
});

describe('template prefill', () => {
  const template: MessageTemplate = {
    sid: 'HX' + '0'.repeat(32),
    name: 'follow_up',
    language: 'en',
    body: 'Hi {{1}}, {{2}} Ref {{3}}.',
    variables: [
      { key: '1', sample: 'Customer' },
      { key: '2', sample: 'news' },
      { key: '3', sample: 'A-1' },
    ],
  };
  it('fills {{1}} with the name, {{2}} with the draft’s first sentence, the rest with samples', () => {
    assert.deepEqual(prefill(template, 'Ana', draft.text), {
      '1': 'Ana',
      '2': 'Your refund was approved.',
      '3': 'A-1',
    });
    assert.equal(prefill(template, undefined, '')['1'], 'Customer');
    assert.equal(renderTemplate(template.body, { '1': 'Ana', '2': 'ok.', '3': 'B' }), 'Hi Ana, ok. Ref B.');
  });
  it('keeps the short text short and on one line', () => {
    const long = shortText('x'.repeat(200));
    assert.equal(long.length, 60);
    assert.ok(long.endsWith('…'));
    assert.equal(shortText('您好。我们已经退款。'), '您好。');
  });
});
