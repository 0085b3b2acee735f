/**
 * Uncertain outbox jobs (part of the Store contract; src/core/outbox-uncertain.ts): the attempt
 * stamp is set by startJobAttempt and cleared by the send marker or an outcome, kept on an
 * uncertain job, and the owner's answer is taken once.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../src/core/ports.js';
import { at, seedCustomer, seedJob } from './store-fixtures.js';

const MINUTE = 60_000;

export function runOutboxUncertainContract(
  withStore: (fn: (store: Store) => Promise<void>) => Promise<void>,
): void {
  async function seed(store: Store) {
    const { conversation } = await seedCustomer(store);
    return (await seedJob(store, conversation, { nextAttemptAt: at(0) })).job;
  }

  /** w1 claims at minute 5, starts its send, and dies; w2 takes the job over at minute 7. */
  async function crashed(store: Store) {
    const j = await seed(store);
    await store.claimJobs('w1', at(5), MINUTE, 10);
    const started = await store.startJobAttempt(j.id, 'w1', at(5.1), MINUTE);
    assert.deepEqual(started?.attemptStartedAt, at(5.1), 'stamped, and the lease renewed');
    assert.deepEqual(started?.leaseUntil, at(6.1));
    const [taken] = await store.claimJobs('w2', at(7), MINUTE, 10);
    assert.deepEqual(taken?.attemptStartedAt, at(5.1), 'the next worker sees the unfinished attempt');
    const patch = { status: 'uncertain', attempts: 1, nextAttemptAt: at(7), delivery: 'sending' } as const;
    assert.equal(await store.finishJob(j.id, 'w2', patch), true);
    return j;
  }

  describe('uncertain outbox jobs', () => {
    it('the attempt stamp: only the holder sets it; the marker and any outcome clear it', async () => {
      await withStore(async (store) => {
        const j = await seed(store);
        await store.claimJobs('w1', at(5), MINUTE, 10);
        assert.equal(await store.startJobAttempt(j.id, 'w2', at(5.1), MINUTE), undefined, 'not w2’s');
        await store.startJobAttempt(j.id, 'w1', at(5.1), MINUTE);
        await store.markJobSent(j.id, 'M1');
        const marked = await store.getJob(j.id);
        assert.equal(marked?.sentMarker, 'M1');
        assert.equal(marked?.attemptStartedAt, undefined, 'the platform answered');
        await store.startJobAttempt(j.id, 'w1', at(5.2), MINUTE);
        const retry = { status: 'pending', attempts: 1, nextAttemptAt: at(6), delivery: 'queued' } as const;
        assert.equal(await store.finishJob(j.id, 'w1', retry), true);
        assert.equal((await store.getJob(j.id))?.attemptStartedAt, undefined, 'an outcome ends it');
      });
    });

    it('an uncertain job is kept with its stamp, never claimed, and not answerable before', async () => {
      await withStore(async (store) => {
        const j = await crashed(store);
        const kept = await store.getJob(j.id);
        assert.equal(kept?.status, 'uncertain');
        assert.deepEqual(kept?.attemptStartedAt, at(5.1));
        assert.equal(kept?.leaseOwner, undefined);
        assert.deepEqual(await store.claimJobs('w3', at(60), MINUTE, 10), [], 'waits for the owner');
        const other = await seed(store);
        assert.equal(await store.answerUncertainJob(other.id, 'arrived', at(8)), undefined, 'not uncertain');
        assert.equal((await store.getJob(other.id))?.status, 'pending');
      });
    });

    it('Send again: queued once, due now, attempts kept; a second answer changes nothing', async () => {
      await withStore(async (store) => {
        const j = await crashed(store);
        const again = await store.answerUncertainJob(j.id, 'resend', at(8));
        assert.equal(again?.status, 'pending');
        assert.equal(again?.attempts, 1);
        assert.equal(again?.attemptStartedAt, undefined);
        assert.deepEqual(again?.nextAttemptAt, at(8));
        assert.equal(again?.delivery, 'queued');
        assert.equal(await store.answerUncertainJob(j.id, 'resend', at(8.1)), undefined);
        assert.equal(await store.answerUncertainJob(j.id, 'arrived', at(8.1)), undefined);
        assert.equal((await store.getJob(j.id))?.status, 'pending');
        const claimed = await store.claimJobs('w3', at(8.2), MINUTE, 10);
        assert.deepEqual(
          claimed.map((x) => x.id),
          [j.id],
        );
        assert.equal((await store.getMessage(j.messageId))?.delivery, 'queued', 'the message mirrors it');
      });
    });

    it('It arrived: sent (the message too); a second answer changes nothing', async () => {
      await withStore(async (store) => {
        const j = await crashed(store);
        const arrived = await store.answerUncertainJob(j.id, 'arrived', at(8));
        assert.equal(arrived?.status, 'sent');
        assert.equal(arrived?.delivery, 'sent');
        assert.equal(arrived?.attempts, 1);
        assert.equal(await store.answerUncertainJob(j.id, 'resend', at(8.1)), undefined);
        assert.equal((await store.getJob(j.id))?.status, 'sent');
        assert.equal((await store.getMessage(j.messageId))?.delivery, 'sent');
        assert.deepEqual(await store.claimJobs('w3', at(60), MINUTE, 10), []);
      });
    });
  });
}
