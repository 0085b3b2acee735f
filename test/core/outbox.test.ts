import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sms, startTestDesk, type TestDesk } from '../support/desk-harness.js';

const owner = { console: 'test', userId: 'U-owner' };

describe('outbox', () => {
  let t: TestDesk;
  before(async () => {
    t = await startTestDesk({ env: { OUTBOX_MAX_ATTEMPTS: '3' } });
  });
  after(() => t.stop());

  async function queueReply(from: string) {
    const result = await t.connector.intake().receive(sms('hello', from));
    assert.ok(result.kind === 'stored');
    await t.desk.drain();
    const draft = (await t.desk.api.pendingDrafts()).find((d) => d.customerId === result.customerId);
    assert.ok(draft);
    const decided = await t.desk.api.decide({ draftId: draft.id, actor: owner, action: 'send' });
    assert.ok(decided.kind === 'queued');
    return decided.job;
  }

  async function settle(jobId: string, status: string) {
    for (let i = 0; i < 100; i++) {
      await t.desk.drain();
      const job = await t.desk.store.getJob(jobId);
      if (job?.status === status) return job;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`job never reached ${status}`);
  }

  it('retries a failed send with backoff and records the attempts', async () => {
    t.connector.script.push(new Error('ECONNRESET'), { kind: 'retry', reason: 'HTTP 503' });
    const job = await queueReply('+15550002001');
    const done = await settle(job.id, 'sent');
    assert.equal(done.attempts, 3);
    assert.equal(done.delivery, 'sent');
    assert.equal(t.connector.sent.filter((m) => m.jobId === job.id).length, 1);
    const conversation = await t.desk.store.getConversation(job.conversationId);
    assert.ok(conversation?.firstResponseAt, 'the first response time is recorded when the reply went out');
  });

  it('gives up after the bound, tells the console, and sends once after an owner Retry', async () => {
    t.connector.script.push(new Error('down'), new Error('down'), new Error('down'));
    const job = await queueReply('+15550002002');
    const failed = await settle(job.id, 'failed');
    assert.equal(failed.attempts, 3);
    assert.equal(failed.delivery, 'failed');
    assert.ok(
      t.console.events.some((e) => e.type === 'delivery' && e.job.id === job.id && e.job.status === 'failed'),
    );
    assert.deepEqual(await t.desk.api.retry(job.id, owner), { kind: 'ok' });
    assert.equal((await t.desk.api.retry(job.id, owner)).kind, 'rejected', 'a second Retry changes nothing');
    await settle(job.id, 'sent');
    assert.equal(t.connector.sent.filter((m) => m.jobId === job.id).length, 1);
  });

  it('does not retry a permanent rejection', async () => {
    t.connector.script.push({ kind: 'rejected', reason: 'invalid number' });
    const job = await queueReply('+15550002003');
    const failed = await settle(job.id, 'failed');
    assert.equal(failed.attempts, 1);
    assert.equal(failed.lastError, 'invalid number');
  });

  it('passes a stable idempotency key for every attempt of one job', async () => {
    t.connector.script.push(new Error('timeout'));
    const job = await queueReply('+15550002004');
    await settle(job.id, 'sent');
    const sent = t.connector.sent.find((m) => m.jobId === job.id);
    assert.equal(sent?.idempotencyKey, job.idempotencyKey);
  });
});
