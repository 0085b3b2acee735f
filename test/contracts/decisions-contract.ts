/**
 * The Store contract for drafts and the decisions on them: run by runStoreContract for every store.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../src/core/ports.js';
import { at, decision, draft, job, message, outbound, seedCustomer, seedJob } from './store-fixtures.js';

export function runDecisionsContract(
  withStore: (fn: (store: Store) => Promise<void>) => Promise<void>,
): void {
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
}
