/** Scenes 4–5: one person on several channels: merged from Slack, answered by "Send via". */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TWILIO, waitFor } from '../omni-desk.js';
import { buttonsOf, shown } from '../slack-owner.js';
import {
  BOB_PSID,
  BOB_SMS,
  DAN_CHAT,
  DAN_SMS,
  d,
  owner,
  customers,
  store,
  settle,
  customerBy,
  pendingDraft,
  twilioTo,
} from './cast.js';

export function peopleScenes(): void {
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
}
