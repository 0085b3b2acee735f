/**
 * Attention in Slack, through the real desk, Bolt and the emulator: the acknowledgement shows
 * as sent automatically, the root card shows the due time and a Snooze menu (presets and the
 * custom-time modal), a customer message wakes a snooze, an overdue reminder mentions the
 * owner, /cs due answers privately, and the digest is one top-level post.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Command } from '../../../commands/command.js';
import { decodeAction } from '../../../src/console/card.js';
import { SNOOZE_ACTION, SNOOZE_CALLBACK } from '../../../src/console/slack/snooze.js';
import { sms } from '../../support/desk-harness.js';
import type { EmulatedMessage } from '../../support/slack-emulator/index.js';
import {
  OWNER,
  SIGNING_SECRET,
  SUPPORT,
  startSlackDesk,
  submitView,
  type SlackDesk,
} from '../../support/slack-emulator/harness.js';
import {
  FORM,
  buttonClick,
  commandForm,
  interactionForm,
  postSigned,
} from '../../support/slack-emulator/requests.js';
import { FRIDAY_23, LONDON, TestClock } from '../../core/attention/support.js';

const clock = new TestClock(new Date(FRIDAY_23));
const commands: Command[] = [];
let d: SlackDesk;

before(async () => {
  d = await startSlackDesk({
    env: { ...LONDON, AUTO_ACK: 'outside-hours', DIGEST_AT: '08:30' },
    commands,
    overrides: { clock },
  });
  commands.push(...d.desk.commands);
});
after(() => d.stop());

const text = (m: EmulatedMessage) => JSON.stringify(m.blocks ?? []) + (m.text ?? '');
const root = () =>
  d.emu.messages.find((m) => m.channel === SUPPORT && !m.thread_ts && /Reply due|\+44/.test(text(m)))!;

function snoozeValues(message: EmulatedMessage): string[] {
  for (const block of (message.blocks ?? []) as {
    type: string;
    elements?: { action_id: string; options?: { value: string }[] }[];
  }[]) {
    for (const el of block.elements ?? [])
      if (el.action_id === SNOOZE_ACTION) return (el.options ?? []).map((o) => o.value);
  }
  return [];
}

async function selectSnooze(arg: string) {
  const value = snoozeValues(root()).find((v) => decodeAction(v)?.arg === arg);
  assert.ok(value, `a ${arg} snooze choice`);
  const payload = buttonClick({
    user: OWNER,
    actionId: SNOOZE_ACTION,
    channel: SUPPORT,
    messageTs: root().ts,
    triggerId: d.emu.triggerId(),
    responseUrl: d.emu.responseUrl(),
  });
  (payload.actions as Record<string, unknown>[])[0] = {
    type: 'static_select',
    action_id: SNOOZE_ACTION,
    block_id: 'b1',
    selected_option: { text: { type: 'plain_text', text: 'x' }, value },
    action_ts: '1',
  };
  const res = await postSigned(d.eventsUrl, SIGNING_SECRET, interactionForm(payload), { contentType: FORM });
  assert.equal(res.status, 200);
  await d.settle();
}

test('an acknowledgement at 23:00 on Friday is in the thread as sent automatically; the root shows the due time', async () => {
  await d.connector.intake().receive(sms('Where is my order?', '+447700900201'));
  await d.settle();
  const ack = d.connector.sent.filter((m) => m.purpose === 'ack');
  assert.equal(ack.length, 1);
  assert.match(ack[0]!.text, /09:00 Monday \(London time\)/);
  assert.ok(d.emu.messages.some((m) => m.thread_ts === root().ts && /Sent automatically/.test(text(m))));
  assert.match(text(root()), /Reply due/);
  assert.match(text(root()), /reply due in 3 d \(Mon 13:00\)/);
  assert.deepEqual(d.emu.violations, []);
});

test('Snooze from the root card: a preset, then a custom time in a modal; a customer message wakes it', async () => {
  await selectSnooze('1h');
  assert.match(text(root()), /snoozed until 00:00|snoozed until Sat 00:00/);
  await selectSnooze('custom');
  const open = d.emu.callsTo('views.open').at(-1)!;
  assert.equal(open.ok, true, open.error);
  const view = open.args.view as { private_metadata: string; callback_id: string };
  assert.equal(view.callback_id, SNOOZE_CALLBACK);
  await submitView(
    d,
    { callback_id: SNOOZE_CALLBACK, private_metadata: view.private_metadata },
    { when: { text: { type: 'plain_text_input', value: '2026-12-07 12:00' } } },
  );
  assert.match(text(root()), /snoozed until Mon 12:00/);

  clock.advance(60_000);
  await d.connector.intake().receive(sms('Hello? Anyone there?', '+447700900201'));
  await d.settle();
  assert.ok(d.emu.messages.some((m) => m.thread_ts === root().ts && /Snooze ended early/.test(text(m))));
  assert.match(text(root()), /reply due in/);
});

test('an overdue conversation reminds once, mentioning the owner', async () => {
  clock.set('2026-12-07T14:00:00Z');
  await d.desk.scheduler.tick();
  await d.desk.scheduler.tick();
  await d.settle();
  const reminders = d.emu.messages.filter((m) => m.thread_ts === root().ts && /Reply overdue/.test(text(m)));
  assert.equal(reminders.length, 1);
  assert.match(text(reminders[0]!), new RegExp(`<@${OWNER}>`));
  assert.match(text(root()), /overdue 1 h/);
});

test('/cs due answers privately with the waiting list; the digest is one top-level post', async () => {
  const responseUrl = d.emu.responseUrl();
  const body = commandForm({
    command: '/cs',
    text: 'due',
    user_id: OWNER,
    channel_id: SUPPORT,
    response_url: responseUrl,
    trigger_id: 't',
  });
  const res = await postSigned(d.eventsUrl, SIGNING_SECRET, body, { contentType: FORM });
  assert.equal(res.status, 200);
  await d.settle();
  let posts = d.emu.responses.get(responseUrl.split('/').pop() as string)?.posts ?? [];
  for (let i = 0; i < 50 && posts.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
    posts = d.emu.responses.get(responseUrl.split('/').pop() as string)?.posts ?? [];
  }
  assert.equal(posts[0]?.response_type, 'ephemeral');
  assert.match(JSON.stringify(posts[0]), /Waiting for a reply \(1\)/);
  assert.match(
    JSON.stringify(posts[0]),
    /<https:\/\/emulated\.slack\.com\/archives\/[^|]+\|🔴/,
    'linked to the thread',
  );

  const digests = () =>
    d.emu.messages.filter(
      (m) => m.channel === SUPPORT && !m.thread_ts && /Daily digest · 2026-12-07/.test(text(m)),
    );
  // Monday's digest went out at the first tick after 08:30; ticking again posts nothing.
  assert.equal(digests().length, 1);
  await d.desk.scheduler.tick();
  assert.equal(digests().length, 1);
  assert.deepEqual(d.emu.violations, []);
});
