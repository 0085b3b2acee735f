/**
 * The Store contract: every Store implementation (SQLite, MongoDB) must pass it.
 * It takes only a factory; each test gets a fresh, migrated, empty store and closes it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../src/core/ports.js';
import type { DeliveryState } from '../../src/core/model.js';
import {
  at,
  conversation,
  customer,
  identity,
  job,
  nextId,
  outbound,
  seedCustomer,
  seedJob,
} from './store-fixtures.js';
import { runCustomersContract } from './customers-contract.js';
import { runConversationsContract } from './conversations-contract.js';
import { runMessagesContract } from './messages-contract.js';
import { runDecisionsContract } from './decisions-contract.js';
import { runRatingsContract } from './ratings-contract.js';
import { runConsoleRefsContract } from './console-refs-contract.js';
import { runOutboxLeaseContract } from './outbox-lease-contract.js';
import { runOutboxUncertainContract } from './outbox-uncertain-contract.js';
import { runOutboxNeedsOwnerContract } from './outbox-needs-owner-contract.js';
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

  describe(`Store contract: ${name}`, () => {
    runOutboxLeaseContract(withStore);
    runOutboxUncertainContract(withStore);
    runOutboxNeedsOwnerContract(withStore);
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

    runCustomersContract(withStore);

    runClaimsContract(withStore);
    runSplitContract(withStore);
    runPrivacyContract(withStore);

    runConversationsContract(withStore);

    runMessagesContract(withStore);

    runDecisionsContract(withStore);

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

    runRatingsContract(withStore);

    runConsoleRefsContract(withStore);

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
