/**
 * The whole product, end to end, on ONE desk built by createDesk from environment variables:
 * Slack console (HTTP mode), Twilio SMS + WhatsApp, Meta Messenger, Telegram (webhook mode)
 * and website chat, all at once, each against its local emulator. Customers write on their
 * platforms; the owner reads and taps in Slack (signed requests, as Slack sends them); each
 * test asserts what the customer received and what the owner sees.
 *
 * The tests run in order and build on each other (one desk, one store, one Slack channel),
 * like a day at the desk: the customer numbers below are the cast.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Customer } from '../../src/core/model.js';
import type { EmulatedMessage } from '../support/slack-emulator/index.js';
import { Customers, type Visitor } from './customers.js';
import { META, SLACK, startOmniDesk, TELEGRAM, TWILIO, waitFor, type OmniDesk } from './omni-desk.js';
import { buttonsOf, shown, SlackOwner } from './slack-owner.js';
import { jobIdsOfDraft, storeFingerprint } from './store-snapshot.js';

const ALICE = '+15551110001'; // SMS, then WhatsApp from the same phone
const BOB_PSID = 'psid-bob-e2e'; // Messenger…
const BOB_SMS = '+15551110002'; // …and an SMS number with no email: merged by the owner
const DAN_CHAT = 777100; // Telegram, who also has an SMS number
const DAN_SMS = '+15551110004';
const LI = '+8613800138000'; // a Chinese customer texting from a mainland mobile
const WHEN = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/;

let d: OmniDesk;
const current = () => d;
const owner = new SlackOwner(current);
const customers = new Customers(current);
let visitor: Visitor | undefined;
/** The owner's typed note of scenario 3, for Slack's retry of the same event. */
let ownerNote: { root: EmulatedMessage; envelope: Record<string, unknown> } | undefined;

before(async () => {
  d = await startOmniDesk();
});
after(async () => {
  visitor?.close();
  await d.stop();
});

const store = () => d.desk.store;
const settle = async () => {
  await d.desk.drain();
  await d.desk.drain();
};
async function customerBy(
  channel: Parameters<OmniDesk['desk']['store']['findCustomerByIdentity']>[0],
  address: string,
): Promise<Customer> {
  const found = await store().findCustomerByIdentity(channel, address);
  assert.ok(found, `a customer for ${channel}:${address}`);
  return found;
}
async function pendingDraft(customerId: string, textOf: RegExp | ((t: string) => boolean) = () => true) {
  const match = typeof textOf === 'function' ? textOf : (t: string) => textOf.test(t);
  const drafts = (await store().listPendingDrafts(500)).filter((x) => x.customerId === customerId);
  const draft = drafts.filter((x) => match(x.text)).at(-1);
  assert.ok(draft, `a pending draft for ${customerId}: ${JSON.stringify(drafts.map((x) => x.text))}`);
  return draft;
}
/** SMS to a number (WhatsApp messages are addressed `whatsapp:+…`). */
const twilioTo = (to: string) => d.twilio.messages.filter((m) => m.to === to);
/** Everything Twilio carried to a phone: SMS and WhatsApp. */
const toPhone = (n: string) => d.twilio.messages.filter((m) => m.to.replace(/^whatsapp:/, '') === n);
const ratingsOf = async (customerId: string) => {
  const conversation = await store().latestConversation(customerId);
  return conversation ? store().listRatings(conversation.id) : [];
};

test('1. SMS, then WhatsApp from the same number → one customer, one Slack thread (one root) with both messages', async () => {
  await customers.sms(ALICE, 'Hi, any news on my order 1234? I have been waiting a week.');
  await settle();
  const alice = await customerBy('sms', ALICE);
  const root = await owner.rootOf(alice.id);
  assert.ok(root, 'a root for the customer');
  assert.match(shown(root), new RegExp(`\\${ALICE}`));
  assert.ok(owner.thread(root).some((m) => shown(m).includes('any news on my order 1234')));

  await customers.whatsapp(ALICE, 'Also, could you deliver it to my office instead?', 'Alice');
  await settle();
  const viaWhatsapp = await customerBy('whatsapp', ALICE);
  assert.equal(viaWhatsapp.id, alice.id, 'the WhatsApp sender is the same customer as the SMS sender');
  assert.equal(owner.rootsShowing(ALICE).length, 1, 'one root for the phone number');
  const thread = owner.thread(root);
  assert.ok(
    thread.some((m) => shown(m).includes('deliver it to my office')),
    'the WhatsApp message is in the same thread',
  );
  assert.ok(thread.some((m) => shown(m).includes('any news on my order 1234')));
  assert.deepEqual(d.slack.violations, []);
});

test('2. Send (signed tap) → exactly one SMS; the card shows who/when/channel and ✅ once Twilio says delivered; a second tap changes nothing', async () => {
  const alice = await customerBy('sms', ALICE);
  const smsDraft = (await store().listPendingDrafts(500)).find(
    (x) => x.customerId === alice.id && x.channel === 'sms',
  );
  assert.ok(smsDraft, 'a pending SMS draft');
  const card = await owner.draftCard(smsDraft.id);
  const before = twilioTo(ALICE).length;
  const beforeAny = toPhone(ALICE).length;

  const send = owner.button(card, 'send');
  const click = await owner.click(card, send);
  assert.equal(click.status, 200);
  const sms = await waitFor('one SMS at Twilio', () => twilioTo(ALICE).length > before && twilioTo(ALICE));
  await settle();
  assert.equal(twilioTo(ALICE).length, before + 1, 'exactly one message');
  assert.equal(toPhone(ALICE).length, beforeAny + 1, 'and nothing on WhatsApp');
  const sent = twilioTo(ALICE).at(-1)!;
  assert.equal(sent.from, TWILIO.number, 'as an SMS from our number (not WhatsApp)');
  assert.equal(sent.body, smsDraft.text);

  assert.match(shown(card), /Sent by u0owner/);
  assert.match(shown(card), WHEN);
  assert.match(shown(card), /SMS/);
  assert.deepEqual(buttonsOf(card), [], 'a decided card has no buttons');

  assert.equal(await d.twilio.status(sms.at(-1)!.sid, 'delivered'), 200);
  await waitFor('✅ delivered on the card', () => /✅ delivered/.test(shown(card)));

  // The same button again (a double tap, or a phone that still shows the old card).
  const again = await owner.click(card, send);
  assert.equal(again.status, 200);
  assert.match(await owner.answerTo(again.responseId), /already/i);
  await settle();
  assert.equal(toPhone(ALICE).length, beforeAny + 1, 'the second tap sent nothing');
  assert.match(shown(card), /✅ delivered/);
});

test('2b. Twilio reports the SMS undelivered → ⚠️ failed with Retry on the card; Retry sends it again once; ✅ when delivered', async () => {
  const alice = await customerBy('sms', ALICE);
  // The draft answering Alice's WhatsApp message, sent by SMS instead.
  const draft = (await store().listPendingDrafts(500)).find((x) => x.customerId === alice.id);
  assert.ok(draft, "a pending draft for Alice's second message");
  const card = await owner.draftCard(draft.id);
  const before = twilioTo(ALICE).length;
  assert.equal((await owner.click(card, owner.button(card, 'send_via', 'sms'))).status, 200);
  const first = await waitFor(
    'the SMS at Twilio',
    () => twilioTo(ALICE).length > before && twilioTo(ALICE).at(-1),
  );
  await settle();

  // The carrier could not reach the handset (Twilio 30003).
  assert.equal(await d.twilio.status(first.sid, 'undelivered', { ErrorCode: '30003' }), 200);
  await waitFor('⚠️ failed on the card', () => /⚠️/.test(shown(card)) && /failed/.test(shown(card)));
  const retry = owner.button(card, 'retry');

  const tap = await owner.click(card, retry);
  assert.equal(tap.status, 200);
  const again = await waitFor(
    'the SMS sent again',
    () => twilioTo(ALICE).length > before + 1 && twilioTo(ALICE).at(-1),
    5_000,
  ).catch(async (err: Error) => {
    const told = await owner.answerTo(tap.responseId).catch(() => 'nothing');
    throw new Error(`${err.message}; the owner was told: ${told}`);
  });
  await settle();
  assert.equal(twilioTo(ALICE).length, before + 2, 'one more SMS, not more');
  assert.equal(again.body, draft.text);
  assert.equal(await d.twilio.status(again.sid, 'delivered'), 200);
  await waitFor('✅ delivered on the card', () => /✅ delivered/.test(shown(card)));
  assert.deepEqual(
    buttonsOf(card).map((b) => b.ref.action),
    [],
    'no Retry once delivered',
  );
});

test('3. Owner free text in the thread → a pending-reply card and nothing sent; Send on it → sent', async () => {
  const alice = await customerBy('sms', ALICE);
  const root = await owner.rootOf(alice.id);
  assert.ok(root);
  const before = toPhone(ALICE).length;
  const words = 'I asked the courier; you will hear from me by Friday.';
  const typed = await owner.type(root, words);
  assert.equal(typed.status, 200);
  const card = await owner.cardIn(root, 'a pending-reply card', (m) => /Pending reply/.test(shown(m)));
  assert.match(shown(card), /courier/);
  assert.deepEqual(
    buttonsOf(card).map((b) => b.ref.action),
    ['send', 'edit', 'discard'],
  );
  await settle();
  assert.equal(toPhone(ALICE).length, before, 'free text never goes out by itself');

  const click = await owner.click(card, owner.button(card, 'send'));
  assert.equal(click.status, 200);
  await waitFor('the owner note at Twilio', () => toPhone(ALICE).length > before);
  await settle();
  assert.equal(toPhone(ALICE).length, before + 1);
  const note = toPhone(ALICE).at(-1);
  assert.equal(note?.body, words);
  // The customer last wrote on WhatsApp: that is where the reply goes.
  assert.deepEqual([note?.from, note?.to], [`whatsapp:${TWILIO.whatsapp}`, `whatsapp:${ALICE}`]);
  await waitFor('the pending card shows it was sent', () => /Sent by u0owner/.test(shown(card)));
  // Only Remember is left: the owner's own words can become a remembered answer.
  assert.deepEqual(
    buttonsOf(card).map((b) => b.ref.action),
    ['remember'],
  );
  ownerNote = { root, envelope: typed.envelope };
});

test('4. A Messenger customer and an email-less SMS customer merged by the owner from Slack (Same person as…) → one profile; the old thread gets a pointer', async () => {
  await customers.messenger(BOB_PSID, 'Hello, can I change the colour of my order?');
  await customers.sms(BOB_SMS, 'Hi, Bob here again - I wrote to you on Messenger about my order.');
  await settle();
  const bob = await customerBy('messenger', BOB_PSID);
  const bobBySms = await customerBy('sms', BOB_SMS);
  assert.notEqual(bob.id, bobBySms.id, 'before the merge: two profiles (nothing links them)');
  const bobRoot = await owner.rootOf(bob.id);
  const oldRoot = await owner.rootOf(bobBySms.id);
  assert.ok(bobRoot && oldRoot && bobRoot.ts !== oldRoot.ts);
  const oldThreadBefore = owner.thread(oldRoot).length;

  // From the SMS profile's root card: Same person as… → search the words Bob wrote → pick him.
  await owner.samePerson(oldRoot, 'colour', bob.id);
  await settle();
  const merged = await customerBy('sms', BOB_SMS);
  assert.equal(merged.id, bob.id, 'the SMS number now belongs to the surviving profile');
  const view = await d.desk.api.view(bob.id);
  assert.deepEqual(view?.identities.map((i) => i.channel).sort(), ['messenger', 'phone', 'sms']);
  assert.equal(view?.counts.messagesIn, 2, 'both messages in one history');

  const pointer = owner.thread(oldRoot).slice(oldThreadBefore);
  assert.equal(pointer.length, 1, 'one pointer post in the old thread');
  assert.match(shown(pointer[0]!), /Merged into/);
  assert.match(shown(bobRoot), new RegExp(`\\${BOB_SMS}`), 'the surviving card lists the SMS number');

  // A new SMS from the merged number continues in the surviving thread, not the old one.
  const oldLength = owner.thread(oldRoot).length;
  await customers.sms(BOB_SMS, 'Blue would be great, thanks.');
  await settle();
  assert.ok(owner.thread(bobRoot).some((m) => shown(m).includes('Blue would be great')));
  assert.equal(owner.thread(oldRoot).length, oldLength);
  assert.equal((await owner.rootOf(bob.id))?.ts, bobRoot.ts);
  assert.deepEqual(d.meta.violations, []);
});

test('4b. The merge pointer in the old thread links to the surviving thread', async () => {
  const bob = await customerBy('messenger', BOB_PSID);
  const bobRoot = await owner.rootOf(bob.id);
  assert.ok(bobRoot);
  const pointer = d.slack.messages.find((m) => m.thread_ts && /Merged into/.test(shown(m)));
  assert.ok(pointer, 'the pointer post');
  assert.notEqual(pointer.thread_ts, bobRoot.ts, 'it is in the old thread');
  // Slack's permalink of the surviving root, as the "support channel moved" pointer already does.
  const permalink = `archives/${bobRoot.channel}/p${bobRoot.ts.replace('.', '')}`;
  assert.ok(
    shown(pointer).includes(permalink),
    `the pointer links to the surviving thread (${permalink}); it says: ${pointer.text}`,
  );
});

test('4c. After the merge, the draft left in the old thread still works: it offers Messenger too and Send texts the number once', async () => {
  const bob = await customerBy('messenger', BOB_PSID);
  const drafts = (await store().listPendingDrafts(500)).filter((x) => x.customerId === bob.id);
  const smsDraft = drafts.find((x) => x.channel === 'sms');
  assert.ok(smsDraft, `the SMS draft now belongs to the surviving profile: ${JSON.stringify(drafts)}`);
  const card = await owner.draftCard(smsDraft.id);
  assert.ok(
    buttonsOf(card).some((b) => b.ref.action === 'send_via' && b.ref.arg === 'messenger'),
    'Send via offers the merged Messenger identity',
  );
  const before = twilioTo(BOB_SMS).length;
  assert.equal((await owner.click(card, owner.button(card, 'send'))).status, 200);
  await waitFor('the SMS to the merged number', () => twilioTo(BOB_SMS).length > before);
  await settle();
  assert.equal(twilioTo(BOB_SMS).length, before + 1);
  assert.equal(twilioTo(BOB_SMS).at(-1)?.body, smsDraft.text);
  await waitFor('the old card shows the decision', () => /Sent by u0owner/.test(shown(card)));
});

test('4d. Typing in the merged-away thread (where the pointer is) still makes a pending reply for the surviving customer', async () => {
  const bob = await customerBy('messenger', BOB_PSID);
  const pointer = d.slack.messages.find((m) => m.thread_ts && /Merged into/.test(shown(m)));
  const oldRoot = d.slack.messages.find((m) => m.ts === pointer?.thread_ts);
  assert.ok(oldRoot, 'the old thread');
  const sentBefore = [twilioTo(BOB_SMS).length, d.meta.sent.length];
  const before = (await store().listPendingDrafts(500)).filter((x) => x.customerId === bob.id).length;
  const words = 'Bob, the blue one ships tomorrow.';
  assert.equal((await owner.type(oldRoot, words)).status, 200);
  const whispered = d.slack.callsTo('chat.postEphemeral').length;
  // Either the pending reply appears, or the desk whispers to the owner that it could not make one.
  const note = await waitFor('a pending reply, or a refusal', async () => {
    const made = (await store().listPendingDrafts(500)).find(
      (x) => x.customerId === bob.id && x.text === words,
    );
    return made ?? (d.slack.callsTo('chat.postEphemeral').length > whispered ? null : undefined);
  });
  const whispers = d.slack
    .callsTo('chat.postEphemeral')
    .slice(whispered)
    .map((c) => JSON.stringify(c.args.blocks ?? c.args.text));
  assert.ok(note, `a pending reply was made (the owner was told: ${whispers.join(' ') || 'nothing'})`);
  assert.equal(
    (await store().listPendingDrafts(500)).filter((x) => x.customerId === bob.id).length,
    before + 1,
  );
  const card = await owner.draftCard(note.id);
  assert.match(shown(card), /Pending reply/);
  await settle();
  assert.deepEqual([twilioTo(BOB_SMS).length, d.meta.sent.length], sentBefore, 'nothing was sent');
});

test('5. Send via: a Telegram customer who also has an SMS number is answered by SMS from the "Send via" menu', async () => {
  await customers.telegram(DAN_CHAT, 'Hi, I ordered a desk lamp last week.');
  await settle();
  const dan = await customerBy('telegram', String(DAN_CHAT));
  // The customer's number becomes known (what a connector reports through Intake.addIdentity).
  await d.desk.intake.addIdentity('telegram', String(DAN_CHAT), { channel: 'sms', address: DAN_SMS });
  await customers.telegram(DAN_CHAT, 'Hi, any update on order 5678? Please text me at my number.');
  await settle();
  const draft = await pendingDraft(dan.id, (t) => t.length > 0);
  assert.equal(draft.channel, 'telegram');
  const card = await owner.draftCard(draft.id);
  const viaSms = owner.button(card, 'send_via', 'sms');
  assert.ok(viaSms.select, 'Send via is a menu');
  const telegramBefore = d.telegram.sent.filter((m) => m.chatId === String(DAN_CHAT)).length;

  const click = await owner.click(card, viaSms);
  assert.equal(click.status, 200);
  await waitFor('an SMS to the Telegram customer', () => twilioTo(DAN_SMS).length === 1);
  await settle();
  assert.equal(twilioTo(DAN_SMS).length, 1);
  assert.equal(twilioTo(DAN_SMS)[0]?.from, TWILIO.number);
  assert.equal(twilioTo(DAN_SMS)[0]?.body, draft.text);
  assert.equal(d.telegram.sent.filter((m) => m.chatId === String(DAN_CHAT)).length, telegramBefore);
  await waitFor('the card says sent by SMS', () => /Sent by u0owner/.test(shown(card)));
  assert.match(shown(card), /SMS/);
});

/** Resolve from the customer card (the thread root), as the owner taps it. */
async function resolveInSlack(customerId: string) {
  const root = await owner.rootOf(customerId);
  assert.ok(root, 'the customer has a root');
  const click = await owner.click(root, owner.button(root, 'resolve'));
  assert.equal(click.status, 200);
  await waitFor('the conversation is resolved', async () => {
    const c = await store().latestConversation(customerId);
    return c?.status === 'resolved' && c.ratingRequestedAt !== undefined;
  });
  await settle();
  return root;
}
const ratingPosts = (root: Parameters<SlackOwner['thread']>[0]) =>
  owner.thread(root).filter((m) => /Rated \d\/5/.test(shown(m)));

test('5b. A channel learned after a draft was shown is offered in that draft card\'s "Send via" menu', async () => {
  const dan = await customerBy('telegram', String(DAN_CHAT));
  // The draft for Dan's first message was shown before his SMS number was known.
  const first = (await store().listPendingDrafts(500)).find((x) => x.customerId === dan.id);
  assert.ok(first, "the first message's draft is still pending");
  const card = await owner.draftCard(first.id);
  assert.ok(
    buttonsOf(card).some((b) => b.ref.action === 'send_via' && b.ref.arg === 'sms'),
    `the pending draft offers Send via SMS once the number is known: ${JSON.stringify(buttonsOf(card).map((b) => b.ref))}`,
  );
});

test('6. Resolve → each channel asks for a rating its own way; the answer is recorded once and shows in the Slack thread', async (t) => {
  await t.test('SMS: "reply 1–5" text; the customer texts 5; a second 5 does not count twice', async () => {
    await customers.sms(ALICE, 'Got it, thanks a lot!');
    await settle();
    const alice = await customerBy('sms', ALICE);
    const before = twilioTo(ALICE).length;
    const root = await resolveInSlack(alice.id);
    await waitFor('the rating request SMS', () => twilioTo(ALICE).length > before);
    const request = twilioTo(ALICE).at(-1)!;
    assert.equal(request.from, TWILIO.number);
    assert.match(request.body ?? '', /Reply with a number from 1 \(poor\) to 5 \(excellent\)/);
    assert.match(shown(root), /resolved/i);

    const conversations = await store().countConversations(alice.id);
    await customers.sms(ALICE, '5');
    await settle();
    assert.deepEqual(
      (await ratingsOf(alice.id)).map((r) => [r.score, r.channel]),
      [[5, 'sms']],
    );
    await waitFor('the rating in the thread', () => ratingPosts(root).length === 1);
    assert.match(shown(root), /⭐⭐⭐⭐⭐ 5\/5/);

    await customers.sms(ALICE, '5');
    await settle();
    assert.equal((await store().lastRating(alice.id))?.score, 5);
    assert.equal(ratingPosts(root).length, 1, 'one rating card in the thread');
    assert.equal(
      await store().countConversations(alice.id),
      conversations,
      'a repeated "5" is the same answer, not a new conversation',
    );
    assert.equal((await ratingsOf(alice.id)).length, 1);
  });

  await t.test(
    'Telegram: inline buttons; a tap (callback_query) is recorded once, a second tap is not counted',
    async () => {
      const dan = await customerBy('telegram', String(DAN_CHAT));
      const root = await resolveInSlack(dan.id);
      const request = await waitFor('the Telegram rating request', () =>
        d.telegram.sent.find((m) => m.chatId === String(DAN_CHAT) && m.replyMarkup?.inline_keyboard),
      );
      assert.match(request.text, /Tap a rating from 1 \(poor\) to 5 \(excellent\)/);
      assert.equal(request.replyMarkup?.inline_keyboard?.flat().length, 5);

      await d.telegram.tap(request, 3);
      await settle();
      await waitFor('the rating in the thread', () => ratingPosts(root).length === 1);
      assert.deepEqual(
        (await ratingsOf(dan.id)).map((r) => [r.score, r.channel]),
        [[4, 'telegram']],
      );

      await d.telegram.tap(request, 3);
      await settle();
      assert.equal((await ratingsOf(dan.id)).length, 1, 'the second tap is not a second rating');
      assert.equal(ratingPosts(root).length, 1);
      assert.deepEqual(d.telegram.unansweredCallbacks(), [], 'every tap is answered');
      assert.deepEqual(d.telegram.violations, []);
    },
  );

  await t.test('Messenger: quick replies; the quick-reply payload is recorded once', async () => {
    await customers.messenger(BOB_PSID, "Thanks, that's all I needed.");
    await settle();
    const bob = await customerBy('messenger', BOB_PSID);
    const root = await resolveInSlack(bob.id);
    const request = await waitFor('the Messenger rating request', () =>
      d.meta.sent.find((m) => m.recipientId === BOB_PSID && m.quickReplies),
    );
    assert.match(request.text ?? '', /Tap a rating/);
    assert.equal(request.quickReplies?.length, 5);
    const five = request.quickReplies![4]!;

    await customers.messenger(BOB_PSID, five.title!, five.payload);
    await settle();
    await waitFor('the rating in the thread', () => ratingPosts(root).length === 1);
    assert.deepEqual(
      (await ratingsOf(bob.id)).map((r) => [r.score, r.channel]),
      [[5, 'messenger']],
    );

    await customers.messenger(BOB_PSID, five.title!, five.payload);
    await settle();
    assert.equal((await ratingsOf(bob.id)).length, 1);
    assert.equal(ratingPosts(root).length, 1);
    assert.deepEqual(d.meta.violations, []);
  });
});

test('7. A Chinese customer on the website chat gets a Chinese draft, a Chinese reply and a Chinese rating prompt with stars', async () => {
  visitor = await customers.webchatVisitor('zh');
  assert.equal((await visitor.say('你好，我的订单什么时候发货？')).status, 'stored');
  await settle();
  const wei = await customerBy('webchat', visitor.address);
  assert.equal(wei.language, 'zh');
  const draft = await pendingDraft(wei.id);
  assert.equal(draft.language, 'zh');
  assert.match(draft.text, /\p{Script=Han}/u, 'the draft is written in Chinese');
  const card = await owner.draftCard(draft.id);
  assert.ok(shown(card).includes(draft.text.slice(0, 10)), 'the owner sees the Chinese draft');

  const click = await owner.click(card, owner.button(card, 'send'));
  assert.equal(click.status, 200);
  const reply = await visitor.ownerLine('text');
  assert.equal((reply.entry as { text: string }).text, draft.text);

  const root = await resolveInSlack(wei.id);
  const request = await visitor.ownerLine('rating_request');
  const entry = request.entry as { id: string; text: string };
  assert.match(entry.text, /感谢您的联系/, 'the rating prompt is in Chinese');

  visitor.client.send({ type: 'rate', requestId: entry.id, score: 5 });
  const rated = await visitor.client.next((f) => f.type === 'rated');
  assert.equal(rated.score, 5);
  await settle();
  await waitFor('the rating in the thread', () => ratingPosts(root).length === 1);
  assert.deepEqual(
    (await ratingsOf(wei.id)).map((r) => [r.score, r.channel]),
    [[5, 'webchat']],
  );

  visitor.client.send({ type: 'rate', requestId: entry.id, score: 5 });
  const refused = await visitor.client.next((f) => f.type === 'error');
  assert.equal(refused.code, 'already_rated');
  await settle();
  assert.equal((await ratingsOf(wei.id)).length, 1);
  assert.equal(ratingPosts(root).length, 1);

  // The visitor reloads the page: the history has their question, the reply and the answered rating.
  const reload = await customers.webchatVisitor('zh', visitor.token);
  try {
    const history = reload.welcome.history as { from: string; kind: string; text: string; rated?: number }[];
    assert.deepEqual(
      history.map((e) => [e.from, e.kind]),
      [
        ['visitor', 'text'],
        ['owner', 'text'],
        ['owner', 'rating_request'],
      ],
    );
    assert.equal(history[1]?.text, draft.text);
    assert.equal(history[2]?.rated, 5);
  } finally {
    reload.close();
  }
});

test('7a. A Chinese SMS customer: a Chinese draft, a Chinese "reply 1–5" prompt, and "五星" is recorded as 5', async () => {
  await customers.sms(LI, '我的订单4321到哪里了？');
  await settle();
  const li = await customerBy('sms', LI);
  assert.equal(li.language, 'zh');
  const draft = await pendingDraft(li.id);
  assert.equal(draft.language, 'zh');
  assert.match(draft.text, /\p{Script=Han}/u);
  const card = await owner.draftCard(draft.id);
  // The owner fills in what only they know (any [[…]] blanks) in the Edit modal and sends.
  const reply = draft.text.replace(/\[\[[^\]]*\]\]/g, '明天');
  assert.equal(await owner.editAndSend(card, reply), 200);
  await waitFor('the Chinese reply by SMS', () => twilioTo(LI).length === 1);
  assert.equal(twilioTo(LI)[0]?.body, reply);
  assert.equal(twilioTo(LI)[0]?.encoding, 'UCS-2');

  const root = await resolveInSlack(li.id);
  const request = await waitFor('the rating request', () => twilioTo(LI).length === 2 && twilioTo(LI)[1]);
  assert.match(request.body ?? '', /回复 1（很差）到 5（非常好）/);
  await customers.sms(LI, '五星');
  await settle();
  assert.deepEqual(
    (await ratingsOf(li.id)).map((r) => [r.score, r.channel]),
    [[5, 'sms']],
  );
  await waitFor('the rating in the thread', () => ratingPosts(root).length === 1);
});

test('7b. /cs stats today counts the day: five customers, every conversation resolved, the five ratings (P, mean)', async () => {
  const uploads = d.slack.callsTo('files.completeUploadExternal').length;
  const reply = await owner.command('stats today');
  // The chart image follows the figures into the channel (Slack shows images).
  await waitFor('the stats chart shared in the channel', () =>
    d.slack.callsTo('files.completeUploadExternal').some((c, i) => i >= uploads && c.ok),
  );
  await d.desk.drain();
  const field = (label: string) => {
    const m = new RegExp(`\\*?${label.replace(/[()]/g, '\\$&')}\\*?\\s*\\\\n([^"\\\\]*)`).exec(reply);
    return m?.[1];
  };
  assert.equal(field('Customers (C)'), '5', 'Alice, Bob (merged), Dan, Wei, Li');
  assert.equal(field('Mean rating'), '4.8 / 5', '5, 4, 5, 5, 5');
  assert.equal(field('Rated 4–5 (P)'), '100%');
  assert.match(field('Ratings') ?? '', /^5 of 5 asked/);
  const conversations = /^(\d+) · (\d+) resolved/.exec(field('Conversations') ?? '');
  assert.ok(conversations, `conversations: ${field('Conversations')}`);
  assert.equal(
    conversations[2],
    conversations[1],
    'every conversation was resolved from its customer card (a merged profile leaves none open)',
  );
  assert.doesNotMatch(reply, /not classified yet/, 'an idle desk has classified every message it counts');
});

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
    ...[ALICE, BOB_SMS, DAN_SMS, BOB_PSID, String(DAN_CHAT), visitor?.address ?? ALICE],
    ...['any news on my order 1234', 'deliver it to my office', 'I asked the courier', '你好，我的订单'],
    ...[SLACK.botToken, SLACK.signingSecret, TWILIO.authToken, META.appSecret, META.pageToken],
    ...[TELEGRAM.token, TELEGRAM.secret],
  ];
  for (const s of never) assert.ok(!log.includes(s), `the logs mention ${JSON.stringify(s)}`);
});
