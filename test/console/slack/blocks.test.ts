import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cardsFor, customerCard, draftCard } from '../../../src/console/card.js';
import type { CustomerView } from '../../../src/core/ports.js';
import type { Draft, Message } from '../../../src/core/model.js';
import {
  editModal,
  editedText,
  fullTextModal,
  joinInputs,
  renderCard,
  renderCommandReply,
  splitForInputs,
} from '../../../src/console/slack/blocks.js';
import { TtlSet } from '../../../src/console/slack/ttl-set.js';
import { checkMessageBlocks, checkView } from '../../support/slack-emulator/block-limits.js';

const at = new Date('2026-11-26T10:00:00Z');
const huge = (n: number, unit = 'x') => unit.repeat(n);

function view(): CustomerView {
  return {
    customer: { id: 'c1', name: huge(400, '名'), language: 'zh', createdAt: at, optedOut: [] },
    identities: Array.from({ length: 30 }, (_, i) => ({
      channel: 'email' as const,
      address: `${huge(60)}${i}@example.com`,
      displayName: huge(80),
    })),
    conversation: {
      id: 'v1',
      customerId: 'c1',
      channel: 'email',
      status: 'open',
      openedAt: at,
      lastInboundAt: at,
    },
    counts: { conversations: 1, messagesIn: 1, messagesOut: 0 },
  };
}

const message: Message = {
  id: 'm1',
  conversationId: 'v1',
  customerId: 'c1',
  direction: 'in',
  channel: 'email',
  kind: 'text',
  externalId: 'x',
  replyRef: 'email:a:b',
  address: 'a@example.com',
  text: `<!channel> ${huge(20_000, '字')}`,
  fullText: huge(100_000, '字'),
  subject: huge(1000, 'S'),
  attachments: Array.from({ length: 15 }, (_, i) => ({
    name: `file${i}|<x>.pdf`,
    contentType: 'application/pdf',
    size: 1e6,
    url: 'https://media.example/x?a=1',
  })),
  meta: { caller: huge(3000) },
  createdAt: at,
  stage: 'stored',
};

const draft: Draft = {
  id: 'd1',
  customerId: 'c1',
  conversationId: 'v1',
  text: huge(9000, 'é'),
  language: 'zh',
  channel: 'email',
  replyRef: 'email:a:b',
  origin: 'auto',
  status: 'pending',
  createdAt: at,
};

test('every card kind renders within Block Kit limits even with oversized content', () => {
  for (const lang of ['en', 'zh'] as const) {
    const cards = [
      ...cardsFor(
        { type: 'inbound', view: view(), message, draft },
        { language: lang, replyChannels: ['email', 'sms', 'whatsapp'] },
      ),
      ...cardsFor({ type: 'notice', view: view(), text: huge(50_000) }, { language: lang }),
    ];
    for (const card of cards) {
      const rendered = renderCard(card, lang);
      assert.deepEqual(checkMessageBlocks(rendered.blocks), [], `${card.kind} (${lang})`);
      assert.ok(rendered.text.length <= 3000);
    }
  }
});

test('customer text is plain_text, so a <!channel> from a customer pings nobody', () => {
  const [, inbound] = cardsFor({ type: 'inbound', view: view(), message }, { language: 'en' });
  const rendered = renderCard(inbound!, 'en');
  const body = rendered.blocks.find((b) => JSON.stringify(b).includes('<!channel>')) as
    { text?: { type: string } } | undefined;
  assert.equal(body?.text?.type, 'plain_text');
  // In mrkdwn parts (titles, fields) the control characters are escaped.
  assert.ok(!JSON.stringify(rendered.blocks.filter((b) => b !== body)).includes('<x>'));
});

test('draft card with Send via renders a confirmable menu; a decided card has no actions block', () => {
  const card = draftCard(
    view(),
    { ...draft, text: 'Hello' },
    { language: 'en', replyChannels: ['email', 'sms'] },
  );
  const rendered = renderCard(card, 'en');
  const actions = rendered.blocks.find((b) => b.type === 'actions');
  assert.ok(actions && 'elements' in actions);
  const select = actions.elements.find((e) => e.type === 'static_select');
  assert.ok(select && 'confirm' in select && select.confirm);
  const decided = cardsFor(
    {
      type: 'decided',
      view: view(),
      draft,
      decision: {
        id: 'x',
        draftId: 'd1',
        kind: 'send',
        actor: { console: 'slack', userId: 'U1' },
        decidedAt: at,
      },
    },
    { language: 'en' },
  );
  const leftover = JSON.stringify(renderCard(decided[0]!, 'en').blocks.filter((b) => b.type === 'actions'));
  assert.doesNotMatch(leftover, /sd1:(send|edit|discard|send_via):/, 'no decision buttons left');
  assert.match(leftover, /sd1:show_draft:d1/, 'the long text can still be read in full');
  assert.deepEqual(checkMessageBlocks(renderCard(customerCard(view(), { language: 'zh' }), 'zh').blocks), []);
});

test('split for the Edit modal rebuilds the text exactly', () => {
  const samples = [
    '',
    'short',
    huge(3000),
    huge(3001),
    huge(9000, '字'),
    Array.from({ length: 2000 }, (_, i) => `word${i}`).join(' '),
    Array.from({ length: 900 }, (_, i) => `line ${i}`).join('\n'),
    huge(2999) + '😀😀',
  ];
  for (const text of samples) {
    const { parts, seps } = splitForInputs(text);
    assert.ok(parts.every((p) => p.length <= 3000));
    assert.equal(joinInputs(parts, seps), text);
  }
});

test('the Edit modal for a 9,000-character draft stays within modal limits and round-trips', () => {
  const modal = editModal({ id: 'd1', text: draft.text, channelName: 'Email' }, 'zh');
  assert.deepEqual(checkView(modal), []);
  const values: Record<string, Record<string, { value: string }>> = {};
  for (const b of modal.blocks as {
    type: string;
    block_id?: string;
    element?: { initial_value?: string };
  }[]) {
    if (b.type === 'input' && b.block_id)
      values[b.block_id] = { text: { value: b.element?.initial_value ?? '' } };
  }
  assert.deepEqual(editedText(values, modal.private_metadata ?? ''), { draftId: 'd1', text: draft.text });
  assert.equal(editedText(values, 'not json'), undefined);
});

test('show-in-full modal cuts a 300k CJK text below the 250 kB view limit', () => {
  const modal = fullTextModal('全文', huge(300_000, '字'), 'zh');
  assert.deepEqual(checkView(modal), []);
  assert.match(JSON.stringify(modal.blocks.at(-1)), /300000/);
});

test('command replies render within limits', () => {
  const reply = renderCommandReply({
    title: huge(400),
    sections: Array.from({ length: 30 }, (_, i) => ({
      heading: `h${i}`,
      fields: Array.from({ length: 25 }, (_, j) => ({ label: `l${j}`, value: huge(3000) })),
    })),
    text: huge(5000),
  });
  assert.deepEqual(checkMessageBlocks(reply.blocks), []);
});

test('the emulator checker catches what Slack would reject', () => {
  const problems = checkMessageBlocks([
    { type: 'section', text: { type: 'mrkdwn', text: huge(3001) } },
    {
      type: 'actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: huge(76) }, action_id: huge(256) }],
    },
    { type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'x' })) },
  ]);
  assert.equal(problems.length, 4, problems.join('\n'));
  assert.equal(checkMessageBlocks(Array.from({ length: 51 }, () => ({ type: 'divider' }))).length, 1);
  assert.ok(
    checkView({ type: 'modal', title: { type: 'plain_text', text: huge(25) }, blocks: [] }).length >= 1,
  );
  assert.ok(
    checkView({
      type: 'modal',
      title: { type: 'plain_text', text: 'x' },
      blocks: [
        {
          type: 'input',
          label: { type: 'plain_text', text: 'x' },
          element: { type: 'plain_text_input', action_id: 'a', max_length: 3001 },
        },
      ],
    }).length >= 2,
    'max_length over 3000 and missing submit',
  );
});

test('event ids are remembered for the TTL and then forgotten', () => {
  let now = 0;
  const seen = new TtlSet(10 * 60_000, () => now);
  seen.add('Ev1');
  now = 10 * 60_000 - 1;
  assert.equal(seen.has('Ev1'), true);
  now = 10 * 60_000;
  assert.equal(seen.has('Ev1'), false);
  const bounded = new TtlSet(60_000, () => 0, 3);
  for (const id of ['a', 'b', 'c', 'd']) bounded.add(id);
  assert.equal(bounded.size, 3);
  assert.equal(bounded.has('a'), false);
});
