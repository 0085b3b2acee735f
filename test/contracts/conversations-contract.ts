/**
 * The Store contract for conversations: run by runStoreContract for every store.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../src/core/ports.js';
import { at, conversation, customer, identity, seedCustomer } from './store-fixtures.js';

export function runConversationsContract(
  withStore: (fn: (store: Store) => Promise<void>) => Promise<void>,
): void {
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
}
