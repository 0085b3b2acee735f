/**
 * The uncertain-delivery notice is one neutral card, rendered by every console: Slack blocks,
 * Discord components (within Discord's limits), and terminal text with the `again N` / `arrived N`
 * keys; the button ids decode to the owner's two answers and nothing else.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeAction, deliveryCard, encodeAction } from '../../src/console/card.js';
import { renderCard as discordCard } from '../../src/console/discord/render.js';
import { renderCard as slackCard } from '../../src/console/slack/blocks.js';
import { renderCard as terminalCard } from '../../src/console/terminal/render.js';
import type { OutboxJob } from '../../src/core/model.js';
import type { CustomerView } from '../../src/core/ports.js';
import { checkComponents } from '../support/discord-emulator/limits.js';

const view: CustomerView = {
  customer: { id: 'c1', createdAt: new Date(0), optedOut: [], name: 'Li Lei' },
  identities: [{ channel: 'telegram', address: '42' }],
  counts: { conversations: 1, messagesIn: 1, messagesOut: 1 },
};

const job: OutboxJob = {
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  idempotencyKey: 'k1',
  customerId: 'c1',
  conversationId: 'v1',
  messageId: 'm1',
  channel: 'telegram',
  replyRef: 'telegram:7000000042:42',
  text: 'Your parcel left today.',
  purpose: 'reply',
  status: 'uncertain',
  attempts: 1,
  nextAttemptAt: new Date(0),
  attemptStartedAt: new Date(0),
  delivery: 'sending',
  createdAt: new Date(0),
  updatedAt: new Date(0),
};

test('an uncertain delivery renders its notice and two answers in Slack, Discord and the terminal', () => {
  const card = deliveryCard(view, job, { language: 'en', timeZone: 'UTC' });
  assert.equal(card.mention, true, 'the owner is mentioned: only they can settle it');
  const ids = card.actions.map((a) => a.actionId);
  assert.deepEqual(
    ids.map((id) => decodeAction(id)),
    [
      { action: 'uncertain', id: job.id, arg: 'resend' },
      { action: 'uncertain', id: job.id, arg: 'arrived' },
    ],
  );

  const slack = JSON.stringify(slackCard(card, 'en'));
  assert.match(slack, /may already have reached the customer \(the desk stopped while sending\)/);
  for (const id of ids) assert.ok(slack.includes(id), 'Slack carries the button');

  const discord = discordCard(card, 'en');
  const rows = discord.flatMap((m) => m.components.map((c) => c.toJSON()));
  const problems: string[] = [];
  checkComponents(rows, 0, problems);
  assert.deepEqual(problems, []);
  const custom = JSON.stringify(rows);
  for (const id of ids) assert.ok(custom.includes(id), 'Discord carries the button');
  assert.match(discord.map((m) => m.content).join('\n'), /may already have reached the customer/);

  const text = terminalCard(card, { number: () => 7 });
  assert.match(text, /❓/);
  assert.match(text, /\[delivery #7\]/);
  assert.match(text, /again 7 {3}arrived 7/);

  const zh = deliveryCard(view, job, { language: 'zh', timeZone: 'UTC' });
  assert.deepEqual(
    zh.actions.map((a) => a.label),
    ['再发一次', '已送达'],
  );
  assert.match(zh.context.join(' '), /这条回复可能已经送达客户/);
});

test('the answer is part of the button id: anything else does not decode', () => {
  assert.equal(decodeAction(`sd1:uncertain:${job.id}:maybe`), undefined);
  assert.equal(decodeAction(`sd1:uncertain:${job.id}`), undefined);
  assert.throws(() => encodeAction({ action: 'uncertain', id: job.id, arg: 'Resend!' }));
});
