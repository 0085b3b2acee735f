/**
 * /cs export and /cs forget from Slack (through the Slack emulator): the export's JSON and
 * CSV go to the owner's direct messages only; forget answers with a confirmation button, and
 * confirming deletes the customer's thread and erases the store's personal data.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Command } from '../../../commands/command.js';
import { sms } from '../../support/desk-harness.js';
import {
  OWNER,
  SIGNING_SECRET,
  SUPPORT,
  startSlackDesk,
  type SlackDesk,
} from '../../support/slack-emulator/harness.js';
import {
  FORM,
  buttonClick,
  commandForm,
  interactionForm,
  postSigned,
} from '../../support/slack-emulator/requests.js';

const PHONE = '+15557650002';
const commands: Command[] = [];
let d: SlackDesk;

before(async () => {
  d = await startSlackDesk({ commands });
  commands.push(...d.desk.commands);
  await d.connector.intake().receive(sms('My numbat-5520 order is late', PHONE));
  await d.settle();
});
after(() => d.stop());

async function slash(text: string): Promise<Record<string, unknown>[]> {
  const responseUrl = d.emu.responseUrl();
  const body = commandForm({
    command: '/cs',
    text,
    user_id: OWNER,
    channel_id: SUPPORT,
    response_url: responseUrl,
    trigger_id: 't',
  });
  assert.equal((await postSigned(d.eventsUrl, SIGNING_SECRET, body, { contentType: FORM })).status, 200);
  return responsePosts(responseUrl);
}

async function responsePosts(responseUrl: string): Promise<Record<string, unknown>[]> {
  const id = responseUrl.split('/').pop() as string;
  for (let i = 0; i < 100; i++) {
    await d.settle();
    const posts = d.emu.responses.get(id)?.posts ?? [];
    if (posts.length) return posts as Record<string, unknown>[];
    await new Promise((r) => setTimeout(r, 30));
  }
  return assert.fail('no response');
}

test('/cs export uploads the JSON and CSV to the owner’s direct messages, nowhere else', async () => {
  const posts = await slash(`export ${PHONE}`);
  assert.equal(posts[0]?.response_type, 'ephemeral');
  assert.match(JSON.stringify(posts[0]), /Export of customer/);
  assert.equal(d.emu.callsTo('conversations.open').length, 1);
  const uploaded = [...d.emu.uploads.values()].filter((u) => u.completed).map((u) => u.filename);
  assert.equal(uploaded.length, 2);
  assert.ok(uploaded.some((f) => f.endsWith('.json')) && uploaded.some((f) => f.endsWith('.csv')));
  const shared = d.emu.messages.filter((m) => m.files?.length);
  assert.ok(shared.length === 2 && shared.every((m) => m.channel === `D${OWNER}`), 'only in the DM');
  assert.deepEqual(d.emu.violations, []);
});

test('/cs forget asks with a button; confirming deletes the thread and erases the customer', async () => {
  const customerId = (await d.desk.store.findCustomerByIdentity('sms', PHONE))!.id;
  assert.ok(d.emu.messages.some((m) => m.channel === SUPPORT && /numbat/.test(JSON.stringify(m))));
  const posts = await slash(`forget ${PHONE}`);
  const blocks = JSON.stringify(posts[0]);
  assert.match(blocks, /Erase customer/);
  const button = (posts[0]!.blocks as { type: string; elements?: { action_id: string; value: string }[] }[])
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === 'sd_confirm');
  assert.ok(button, 'a confirmation button');
  assert.ok(await d.desk.store.findCustomerByIdentity('sms', PHONE), 'nothing erased before confirming');

  const responseUrl = d.emu.responseUrl();
  const click = buttonClick({
    user: OWNER,
    actionId: 'sd_confirm',
    channel: SUPPORT,
    messageTs: '1.000001',
    triggerId: d.emu.triggerId(),
    responseUrl,
  });
  (click.actions as Record<string, unknown>[])[0]!.value = button.value;
  await postSigned(d.eventsUrl, SIGNING_SECRET, interactionForm(click), { contentType: FORM });
  const done = await responsePosts(responseUrl);
  assert.match(JSON.stringify(done[0]), /erased/);
  assert.equal(await d.desk.store.findCustomerByIdentity('sms', PHONE), undefined);
  assert.ok(d.emu.callsTo('chat.delete').length > 0);
  assert.ok(
    !d.emu.messages.some((m) => m.channel === SUPPORT && /numbat|5557650002/.test(JSON.stringify(m))),
    'the thread is gone',
  );
  const left = await (
    d.desk.store as unknown as { exportCustomer(id: string, at: Date): Promise<unknown> }
  ).exportCustomer(customerId, new Date());
  assert.ok(!/numbat|5557650002/.test(JSON.stringify(left)));
  assert.deepEqual(d.emu.violations, []);
});

test('a stranger cannot confirm an erasure', async () => {
  const responseUrl = d.emu.responseUrl();
  const click = buttonClick({
    user: 'U0STRANGER',
    actionId: 'sd_confirm',
    channel: SUPPORT,
    messageTs: '1.000001',
    triggerId: d.emu.triggerId(),
    responseUrl,
  });
  (click.actions as Record<string, unknown>[])[0]!.value = JSON.stringify({ c: 'forget', a: ['x', 'yes'] });
  await postSigned(d.eventsUrl, SIGNING_SECRET, interactionForm(click), { contentType: FORM });
  const posts = await responsePosts(responseUrl);
  assert.doesNotMatch(JSON.stringify(posts[0]), /erased/);
});
