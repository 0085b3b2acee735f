import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sms, startTestDesk, type TestDesk } from '../support/desk-harness.js';

const owner = { console: 'test', userId: 'U-owner' };

describe('decisions', () => {
  let t: TestDesk;
  before(async () => {
    t = await startTestDesk();
  });
  after(() => t.stop());

  async function draftFor(text: string, from: string) {
    const result = await t.connector.intake().receive(sms(text, from));
    assert.ok(result.kind === 'stored');
    await t.desk.drain();
    const draft = (await t.desk.api.pendingDrafts()).find((d) => d.customerId === result.customerId);
    assert.ok(draft, 'a pending draft exists');
    return draft;
  }

  it('a card decided twice (even at the same moment) sends once', async () => {
    const draft = await draftFor('where is my order', '+15550001001');
    const results = await Promise.all([
      t.desk.api.decide({ draftId: draft.id, actor: owner, action: 'send' }),
      t.desk.api.decide({ draftId: draft.id, actor: { console: 'other', userId: 'U2' }, action: 'send' }),
    ]);
    const late = await t.desk.api.decide({ draftId: draft.id, actor: owner, action: 'discard' });
    await t.desk.drain();
    assert.deepEqual(results.map((r) => r.kind).sort(), ['already_decided', 'queued']);
    assert.equal(late.kind, 'already_decided');
    assert.ok(late.kind === 'already_decided' && late.decision?.kind === 'send', 'says who decided what');
    assert.equal(t.connector.sent.filter((m) => m.replyRef.endsWith('+15550001001')).length, 1);
    assert.equal((await t.desk.store.getDraft(draft.id))?.status, 'sent');
  });

  it('refuses to send a draft with blanks until it is edited', async () => {
    const draft = await draftFor('please send my tracking number, blank', '+15550001002');
    const refused = await t.desk.api.decide({ draftId: draft.id, actor: owner, action: 'send' });
    assert.ok(refused.kind === 'rejected' && /blanks/.test(refused.reason));
    const refusedZh = await t.desk.api.decide({
      draftId: draft.id,
      actor: { ...owner, language: 'zh' },
      action: 'send',
    });
    assert.ok(refusedZh.kind === 'rejected' && /空白/.test(refusedZh.reason), 'worded in the owner language');
    assert.equal((await t.desk.store.getDraft(draft.id))?.status, 'pending', 'nothing changed');
    const stillBlank = await t.desk.api.decide({
      draftId: draft.id,
      actor: owner,
      action: 'edit_send',
      text: 'It is [[tracking]]',
    });
    assert.equal(stillBlank.kind, 'rejected');
    const edited = await t.desk.api.decide({
      draftId: draft.id,
      actor: owner,
      action: 'edit_send',
      text: 'It is 1Z999',
    });
    assert.equal(edited.kind, 'queued');
    await t.desk.drain();
    const sent = t.connector.sent.find((m) => m.replyRef.endsWith('+15550001002'));
    assert.equal(sent?.text, 'It is 1Z999');
  });

  it('sends via another channel of the same customer, and refuses a channel they do not have', async () => {
    const draft = await draftFor('hello', '+15550001003');
    const missing = await t.desk.api.decide({
      draftId: draft.id,
      actor: owner,
      action: 'send_via',
      channel: 'email',
    });
    assert.equal(missing.kind, 'rejected');
    await t.desk.store.addIdentity(draft.customerId, { channel: 'email', address: 'bo@example.com' });
    const channels = await t.desk.api.replyChannels(draft.id);
    assert.deepEqual([...channels].sort(), ['email', 'sms']);
    const via = await t.desk.api.decide({
      draftId: draft.id,
      actor: owner,
      action: 'send_via',
      channel: 'email',
    });
    assert.equal(via.kind, 'queued');
    await t.desk.drain();
    const sent = t.connector.sent.find((m) => m.channel === 'email' && m.replyRef.endsWith('bo@example.com'));
    assert.ok(sent, 'went out by email to the known address');
  });

  it('discard changes the draft and sends nothing', async () => {
    const draft = await draftFor('hello again', '+15550001004');
    const before = t.connector.sent.length;
    assert.equal(
      (await t.desk.api.decide({ draftId: draft.id, actor: owner, action: 'discard' })).kind,
      'discarded',
    );
    await t.desk.drain();
    assert.equal(t.connector.sent.length, before);
    assert.equal((await t.desk.store.getDraft(draft.id))?.status, 'discarded');
  });

  it('owner free text becomes a pending reply and never goes out by itself', async () => {
    const draft = await draftFor('question', '+15550001005');
    const before = t.connector.sent.length;
    const note = await t.desk.api.note(draft.customerId, 'internal: check stock first', owner);
    assert.ok(note);
    assert.equal(note.status, 'pending');
    assert.equal(note.origin, 'owner_note');
    await t.desk.drain();
    assert.equal(t.connector.sent.length, before, 'nothing was sent');
    assert.ok(t.console.events.some((e) => e.type === 'draft' && e.draft.id === note.id));
  });

  it('refuses when the connector says the channel cannot be used now, changing nothing', async () => {
    const draft = await draftFor('hi', '+15550001006');
    t.connector.block = { ok: false, reason: 'outside the 24-hour window' };
    try {
      const refused = await t.desk.api.decide({ draftId: draft.id, actor: owner, action: 'send' });
      assert.deepEqual(refused, { kind: 'rejected', reason: 'outside the 24-hour window' });
      assert.deepEqual(await t.desk.api.replyChannels(draft.id), [], 'a closed channel is not offered');
      assert.equal((await t.desk.store.getDraft(draft.id))?.status, 'pending');
    } finally {
      delete t.connector.block;
    }
  });

  it('never sends to a customer who opted out of the channel', async () => {
    const draft = await draftFor('hi there', '+15550001007');
    await t.connector.intake().optOut('sms', '+15550001007', true);
    const refused = await t.desk.api.decide({ draftId: draft.id, actor: owner, action: 'send' });
    assert.equal(refused.kind, 'rejected');
    assert.ok(t.console.events.some((e) => e.type === 'notice' && /opted out/.test(e.text)));
  });
});

describe('merging customers', () => {
  let t: TestDesk;
  before(async () => {
    t = await startTestDesk();
  });
  after(() => t.stop());

  it('keeps both histories under one profile and routes new messages from either address there', async () => {
    const intake = t.connector.intake();
    const a = await intake.receive(sms('hi from my phone', '+15550005001'));
    const b = await intake.receive({
      channel: 'email',
      externalId: '<m1@example.com>',
      from: { address: 'cy@example.com', displayName: 'Cy' },
      replyRef: 'email:desk@shop.example:cy@example.com',
      text: 'hi from my email',
    });
    assert.ok(a.kind === 'stored' && b.kind === 'stored');
    assert.notEqual(a.customerId, b.customerId);
    await t.desk.drain();
    assert.deepEqual(await t.desk.api.merge(a.customerId, b.customerId, owner), { kind: 'ok' });
    const [older, newer] = [
      await t.desk.store.getConversation(a.conversationId),
      await t.desk.store.getConversation(b.conversationId),
    ];
    assert.equal(older?.status, 'resolved', 'the older of two open conversations ends with the merge');
    assert.equal(newer?.status, 'open');
    assert.equal((await t.desk.store.latestConversation(a.customerId))?.id, b.conversationId);
    assert.equal(
      (await t.desk.api.merge(a.customerId, b.customerId, owner)).kind,
      'rejected',
      'twice changes nothing',
    );
    const view = await t.desk.api.view(a.customerId);
    assert.deepEqual(view?.identities.map((i) => i.channel).sort(), ['email', 'sms']);
    assert.equal(view?.counts.messagesIn, 2, 'both histories');
    assert.equal(view?.customer.name, 'Cy');
    const later = await intake.receive({
      channel: 'email',
      externalId: '<m2@example.com>',
      from: { address: 'cy@example.com' },
      replyRef: 'email:desk@shop.example:cy@example.com',
      text: 'me again',
    });
    assert.ok(later.kind === 'stored');
    assert.equal(later.customerId, a.customerId);
    const fromOldThread = await t.desk.api.note(b.customerId, 'typed in the old thread', owner);
    assert.equal(fromOldThread?.customerId, a.customerId, 'the old thread acts on the survivor');
    const pointer = t.console.events.find((e) => e.type === 'notice' && e.view.customer.id === b.customerId);
    assert.ok(pointer?.type === 'notice');
    assert.equal(pointer.pointerTo, a.customerId, 'the old thread points at the surviving one');
    assert.match(pointer.text, /Merged into Cy/, 'named as the owner knows them');
  });
});

describe('call back', () => {
  it('bridges to the customer number through the voice connector, and says why when it cannot', async () => {
    const called: string[] = [];
    const voice = {
      connector: {
        name: 'voice',
        channels: [],
        start: async () => {},
        stop: async () => {},
        send: async () => ({ kind: 'sent' as const }),
        health: () => ({ state: 'up' as const }),
      },
      actions: {
        async callBack(number: string) {
          called.push(number);
          return { kind: 'calling' as const, callSid: 'CA1' };
        },
      },
    };
    const t = await startTestDesk({ overrides: { connectors: [voice] } });
    try {
      const bySms = await t.connector.intake().receive(sms('please call me', '+15550006001'));
      const byMail = await t.connector.intake().receive({
        channel: 'email',
        externalId: '<cb@example.com>',
        from: { address: 'nophone@example.com' },
        replyRef: 'email:desk@shop.example:nophone@example.com',
        text: 'hello',
      });
      assert.ok(bySms.kind === 'stored' && byMail.kind === 'stored');
      await t.desk.drain();
      const view = await t.desk.api.view(bySms.customerId);
      assert.equal(t.desk.api.canCallBack(view!), true);
      assert.equal(t.desk.api.canCallBack((await t.desk.api.view(byMail.customerId))!), false);
      assert.deepEqual(await t.desk.api.callBack(bySms.customerId, owner), { kind: 'ok' });
      assert.deepEqual(called, ['+15550006001']);
      assert.ok(t.console.events.some((e) => e.type === 'notice' && /Calling your phone/.test(e.text)));
      const refused = await t.desk.api.callBack(byMail.customerId, { ...owner, language: 'zh' });
      assert.ok(refused.kind === 'rejected' && /电话号码/.test(refused.reason));
      assert.equal(called.length, 1);
    } finally {
      await t.stop();
    }
  });
});
