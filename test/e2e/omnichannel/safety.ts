/** Scenes 8–10: bad signatures, re-deliveries, the WhatsApp window, a restart, and nothing leaked. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { META, SLACK, TELEGRAM, TWILIO, waitFor } from '../omni-desk.js';
import { shown } from '../slack-owner.js';
import { jobIdsOfDraft, storeFingerprint } from '../store-snapshot.js';
import {
  ALICE,
  BOB_PSID,
  BOB_SMS,
  DAN_CHAT,
  DAN_SMS,
  d,
  owner,
  customers,
  kept,
  store,
  settle,
  customerBy,
  pendingDraft,
  twilioTo,
  toPhone,
} from './cast.js';

export function safetyScenes(): void {
  test('8. A webhook with a bad signature on each platform changes nothing in the store and posts nothing to Slack', async () => {
    await settle();
    const dan = await customerBy('telegram', String(DAN_CHAT));
    const draft = await pendingDraft(dan.id);
    const card = await owner.draftCard(draft.id);
    const danRoot = await owner.rootOf(dan.id);
    assert.ok(danRoot);
    const aliceSms = twilioTo(ALICE).at(-1);
    assert.ok(aliceSms);

    const fingerprint = storeFingerprint(d.dataDir);
    const slackCalls = d.slack.calls.length;
    const slackPosts = d.slack.messages.map((m) => `${m.ts}:${m.updates}`);
    const outbound = () => [d.twilio.messages.length, d.meta.sent.length, d.telegram.sent.length];
    const outBefore = outbound();

    // Slack: an owner's Send tap and an owner's message, signed with another secret.
    assert.equal(
      (await owner.click(card, owner.button(card, 'send'), { secret: 'not-the-secret' })).status,
      401,
    );
    assert.equal((await owner.type(danRoot, 'please send it now', { secret: 'not-the-secret' })).status, 401);
    // Twilio: an inbound SMS and a "failed" status callback, with a forged signature.
    const forged = 'dGhpcyBpcyBub3QgYSBzaWduYXR1cmU=';
    assert.equal(
      await customers.twilioHook('/twilio/sms', customers.smsParams('+15551119999', 'hi'), forged),
      403,
    );
    assert.equal(
      await customers.twilioHook(
        '/twilio/status?channel=sms',
        {
          AccountSid: TWILIO.accountSid,
          MessageSid: aliceSms.sid,
          MessageStatus: 'failed',
          ErrorCode: '30003',
        },
        forged,
      ),
      403,
    );
    // Meta: signed with another app secret.
    const { payload } = d.meta.userMessage('messenger', 'psid-forger', { text: 'hello' });
    assert.equal(
      (await d.meta.deliver(`${d.desk.url}/meta/webhook`, payload, { secret: 'wrong' })).status,
      401,
    );
    // Telegram: the wrong secret token, and none.
    const update = {
      update_id: 999_000_001,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: DAN_CHAT, type: 'private' },
        from: { id: DAN_CHAT, is_bot: false, first_name: 'Dan' },
        text: 'forged',
      },
    };
    assert.equal(await d.telegram.deliverWebhook(update, 'wrong_secret'), 401);
    assert.equal(await d.telegram.deliverWebhook(update, undefined), 401);

    await settle();
    assert.deepEqual(storeFingerprint(d.dataDir), fingerprint, 'not one row changed');
    assert.equal(d.slack.calls.length, slackCalls, 'no Slack call at all');
    assert.deepEqual(
      d.slack.messages.map((m) => `${m.ts}:${m.updates}`),
      slackPosts,
    );
    assert.deepEqual(outbound(), outBefore, 'nothing went to any customer');
    assert.equal((await store().getDraft(draft.id))?.status, 'pending');
  });

  test('8b. A platform re-delivering the same webhook (Twilio, Meta, Telegram, Slack, the chat widget) changes nothing and posts nothing', async () => {
    await settle();
    const { twilio, meta, telegram } = customers.last;
    const { ownerNote, visitor } = kept;
    assert.ok(twilio && meta && telegram && ownerNote && visitor, 'earlier deliveries to repeat');
    const fingerprint = storeFingerprint(d.dataDir);
    const slackPosts = d.slack.callsTo('chat.postMessage').length;
    const slackUpdates = d.slack.callsTo('chat.update').length;
    const outbound = () => [d.twilio.messages.length, d.meta.sent.length, d.telegram.sent.length];
    const outBefore = outbound();

    assert.equal(await customers.twilioHook('/twilio/sms', twilio), 200);
    assert.equal((await d.meta.deliver(`${d.desk.url}/meta/webhook`, meta)).status, 200);
    assert.equal(await d.telegram.deliverWebhook(telegram, TELEGRAM.secret), 200);
    const retried = await owner.type(ownerNote.root, '', {
      again: { envelope: ownerNote.envelope, retryNum: 1 },
    });
    assert.equal(retried.status, 200);
    const chatAck = await visitor.say('你好，我的订单什么时候发货？', visitor.firstId);
    assert.equal(chatAck.status, 'duplicate');

    await settle();
    assert.deepEqual(storeFingerprint(d.dataDir), fingerprint, 'not one row changed');
    assert.equal(d.slack.callsTo('chat.postMessage').length, slackPosts, 'no new Slack post');
    assert.equal(d.slack.callsTo('chat.update').length, slackUpdates, 'no card redrawn');
    assert.deepEqual(outbound(), outBefore, 'nothing went to any customer');
  });

  test('8c. WhatsApp after 24 hours: Send is refused with the reason and nothing goes out; Send via SMS reaches the same person', async () => {
    const alice = await customerBy('sms', ALICE);
    await customers.whatsapp(ALICE, 'Any news about order 1234? Still nothing here.', 'Alice');
    await settle();
    const draft = (await store().listPendingDrafts(500)).find(
      (x) => x.customerId === alice.id && x.channel === 'whatsapp',
    );
    assert.ok(draft, 'a WhatsApp draft');
    const card = await owner.draftCard(draft.id);
    const send = owner.button(card, 'send');
    const viaSms = owner.button(card, 'send_via', 'sms');
    d.travel(25 * 3_600_000);
    const before = toPhone(ALICE).length;

    const tap = await owner.click(card, send);
    assert.equal(tap.status, 200);
    assert.match(await owner.answerTo(tap.responseId), /24.hour|24 h/i, 'the owner is told why');
    await settle();
    assert.equal(toPhone(ALICE).length, before, 'nothing reached Twilio');
    assert.equal((await store().getDraft(draft.id))?.status, 'pending');

    assert.equal((await owner.click(card, viaSms)).status, 200);
    await waitFor('the SMS instead', () => toPhone(ALICE).length > before);
    await settle();
    assert.equal(toPhone(ALICE).length, before + 1);
    const sms = toPhone(ALICE).at(-1);
    assert.deepEqual([sms?.from, sms?.to, sms?.body], [TWILIO.number, ALICE, draft.text]);
    await waitFor('the card says sent by SMS', () => /Sent by u0owner/.test(shown(card)));
    assert.deepEqual(d.twilio.violations, [], 'Twilio never saw a WhatsApp message outside the window');
  });

  test('9. Restart with a reply still queued: the new desk sends it exactly once and keeps the Slack thread (no second root)', async () => {
    const dan = await customerBy('telegram', String(DAN_CHAT));
    const root = await owner.rootOf(dan.id);
    assert.ok(root);
    const rootsBefore = owner.roots().length;
    const chat = () => d.telegram.sent.filter((m) => m.chatId === String(DAN_CHAT) && !m.replyMarkup);

    await customers.telegram(DAN_CHAT, 'Hi again, any news on order 5678 now?');
    await settle();
    // A day has passed since Dan last wrote (8c moved the clock): the new message is not buried in
    // the old thread — it is also shown in the channel (ANCHORS pain point 11).
    const back = owner.thread(root).find((m) => shown(m).includes('Hi again, any news on order 5678'));
    assert.equal(back?.reply_broadcast, true, 'a message in a day-old thread is broadcast to the channel');
    const draft = await pendingDraft(dan.id, (t) => t.length > 0);
    const card = await owner.draftCard(draft.id);
    const sentBefore = chat().length;
    // Telegram asks us to slow down for 31 s: the reply goes back to the outbox, queued.
    d.telegram.failNext('sendMessage', 1, {
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 31',
      parameters: { retry_after: 31 },
    });
    assert.equal((await owner.click(card, owner.button(card, 'send'))).status, 200);
    const [jobId] = await waitFor('the reply queued', () => {
      const ids = jobIdsOfDraft(d.dataDir, draft.id);
      return ids.length ? ids : undefined;
    });
    assert.ok(jobId);
    await waitFor('a failed first attempt, back in the queue', async () => {
      const job = await store().getJob(jobId);
      return job?.status === 'pending' && job.attempts === 1;
    });
    await settle();
    assert.equal(chat().length, sentBefore, 'not sent yet');

    // Stop the desk and start a new one on the same DATA_DIR, a minute later.
    d.travel(60_000);
    await d.restart();
    await waitFor('the queued reply goes out after the restart', () => chat().length > sentBefore);
    await d.desk.drain();
    assert.equal(chat().length, sentBefore + 1, 'exactly once');
    assert.equal(chat().at(-1)?.text, draft.text);
    const job = await store().getJob(jobId);
    assert.deepEqual([job?.status, job?.attempts], ['sent', 2]);
    assert.deepEqual(jobIdsOfDraft(d.dataDir, draft.id), [jobId], 'one job for the draft');

    // The thread mapping survived: the card is updated in place and new messages join the same root.
    await waitFor('the card shows the delivery', () => /✅ sent|✅ delivered/.test(shown(card)));
    await customers.telegram(DAN_CHAT, 'Got it, thank you!');
    await d.desk.drain();
    assert.equal((await owner.rootOf(dan.id))?.ts, root.ts, 'the same root');
    assert.equal(
      owner.roots().length,
      rootsBefore,
      `no second root: ${JSON.stringify(owner.roots().map((r) => shown(r).slice(0, 120)))}`,
    );
    assert.ok(owner.thread(root).some((m) => shown(m).includes('Got it, thank you!')));

    // A card posted before the restart still works: the Send button of Dan's very first draft.
    const oldDraft = (await store().listPendingDrafts(500)).find(
      (x) => x.customerId === dan.id && x.createdAt < draft.createdAt,
    );
    assert.ok(oldDraft, 'the first draft is still pending');
    const oldCard = await owner.draftCard(oldDraft.id);
    const sentNow = chat().length;
    assert.equal((await owner.click(oldCard, owner.button(oldCard, 'send'))).status, 200);
    await waitFor('the old draft sent after the restart', () => chat().length > sentNow);
    await d.desk.drain();
    assert.equal(chat().length, sentNow + 1);
    assert.equal(chat().at(-1)?.text, oldDraft.text);
    await waitFor('the old card shows it was sent', () => /Sent by u0owner/.test(shown(oldCard)));
    assert.deepEqual(d.slack.violations, []);
  });

  test('10. Nothing any platform would refuse was sent, and the logs carry no message text, address or secret', async () => {
    assert.deepEqual(d.slack.violations, []);
    assert.deepEqual(d.twilio.violations, []);
    assert.deepEqual(d.meta.violations, []);
    assert.deepEqual(d.telegram.violations, []);
    assert.ok(d.logs.length > 20, 'the desk logged its work');
    const log = d.logs.join('\n');
    const never = [
      ...[ALICE, BOB_SMS, DAN_SMS, BOB_PSID, String(DAN_CHAT), kept.visitor?.address ?? ALICE],
      ...['any news on my order 1234', 'deliver it to my office', 'I asked the courier', '你好，我的订单'],
      ...[SLACK.botToken, SLACK.signingSecret, TWILIO.authToken, META.appSecret, META.pageToken],
      ...[TELEGRAM.token, TELEGRAM.secret],
    ];
    for (const s of never) assert.ok(!log.includes(s), `the logs mention ${JSON.stringify(s)}`);
  });
}
