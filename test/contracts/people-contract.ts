/**
 * The Store contract for Split (src/core/people.ts `SplitSource`, issue 19): one identity of a
 * customer moves to a new customer with the messages through it, the conversations wholly
 * theirs, and the drafts, deliveries and ratings belonging to what moved. Run for every store.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SplitSource } from '../../src/core/people.js';
import type { Store } from '../../src/core/ports.js';
import type { PrivacyStore } from '../../src/core/privacy.js';
import {
  at,
  conversation,
  customer,
  draft,
  identity,
  job,
  message,
  outbound,
  rating,
} from './store-fixtures.js';

export function runSplitContract(withStore: (fn: (store: Store) => Promise<void>) => Promise<void>): void {
  describe('split', () => {
    it('moves an identity, its messages and what belongs only to them to a new customer', async () => {
      await withStore(async (raw) => {
        const store = raw as Store & SplitSource;
        const c = customer({ name: 'Ann', language: 'en', optedOut: ['sms', 'whatsapp'] });
        const email = identity({ channel: 'email', address: 'ann@example.com', displayName: 'Ann' });
        const phone = identity({ channel: 'sms', address: '+15550107777', displayName: 'Mobile' });
        await store.createCustomer(c, email);
        await store.addIdentity(c.id, phone);
        const smsOnly = conversation(c.id, { channel: 'sms' });
        const mixed = conversation(c.id, { channel: 'email' });
        await store.createConversation(smsOnly);
        await store.createConversation(mixed);
        const m1 = message(smsOnly, { channel: 'sms', address: phone.address });
        const m2 = outbound(smsOnly, { channel: 'sms', address: phone.address });
        const m3 = message(mixed, { channel: 'email', address: email.address });
        const m4 = message(mixed, { channel: 'sms', address: phone.address });
        for (const m of [m1, m3, m4]) await store.insertMessage(m);
        const j1 = job(m2);
        assert.deepEqual(await store.enqueue(m2, j1), { kind: 'inserted' });
        const d1 = draft(smsOnly, { inReplyTo: m1.id, channel: 'sms' });
        const d2 = draft(mixed, { inReplyTo: m4.id, channel: 'sms' });
        const d3 = draft(mixed, { inReplyTo: m3.id });
        for (const d of [d1, d2, d3]) await store.insertDraft(d);
        const r1 = rating(smsOnly, { score: 2 });
        await store.insertRating(r1);

        const n = customer({ name: 'Mobile', language: 'en', optedOut: ['sms'] });
        assert.deepEqual(await store.splitIdentity(c.id, phone, n), {
          kind: 'split',
          messages: 3,
          conversations: 1,
        });
        assert.deepEqual(await store.getCustomer(n.id), n);
        assert.equal((await store.findCustomerByIdentity('sms', phone.address))?.id, n.id);
        assert.deepEqual(await store.listIdentities(n.id), [phone]);
        assert.deepEqual(await store.listIdentities(c.id), [email]);
        for (const m of [m1, m2, m4]) assert.equal((await store.getMessage(m.id))?.customerId, n.id, m.id);
        assert.equal((await store.getMessage(m3.id))?.customerId, c.id, 'the email stays');
        // The SMS-only conversation goes; the mixed one stays (its SMS message keeps its conversation).
        assert.equal((await store.getConversation(smsOnly.id))?.customerId, n.id);
        assert.equal((await store.getConversation(mixed.id))?.customerId, c.id);
        assert.equal((await store.getMessage(m4.id))?.conversationId, mixed.id);
        assert.equal(await store.countConversations(n.id), 1);
        assert.equal(await store.countConversations(c.id), 1);
        assert.deepEqual(await store.countMessages(n.id), { in: 2, out: 1 });
        assert.deepEqual(await store.countMessages(c.id), { in: 1, out: 0 });
        assert.equal((await store.getDraft(d1.id))?.customerId, n.id);
        assert.equal((await store.getDraft(d2.id))?.customerId, n.id, 'a draft answering a moved message');
        assert.equal((await store.getDraft(d3.id))?.customerId, c.id);
        assert.equal((await store.getJob(j1.id))?.customerId, n.id);
        assert.equal((await store.lastRating(n.id))?.id, r1.id);
        assert.equal(await store.lastRating(c.id), undefined);
        assert.equal((await store.getCustomer(c.id))?.mergedInto, undefined);
      });
    });

    it('records merges: the latest that brought an identity is its origin; a split and /cs forget clear them', async () => {
      await withStore(async (raw) => {
        const store = raw as Store & SplitSource & PrivacyStore;
        const into = customer({ name: 'Ann' });
        const phone = { channel: 'sms' as const, address: '+15550109999' };
        const chat = { channel: 'webchat' as const, address: 'wc-ann-1' };
        await store.createCustomer(into, identity({ channel: 'email', address: 'ann2@example.com' }));
        await store.addIdentity(into.id, phone);
        await store.addIdentity(into.id, chat);
        const first = {
          intoId: into.id,
          fromId: 'cus-old-phone',
          fromName: 'Ann (mobile)',
          fromLanguage: 'zh',
          identities: [phone],
          mergedAt: at(5),
        };
        const second = { intoId: into.id, fromId: 'cus-visitor', identities: [chat, phone], mergedAt: at(9) };
        await store.recordMerge(first);
        await store.recordMerge(second);
        assert.deepEqual(await store.mergeOrigin(into.id, phone), second, 'the latest merge that brought it');
        assert.deepEqual(
          await store.mergeOrigin(into.id, { channel: 'email', address: 'ann2@example.com' }),
          undefined,
        );
        assert.equal(await store.mergeOrigin('someone-else', phone), undefined);

        assert.equal((await store.splitIdentity(into.id, phone, customer())).kind, 'split');
        assert.equal(await store.mergeOrigin(into.id, phone), undefined, 'no record names a split identity');
        assert.deepEqual((await store.mergeOrigin(into.id, chat))?.identities, [chat]);

        const exported = await store.exportCustomer(into.id, at(20));
        assert.deepEqual(
          exported?.merges,
          [
            { ...first, identities: [] },
            { ...second, identities: [chat] },
          ],
          '/cs export includes them',
        );
        await store.forgetCustomer(into.id);
        assert.equal(await store.mergeOrigin(into.id, chat), undefined, 'forgotten with the customer');
      });
    });

    it('refuses an identity the customer does not hold, and its last one, changing nothing', async () => {
      await withStore(async (raw) => {
        const store = raw as Store & SplitSource;
        const c = customer();
        const only = identity();
        await store.createCustomer(c, only);
        const other = customer();
        await store.createCustomer(other, identity({ channel: 'sms', address: '+15550108888' }));
        const n = customer();
        assert.deepEqual(await store.splitIdentity(c.id, { channel: 'sms', address: '+15550108888' }, n), {
          kind: 'not_found',
        });
        assert.deepEqual(await store.splitIdentity(c.id, only, n), { kind: 'last_identity' });
        assert.equal(await store.getCustomer(n.id), undefined, 'no customer made');
        assert.deepEqual(await store.listIdentities(c.id), [only]);
        assert.equal((await store.findCustomerByIdentity('sms', '+15550108888'))?.id, other.id);
      });
    });
  });
}
