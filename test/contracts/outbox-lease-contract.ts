/**
 * The outbox lease while a send is in flight (part of the Store contract): an owner never takes
 * back a job it holds, the heartbeat keeps a lease alive, and the send marker survives a
 * takeover but not an owner's Retry.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../src/core/ports.js';
import { at, seedCustomer, seedJob } from './store-fixtures.js';

const MINUTE = 60_000;

export function runOutboxLeaseContract(
  withStore: (fn: (store: Store) => Promise<void>) => Promise<void>,
): void {
  async function seed(store: Store) {
    const { conversation } = await seedCustomer(store);
    return (await seedJob(store, conversation, { nextAttemptAt: at(0) })).job;
  }

  describe('outbox lease while a send is in flight', () => {
    it('an owner never re-claims a job it still holds, however late; another owner may', async () => {
      await withStore(async (store) => {
        const j = await seed(store);
        assert.equal((await store.claimJobs('w1', at(5), MINUTE, 10)).length, 1);
        assert.deepEqual(await store.claimJobs('w1', at(30), MINUTE, 10), [], 'w1 still holds it');
        const taken = await store.claimJobs('w2', at(30), MINUTE, 10);
        assert.deepEqual(
          taken.map((x) => x.id),
          [j.id],
        );
        assert.equal(taken[0]?.leaseOwner, 'w2');
      });
    });

    it('the heartbeat extends a held lease, and only its owner can renew it', async () => {
      await withStore(async (store) => {
        const j = await seed(store);
        await store.claimJobs('w1', at(5), MINUTE, 10); // lease until minute 6
        const renewed = await store.renewJobLease(j.id, 'w1', at(5.5), MINUTE);
        assert.equal(renewed?.id, j.id);
        assert.deepEqual(renewed?.leaseUntil, at(6.5));
        assert.equal(await store.renewJobLease(j.id, 'w2', at(5.5), MINUTE), undefined, 'not w2’s');
        assert.deepEqual(await store.claimJobs('w2', at(6.2), MINUTE, 10), [], 'renewed: still held');
        assert.equal((await store.claimJobs('w2', at(7), MINUTE, 10)).length, 1, 'then it expired');
        assert.equal(await store.renewJobLease(j.id, 'w1', at(7), MINUTE), undefined, 'w1 lost it');
        assert.equal(await store.renewJobLease('nope', 'w1', at(7), MINUTE), undefined);
      });
    });

    it('the send marker is stored at once, survives a takeover, and a Retry clears it', async () => {
      await withStore(async (store) => {
        const j = await seed(store);
        await store.markJobSent(j.id, 'too-early');
        assert.equal((await store.getJob(j.id))?.sentMarker, undefined, 'only a job being sent');
        await store.claimJobs('w1', at(5), MINUTE, 10);
        await store.markJobSent(j.id, 'SM123');
        const taken = await store.claimJobs('w2', at(7), MINUTE, 10);
        assert.equal(taken[0]?.sentMarker, 'SM123', 'the next worker sees it');
        assert.equal((await store.renewJobLease(j.id, 'w2', at(7), MINUTE))?.sentMarker, 'SM123');
        const patch = { status: 'failed', attempts: 1, nextAttemptAt: at(7), delivery: 'failed' } as const;
        assert.equal(await store.finishJob(j.id, 'w2', { ...patch, externalId: 'SM123' }), true);
        assert.equal(await store.requeueJob(j.id, at(8)), true);
        const again = await store.getJob(j.id);
        assert.equal(again?.sentMarker, undefined, 'a Retry is a new send');
        assert.equal(again?.status, 'pending');
      });
    });
  });
}
