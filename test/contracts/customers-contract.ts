/**
 * The Store contract for customers and their identities (create, find, merge): run by runStoreContract for every store.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../src/core/ports.js';
import { customer, draft, identity, message, rating, seedCustomer, seedJob } from './store-fixtures.js';

export function runCustomersContract(
  withStore: (fn: (store: Store) => Promise<void>) => Promise<void>,
): void {
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
        assert.deepEqual([...(survivor?.optedOut ?? [])].sort(), ['sms', 'whatsapp'], 'opt-outs still hold');
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
}
