/**
 * Identities are linked only on proof (issue 15, findings 3 and 4), through the real pipeline,
 * decisions and SQLite store:
 * - an address a customer typed in stays an unverified contact of theirs: usable to answer
 *   them, never capturing later mail from that address, never merging by itself;
 * - quoting our Message-ID from another address does not join the customer we wrote to;
 * - a sender that failed authentication gets an unverified customer of its own.
 * Each case offers the owner a one-tap merge instead, where one makes sense.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DeskEvent, InboundMessage } from '../../src/core/ports.js';
import { sms, startTestDesk, type TestDesk } from '../support/desk-harness.js';

type Suggestion = Extract<DeskEvent, { type: 'merge_suggestion' }>;
const OWNER = { console: 'test', userId: 'U1' };

let n = 0;
function email(from: string, text: string, extra: Partial<InboundMessage> = {}): InboundMessage {
  n += 1;
  return {
    channel: 'email',
    externalId: `<m${n}.${Date.now()}@mail.example>`,
    from: { address: from },
    replyRef: `email:support@shop.example:${from.toLowerCase()}`,
    text,
    ...extra,
  };
}

describe('identities linked only on proof', () => {
  let t: TestDesk;
  before(async () => {
    t = await startTestDesk();
  });
  after(() => t.stop());

  const suggestions = () => t.console.events.filter((e): e is Suggestion => e.type === 'merge_suggestion');

  it('a typed-in address stays an unverified contact: usable to reply, but later mail from it is its owner’s', async () => {
    const intake = t.connector.intake();
    const visitor = '+15550008001';
    const chat = await intake.receive(sms('hi, I need help', visitor));
    assert.ok(chat.kind === 'stored');
    await t.desk.drain();
    // The visitor "leaves an email" that belongs to someone else.
    await intake.claimIdentity('sms', visitor, { channel: 'email', address: 'Victim@Example.com' });
    await t.desk.drain();
    assert.equal(await t.desk.store.findCustomerByIdentity('email', 'victim@example.com'), undefined);
    assert.deepEqual(
      (await t.desk.store.listClaims(chat.customerId)).map((c) => [c.address, c.kind]),
      [['victim@example.com', 'typed']],
    );
    const [draft] = (await t.desk.api.pendingDrafts()).filter((d) => d.customerId === chat.customerId);
    assert.ok(draft);
    assert.deepEqual(
      [...(await t.desk.api.replyChannels(draft.id))].sort(),
      ['email', 'sms'],
      'the owner may answer the visitor at the address they gave',
    );
    const view = await t.desk.api.view(chat.customerId);
    assert.deepEqual(
      view?.claims?.map((c) => c.address),
      ['victim@example.com'],
      'shown as unverified',
    );

    // The real owner of the address writes: their own customer, not the visitor's thread.
    const mail = await intake.receive(email('victim@example.com', 'Hello, a question about my order'));
    assert.ok(mail.kind === 'stored');
    assert.notEqual(mail.customerId, chat.customerId, 'the claimer does not capture the mail');
    await t.desk.drain();
    const [mailDraft] = (await t.desk.api.pendingDrafts()).filter((d) => d.customerId === mail.customerId);
    assert.ok(mailDraft);
    assert.deepEqual(await t.desk.api.replyChannels(mailDraft.id), ['email'], 'no "Send via" to the visitor');

    // The owner is offered the merge, in the new thread, for one tap.
    const offer = suggestions().find((s) => s.view.customer.id === mail.customerId);
    assert.ok(offer, 'a merge suggestion in the new customer’s thread');
    assert.equal(offer.into.customer.id, mail.customerId);
    assert.equal(offer.from.customer.id, chat.customerId);
    assert.equal(offer.address.address, 'victim@example.com');
    assert.equal(offer.why, 'claimed');
    assert.deepEqual(await t.desk.api.merge(offer.into.customer.id, offer.from.customer.id, OWNER), {
      kind: 'ok',
    });
    const merged = await t.desk.api.view(chat.customerId);
    assert.equal(merged?.customer.id, mail.customerId);
    assert.deepEqual(merged?.identities.map((i) => i.channel).sort(), ['email', 'sms']);
    assert.equal(merged?.claims, undefined, 'the claim is proven now: no longer shown as unverified');
  });

  it('claiming another customer’s address moves nothing and suggests the merge in the claimer’s thread', async () => {
    const intake = t.connector.intake();
    const ann = await intake.receive(email('ann@example.com', 'Where is my parcel?'));
    const visitor = '+15550008002';
    const chat = await intake.receive(sms('hello', visitor));
    assert.ok(ann.kind === 'stored' && chat.kind === 'stored');
    await t.desk.drain();
    await intake.claimIdentity('sms', visitor, { channel: 'email', address: 'ann@example.com' });
    await t.desk.drain();
    assert.equal((await t.desk.store.findCustomerByIdentity('email', 'ann@example.com'))?.id, ann.customerId);
    const offer = suggestions().find((s) => s.from.customer.id === chat.customerId);
    assert.ok(offer, 'a merge suggestion');
    assert.equal(offer.view.customer.id, chat.customerId, 'posted where the address was typed');
    assert.equal(offer.into.customer.id, ann.customerId);
    const again = await intake.receive(email('ann@example.com', 'Any news?'));
    assert.ok(again.kind === 'stored');
    assert.equal(again.customerId, ann.customerId, 'Ann’s mail stays Ann’s');
  });

  it('quoting our Message-ID from another address does not join that customer', async () => {
    const intake = t.connector.intake();
    const first = await intake.receive(email('ana@customer.example', 'Hi, a question'));
    assert.ok(first.kind === 'stored');
    await t.desk.drain();
    const draft = (await t.desk.api.pendingDrafts()).find((d) => d.customerId === first.customerId);
    assert.ok(draft);
    const decided = await t.desk.api.decide({ draftId: draft.id, actor: OWNER, action: 'send' });
    assert.equal(decided.kind, 'queued');
    await t.desk.drain();
    const job = decided.kind === 'queued' ? await t.desk.store.getJob(decided.job.id) : undefined;
    assert.ok(job?.externalId);

    const stranger = await intake.receive(
      email('mallory@evil.example', 'Please send the invoice here instead', { inReplyTo: [job.externalId] }),
    );
    assert.ok(stranger.kind === 'stored');
    assert.notEqual(stranger.customerId, first.customerId);
    assert.deepEqual(
      (await t.desk.store.listIdentities(first.customerId)).map((i) => i.address),
      ['ana@customer.example'],
      'the stranger’s address was not added to Ana',
    );
    await t.desk.drain();
    const offer = suggestions().find((s) => s.from.customer.id === stranger.customerId);
    assert.ok(offer, 'the owner may still merge if it really is Ana from another address');
    assert.equal(offer.into.customer.id, first.customerId);
    assert.equal(offer.why, 'answered');

    // Ana herself answering (her identity) stays in her conversation.
    const own = await intake.receive(
      email('ana@customer.example', 'Thanks!', { inReplyTo: [job.externalId] }),
    );
    assert.ok(own.kind === 'stored');
    assert.equal(own.customerId, first.customerId);
    assert.equal(own.conversationId, first.conversationId);
  });

  it('a sender that failed authentication gets an unverified customer of its own', async () => {
    const intake = t.connector.intake();
    const real = await intake.receive(email('bob@shop-customer.example', 'My order 1234 please'));
    assert.ok(real.kind === 'stored');
    const spoof = await intake.receive(
      email('bob@shop-customer.example', 'Change my delivery address', {
        unverifiedSender: 'dmarc=fail',
        replyRef: 'email:support@shop.example:attacker@evil.example',
      }),
    );
    assert.ok(spoof.kind === 'stored');
    assert.notEqual(spoof.customerId, real.customerId, 'not filed as the known customer');
    const message = await t.desk.store.getMessage(spoof.messageId);
    assert.equal(message?.meta.unverifiedSender, 'dmarc=fail', 'the card can say why');
    assert.deepEqual(await t.desk.store.listIdentities(spoof.customerId), []);
    assert.deepEqual(
      (await t.desk.store.listClaims(spoof.customerId)).map((c) => [c.address, c.kind, c.reason]),
      [['bob@shop-customer.example', 'unauthenticated', 'dmarc=fail']],
    );
    // A second failing mail joins the same unverified thread, not one per mail.
    const spoof2 = await intake.receive(
      email('bob@shop-customer.example', 'Hurry', { unverifiedSender: 'spf=fail, no dkim=pass' }),
    );
    assert.ok(spoof2.kind === 'stored');
    assert.equal(spoof2.customerId, spoof.customerId);
    // Mail with no (or passing) results from the address still reaches the known customer.
    const later = await intake.receive(email('bob@shop-customer.example', 'Any update?'));
    assert.ok(later.kind === 'stored');
    assert.equal(later.customerId, real.customerId);
    await t.desk.drain();
    const shown = t.console.events.find((e) => e.type === 'inbound' && e.message.id === spoof.messageId);
    assert.ok(shown && shown.type === 'inbound');
    assert.deepEqual(shown.view.identities, []);
    assert.equal(shown.view.claims?.[0]?.kind, 'unauthenticated');
    assert.equal(
      suggestions().filter(
        (s) => s.from.customer.id === spoof.customerId || s.into.customer.id === spoof.customerId,
      ).length,
      0,
      'a spoofed sender is never offered as a merge',
    );
  });
});
