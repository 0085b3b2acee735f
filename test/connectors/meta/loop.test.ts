/**
 * Full loops through the whole desk (createDesk with the Meta connector built from config,
 * SQLite store, pipeline, decisions, outbox) against the Meta emulator on both sides:
 * Messenger message in → console draft → Send → exactly one reply to that PSID; a redelivery
 * stored once; a bad signature changes nothing; beyond 7 days Send is refused with a reason;
 * resolve → rating quick replies → a tap lands as a rating.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DeskEvent } from '../../../src/core/ports.js';
import { startTestDesk, type TestDesk } from '../../support/desk-harness.js';
import { fakeClock } from '../../support/fake-intake.js';
import { MetaEmulator } from '../../support/meta-emulator/index.js';
import { IG_ID, PAGE_ID, PAGE_TOKEN, SECRET, VERIFY } from './harness.js';

const OWNER = { console: 'recording', userId: 'owner-1' };
const DAY = 24 * 3_600_000;
type Inbound = Extract<DeskEvent, { type: 'inbound' }>;

describe('Messenger and Instagram through the whole desk', () => {
  let t: TestDesk;
  let emulator: MetaEmulator;
  const clock = fakeClock(Date.now());
  const webhook = () => `${t.desk.url}/meta/webhook`;
  const inboundFor = (mid: string) =>
    t.console.waitFor((e) => e.type === 'inbound' && e.message.externalId === mid) as Promise<Inbound>;

  before(async () => {
    emulator = new MetaEmulator({
      pageToken: PAGE_TOKEN,
      appSecret: SECRET,
      pageId: PAGE_ID,
      instagramId: IG_ID,
      now: clock.now,
    });
    await emulator.start();
    t = await startTestDesk({
      env: {
        META_VERIFY_TOKEN: VERIFY,
        META_APP_SECRET: SECRET,
        META_PAGE_TOKEN: PAGE_TOKEN,
        META_INSTAGRAM_ID: IG_ID,
        META_GRAPH_URL: emulator.graphUrl,
      },
      overrides: { clock },
    });
  });
  after(async () => {
    await t.stop();
    await emulator.stop();
  });

  it('message in → draft → Send → exactly one reply to the right PSID; redelivery stored once; delivery comes back', async () => {
    const { payload, mid } = emulator.userMessage('messenger', 'psid-loop-1', {
      text: 'Where is my order 1234?',
    });
    assert.equal((await emulator.deliver(webhook(), payload)).status, 200);
    const event = await inboundFor(mid);
    assert.equal(event.message.channel, 'messenger');
    assert.equal(event.message.address, 'psid-loop-1');
    assert.ok(event.draft, 'a draft is offered');

    // Meta redelivers the same event: 200 again, but one stored message and one console card.
    assert.equal((await emulator.deliver(webhook(), payload)).status, 200);
    await t.desk.drain();
    assert.equal(
      t.console.events.filter((e) => e.type === 'inbound' && e.message.externalId === mid).length,
      1,
    );
    assert.ok(await t.desk.store.findMessageByExternalId('messenger', mid));

    const decided = await t.console.desk().decide({ draftId: event.draft.id, actor: OWNER, action: 'send' });
    assert.equal(decided.kind, 'queued');
    await t.desk.drain();
    const sent = emulator.sent.filter((s) => s.recipientId === 'psid-loop-1');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.accountId, PAGE_ID);
    assert.equal(sent[0]?.messagingType, 'RESPONSE');
    assert.equal(sent[0]?.text, event.draft.text);

    // Our echo is ignored; the delivery receipt moves the job to delivered.
    const job = decided.kind === 'queued' ? decided.job : undefined;
    const reply = sent[0];
    assert.ok(reply);
    const inboundBefore = t.console.events.filter((e) => e.type === 'inbound').length;
    assert.equal((await emulator.deliver(webhook(), emulator.echoOf('messenger', reply))).status, 200);
    assert.equal((await emulator.deliver(webhook(), emulator.deliveryOf('messenger', reply))).status, 200);
    await t.desk.drain();
    assert.equal(
      t.console.events.filter((e) => e.type === 'inbound').length,
      inboundBefore,
      'the echo is no inbound',
    );
    const stored = await t.desk.store.getJob(job?.id ?? '');
    assert.equal(stored?.externalId, reply.messageId);
    assert.equal(stored?.delivery, 'delivered');
    assert.deepEqual(emulator.violations, []);
  });

  it('a bad signature changes nothing', async () => {
    const { payload, mid } = emulator.userMessage('instagram', 'igsid-bad', { text: 'hello' });
    const eventsBefore = t.console.events.length;
    assert.equal((await emulator.deliver(webhook(), payload, { secret: 'wrong' })).status, 401);
    await t.desk.drain();
    assert.equal(t.console.events.length, eventsBefore);
    assert.equal(await t.desk.store.findMessageByExternalId('instagram', mid), undefined);
  });

  it('Instagram after 2 days goes out tagged HUMAN_AGENT; after 8 days Send is refused with a reason', async () => {
    const { payload, mid } = emulator.userMessage('instagram', 'igsid-late', {
      text: 'Can I return these shoes?',
    });
    assert.equal((await emulator.deliver(webhook(), payload)).status, 200);
    const event = await inboundFor(mid);
    assert.ok(event.draft);
    clock.advance(2 * DAY);
    const first = await t.console.desk().decide({ draftId: event.draft.id, actor: OWNER, action: 'send' });
    assert.equal(first.kind, 'queued');
    await t.desk.drain();
    const tagged = emulator.sent.filter((s) => s.recipientId === 'igsid-late');
    assert.equal(tagged.length, 1);
    assert.equal(tagged[0]?.accountId, IG_ID);
    assert.deepEqual([tagged[0]?.messagingType, tagged[0]?.tag], ['MESSAGE_TAG', 'HUMAN_AGENT']);

    clock.advance(6 * DAY);
    const note = await t.console.desk().note(event.view.customer.id, 'One more thing: free returns!', OWNER);
    assert.ok(note);
    const callsBefore = emulator.calls.length;
    const refused = await t.console.desk().decide({ draftId: note.id, actor: OWNER, action: 'send' });
    assert.equal(refused.kind, 'rejected');
    assert.match(refused.kind === 'rejected' ? refused.reason : '', /7 days/);
    await t.desk.drain();
    assert.equal(emulator.calls.length, callsBefore, 'nothing was sent');
  });

  it('resolve asks for a rating with quick replies; the tap lands in the console as a rating', async () => {
    const { payload, mid } = emulator.userMessage('messenger', 'psid-rate', { text: 'Thanks, all good now' });
    await emulator.deliver(webhook(), payload);
    const event = await inboundFor(mid);
    assert.equal((await t.console.desk().resolve(event.view.customer.id, OWNER)).kind, 'ok');
    await t.desk.drain();
    const request = emulator.sent.find((s) => s.recipientId === 'psid-rate');
    assert.equal(request?.quickReplies?.length, 5);
    const five = request?.quickReplies?.[4];
    const tap = emulator.userMessage('messenger', 'psid-rate', {
      text: five?.title,
      quickReplyPayload: five?.payload,
    });
    assert.equal((await emulator.deliver(webhook(), tap.payload)).status, 200);
    const rating = (await t.console.waitFor(
      (e) => e.type === 'rating' && e.view.customer.id === event.view.customer.id,
    )) as Extract<DeskEvent, { type: 'rating' }>;
    assert.equal(rating.rating.score, 5);
    assert.equal(rating.rating.channel, 'messenger');
    assert.deepEqual(emulator.violations, []);
  });
});
