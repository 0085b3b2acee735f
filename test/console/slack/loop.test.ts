/**
 * Full loop through the real desk (createDesk, SQLite store, pipeline, decisions, outbox)
 * with the real Bolt app on /slack/events and the real WebClient talking to the emulator.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeAction, type ActionRef } from '../../../src/console/card.js';
import { SEND_VIA_ACTION } from '../../../src/console/slack/blocks.js';
import { sms } from '../../support/desk-harness.js';
import type { EmulatedMessage } from '../../support/slack-emulator/index.js';
import {
  FORM,
  buttonClick,
  eventEnvelope,
  interactionForm,
  postSigned,
} from '../../support/slack-emulator/requests.js';
import {
  OWNER,
  SIGNING_SECRET,
  STRANGER,
  SUPPORT,
  startSlackDesk,
  submitView,
  type SlackDesk,
} from '../../support/slack-emulator/harness.js';

let d: SlackDesk;
before(async () => {
  d = await startSlackDesk();
});
after(async () => {
  await d.stop();
});

interface Found {
  message: EmulatedMessage;
  ref: ActionRef;
  actionId: string;
}

function buttons(message: EmulatedMessage): { actionId: string; ref: ActionRef }[] {
  const out: { actionId: string; ref: ActionRef }[] = [];
  for (const block of (message.blocks ?? []) as {
    type: string;
    elements?: { type: string; action_id: string; options?: { value: string }[] }[];
  }[]) {
    if (block.type !== 'actions') continue;
    for (const el of block.elements ?? []) {
      const values = el.type === 'static_select' ? (el.options ?? []).map((o) => o.value) : [el.action_id];
      for (const v of values) {
        const ref = decodeAction(v);
        if (ref) out.push({ actionId: v, ref });
      }
    }
  }
  return out;
}

function findButton(action: ActionRef['action'], where: (m: EmulatedMessage) => boolean = () => true): Found {
  for (const message of [...d.emu.messages].reverse()) {
    if (!where(message)) continue;
    const b = buttons(message).find((x) => x.ref.action === action);
    if (b) return { message, ...b };
  }
  throw new Error(`no ${action} button found`);
}

const text = (m: EmulatedMessage) => JSON.stringify(m.blocks ?? []) + (m.text ?? '');

async function click(user: string, found: Found, opts: { select?: boolean } = {}) {
  const responseUrl = d.emu.responseUrl();
  const payload = buttonClick({
    user,
    actionId: opts.select ? SEND_VIA_ACTION : found.actionId,
    channel: found.message.channel,
    messageTs: found.message.ts,
    ...(found.message.thread_ts ? { threadTs: found.message.thread_ts } : {}),
    triggerId: d.emu.triggerId(),
    responseUrl,
  });
  if (opts.select) {
    (payload.actions as Record<string, unknown>[])[0] = {
      type: 'static_select',
      action_id: SEND_VIA_ACTION,
      block_id: 'b1',
      selected_option: { text: { type: 'plain_text', text: 'x' }, value: found.actionId },
      action_ts: '1',
    };
  }
  const res = await postSigned(d.eventsUrl, SIGNING_SECRET, interactionForm(payload), { contentType: FORM });
  assert.equal(res.status, 200);
  await d.settle();
  return d.emu.responses.get(responseUrl.split('/').pop() as string)?.posts ?? [];
}

async function threadText(
  user: string,
  threadTs: string,
  body: string,
  eventId?: string,
  retryNum?: number,
  ts?: string,
) {
  const envelope = eventEnvelope(
    {
      type: 'message',
      user,
      text: body,
      ts: ts ?? `${Date.now() / 1000}`,
      thread_ts: threadTs,
      channel: SUPPORT,
      channel_type: 'channel',
      event_ts: '1',
    },
    eventId,
  );
  const res = await postSigned(d.eventsUrl, SIGNING_SECRET, JSON.stringify(envelope), {
    ...(retryNum
      ? { headers: { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' } }
      : {}),
  });
  assert.equal(res.status, 200);
  await d.settle();
  return envelope.event_id as string;
}

let rootTs = '';

test('a customer message becomes one root (customer card) and thread posts (message, draft)', async () => {
  await d.connector.intake().receive(sms('Where is my order #1234? It is late.', '+15550001111'));
  await d.settle();
  const roots = d.emu.messages.filter((m) => m.channel === SUPPORT && !m.thread_ts);
  assert.equal(roots.length, 1);
  rootTs = roots[0]!.ts;
  assert.match(text(roots[0]!), /\+15550001111/);
  const thread = d.emu.thread(SUPPORT, rootTs).filter((m) => m.thread_ts);
  assert.equal(thread.length, 2, 'inbound card and draft card');
  assert.match(text(thread[0]!), /Where is my order #1234/);
  assert.deepEqual(
    buttons(thread[1]!).map((b) => b.ref.action),
    ['send', 'edit', 'discard'],
  );

  // A second message from the same customer goes into the same thread; the root is updated, not reposted.
  await d.connector.intake().receive(sms('Also, can I change the address?', '+15550001111'));
  await d.settle();
  assert.equal(d.emu.messages.filter((m) => m.channel === SUPPORT && !m.thread_ts).length, 1);
  assert.ok(roots[0]!.updates >= 1);
  assert.equal(d.emu.thread(SUPPORT, rootTs).filter((m) => m.thread_ts).length, 4);
  assert.deepEqual(d.emu.violations, []);
});

test('a signed Send click delivers exactly once; the card shows who/when/channel and loses its buttons; a second click changes nothing', async () => {
  const send = findButton('send');
  const before = d.connector.sent.length;
  const replies = await click(OWNER, send);
  assert.deepEqual(replies, [], 'no complaint for a good click');
  assert.equal(d.connector.sent.length, before + 1);
  assert.equal(d.connector.sent.at(-1)?.channel, 'sms');
  const card = d.emu.messages.find((m) => m.ts === send.message.ts)!;
  assert.ok(card.updates >= 1);
  assert.match(text(card), /Sent by u0owner/);
  assert.match(text(card), /delivered|sent/);
  assert.equal(buttons(card).length, 0, 'a decided card has no buttons');

  const again = await click(OWNER, send);
  assert.equal(d.connector.sent.length, before + 1, 'second click sends nothing');
  assert.match(JSON.stringify(again), /already decided/i);
});

test('a click by a non-owner is refused ephemerally and changes nothing', async () => {
  const discard = findButton('discard');
  const draftId = discard.ref.id;
  const replies = await click(STRANGER, discard);
  assert.equal(replies[0]?.response_type, 'ephemeral');
  assert.match(JSON.stringify(replies), /Only the desk owner/);
  assert.equal((await d.desk.api.draft(draftId))?.status, 'pending');
});

test('owner free text in the thread becomes a pending-reply card; a retried event makes no second card', async () => {
  const cardsBefore = d.emu.messages.filter((m) => text(m).includes('Pending reply')).length;
  const sentBefore = d.connector.sent.length;
  const ts = `${Date.now() / 1000}`;
  const eventId = await threadText(
    OWNER,
    rootTs,
    'We will ship it tomorrow &amp; refund the postage.',
    undefined,
    undefined,
    ts,
  );
  const pending = d.emu.messages.filter((m) => text(m).includes('Pending reply'));
  assert.equal(pending.length, cardsBefore + 1);
  assert.equal(pending.at(-1)?.thread_ts, rootTs);
  assert.deepEqual(
    buttons(pending.at(-1)!).map((b) => b.ref.action),
    ['send', 'edit', 'discard'],
  );
  assert.equal(d.connector.sent.length, sentBefore, 'free text never goes out by itself');

  await threadText(OWNER, rootTs, 'We will ship it tomorrow &amp; refund the postage.', eventId, 1, ts);
  await threadText(OWNER, rootTs, 'We will ship it tomorrow &amp; refund the postage.', eventId, 2, ts);
  // Same Slack message under a new event id (as after our restart, when the id memory is gone).
  await threadText(
    OWNER,
    rootTs,
    'We will ship it tomorrow &amp; refund the postage.',
    undefined,
    undefined,
    ts,
  );
  assert.equal(d.emu.messages.filter((m) => text(m).includes('Pending reply')).length, cardsBefore + 1);

  // Sending the pending reply delivers the owner's words, unescaped.
  await click(
    OWNER,
    findButton('send', (m) => text(m).includes('Pending reply')),
  );
  assert.equal(d.connector.sent.at(-1)?.text, 'We will ship it tomorrow & refund the postage.');
});

test('text by a non-owner or by a bot in a customer thread makes no card', async () => {
  const before = d.emu.messages.length;
  await threadText(STRANGER, rootTs, 'I am not the owner');
  const botEvent = eventEnvelope({
    type: 'message',
    subtype: 'bot_message',
    bot_id: 'B0BOT',
    text: 'echo',
    ts: '2.0',
    thread_ts: rootTs,
    channel: SUPPORT,
  });
  await postSigned(d.eventsUrl, SIGNING_SECRET, JSON.stringify(botEvent));
  await d.settle();
  assert.equal(d.emu.messages.length, before);
  assert.ok(d.emu.callsTo('chat.postEphemeral').some((c) => c.args.user === STRANGER));
});

test('Edit opens a modal with the draft (a 7,000-character draft split into boxes) and the edited text is sent', async () => {
  const long = Array.from({ length: 700 }, (_, i) => `line ${String(i).padStart(3, '0')}`).join('\n');
  await threadText(OWNER, rootTs, long);
  const edit = findButton('edit', (m) => text(m).includes('Pending reply'));
  const pendingCard = d.emu.messages.find((m) => m.ts === edit.message.ts)!;
  assert.ok(
    buttons(pendingCard).some((b) => b.ref.action === 'show_draft'),
    'long text offers show in full',
  );
  await click(OWNER, edit);
  const open = d.emu.callsTo('views.open').at(-1)!;
  assert.equal(open.ok, true, open.error);
  const view = open.args.view as {
    private_metadata: string;
    blocks: { type: string; block_id?: string; element?: { initial_value?: string } }[];
  };
  const inputs = view.blocks.filter((b) => b.type === 'input');
  assert.equal(inputs.length, 3);

  const values: Record<string, Record<string, { type: string; value: string }>> = {};
  for (const b of inputs)
    values[b.block_id!] = { text: { type: 'plain_text_input', value: b.element!.initial_value! } };
  values.part_0!.text!.value = values.part_0!.text!.value.replace('line 000', 'line ZERO');
  await submitView(d, { callback_id: 'sd_edit', private_metadata: view.private_metadata }, values);
  assert.equal(d.connector.sent.at(-1)?.text, long.replace('line 000', 'line ZERO'));
  assert.match(text(d.emu.messages.find((m) => m.ts === edit.message.ts)!), /Edited and sent by owner/);
});

test('Send via another channel, Resolve / Reopen, and a failed delivery shows Retry', async () => {
  await d.desk.intake.addIdentity('sms', '+15550001111', { channel: 'email', address: 'alice@example.com' });
  await d.connector.intake().receive(sms('Please email me the invoice', '+15550001111'));
  await d.settle();
  const via = findButton('send_via');
  assert.equal(via.ref.arg, 'email', 'the customer asked for email: recommended first');
  const email = buttons(via.message).find((b) => b.ref.action === 'send_via' && b.ref.arg === 'email')!;
  d.connector.script.push({ kind: 'rejected', reason: 'mailbox full' });
  await click(OWNER, { ...via, ...email }, { select: true });
  const card = d.emu.messages.find((m) => m.ts === via.message.ts)!;
  assert.match(text(card), /failed/);
  assert.deepEqual(
    buttons(card).map((b) => b.ref.action),
    ['retry'],
  );
  await click(OWNER, findButton('retry'));
  assert.equal(d.connector.sent.at(-1)?.channel, 'email');
  assert.match(text(d.emu.messages.find((m) => m.ts === via.message.ts)!), /delivered|✅ sent/);

  const root = d.emu.messages.find((m) => m.ts === rootTs)!;
  await click(
    OWNER,
    findButton('resolve', (m) => m.ts === rootTs),
  );
  assert.deepEqual(
    buttons(root).map((b) => b.ref.action),
    ['reopen', 'note', 'tags', 'same_person', 'split'],
  );
  await click(
    OWNER,
    findButton('reopen', (m) => m.ts === rootTs),
  );
  assert.deepEqual(
    buttons(root).map((b) => b.ref.action),
    ['resolve', 'note', 'tags', 'same_person', 'split'],
  );
  assert.deepEqual(d.emu.violations, []);
});
