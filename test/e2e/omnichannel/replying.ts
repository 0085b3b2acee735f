/** Scenes 1–3: one thread per customer, Send, Retry after a failed delivery, the owner typing in the thread. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TWILIO, waitFor } from '../omni-desk.js';
import { buttonsOf, shown } from '../slack-owner.js';
import {
  ALICE,
  WHEN,
  d,
  owner,
  customers,
  kept,
  store,
  settle,
  customerBy,
  twilioTo,
  toPhone,
} from './cast.js';

export function replyingScenes(): void {
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
    kept.ownerNote = { root, envelope: typed.envelope };
  });
}
