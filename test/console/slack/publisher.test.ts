/**
 * The thread rules, with the real WebClient against the emulator and in-memory refs:
 * attachments uploaded into the thread (files.getUploadURLExternal → POST → complete, never
 * files.upload) or listed when too large; high urgency and old threads broadcast; a changed
 * support channel gets a new root and a pointer in the old thread, which keeps working.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Classification, Message } from '../../../src/core/model.js';
import type { CustomerView, DeskEvent } from '../../../src/core/ports.js';
import { SlackPublisher } from '../../../src/console/slack/publisher.js';
import { SlackRefs } from '../../../src/console/slack/refs.js';
import { silentLogger } from '../../support/slack-emulator/fixtures.js';
import { startPosterRig } from '../../support/slack-emulator/poster-rig.js';
import { memoryRefs, postingDesk } from '../../support/posting-desk.js';

const { emu, poster, close } = await startPosterRig();
after(close);

const { refs: refsPort } = memoryRefs();
const desk = postingDesk(refsPort);
let now = new Date('2026-11-26T10:00:00Z');
const clock = { now: () => now };

function publisher(channelId: string) {
  return new SlackPublisher(poster, new SlackRefs(refsPort), () => desk, clock, silentLogger, {
    channelId,
    language: 'en',
    broadcastAfterMs: 24 * 3_600_000,
    maxUploadBytes: 1000,
  });
}

const view: CustomerView = {
  customer: { id: 'cus1', name: 'Bo', createdAt: now, optedOut: [] },
  identities: [{ channel: 'sms', address: '+15550003333' }],
  conversation: {
    id: 'conv1',
    customerId: 'cus1',
    channel: 'sms',
    status: 'open',
    openedAt: now,
    lastInboundAt: now,
  },
  counts: { conversations: 1, messagesIn: 1, messagesOut: 0 },
};

let n = 0;
function inbound(
  text: string,
  extra: Partial<Message> = {},
  urgency: Classification['urgency'] = 'normal',
): DeskEvent {
  n += 1;
  const message: Message = {
    id: `m${n}`,
    conversationId: 'conv1',
    customerId: 'cus1',
    direction: 'in',
    channel: 'sms',
    kind: 'text',
    externalId: `e${n}`,
    replyRef: 'sms:a:b',
    address: '+15550003333',
    text,
    attachments: [],
    meta: {},
    createdAt: now,
    stage: 'stored',
    classification: {
      language: 'en',
      intent: 'other',
      confidence: 1,
      urgency,
      sentiment: 'neutral',
      requestedChannel: 'none',
      recommendedChannel: 'sms',
      reason: 'came by sms',
      entities: { orderNumbers: [], emails: [], phones: [], money: [], dates: [] },
    },
    ...extra,
  };
  return { type: 'inbound', view, message };
}

const p1 = publisher('C0SUPPORT');
const lastPost = () => emu.callsTo('chat.postMessage').at(-1)!;

test('small inline attachments are uploaded into the thread; large ones are listed, not uploaded', async () => {
  const small = Buffer.from('%PDF-1.4 tiny').toString('base64');
  await p1.publish(
    inbound('photo attached', {
      attachments: [
        { name: 'receipt.pdf', contentType: 'application/pdf', size: 13, dataBase64: small },
        { name: 'video.mp4', contentType: 'video/mp4', size: 50_000, url: 'https://media.example/v.mp4' },
      ],
    }),
  );
  const root = (await new SlackRefs(refsPort).root('cus1'))!;
  assert.equal(emu.callsTo('files.getUploadURLExternal').length, 1);
  const complete = emu.callsTo('files.completeUploadExternal');
  assert.equal(complete.length, 1);
  assert.equal(complete[0]?.args.channel_id, 'C0SUPPORT');
  assert.equal(complete[0]?.args.thread_ts, root.ts);
  assert.equal([...emu.uploads.values()][0]?.received !== undefined, true);
  assert.equal(emu.callsTo('files.upload').length, 0);
  const card = JSON.stringify(lastPost().args.blocks);
  assert.match(card, /video\.mp4/);
  assert.doesNotMatch(card, /receipt\.pdf/);
  assert.equal(lastPost().args.reply_broadcast, false);
});

test('a high-urgency message is broadcast to the channel; a normal one in an active thread is not', async () => {
  await p1.publish(inbound('URGENT: card charged twice', {}, 'high'));
  assert.equal(lastPost().args.reply_broadcast, true);
  await p1.publish(inbound('thanks'));
  assert.equal(lastPost().args.reply_broadcast, false);
});

test('a new message in a thread quiet for 24 h is broadcast', async () => {
  now = new Date(now.getTime() + 25 * 3_600_000);
  await p1.publish(inbound('hello again, a day later'));
  assert.equal(lastPost().args.reply_broadcast, true);
  await p1.publish(inbound('and one more'));
  assert.equal(lastPost().args.reply_broadcast, false);
});

test('a changed support channel gets a new root and a pointer in the old thread, which stays mapped', async () => {
  const refs = new SlackRefs(refsPort);
  const oldRoot = (await refs.root('cus1'))!;
  const p2 = publisher('C0NEWSUPPORT');
  await p2.publish(inbound('message after the move'));
  const newRoot = (await refs.root('cus1'))!;
  assert.equal(newRoot.channel, 'C0NEWSUPPORT');
  assert.notEqual(newRoot.ts, oldRoot.ts);
  const pointer = emu.thread('C0SUPPORT', oldRoot.ts).at(-1)!;
  assert.match(pointer.text ?? '', /support channel changed/);
  assert.match(pointer.text ?? '', /emulated\.slack\.com\/archives\/C0NEWSUPPORT/);
  assert.equal(
    await refs.customerOfThread('C0SUPPORT', oldRoot.ts),
    'cus1',
    'old thread still maps to the customer',
  );
  assert.equal(await refs.customerOfThread('C0NEWSUPPORT', newRoot.ts), 'cus1');
  const newThread = emu.thread('C0NEWSUPPORT', newRoot.ts);
  assert.match(JSON.stringify(newThread.at(-1)?.blocks), /message after the move/);
  assert.deepEqual(emu.violations, []);
});

test('a root deleted in Slack is replaced by a new root instead of failing', async () => {
  const refs = new SlackRefs(refsPort);
  const gone = (await refs.root('cus1'))!;
  emu.messages.splice(
    emu.messages.findIndex((m) => m.channel === gone.channel && m.ts === gone.ts),
    1,
  );
  await publisher('C0NEWSUPPORT').publish(inbound('are you there?'));
  const fresh = (await refs.root('cus1'))!;
  assert.notEqual(fresh.ts, gone.ts);
  assert.equal(emu.callsTo('chat.update').at(-1)?.error, 'message_not_found');
  assert.match(JSON.stringify(emu.thread('C0NEWSUPPORT', fresh.ts).at(-1)?.blocks), /are you there\?/);
});
