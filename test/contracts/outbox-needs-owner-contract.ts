/**
 * The outbox jobs that need the owner (part of the Store contract; Store.listJobsNeedingOwner,
 * read by /cs due and the digest): every uncertain job; a failed reply only while it is the
 * newest reply of its conversation and no later reply to that customer was sent.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OutboxJob } from '../../src/core/model.js';
import type { Store } from '../../src/core/ports.js';
import { at, conversation, seedCustomer, seedJob } from './store-fixtures.js';

const failed = (minutes: number): Partial<OutboxJob> => ({
  status: 'failed',
  delivery: 'failed',
  attempts: 8,
  lastError: 'blocked by the customer',
  createdAt: at(minutes),
  updatedAt: at(minutes + 1),
});

const ids = (jobs: OutboxJob[]) => jobs.map((j) => j.id);

export function runOutboxNeedsOwnerContract(
  withStore: (fn: (store: Store) => Promise<void>) => Promise<void>,
): void {
  describe('outbox jobs that need the owner', () => {
    it('lists failed replies and uncertain jobs, oldest change first, up to the limit', async () => {
      await withStore(async (store) => {
        const a = await seedCustomer(store);
        const b = await seedCustomer(store);
        const c = await seedCustomer(store);
        const fa = (await seedJob(store, a.conversation, failed(10))).job;
        const ub = (
          await seedJob(store, b.conversation, {
            status: 'uncertain',
            delivery: 'sending',
            attempts: 1,
            createdAt: at(3),
            updatedAt: at(5),
          })
        ).job;
        await seedJob(store, c.conversation, { status: 'sent', delivery: 'delivered' });
        await seedJob(store, c.conversation, { createdAt: at(20), updatedAt: at(20) }); // pending
        const listed = await store.listJobsNeedingOwner(10);
        assert.deepEqual(ids(listed), [ub.id, fa.id]);
        assert.equal(listed[1]?.lastError, 'blocked by the customer', 'the reason comes along');
        assert.equal(listed[0]?.status, 'uncertain');
        assert.deepEqual(ids(await store.listJobsNeedingOwner(1)), [ub.id]);
        assert.deepEqual(await store.listJobsNeedingOwner(0), []);
      });
    });

    it('a failed reply leaves the list once a newer reply of its conversation is queued', async () => {
      await withStore(async (store) => {
        const a = await seedCustomer(store);
        const old = (await seedJob(store, a.conversation, failed(10))).job;
        assert.deepEqual(ids(await store.listJobsNeedingOwner(10)), [old.id]);
        // Not yet delivered, but the newer reply is the one that counts now (it may fail itself).
        const newer = (await seedJob(store, a.conversation, { createdAt: at(30), updatedAt: at(30) })).job;
        assert.deepEqual(await store.listJobsNeedingOwner(10), []);
        const patch = { status: 'failed', attempts: 1, nextAttemptAt: at(31), delivery: 'failed' } as const;
        await store.claimJobs('w1', at(31), 60_000, 10);
        assert.equal(await store.finishJob(newer.id, 'w1', { ...patch, lastError: 'rejected' }), true);
        assert.deepEqual(ids(await store.listJobsNeedingOwner(10)), [newer.id]);
      });
    });

    it('a later reply to the same customer that was sent removes a failed one, in any conversation', async () => {
      await withStore(async (store) => {
        const a = await seedCustomer(store);
        const old = (await seedJob(store, a.conversation, failed(10))).job;
        const other = conversation(a.customer.id, { channel: 'sms', openedAt: at(15) });
        await store.createConversation(other);
        // An earlier reply sent elsewhere does not count; a later one still queued does not either.
        await seedJob(store, other, { status: 'sent', delivery: 'sent', createdAt: at(5) });
        const later = (await seedJob(store, other, { createdAt: at(20), updatedAt: at(20) })).job;
        assert.deepEqual(ids(await store.listJobsNeedingOwner(10)), [old.id]);
        await store.claimJobs('w1', at(21), 60_000, 10);
        const sent = { status: 'sent', attempts: 1, nextAttemptAt: at(21), delivery: 'sent' } as const;
        assert.equal(await store.finishJob(later.id, 'w1', sent), true);
        assert.deepEqual(await store.listJobsNeedingOwner(10), []);
      });
    });

    it('failed acknowledgements and rating requests are not listed; an uncertain one is', async () => {
      await withStore(async (store) => {
        const a = await seedCustomer(store);
        await seedJob(store, a.conversation, { ...failed(10), purpose: 'ack' });
        await seedJob(store, a.conversation, { ...failed(11), purpose: 'rating_request' });
        assert.deepEqual(await store.listJobsNeedingOwner(10), []);
        const uncertain = (
          await seedJob(store, a.conversation, {
            purpose: 'rating_request',
            status: 'uncertain',
            delivery: 'sending',
            createdAt: at(12),
            updatedAt: at(13),
          })
        ).job;
        // An uncertain job is listed whatever came after it: only the owner can settle it.
        await seedJob(store, a.conversation, { status: 'sent', delivery: 'sent', createdAt: at(40) });
        assert.deepEqual(ids(await store.listJobsNeedingOwner(10)), [uncertain.id]);
      });
    });

    it('a Retry or an answer takes the job off the list', async () => {
      await withStore(async (store) => {
        const a = await seedCustomer(store);
        const b = await seedCustomer(store);
        const f = (await seedJob(store, a.conversation, failed(10))).job;
        const u = (
          await seedJob(store, b.conversation, {
            status: 'uncertain',
            delivery: 'sending',
            updatedAt: at(12),
          })
        ).job;
        assert.deepEqual(ids(await store.listJobsNeedingOwner(10)), [f.id, u.id]);
        assert.equal(await store.requeueJob(f.id, at(50)), true);
        assert.ok(await store.answerUncertainJob(u.id, 'arrived', at(50)));
        assert.deepEqual(await store.listJobsNeedingOwner(10), []);
      });
    });
  });
}
