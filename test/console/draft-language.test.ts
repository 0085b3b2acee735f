import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Draft } from '../../src/core/model.js';
import type { CustomerView } from '../../src/core/ports.js';
import { cardsFor } from '../../src/console/card.js';
import { draftLanguageNote } from '../../src/console/draft-language.js';

const at = new Date('2026-12-07T09:30:00Z');

function view(language: string): CustomerView {
  return {
    customer: { id: 'cus_1', name: 'Amélie', language, createdAt: at, optedOut: [] },
    identities: [{ channel: 'email', address: 'amelie@example.fr' }],
    conversation: {
      id: 'conv_1',
      customerId: 'cus_1',
      channel: 'email',
      status: 'open',
      openedAt: at,
      lastInboundAt: at,
    },
    counts: { conversations: 1, messagesIn: 1, messagesOut: 0 },
  };
}

const draft: Draft = {
  id: 'drf_1',
  customerId: 'cus_1',
  conversationId: 'conv_1',
  inReplyTo: 'msg_1',
  text: 'Hi Amélie, thanks for your message.',
  language: 'en',
  channel: 'email',
  replyRef: 'email:support@shop.example:<abc@mail>',
  origin: 'auto',
  status: 'pending',
  createdAt: at,
};

test('a French customer’s English draft says on the card that there are no French templates', () => {
  const [card] = cardsFor({ type: 'draft', view: view('fr'), draft }, { language: 'en' });
  assert.ok(
    card?.notes.some((n) => /No reply templates in French: this draft is in English/.test(n)),
    card?.notes.join('|'),
  );
  const [zh] = cardsFor({ type: 'draft', view: view('fr'), draft }, { language: 'zh' });
  assert.ok(
    zh?.notes.some((n) => n.includes('法语') && n.includes('英文')),
    zh?.notes.join('|'),
  );
});

test('no note when the draft is in the customer’s language, for Traditional Chinese, or for the owner’s own note', () => {
  assert.equal(draftLanguageNote('en', draft, 'en'), undefined);
  assert.equal(draftLanguageNote('en', { ...draft, language: 'zh-Hant' }, 'zh'), undefined);
  assert.equal(draftLanguageNote('en', { ...draft, origin: 'owner_note' }, 'de'), undefined);
  assert.equal(draftLanguageNote('en', draft, 'und'), undefined);
  assert.match(draftLanguageNote('en', draft, 'de') ?? '', /German/);
});
