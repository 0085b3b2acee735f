/**
 * /cs find in Slack, through the real desk, Bolt and the emulator: an order number, a Chinese
 * word and a phone number each answer privately (ephemeral) with the customer, the snippet,
 * the channel and a link to the customer's thread. The root card's Note and Tags open modals;
 * what the owner saves shows on the root card and is found by /cs find.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Command } from '../../../commands/command.js';
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
import { encodeAction } from '../../../src/console/card.js';
import { NOTES_CALLBACK } from '../../../src/console/slack/notes.js';

const commands: Command[] = [];
let d: SlackDesk;

before(async () => {
  d = await startSlackDesk({ commands });
  commands.push(...d.desk.commands);
  await d.connector.intake().receive(sms('Hi, where is my order #7781? It was due Monday.', '+14155550199'));
  await d.connector.intake().receive(sms('我想退货，衣服太小了', '+8613800138000'));
  await d.settle();
});
after(() => d.stop());

const text = (m: EmulatedMessage) => JSON.stringify(m.blocks ?? []) + (m.text ?? '');

async function find(query: string): Promise<Record<string, unknown>> {
  const responseUrl = d.emu.responseUrl();
  const body = commandForm({
    command: '/cs',
    text: `find ${query}`,
    user_id: OWNER,
    channel_id: SUPPORT,
    response_url: responseUrl,
    trigger_id: 't',
  });
  const res = await postSigned(d.eventsUrl, SIGNING_SECRET, body, { contentType: FORM });
  assert.equal(res.status, 200);
  const id = responseUrl.split('/').pop() as string;
  for (let i = 0; i < 100; i++) {
    const posts = d.emu.responses.get(id)?.posts ?? [];
    if (posts[0]) return posts[0] as Record<string, unknown>;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`no answer to /cs find ${query}`);
}

const rootOf = (pattern: RegExp) =>
  d.emu.messages.find((m) => m.channel === SUPPORT && !m.thread_ts && pattern.test(text(m)))!;
const permalink = (m: EmulatedMessage) =>
  `https://emulated.slack.com/archives/${SUPPORT}/p${m.ts.replace('.', '')}`;

test('/cs find 7781 answers privately with the message, its channel and a link to the thread', async () => {
  const answer = await find('7781');
  assert.equal(answer.response_type, 'ephemeral');
  const shown = JSON.stringify(answer);
  assert.match(shown, /Find “7781”/);
  assert.match(shown, /where is my order #7781/);
  assert.match(shown, /sms · \d{4}-\d{2}-\d{2}/);
  assert.ok(shown.includes(permalink(rootOf(/\+1 415|\+14155550199/))), 'a permalink to the customer thread');
  assert.doesNotMatch(shown, /退货/);
});

test('/cs find 退货 finds the Chinese message about a return', async () => {
  const shown = JSON.stringify(await find('退货'));
  assert.match(shown, /我想退货/);
  assert.ok(shown.includes(permalink(rootOf(/8613800138000|\+86 138/))));
  assert.doesNotMatch(shown, /7781/);
});

test('/cs find by a phone number typed the national way finds the customer', async () => {
  const shown = JSON.stringify(await find('(415) 555-0199'));
  assert.match(shown, /Customers \(1\)/);
  assert.match(shown, /\+14155550199/);
  const none = JSON.stringify(await find('nothing-like-this'));
  assert.match(none, /Nothing found for “nothing-like-this”/);
  assert.deepEqual(d.emu.violations, []);
});

async function saveFromCard(kind: 'note' | 'tags', value: string) {
  const root = rootOf(/\+14155550199|\+1 415/);
  const click = buttonClick({
    user: OWNER,
    actionId: encodeAction({
      action: kind,
      id: (await d.desk.store.findCustomerByIdentity('sms', '+14155550199'))!.id,
    }),
    channel: SUPPORT,
    messageTs: root.ts,
    triggerId: d.emu.triggerId(),
    responseUrl: d.emu.responseUrl(),
  });
  assert.equal(
    (await postSigned(d.eventsUrl, SIGNING_SECRET, interactionForm(click), { contentType: FORM })).status,
    200,
  );
  await d.settle();
  const open = d.emu.callsTo('views.open').at(-1)!;
  assert.equal(open.ok, true, open.error);
  const view = open.args.view as { private_metadata: string; callback_id: string };
  assert.equal(view.callback_id, NOTES_CALLBACK);
  await submitView(
    d,
    { callback_id: NOTES_CALLBACK, private_metadata: view.private_metadata },
    { notes: { text: { type: 'plain_text_input', value } } },
  );
  return open;
}

test('Note and Tags on the root card: saved from a modal, shown on the card, found by /cs find', async () => {
  await saveFromCard('note', 'Prefers calls after 6pm');
  await saveFromCard('tags', 'VIP, wholesale');
  const card = text(rootOf(/\+14155550199|\+1 415/));
  assert.match(card, /Prefers calls after 6pm/);
  assert.match(card, /VIP, wholesale/);
  // The modal opens with what is saved.
  const reopened = await saveFromCard('tags', 'VIP, wholesale, late payer');
  assert.match(JSON.stringify(reopened.args.view), /"initial_value":"VIP, wholesale"/);
  const byTag = JSON.stringify(await find('late payer'));
  assert.match(byTag, /Customers \(1\)/);
  assert.match(byTag, /tag: late payer/);
  const byNote = JSON.stringify(await find('6pm'));
  assert.match(byNote, /note: Prefers calls after 6pm/);
  assert.deepEqual(d.emu.violations, []);
});
