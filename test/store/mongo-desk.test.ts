/**
 * The whole desk on MongoDB: MONGODB_URI in the config makes compose/store.ts build the
 * MongoDB store; a message goes in once, its draft is decided once, the reply is sent once,
 * a delivery callback moves it forward, and a restarted desk finds everything again.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMongoStore } from '../../src/store/mongo/index.js';
import { sms, startTestDesk } from '../support/desk-harness.js';
import { mongoTarget } from '../support/mongo-wire/target.js';

const target = mongoTarget();
const owner = { console: 'test', userId: 'U-owner' };

describe(`desk on the MongoDB store (${target.kind})`, () => {
  it('receives, decides, sends once and survives a restart', async () => {
    const dbName = target.freshName();
    const env = { MONGODB_URI: await target.uriFor(dbName) };
    let t = await startTestDesk({ env });
    let customerId = '';
    let jobId = '';
    try {
      assert.ok('figures' in t.desk.store && 'connection' in t.desk.store, 'the MongoDB store was chosen');
      const first = sms('我的订单还没到 where is my order', '+15550003001');
      const stored = await t.connector.intake().receive(first);
      assert.equal(stored.kind, 'stored');
      assert.ok(stored.kind === 'stored');
      customerId = stored.customerId;
      const again = await t.connector.intake().receive({ ...first });
      assert.deepEqual(again, { kind: 'duplicate', messageId: stored.messageId });
      await t.desk.drain();
      const draft = (await t.desk.api.pendingDrafts()).find((d) => d.customerId === customerId);
      assert.ok(draft, 'a draft is pending');
      const [a, b] = await Promise.all([
        t.desk.api.decide({ draftId: draft.id, actor: owner, action: 'send' }),
        t.desk.api.decide({ draftId: draft.id, actor: { console: 'other', userId: 'U2' }, action: 'send' }),
      ]);
      const kinds = [a.kind, b.kind].sort();
      assert.deepEqual(kinds, ['already_decided', 'queued']);
      const queued = a.kind === 'queued' ? a : b;
      assert.ok(queued.kind === 'queued');
      jobId = queued.job.id;
      let job;
      for (let i = 0; i < 200 && job?.status !== 'sent'; i += 1) {
        await t.desk.drain();
        job = await t.desk.store.getJob(jobId);
        if (job?.status !== 'sent') await new Promise((r) => setTimeout(r, 25));
      }
      assert.equal(job?.status, 'sent');
      assert.equal(t.connector.sent.filter((m) => m.jobId === jobId).length, 1, 'sent exactly once');
      await t.connector.intake().delivery({ channel: 'sms', externalId: `ext-${jobId}`, state: 'delivered' });
      assert.equal((await t.desk.store.getJob(jobId))?.delivery, 'delivered');
      const view = await t.desk.api.view(customerId);
      assert.deepEqual(view?.counts, { conversations: 1, messagesIn: 1, messagesOut: 1 });
    } finally {
      await t.stop();
    }

    // A restarted desk on the same database.
    t = await startTestDesk({ env });
    try {
      const view = await t.desk.api.view(customerId);
      assert.deepEqual(view?.counts, { conversations: 1, messagesIn: 1, messagesOut: 1 });
      assert.equal((await t.desk.store.getJob(jobId))?.delivery, 'delivered');
      assert.deepEqual(await t.desk.api.pendingDrafts(), []);
    } finally {
      await t.stop();
      const cleanup = await createMongoStore({ uri: await target.uri(), dbName });
      await cleanup.connection.dropDatabase();
      await cleanup.close();
    }
  });
});
