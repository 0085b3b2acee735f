/**
 * The Store contract for ratings: run by runStoreContract for every store.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../src/core/ports.js';
import { at, conversation, rating, seedCustomer } from './store-fixtures.js';

export function runRatingsContract(withStore: (fn: (store: Store) => Promise<void>) => Promise<void>): void {
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
}
