import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { flakyConsole } from '../support/recording-console.js';
import { sms, startTestDesk, type TestDesk } from '../support/desk-harness.js';

describe('pipeline.receive', () => {
  let t: TestDesk;
  before(async () => {
    t = await startTestDesk();
  });
  after(() => t.stop());

  it('stores the same inbound message once, even when delivered twice at once', async () => {
    const intake = t.connector.intake();
    const message = sms('Where is my order?', '+15550000001');
    const [a, b] = await Promise.all([intake.receive(message), intake.receive({ ...message })]);
    const c = await intake.receive({ ...message });
    await t.desk.drain();
    const kinds = [a.kind, b.kind, c.kind].sort();
    assert.deepEqual(kinds, ['duplicate', 'duplicate', 'stored']);
    const stored = a.kind === 'stored' ? a : b.kind === 'stored' ? b : undefined;
    assert.ok(stored && stored.kind === 'stored');
    const messages = await t.desk.store.listMessages(stored.conversationId);
    assert.equal(messages.filter((m) => m.direction === 'in').length, 1);
    const inbound = t.console.events.filter(
      (e) => e.type === 'inbound' && e.message.externalId === message.externalId,
    );
    assert.equal(inbound.length, 1, 'the console saw the message once');
  });

  it('classifies, drafts and presents a stored message with the draft pending', async () => {
    const intake = t.connector.intake();
    const result = await intake.receive(sms('我的订单什么时候到？', '+15550000002'));
    assert.equal(result.kind, 'stored');
    const event = await t.console.waitFor(
      (e) => e.type === 'inbound' && e.message.text === '我的订单什么时候到？',
    );
    assert.ok(event.type === 'inbound' && event.draft);
    assert.equal(event.message.classification?.language, 'zh');
    assert.equal(event.draft.status, 'pending');
    assert.equal(event.draft.channel, 'sms');
    assert.equal(event.view.customer.language, 'zh', 'the card already shows the detected language');
    await t.desk.drain();
    const customer = await t.desk.store.getCustomer(event.view.customer.id);
    assert.equal(customer?.language, 'zh', 'the customer remembers the detected language');
    const message = await t.desk.store.getMessage(event.message.id);
    assert.equal(message?.stage, 'presented');
  });

  it('keeps one customer and one open conversation across messages, and opens a new one after resolve', async () => {
    const intake = t.connector.intake();
    const from = '+15550000003';
    const first = await intake.receive(sms('hello', from));
    const second = await intake.receive(sms('are you there?', from));
    assert.ok(first.kind === 'stored' && second.kind === 'stored');
    assert.equal(first.customerId, second.customerId);
    assert.equal(first.conversationId, second.conversationId);
    await t.desk.drain();
    const owner = { console: 'test', userId: 'U1' };
    assert.deepEqual(await t.desk.api.resolve(first.customerId, owner), { kind: 'ok' });
    const third = await intake.receive(sms('one more question about my order', from));
    assert.ok(third.kind === 'stored');
    assert.equal(third.customerId, first.customerId);
    assert.notEqual(third.conversationId, first.conversationId);
    assert.equal(await t.desk.store.countConversations(first.customerId), 2);
  });

  it('records a bare 1–5 reply to a rating request as a rating, not a new conversation', async () => {
    const intake = t.connector.intake();
    const from = '+15550000004';
    const first = await intake.receive(sms('thanks for the help', from));
    assert.ok(first.kind === 'stored');
    await t.desk.drain();
    await t.desk.api.resolve(first.customerId, { console: 'test', userId: 'U1' });
    await t.desk.drain();
    const request = t.connector.sent.find((m) => m.purpose === 'rating_request' && m.replyRef.endsWith(from));
    assert.ok(request, 'a rating request went out on the customer channel');
    const reply = sms('5', from);
    const rated = await intake.receive(reply);
    assert.equal(rated.kind, 'ignored');
    assert.equal(await t.desk.store.countConversations(first.customerId), 1);
    const kept = (await t.desk.store.listMessages(first.conversationId)).filter((m) => m.text === '5');
    assert.equal(kept.length, 1, 'the rating reply stays in the history');
    assert.ok(kept.every((m) => m.classification?.intent === 'feedback_praise' && m.stage === 'presented'));
    const ratings = await t.desk.store.listRatings(first.conversationId);
    assert.deepEqual(
      ratings.map((r) => r.score),
      [5],
    );
    // A webhook retry of the same rating changes nothing.
    assert.equal((await intake.receive({ ...reply })).kind, 'duplicate');
    assert.equal((await t.desk.store.listRatings(first.conversationId)).length, 1);
  });

  it('keeps an answer to our reply from another address apart, offering the merge (no join without proof)', async () => {
    const intake = t.connector.intake();
    const first = await intake.receive({
      channel: 'email',
      externalId: '<q1@customer.example>',
      from: { address: 'Ana@Customer.example', displayName: 'Ana' },
      replyRef: 'email:support@shop.example:ana@customer.example',
      text: 'Hi, a question',
    });
    assert.ok(first.kind === 'stored');
    await t.desk.drain();
    const draft = (await t.desk.api.pendingDrafts()).find((d) => d.customerId === first.customerId);
    assert.ok(draft);
    const decided = await t.desk.api.decide({
      draftId: draft.id,
      actor: { console: 'test', userId: 'U1' },
      action: 'send',
    });
    assert.equal(decided.kind, 'queued');
    await t.desk.drain();
    const job = decided.kind === 'queued' ? await t.desk.store.getJob(decided.job.id) : undefined;
    assert.ok(job?.externalId);
    const answer = await intake.receive({
      channel: 'email',
      externalId: '<a1@other.example>',
      from: { address: 'ana.work@other.example' },
      replyRef: 'email:support@shop.example:ana.work@other.example',
      text: 'Thanks, one more thing',
      inReplyTo: [job.externalId],
    });
    assert.ok(answer.kind === 'stored');
    assert.notEqual(answer.customerId, first.customerId, 'a quoted Message-ID is no proof');
    const identities = await t.desk.store.listIdentities(first.customerId);
    assert.deepEqual(
      identities.map((i) => i.address),
      ['ana@customer.example'],
    );
    const offer = await t.console.waitFor(
      (e) => e.type === 'merge_suggestion' && e.from.customer.id === answer.customerId,
    );
    assert.ok(offer.type === 'merge_suggestion' && offer.into.customer.id === first.customerId);
  });

  it('ignores malformed input without storing anything', async () => {
    const intake = t.connector.intake();
    const result = await intake.receive({ ...sms('x'), externalId: '' });
    assert.equal(result.kind, 'ignored');
    assert.equal(await t.desk.store.findMessageByExternalId('sms', ''), undefined);
  });
});

describe('console delivery is at-least-once', () => {
  it('a message a console could not take stays unshown, is offered again, and keeps its one draft', async () => {
    const seen: string[] = [];
    const flaky = flakyConsole((event) => seen.push(event.draft?.id ?? ''));
    const t = await startTestDesk({ overrides: { consoles: [flaky] } });
    try {
      const result = await t.connector.intake().receive(sms('is anyone there?', '+15550000099'));
      assert.ok(result.kind === 'stored');
      await t.desk.drain();
      assert.equal(
        (await t.desk.store.getMessage(result.messageId))?.stage,
        'stored',
        'not done while a console missed it',
      );
      const firstDraft = t.console.events.find(
        (e) => e.type === 'inbound' && e.message.id === result.messageId,
      );
      assert.ok(firstDraft?.type === 'inbound' && firstDraft.draft);

      assert.equal(await t.desk.intake.resume(), 1);
      await t.desk.drain();
      assert.equal((await t.desk.store.getMessage(result.messageId))?.stage, 'presented');
      assert.deepEqual(seen, [firstDraft.draft.id], 'the retry shows the same draft, not a second one');
      const pending = (await t.desk.api.pendingDrafts()).filter((d) => d.customerId === result.customerId);
      assert.equal(pending.length, 1);
    } finally {
      await t.stop();
    }
  });
});

describe('one profile per person, found by the platform', () => {
  let t: TestDesk;
  before(async () => {
    t = await startTestDesk();
  });
  after(() => t.stop());

  it('joins a message to the customer of an identity the platform says is the same person', async () => {
    const intake = t.connector.intake();
    const first = await intake.receive(sms('hi by sms', '+15550007001'));
    // The same number on another channel (say WhatsApp), vouched for by the connector.
    const second = await intake.receive({
      ...sms('hi again from another app', '+15550007001'),
      channel: 'email',
      from: { address: 'wa+15550007001@example.net' },
      replyRef: 'email:desk:wa+15550007001@example.net',
      sameAs: [{ channel: 'sms', address: '+15550007001' }],
    });
    assert.ok(first.kind === 'stored' && second.kind === 'stored');
    assert.equal(second.customerId, first.customerId);
    assert.equal(second.conversationId, first.conversationId);
    const identities = await t.desk.store.listIdentities(first.customerId);
    assert.deepEqual(identities.map((i) => i.channel).sort(), ['email', 'sms']);
  });

  it('a resent or repeated rating reply stays in the rated conversation and never opens a new one', async () => {
    const intake = t.connector.intake();
    const from = '+15550007002';
    const first = await intake.receive(sms('thanks', from));
    assert.ok(first.kind === 'stored');
    await t.desk.drain();
    await t.desk.api.resolve(first.customerId, { console: 'test', userId: 'U1' });
    await t.desk.drain();
    assert.equal((await intake.receive(sms('5', from))).kind, 'ignored');
    assert.equal((await intake.receive(sms('5', from))).kind, 'ignored', 'the same answer again');
    assert.equal((await intake.receive(sms('4', from))).kind, 'ignored', 'a corrected answer');
    assert.equal(await t.desk.store.countConversations(first.customerId), 1);
    const kept = (await t.desk.store.listMessages(first.conversationId)).filter((m) => m.text === '5');
    assert.equal(kept.length, 2, 'rating replies stay in the history');
    assert.ok(kept.every((m) => m.classification?.intent === 'feedback_praise' && m.stage === 'presented'));
    const ratings = await t.desk.store.listRatings(first.conversationId);
    assert.deepEqual(
      ratings.map((r) => r.score),
      [5, 4],
      'the repeat is not counted twice; the correction is the latest',
    );
    const real = await intake.receive(sms('Actually I have another question', from));
    assert.ok(real.kind === 'stored');
    assert.notEqual(
      real.conversationId,
      first.conversationId,
      'a real message still opens a new conversation',
    );
  });

  it('redraws pending draft cards when a new way to reach the customer is learned', async () => {
    const intake = t.connector.intake();
    const from = '+15550007003';
    const first = await intake.receive(sms('question', from));
    assert.ok(first.kind === 'stored');
    await t.desk.drain();
    const [draft] = (await t.desk.api.pendingDrafts()).filter((d) => d.customerId === first.customerId);
    assert.ok(draft);
    const before = t.console.events.length;
    await intake.addIdentity('sms', from, { channel: 'email', address: 'new@example.com' });
    await t.desk.drain();
    const redrawn = t.console.events.slice(before).find((e) => e.type === 'draft' && e.draft.id === draft.id);
    assert.ok(redrawn, 'the pending draft card is published again');
    assert.deepEqual([...(await t.desk.api.replyChannels(draft.id))].sort(), ['email', 'sms']);
  });
});
