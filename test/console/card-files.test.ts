/**
 * What a reply card says about the files the owner shared (issue 19), in English and Chinese:
 * each file with its size, and where the channel can't carry it that it goes (or went) as a
 * link and why — and the channel limits behind it (src/core/file-limits.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Decision, Draft } from '../../src/core/model.js';
import type { CustomerView } from '../../src/core/ports.js';
import { decidedCard, draftCard } from '../../src/console/card.js';
import { fileFit, planFiles } from '../../src/core/file-limits.js';
import { withFileLinks, type OutboundFile } from '../../src/core/outbound-files.js';

const at = new Date('2026-12-07T09:30:00Z');
const MB = 1024 * 1024;
const view: CustomerView = {
  customer: { id: 'cus_1', name: 'Sam', language: 'en', createdAt: at, optedOut: [] },
  identities: [{ channel: 'sms', address: '+15550001111' }],
  counts: { conversations: 1, messagesIn: 1, messagesOut: 0 },
};
const draft = (over: Partial<Draft> = {}): Draft => ({
  id: 'dr_1',
  customerId: 'cus_1',
  conversationId: 'conv_1',
  text: '',
  language: 'en',
  channel: 'sms',
  replyRef: 'sms:+15005550006:+15550001111',
  origin: 'owner_note',
  status: 'pending',
  createdAt: at,
  attachments: [
    { name: 'label.png', contentType: 'image/png', size: 40 * 1024, fileId: 'out-dr_1-0' },
    { name: 'video.mp4', contentType: 'video/mp4', size: 6 * MB, fileId: 'out-dr_1-1' },
  ],
  ...over,
});

test('a pending file reply lists each file; one too large for SMS “will be sent as a link”; no empty body', () => {
  const card = draftCard(view, draft(), { language: 'en' });
  assert.equal(card.body, undefined, 'a file without words shows no empty text');
  assert.deepEqual(card.notes.slice(0, 2), [
    '📎 label.png (40 KB)',
    '📎 video.mp4 (6.0 MB) — will be sent as a link: too large for SMS',
  ]);
  assert.deepEqual(
    card.actions.map((a) => a.ref.action),
    ['send', 'edit', 'discard'],
  );
});

test('after Send the card says “sent as a link”, in Chinese too; a discarded one only lists the files', () => {
  const decision: Decision = {
    id: 'dec_1',
    draftId: 'dr_1',
    kind: 'send',
    actor: { console: 'slack', userId: 'U1', name: 'owner' },
    decidedAt: at,
  };
  const sent = draft({ status: 'sent' });
  const en = decidedCard(view, sent, decision, undefined, { language: 'en' });
  assert.deepEqual(en.actions, [], 'a file sent without words leaves nothing to Remember');
  assert.ok(
    en.notes.includes('📎 video.mp4 (6.0 MB) — sent as a link: too large for SMS'),
    en.notes.join('\n'),
  );
  const zh = decidedCard(view, sent, decision, undefined, { language: 'zh' });
  assert.ok(zh.notes.includes('📎 video.mp4（6.0 MB） — 已以链接发送：对短信来说太大'), zh.notes.join('\n'));
  const pendingZh = draftCard(view, draft(), { language: 'zh' });
  assert.ok(pendingZh.notes.includes('📎 video.mp4（6.0 MB） — 将以链接发送：对短信来说太大'));
  const discarded = decidedCard(
    view,
    draft({ status: 'discarded' }),
    { ...decision, kind: 'discard' },
    undefined,
    {
      language: 'en',
    },
  );
  assert.deepEqual(discarded.notes, ['📎 label.png (40 KB)', '📎 video.mp4 (6.0 MB)']);
});

test('channel limits: MMS 5 MB in all, WhatsApp one medium, Instagram no documents, chat always a link', () => {
  assert.deepEqual(fileFit('sms', { contentType: 'image/jpeg', size: 5 * MB }), {
    kind: 'attach',
    as: 'image',
  });
  assert.deepEqual(fileFit('sms', { contentType: 'image/jpeg', size: 5 * MB + 1 }), {
    kind: 'link',
    reason: 'too_large',
  });
  assert.deepEqual(fileFit('sms', { contentType: 'application/zip', size: 10 }), {
    kind: 'link',
    reason: 'type',
  });
  assert.deepEqual(fileFit('whatsapp', { contentType: 'application/pdf', size: 15 * MB }), {
    kind: 'attach',
    as: 'file',
  });
  assert.deepEqual(fileFit('whatsapp', { contentType: 'image/png', size: 6 * MB }), {
    kind: 'link',
    reason: 'too_large',
  });
  assert.deepEqual(fileFit('instagram', { contentType: 'application/pdf', size: 10 }), {
    kind: 'link',
    reason: 'type',
  });
  assert.deepEqual(fileFit('webchat', { contentType: 'image/png', size: 10 }), {
    kind: 'link',
    reason: 'channel',
  });
  assert.deepEqual(fileFit('email', { contentType: 'application/pdf', size: 15 * MB + 1 }), {
    kind: 'link',
    reason: 'too_large',
  });
  const three = [3, 3, 1].map((n, i) => ({ name: `p${i}.jpg`, contentType: 'image/jpeg', size: n * MB }));
  assert.deepEqual(
    planFiles('sms', three).map((p) => p.fit.kind),
    ['attach', 'link', 'attach'],
    'the MMS total is 5 MB: the second 3 MB image goes as a link',
  );
  assert.deepEqual(
    planFiles('whatsapp', three).map((p) => p.fit),
    [
      { kind: 'attach', as: 'image' },
      { kind: 'link', reason: 'count' },
      { kind: 'link', reason: 'count' },
    ],
  );
});

test('the customer’s link line is in their language, with the link’s last day', () => {
  const file = {
    name: '发票.pdf',
    url: 'https://desk.example.com/files/out-x-0/x?exp=1&sig=s',
    expiresAt: new Date('2026-12-14T09:30:00Z'),
  } as OutboundFile;
  assert.equal(
    withFileLinks('您要的发票：', [file], 'zh-CN'),
    '您要的发票：\n📎 发票.pdf：https://desk.example.com/files/out-x-0/x?exp=1&sig=s（链接有效期至 2026-12-14）',
  );
  assert.equal(
    withFileLinks('', [file], 'en'),
    '📎 发票.pdf: https://desk.example.com/files/out-x-0/x?exp=1&sig=s (link valid until 2026-12-14)',
  );
});
