/**
 * A card is posted once even when the desk dies after Slack accepted the post but before
 * the post's ts was stored (issue 15, found by the soak): the re-presented message finds
 * its card in the thread by metadata and adopts it, for thread cards and for the root.
 * The "death" is a refs store whose write of the post's ref fails once; the retry runs in
 * a new publisher, as after a restart.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { SlackPublisher } from '../../../src/console/slack/publisher.js';
import { SlackRefs } from '../../../src/console/slack/refs.js';
import { silentLogger } from '../../support/slack-emulator/fixtures.js';
import { startPosterRig } from '../../support/slack-emulator/poster-rig.js';
import { inboundSms, smsCustomerView } from '../../support/desk-events.js';
import { memoryRefs, postingDesk } from '../../support/posting-desk.js';

const { emu, client, poster, close } = await startPosterRig();
after(close);

const { refs: refsPort, failNext } = memoryRefs();
const desk = postingDesk(refsPort);
const clock = { now: () => new Date() };
const refs = new SlackRefs(refsPort);

const publisher = () =>
  new SlackPublisher(poster, refs, () => desk, clock, silentLogger, {
    channelId: 'C0SUPPORT',
    language: 'en',
    broadcastAfterMs: 24 * 3_600_000,
    maxUploadBytes: 1000,
  });

const viewOf = (id: string) => smsCustomerView(id);
const inbound = inboundSms;

const withCard = (key: string) =>
  emu.messages.filter(
    (m) => m.metadata?.event_type === 'solodesk_card' && m.metadata.event_payload['card'] === key,
  );

test('an inbound card whose ref was lost after the post is adopted on retry, not posted twice', async () => {
  const view = viewOf('cus1');
  await publisher().publish(inbound(view, 'm0', 'first message'));
  const repliesBefore = emu.callsTo('conversations.replies').length;
  // The normal path never reads the thread back.
  await publisher().publish(inbound(view, 'm1', 'where is my order?'));
  assert.equal(emu.callsTo('conversations.replies').length, repliesBefore);

  failNext.add('card:message:m2');
  const event = inbound(view, 'm2', 'my parcel is late');
  await assert.rejects(publisher().publish(event), /desk died/);
  assert.equal(withCard('message:m2').length, 1, 'Slack accepted the post');
  assert.equal(await refs.card('message:m2'), undefined, 'but its ref was not stored');

  await publisher().publish(event); // restart: the pipeline re-presents the message
  const cards = withCard('message:m2');
  assert.equal(cards.length, 1, 'exactly one card for the message in the thread');
  const root = (await refs.root('cus1'))!;
  assert.equal(cards[0]!.thread_ts, root.ts);
  assert.deepEqual(await refs.card('message:m2'), { channel: 'C0SUPPORT', ts: cards[0]!.ts });
  assert.ok(emu.callsTo('conversations.replies').some((c) => c.args.include_all_metadata === true));

  // Later updates edit the adopted post.
  const updates = cards[0]!.updates;
  await publisher().publish(event);
  assert.equal(withCard('message:m2').length, 1);
  assert.ok(withCard('message:m2')[0]!.updates > updates);
  assert.deepEqual(emu.violations, []);
});

test('a customer root whose ref was lost after the post is adopted on retry: one root, one thread', async () => {
  const view = viewOf('cus2');
  failNext.add('root:cus2');
  const event = inbound(view, 'm10', 'hello');
  await assert.rejects(publisher().publish(event), /desk died/);
  assert.equal(withCard('customer:cus2').length, 1);

  await publisher().publish(event);
  const roots = withCard('customer:cus2');
  assert.equal(roots.length, 1, 'exactly one root for the customer');
  assert.deepEqual(await refs.root('cus2'), { channel: 'C0SUPPORT', ts: roots[0]!.ts });
  assert.equal(withCard('message:m10').length, 1);
  assert.equal(withCard('message:m10')[0]!.thread_ts, roots[0]!.ts);
  assert.ok(emu.callsTo('conversations.history').some((c) => c.args.include_all_metadata === true));
});

test('without include_all_metadata Slack lists messages without their metadata', async () => {
  const root = (await refs.root('cus1'))!;
  const plain = await client.conversations.replies({ channel: 'C0SUPPORT', ts: root.ts });
  assert.ok((plain.messages ?? []).every((m) => !('metadata' in m)));
  const full = await client.conversations.replies({
    channel: 'C0SUPPORT',
    ts: root.ts,
    include_all_metadata: true,
  });
  assert.ok((full.messages ?? []).some((m) => m.metadata?.event_type === 'solodesk_card'));
});
