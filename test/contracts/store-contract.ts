/**
 * The Store contract: every Store implementation (SQLite, MongoDB) must pass it.
 * It takes only a factory; each test gets a fresh, migrated, empty store and closes it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../src/core/ports.js';
import type { Conversation, Customer, DeliveryState } from '../../src/core/model.js';
import {
  at,
  CLASSIFICATION,
  conversation,
  customer,
  decision,
  draft,
  identity,
  job,
  message,
  nextId,
  outbound,
  rating,
} from './store-fixtures.js';
import { runOutboxLeaseContract } from './outbox-lease-contract.js';
import { runOutboxUncertainContract } from './outbox-uncertain-contract.js';
import { runIntakeStoreContract } from './intake-store-contract.js';
import { runClaimsContract } from './claims-contract.js';
import { runSplitContract } from './people-contract.js';
import { runAttentionContract } from './attention-contract.js';
import { runAnswersContract } from './answers-contract.js';
import { runPrivacyContract } from './privacy-contract.js';

export function runStoreContract(name: string, make: () => Promise<Store>): void {
  runAttentionContract(name, make);
  runAnswersContract(name, make);
  /** Runs `fn` on a fresh migrated store and always closes it. */
  async function withStore(fn: (store: Store) => Promise<void>): Promise<void> {
    const store = await make();
    try {
      await store.migrate();
      await fn(store);
    } finally {
      await store.close();
    }
  }

  /** A customer with one identity and an open conversation: the usual starting point. */
  async function seedCustomer(store: Store, over: Partial<Customer> = {}) {
    const c = customer(over);
    const id = identity();
    assert.deepEqual(await store.createCustomer(c, id), { kind: 'inserted' });
    const conv = conversation(c.id);
    await store.createConversation(conv);
    return { customer: c, identity: id, conversation: conv };
  }

  /** A queued reply job (through enqueue) ready to be claimed at minute 3. */
  async function seedJob(store: Store, conv: Conversation, over: Parameters<typeof job>[1] = {}) {
    const msg = outbound(conv);
    const j = job(msg, over);
    assert.deepEqual(await store.enqueue(msg, j), { kind: 'inserted' });
    return { message: msg, job: j };
  }

  describe(`Store contract: ${name}`, () => {
    runOutboxLeaseContract(withStore);
    runOutboxUncertainContract(withStore);
    describe('lifecycle', () => {
      it('migrate is idempotent and ping answers true until close', async () => {
        const store = await make();
        await store.migrate();
        await store.migrate();
        assert.equal(await store.ping(), true);
        await store.close();
        assert.equal(await store.ping(), false);
        await store.close(); // a second close is harmless
      });
    });

    describe('customers and identities', () => {
      it('creates a customer and finds it by identity; absent lookups are undefined', async () => {
        await withStore(async (store) => {
          const c = customer({ name: '王小明', language: 'zh', optedOut: ['sms'] });
          const id = identity({ channel: 'sms', address: '+15550001111', displayName: 'Xiaoming' });
          assert.deepEqual(await store.createCustomer(c, id), { kind: 'inserted' });
          assert.deepEqual(await store.getCustomer(c.id), c);
          assert.deepEqual(await store.findCustomerByIdentity('sms', '+15550001111'), c);
          assert.equal(await store.findCustomerByIdentity('sms', '+15550009999'), undefined);
          // The same address on another channel is a different identity.
          assert.equal(await store.findCustomerByIdentity('whatsapp', '+15550001111'), undefined);
          assert.equal(await store.getCustomer('nope'), undefined);
          assert.deepEqual(await store.listIdentities(c.id), [id]);
        });
      });

      it('refuses a second customer for an existing identity and reports the owner', async () => {
        await withStore(async (store) => {
          const first = customer();
          const id = identity({ address: 'dup@example.com' });
          await store.createCustomer(first, id);
          const second = customer();
          assert.deepEqual(await store.createCustomer(second, { ...id, displayName: 'Other' }), {
            kind: 'duplicate',
            existingId: first.id,
          });
          assert.equal(await store.getCustomer(second.id), undefined, 'nothing of the loser is stored');
          assert.deepEqual(await store.listIdentities(first.id), [id]);
        });
      });

      it('adds identities in order and keeps (channel, address) unique across customers', async () => {
        await withStore(async (store) => {
          const { customer: a, identity: first } = await seedCustomer(store);
          const { customer: b } = await seedCustomer(store);
          const phone = identity({ channel: 'sms', address: '+15550002222' });
          const chat = identity({ channel: 'webchat', address: 'visitor-1', displayName: 'Visitor' });
          assert.deepEqual(await store.addIdentity(a.id, phone), { kind: 'inserted' });
          assert.deepEqual(await store.addIdentity(a.id, chat), { kind: 'inserted' });
          assert.deepEqual(await store.addIdentity(b.id, phone), { kind: 'duplicate', existingId: a.id });
          assert.deepEqual(await store.addIdentity(a.id, phone), { kind: 'duplicate', existingId: a.id });
          assert.deepEqual(await store.listIdentities(a.id), [first, phone, chat]);
          assert.equal((await store.listIdentities(b.id)).length, 1);
          assert.equal((await store.findCustomerByIdentity('sms', '+15550002222'))?.id, a.id);
          assert.deepEqual(await store.listIdentities('nobody'), []);
        });
      });

      it('updates only the patched fields; an explicit undefined clears an optional field', async () => {
        await withStore(async (store) => {
          const { customer: c } = await seedCustomer(store, { name: 'Ann', language: 'en' });
          await store.updateCustomer(c.id, { optedOut: ['sms', 'whatsapp'] });
          assert.deepEqual(await store.getCustomer(c.id), { ...c, optedOut: ['sms', 'whatsapp'] });
          await store.updateCustomer(c.id, { language: 'zh', name: undefined });
          const after = await store.getCustomer(c.id);
          assert.equal(after?.language, 'zh');
          assert.equal(after?.name, undefined);
          assert.equal('name' in (after ?? {}), false, 'cleared fields are absent, not undefined');
          assert.deepEqual(after?.optedOut, ['sms', 'whatsapp']);
          assert.deepEqual(after?.createdAt, c.createdAt);
          await store.updateCustomer(c.id, {}); // an empty patch changes nothing
          assert.deepEqual(await store.getCustomer(c.id), after);
        });
      });

      it('merges one customer into another, moving everything', async () => {
        await withStore(async (store) => {
          const into = await seedCustomer(store, { name: 'Ann', optedOut: ['sms'] });
          const from = await seedCustomer(store, { language: 'zh', optedOut: ['whatsapp'] });
          const extra = identity({ channel: 'telegram', address: '4242' });
          await store.addIdentity(from.customer.id, extra);
          const inMsg = message(from.conversation);
          await store.insertMessage(inMsg);
          const d = draft(from.conversation);
          await store.insertDraft(d);
          const r = rating(from.conversation, { score: 4 });
          await store.insertRating(r);
          const { job: j } = await seedJob(store, from.conversation);
          // A customer that had been merged into `from` earlier follows it.
          const older = await seedCustomer(store);
          await store.mergeCustomers(from.customer.id, older.customer.id);

          await store.mergeCustomers(into.customer.id, from.customer.id);

          const merged = await store.getCustomer(from.customer.id);
          assert.equal(merged?.mergedInto, into.customer.id);
          assert.equal((await store.getCustomer(older.customer.id))?.mergedInto, into.customer.id);
          const survivor = await store.getCustomer(into.customer.id);
          assert.equal(survivor?.mergedInto, undefined);
          assert.equal(survivor?.name, 'Ann');
          assert.deepEqual(
            [...(survivor?.optedOut ?? [])].sort(),
            ['sms', 'whatsapp'],
            'opt-outs still hold',
          );
          const ids = await store.listIdentities(into.customer.id);
          assert.equal(ids.length, 4);
          assert.deepEqual(await store.listIdentities(from.customer.id), []);
          assert.equal((await store.findCustomerByIdentity('telegram', '4242'))?.id, into.customer.id);
          assert.equal(
            (await store.findCustomerByIdentity(from.identity.channel, from.identity.address))?.id,
            into.customer.id,
          );
          assert.equal(await store.countConversations(into.customer.id), 3);
          assert.equal(await store.countConversations(from.customer.id), 0);
          assert.equal((await store.getConversation(from.conversation.id))?.customerId, into.customer.id);
          assert.equal((await store.getMessage(inMsg.id))?.customerId, into.customer.id);
          assert.deepEqual(await store.countMessages(into.customer.id), { in: 1, out: 1 });
          assert.deepEqual(await store.countMessages(from.customer.id), { in: 0, out: 0 });
          assert.equal((await store.getDraft(d.id))?.customerId, into.customer.id);
          assert.equal((await store.lastRating(into.customer.id))?.id, r.id);
          assert.equal(await store.lastRating(from.customer.id), undefined);
          assert.equal((await store.getJob(j.id))?.customerId, into.customer.id);
        });
      });
    });

    runClaimsContract(withStore);
    runSplitContract(withStore);
    runPrivacyContract(withStore);

    describe('conversations', () => {
      it('creates, reads, patches and counts conversations', async () => {
        await withStore(async (store) => {
          const { customer: c, conversation: conv } = await seedCustomer(store);
          assert.deepEqual(await store.getConversation(conv.id), conv);
          assert.equal(await store.getConversation('nope'), undefined);
          await store.updateConversation(conv.id, { firstResponseAt: at(4), lastInboundAt: at(6) });
          await store.updateConversation(conv.id, {
            status: 'resolved',
            resolvedAt: at(9),
            ratingRequestedAt: at(9),
          });
          assert.deepEqual(await store.getConversation(conv.id), {
            ...conv,
            firstResponseAt: at(4),
            lastInboundAt: at(6),
            status: 'resolved',
            resolvedAt: at(9),
            ratingRequestedAt: at(9),
          });
          await store.updateConversation(conv.id, { status: 'open', resolvedAt: undefined });
          const reopened = await store.getConversation(conv.id);
          assert.equal(reopened?.status, 'open');
          assert.equal('resolvedAt' in (reopened ?? {}), false);
          assert.deepEqual(reopened?.ratingRequestedAt, at(9));
          assert.equal(await store.countConversations(c.id), 1);
          assert.equal(await store.countConversations('nobody'), 0);
        });
      });

      it('latestConversation is the most recently opened, whatever the insert order', async () => {
        await withStore(async (store) => {
          const c = customer();
          await store.createCustomer(c, identity());
          assert.equal(await store.latestConversation(c.id), undefined);
          const middle = conversation(c.id, { openedAt: at(60), lastInboundAt: at(60) });
          const newest = conversation(c.id, { openedAt: at(120), lastInboundAt: at(120), channel: 'sms' });
          const oldest = conversation(c.id, { openedAt: at(0), status: 'resolved', resolvedAt: at(5) });
          await store.createConversation(middle);
          await store.createConversation(newest);
          await store.createConversation(oldest);
          assert.deepEqual(await store.latestConversation(c.id), newest);
          const other = await seedCustomer(store);
          assert.equal((await store.latestConversation(other.customer.id))?.id, other.conversation.id);
          assert.equal(await store.countConversations(c.id), 3);
        });
      });
    });

    describe('messages', () => {
      it('round-trips every field, including JSON and optional ones', async () => {
        await withStore(async (store) => {
          const { conversation: conv } = await seedCustomer(store);
          const full = message(conv, {
            fullText: 'full text\n> quoted',
            subject: 'Re: 订单',
            attachments: [
              { name: 'a.pdf', contentType: 'application/pdf', size: 3, dataBase64: 'AAEC' },
              { name: 'b.jpg', contentType: 'image/jpeg', size: 10, url: 'https://media.example/b.jpg' },
            ],
            meta: { caller: 'x', recording: 'https://r.example/1' },
            classification: CLASSIFICATION,
            kind: 'voicemail',
          });
          const bare = message(conv, { createdAt: at(2) });
          await store.insertMessage(full);
          await store.insertMessage(bare);
          assert.deepEqual(await store.getMessage(full.id), full);
          const readBare = await store.getMessage(bare.id);
          assert.deepEqual(readBare, bare);
          for (const key of ['fullText', 'subject', 'classification', 'delivery']) {
            assert.equal(key in (readBare ?? {}), false, `${key} absent`);
          }
          assert.equal(await store.getMessage('nope'), undefined);
        });
      });

      it('dedupes on (channel, externalId) and finds by it', async () => {
        await withStore(async (store) => {
          const { conversation: conv } = await seedCustomer(store);
          const m = message(conv, { externalId: 'SM123', channel: 'sms' });
          assert.deepEqual(await store.insertMessage(m), { kind: 'inserted' });
          const again = message(conv, { externalId: 'SM123', channel: 'sms', text: 'redelivered' });
          assert.deepEqual(await store.insertMessage(again), { kind: 'duplicate', existingId: m.id });
          assert.equal(await store.getMessage(again.id), undefined);
          // The same external id on another channel is another message.
          const otherChannel = message(conv, { externalId: 'SM123', channel: 'whatsapp' });
          assert.deepEqual(await store.insertMessage(otherChannel), { kind: 'inserted' });
          assert.equal((await store.findMessageByExternalId('sms', 'SM123'))?.id, m.id);
          assert.equal((await store.findMessageByExternalId('whatsapp', 'SM123'))?.id, otherChannel.id);
          assert.equal(await store.findMessageByExternalId('telegram', 'SM123'), undefined);
          assert.equal((await store.listMessages(conv.id)).length, 2);
        });
      });

      it('patches classification, stage and delivery only', async () => {
        await withStore(async (store) => {
          const { conversation: conv } = await seedCustomer(store);
          const m = message(conv);
          await store.insertMessage(m);
          await store.updateMessage(m.id, { classification: CLASSIFICATION });
          await store.updateMessage(m.id, { stage: 'presented' });
          assert.deepEqual(await store.getMessage(m.id), {
            ...m,
            classification: CLASSIFICATION,
            stage: 'presented',
          });
          await store.updateMessage(m.id, { delivery: 'read' });
          assert.equal((await store.getMessage(m.id))?.delivery, 'read');
        });
      });

      it('lists a conversation oldest first; a limit keeps the latest ones', async () => {
        await withStore(async (store) => {
          const { conversation: conv } = await seedCustomer(store);
          const other = await seedCustomer(store);
          const m3 = message(conv, { createdAt: at(30) });
          const m1 = message(conv, { createdAt: at(10) });
          const m2 = outbound(conv, { createdAt: at(20) });
          for (const m of [m3, m1, m2]) await store.insertMessage(m);
          await store.insertMessage(message(other.conversation, { createdAt: at(15) }));
          assert.deepEqual(
            (await store.listMessages(conv.id)).map((m) => m.id),
            [m1.id, m2.id, m3.id],
          );
          assert.deepEqual(
            (await store.listMessages(conv.id, 2)).map((m) => m.id),
            [m2.id, m3.id],
          );
          assert.deepEqual(await store.listMessages('nope'), []);
        });
      });

      it('counts a customer’s messages by direction', async () => {
        await withStore(async (store) => {
          const { customer: c, conversation: conv } = await seedCustomer(store);
          const second = conversation(c.id, { openedAt: at(50) });
          await store.createConversation(second);
          assert.deepEqual(await store.countMessages(c.id), { in: 0, out: 0 });
          await store.insertMessage(message(conv));
          await store.insertMessage(message(second));
          await store.insertMessage(message(second));
          await store.insertMessage(outbound(conv));
          assert.deepEqual(await store.countMessages(c.id), { in: 3, out: 1 });
        });
      });

      it('lists inbound messages not yet presented, oldest first, up to the limit', async () => {
        await withStore(async (store) => {
          const { conversation: conv } = await seedCustomer(store);
          const late = message(conv, { createdAt: at(30) });
          const early = message(conv, { createdAt: at(10) });
          const shown = message(conv, { createdAt: at(5), stage: 'presented' });
          const out = outbound(conv, { createdAt: at(1), stage: 'stored' });
          for (const m of [late, early, shown, out]) await store.insertMessage(m);
          assert.deepEqual(
            (await store.listUnpresented(10)).map((m) => m.id),
            [early.id, late.id],
          );
          assert.deepEqual(
            (await store.listUnpresented(1)).map((m) => m.id),
            [early.id],
          );
          await store.updateMessage(early.id, { stage: 'presented' });
          assert.deepEqual(
            (await store.listUnpresented(10)).map((m) => m.id),
            [late.id],
          );
        });
      });
    });

    describe('drafts and decisions', () => {
      it('stores drafts and lists the pending ones oldest first', async () => {
        await withStore(async (store) => {
          const { conversation: conv } = await seedCustomer(store);
          const inMsg = message(conv);
          await store.insertMessage(inMsg);
          const d2 = draft(conv, { createdAt: at(20), inReplyTo: inMsg.id, text: '请稍等 [[order number]]' });
          const d1 = draft(conv, { createdAt: at(10), origin: 'owner_note' });
          const done = draft(conv, { createdAt: at(5), status: 'sent', decisionId: 'dec-x' });
          for (const d of [d2, d1, done]) await store.insertDraft(d);
          assert.deepEqual(await store.getDraft(d2.id), d2);
          assert.deepEqual(await store.getDraft(done.id), done);
          assert.equal(await store.getDraft('nope'), undefined);
          assert.deepEqual(await store.listPendingDrafts(), [d1, d2]);
          assert.deepEqual(await store.listPendingDrafts(1), [d1]);
        });
      });

      it('commitDecision sends once: the second call returns false and changes nothing', async () => {
        await withStore(async (store) => {
          const { conversation: conv } = await seedCustomer(store);
          const d = draft(conv);
          await store.insertDraft(d);
          const dec = decision(d.id, { kind: 'edit_send', text: 'Edited reply' });
          const msg = outbound(conv, { text: 'Edited reply' });
          const j = job(msg, { draftId: d.id });
          assert.equal(await store.commitDecision(dec, 'sent', { message: msg, job: j }), true);

          assert.deepEqual(await store.getDraft(d.id), { ...d, status: 'sent', decisionId: dec.id });
          assert.deepEqual(await store.getDecision(dec.id), dec);
          assert.deepEqual(await store.getMessage(msg.id), msg);
          assert.deepEqual(await store.getJob(j.id), j);
          assert.deepEqual(await store.listPendingDrafts(), []);

          const dec2 = decision(d.id, { kind: 'discard' });
          const msg2 = outbound(conv);
          const j2 = job(msg2, { draftId: d.id });
          assert.equal(await store.commitDecision(dec2, 'discarded', { message: msg2, job: j2 }), false);
          assert.equal(await store.commitDecision(dec2, 'discarded'), false);
          assert.deepEqual(await store.getDraft(d.id), { ...d, status: 'sent', decisionId: dec.id });
          assert.equal(await store.getDecision(dec2.id), undefined);
          assert.equal(await store.getMessage(msg2.id), undefined);
          assert.equal(await store.getJob(j2.id), undefined);
          assert.deepEqual(await store.countMessages(conv.customerId), { in: 0, out: 1 });
          assert.equal(await store.getDecision('nope'), undefined);
        });
      });

      it('a discard decision needs no delivery; an unknown draft is not decided', async () => {
        await withStore(async (store) => {
          const { conversation: conv } = await seedCustomer(store);
          const d = draft(conv);
          await store.insertDraft(d);
          const dec = decision(d.id, { kind: 'discard', actor: { console: 'terminal', userId: 'me' } });
          assert.equal(await store.commitDecision(dec, 'discarded'), true);
          assert.equal((await store.getDraft(d.id))?.status, 'discarded');
          assert.deepEqual(await store.getDecision(dec.id), dec);
          assert.equal(await store.commitDecision(decision('missing-draft'), 'sent'), false);
          assert.equal((await store.listPendingDrafts()).length, 0);
        });
      });

      it('concurrent decisions on one draft: exactly one wins', async () => {
        await withStore(async (store) => {
          const { conversation: conv } = await seedCustomer(store);
          const d = draft(conv);
          await store.insertDraft(d);
          const attempts = Array.from({ length: 5 }, (_, i) => {
            const msg = outbound(conv);
            return store.commitDecision(
              decision(d.id, { actor: { console: 'slack', userId: `U${i}` } }),
              'sent',
              {
                message: msg,
                job: job(msg, { draftId: d.id }),
              },
            );
          });
          const results = await Promise.all(attempts);
          assert.equal(results.filter(Boolean).length, 1);
          assert.deepEqual(await store.countMessages(conv.customerId), { in: 0, out: 1 });
        });
      });

      it('a failing insert inside commitDecision rolls the whole decision back', async () => {
        await withStore(async (store) => {
          const { conversation: conv } = await seedCustomer(store);
          const taken = await seedJob(store, conv);
          const d = draft(conv);
          await store.insertDraft(d);
          const msg = outbound(conv);
          // Same idempotency key as an existing job: the insert must fail and undo the rest.
          const clash = job(msg, { idempotencyKey: taken.job.idempotencyKey, draftId: d.id });
          const dec = decision(d.id);
          await assert.rejects(store.commitDecision(dec, 'sent', { message: msg, job: clash }));
          assert.equal((await store.getDraft(d.id))?.status, 'pending');
          assert.equal(await store.getDecision(dec.id), undefined);
          assert.equal(await store.getMessage(msg.id), undefined);
        });
      });
    });

    describe('outbox', () => {
      it('enqueue stores the message and job once per idempotency key', async () => {
        await withStore(async (store) => {
          const { conversation: conv } = await seedCustomer(store);
          const msg = outbound(conv);
          const j = job(msg, { purpose: 'rating_request' });
          assert.deepEqual(await store.enqueue(msg, j), { kind: 'inserted' });
          assert.deepEqual(await store.getJob(j.id), j);
          assert.deepEqual(await store.getMessage(msg.id), msg);
          const msg2 = outbound(conv);
          const j2 = job(msg2, { idempotencyKey: j.idempotencyKey });
          assert.deepEqual(await store.enqueue(msg2, j2), { kind: 'duplicate', existingId: j.id });
          assert.equal(await store.getJob(j2.id), undefined);
          assert.equal(await store.getMessage(msg2.id), undefined);
          assert.equal(await store.getJob('nope'), undefined);
        });
      });

      it('claims due pending jobs only, once, oldest first, up to the limit', async () => {
        await withStore(async (store) => {
          const { conversation: conv } = await seedCustomer(store);
          const DAY = 86_400_000;
          const a = await seedJob(store, conv, { nextAttemptAt: at(2) });
          const b = await seedJob(store, conv, { nextAttemptAt: at(1) });
          const future = await seedJob(store, conv, { nextAttemptAt: at(100) });
          const failed = await seedJob(store, conv, {
            nextAttemptAt: at(0),
            status: 'failed',
            delivery: 'failed',
          });
          const sent = await seedJob(store, conv, { nextAttemptAt: at(0), status: 'sent', delivery: 'sent' });
          assert.deepEqual(await store.claimJobs('w1', at(5), DAY, 0), []);
          const first = await store.claimJobs('w1', at(5), DAY, 1);
          assert.deepEqual(
            first.map((j) => j.id),
            [b.job.id],
          );
          assert.equal(first[0]?.status, 'sending');
          assert.equal(first[0]?.leaseOwner, 'w1');
          assert.deepEqual(first[0]?.leaseUntil, new Date(at(5).getTime() + DAY));
          const rest = await store.claimJobs('w2', at(5), DAY, 10);
          assert.deepEqual(
            rest.map((j) => j.id),
            [a.job.id],
          );
          assert.deepEqual(await store.claimJobs('w3', at(5), DAY, 10), [], 'nothing left to claim');
          for (const j of [future, failed, sent])
            assert.equal((await store.getJob(j.job.id))?.leaseOwner, undefined);
          // A job becomes due exactly at nextAttemptAt (the leases above are still live).
          assert.deepEqual(
            (await store.claimJobs('w3', at(100), DAY, 10)).map((j) => j.id),
            [future.job.id],
          );
        });
      });

      it('concurrent claims never hand one job to two workers', async () => {
        await withStore(async (store) => {
          const { conversation: conv } = await seedCustomer(store);
          for (let i = 0; i < 20; i += 1) await seedJob(store, conv, { nextAttemptAt: at(i % 3) });
          const batches = await Promise.all(
            ['a', 'b', 'c', 'd'].map((owner) => store.claimJobs(owner, at(10), 60_000, 7)),
          );
          const ids = batches.flat().map((j) => j.id);
          assert.equal(ids.length, 20);
          assert.equal(new Set(ids).size, 20);
        });
      });

      it('an expired lease is claimable again; a live one is not', async () => {
        await withStore(async (store) => {
          const { conversation: conv } = await seedCustomer(store);
          const { job: j } = await seedJob(store, conv, { nextAttemptAt: at(0) });
          await store.claimJobs('crashed', at(5), 60_000, 10); // lease until minute 6
          assert.deepEqual(await store.claimJobs('other', at(5.5), 60_000, 10), [], 'lease still held');
          assert.deepEqual(
            await store.claimJobs('other', at(6), 60_000, 10),
            [],
            'lease ends strictly after',
          );
          const stolen = await store.claimJobs('other', at(7), 60_000, 10);
          assert.deepEqual(
            stolen.map((x) => x.id),
            [j.id],
          );
          assert.equal(stolen[0]?.leaseOwner, 'other');
          assert.deepEqual(stolen[0]?.leaseUntil, at(8));
        });
      });

      it('only the lease owner may finish a job', async () => {
        await withStore(async (store) => {
          const { conversation: conv } = await seedCustomer(store);
          const { job: j, message: msg } = await seedJob(store, conv, { nextAttemptAt: at(0) });
          const patch = {
            status: 'sent',
            attempts: 1,
            nextAttemptAt: at(5),
            delivery: 'sent',
            externalId: 'SMabc',
          } as const;
          assert.equal(await store.finishJob(j.id, 'w1', patch), false, 'not claimed yet');
          await store.claimJobs('w1', at(5), 60_000, 10);
          // Lease expires and another worker takes over: the first one lost it.
          await store.claimJobs('w2', at(7), 60_000, 10);
          assert.equal(await store.finishJob(j.id, 'w1', patch), false);
          assert.equal((await store.getJob(j.id))?.status, 'sending');
          assert.equal(await store.finishJob(j.id, 'w2', patch), true);
          const done = await store.getJob(j.id);
          assert.equal(done?.status, 'sent');
          assert.equal(done?.attempts, 1);
          assert.equal(done?.externalId, 'SMabc');
          assert.equal(done?.delivery, 'sent');
          assert.equal(done?.leaseOwner, undefined);
          assert.equal(done?.leaseUntil, undefined);
          assert.equal((await store.getMessage(msg.id))?.delivery, 'sent', 'mirrored onto the message');
          assert.equal(await store.finishJob(j.id, 'w2', patch), false, 'finishing twice fails');
          assert.equal(await store.finishJob('nope', 'w2', patch), false);
          assert.equal((await store.findJobByExternalId(j.channel, 'SMabc'))?.id, j.id);
          assert.equal(await store.findJobByExternalId(j.channel, 'other'), undefined);
        });
      });

      it('a retry goes back to pending with a later attempt time and its error', async () => {
        await withStore(async (store) => {
          const { conversation: conv } = await seedCustomer(store);
          const { job: j } = await seedJob(store, conv, { nextAttemptAt: at(0) });
          await store.claimJobs('w1', at(1), 60_000, 10);
          assert.equal(
            await store.finishJob(j.id, 'w1', {
              status: 'pending',
              attempts: 1,
              nextAttemptAt: at(3),
              delivery: 'queued',
              lastError: '503 from platform',
            }),
            true,
          );
          const back = await store.getJob(j.id);
          assert.equal(back?.status, 'pending');
          assert.equal(back?.lastError, '503 from platform');
          assert.deepEqual(back?.nextAttemptAt, at(3));
          assert.deepEqual(await store.claimJobs('w1', at(2), 60_000, 10), [], 'not yet due');
          assert.equal((await store.claimJobs('w1', at(3), 60_000, 10)).length, 1);
        });
      });

      it('finds jobs by the platform id per channel', async () => {
        await withStore(async (store) => {
          const { conversation: conv } = await seedCustomer(store);
          const { job: j } = await seedJob(store, conv, {
            externalId: 'wamid.1',
            status: 'sent',
            channel: 'whatsapp',
          });
          assert.equal((await store.findJobByExternalId('whatsapp', 'wamid.1'))?.id, j.id);
          assert.equal(await store.findJobByExternalId('sms', 'wamid.1'), undefined);
        });
      });

      it('delivery state never moves backwards and is mirrored onto the message', async () => {
        await withStore(async (store) => {
          const { conversation: conv } = await seedCustomer(store);
          const { job: j, message: msg } = await seedJob(store, conv, { status: 'sent', delivery: 'sent' });
          const expect = async (state: DeliveryState) => {
            assert.equal((await store.getJob(j.id))?.delivery, state);
            assert.equal((await store.getMessage(msg.id))?.delivery, state);
          };
          await store.setJobDelivery(j.id, 'delivered');
          await expect('delivered');
          await store.setJobDelivery(j.id, 'sent'); // a late callback
          await expect('delivered');
          await store.setJobDelivery(j.id, 'failed', 'late failure');
          await expect('delivered');
          await store.setJobDelivery(j.id, 'read');
          await expect('read');
          await store.setJobDelivery(j.id, 'delivered');
          await store.setJobDelivery(j.id, 'queued');
          await expect('read');
          await store.setJobDelivery('nope', 'read'); // unknown job: no error, nothing changes
        });
      });

      it('failed can be set before delivery and records the error; sending does not undo it', async () => {
        await withStore(async (store) => {
          const { conversation: conv } = await seedCustomer(store);
          const { job: j, message: msg } = await seedJob(store, conv, { status: 'sent', delivery: 'sent' });
          await store.setJobDelivery(j.id, 'failed', '30007 carrier violation');
          const failed = await store.getJob(j.id);
          assert.equal(failed?.delivery, 'failed');
          assert.equal(failed?.lastError, '30007 carrier violation');
          assert.equal((await store.getMessage(msg.id))?.delivery, 'failed');
          await store.setJobDelivery(j.id, 'sent');
          assert.equal((await store.getJob(j.id))?.delivery, 'failed');
          // A finish never lowers a state a callback already reported.
          const other = await seedJob(store, conv, { nextAttemptAt: at(0) });
          await store.claimJobs('w', at(1), 60_000, 10);
          await store.setJobDelivery(other.job.id, 'delivered');
          await store.finishJob(other.job.id, 'w', {
            status: 'sent',
            attempts: 1,
            nextAttemptAt: at(1),
            delivery: 'sent',
          });
          assert.equal((await store.getJob(other.job.id))?.delivery, 'delivered');
          assert.equal((await store.getMessage(other.message.id))?.delivery, 'delivered');
        });
      });

      it('requeueJob sends a failed job back to pending, once', async () => {
        await withStore(async (store) => {
          const { conversation: conv } = await seedCustomer(store);
          const { job: j, message: msg } = await seedJob(store, conv, { nextAttemptAt: at(0) });
          assert.equal(await store.requeueJob(j.id, at(1)), false, 'only failed jobs');
          await store.claimJobs('w', at(1), 60_000, 10);
          await store.finishJob(j.id, 'w', {
            status: 'failed',
            attempts: 5,
            nextAttemptAt: at(1),
            delivery: 'failed',
            lastError: 'gave up',
          });
          assert.equal((await store.getMessage(msg.id))?.delivery, 'failed');
          assert.equal(await store.requeueJob(j.id, at(20)), true);
          assert.equal(await store.requeueJob(j.id, at(20)), false, 'a second Retry does nothing');
          const again = await store.getJob(j.id);
          assert.equal(again?.status, 'pending');
          assert.deepEqual(again?.nextAttemptAt, at(20));
          assert.equal(again?.delivery, 'queued');
          assert.equal((await store.getMessage(msg.id))?.delivery, 'queued');
          assert.deepEqual(
            (await store.claimJobs('w', at(20), 60_000, 10)).map((x) => x.id),
            [j.id],
          );
          assert.equal(await store.requeueJob('nope', at(20)), false);
        });
      });
    });

    describe('ratings', () => {
      it('stores ratings; lists per conversation in order; lastRating per customer', async () => {
        await withStore(async (store) => {
          const { customer: c, conversation: conv } = await seedCustomer(store);
          const second = conversation(c.id, { openedAt: at(100) });
          await store.createConversation(second);
          assert.equal(await store.lastRating(c.id), undefined);
          const r1 = rating(conv, { score: 2, createdAt: at(10), comment: '太慢了' });
          const r2 = rating(conv, { score: 4, createdAt: at(20) });
          const r3 = rating(second, { score: 5, createdAt: at(200), channel: 'sms' });
          for (const r of [r2, r3, r1]) await store.insertRating(r);
          assert.deepEqual(await store.listRatings(conv.id), [r1, r2]);
          assert.deepEqual(await store.listRatings(second.id), [r3]);
          assert.deepEqual(await store.lastRating(c.id), r3);
          assert.deepEqual(await store.listRatings('nope'), []);
        });
      });
    });

    describe('console references and cursors', () => {
      it('sets, overwrites and reverse-looks-up refs per console', async () => {
        await withStore(async (store) => {
          assert.equal(await store.getRef('slack', 'customer:c1'), undefined);
          await store.setRef('slack', 'customer:c1', 'C01:1700000000.000100');
          await store.setRef('discord', 'customer:c1', 'thread-9');
          await store.setRef('slack', 'customer:c2', 'C01:1700000000.000200');
          assert.equal(await store.getRef('slack', 'customer:c1'), 'C01:1700000000.000100');
          assert.equal(await store.getRef('discord', 'customer:c1'), 'thread-9');
          assert.equal(await store.findRefKey('slack', 'C01:1700000000.000200'), 'customer:c2');
          assert.equal(await store.findRefKey('discord', 'C01:1700000000.000200'), undefined);
          // A new thread for the customer: the old value no longer points at it.
          await store.setRef('slack', 'customer:c1', 'C02:1700000001.000100');
          assert.equal(await store.getRef('slack', 'customer:c1'), 'C02:1700000001.000100');
          assert.equal(await store.findRefKey('slack', 'C01:1700000000.000100'), undefined);
          assert.equal(await store.findRefKey('slack', 'C02:1700000001.000100'), 'customer:c1');
        });
      });

      it('keeps connector cursors', async () => {
        await withStore(async (store) => {
          assert.equal(await store.getCursor('imap:INBOX'), undefined);
          await store.setCursor('imap:INBOX', '41');
          await store.setCursor('telegram:offset', '9001');
          await store.setCursor('imap:INBOX', '42');
          assert.equal(await store.getCursor('imap:INBOX'), '42');
          assert.equal(await store.getCursor('telegram:offset'), '9001');
        });
      });
    });

    runIntakeStoreContract(withStore);

    describe('ids', () => {
      it('fixture ids are unique (sanity of the suite itself)', () => {
        assert.notEqual(nextId('x'), nextId('x'));
      });
    });

    it('a failure the platform reports fails a sent job, so Retry can requeue it; proof of arrival un-fails it', async () => {
      await withStore(async (store) => {
        const c = customer();
        await store.createCustomer(c, identity());
        const conv = conversation(c.id);
        await store.createConversation(conv);
        const msg = outbound(conv);
        const j = job(msg, { status: 'sent', delivery: 'sent', externalId: 'SM1' });
        await store.enqueue(msg, j);
        await store.setJobDelivery(j.id, 'failed', '30003 unreachable');
        assert.equal((await store.getJob(j.id))?.status, 'failed');
        assert.equal(await store.requeueJob(j.id, at(30)), true);
        const requeued = await store.getJob(j.id);
        assert.equal(requeued?.status, 'pending');
        // The platform took the first send, so the retry is a new delivery with a new key.
        assert.equal(requeued?.idempotencyKey, `${j.idempotencyKey}#retry1`);
        await store.claimJobs('w', at(30), 60_000, 10);
        await store.finishJob(j.id, 'w', {
          status: 'sent',
          attempts: 1,
          nextAttemptAt: at(30),
          delivery: 'sent',
          externalId: 'SM1b',
        });
        await store.setJobDelivery(j.id, 'failed');
        assert.equal(await store.requeueJob(j.id, at(40)), true);
        assert.equal((await store.getJob(j.id))?.idempotencyKey, `${j.idempotencyKey}#retry2`);

        const msg2 = outbound(conv);
        const k = job(msg2, { status: 'sent', delivery: 'sent', externalId: 'SM2' });
        await store.enqueue(msg2, k);
        await store.setJobDelivery(k.id, 'failed');
        await store.setJobDelivery(k.id, 'delivered'); // the carrier delivered it after all
        const settled = await store.getJob(k.id);
        assert.equal(settled?.status, 'sent');
        assert.equal(settled?.delivery, 'delivered');
      });
    });
  });
}
