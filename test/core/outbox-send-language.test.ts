/**
 * A delivery the outbox refuses before its connector (src/core/outbox-send.ts) shows its reason on
 * the owner's card, so it is in OWNER_LANGUAGE: with zh it used to stay English
 * ("the customer opted out of sms").
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OutboxJob } from '../../src/core/model.js';
import { sendJob, type SendJobDeps } from '../../src/core/outbox-send.js';
import type { SendRecord, Store } from '../../src/core/ports.js';

const job = { id: 'job_1', customerId: 'cus_1', channel: 'sms' } as unknown as OutboxJob;
const record = {} as SendRecord;

function deps(ownerLanguage: string | undefined, optedOut: string[] | undefined): SendJobDeps {
  const store = {
    getCustomer: async () => (optedOut ? { id: 'cus_1', optedOut } : undefined),
  } as unknown as Store;
  const connector = { send: async () => ({ kind: 'sent' }) } as never;
  return { store, connectorFor: () => connector, ...(ownerLanguage ? { ownerLanguage } : {}) };
}

describe('outbox refusals in the owner language', () => {
  it('keeps the English reasons as they were', async () => {
    assert.deepEqual(await sendJob(deps('en', ['sms']), job, record), {
      kind: 'rejected',
      reason: 'the customer opted out of sms',
    });
    assert.deepEqual(await sendJob(deps(undefined, undefined), job, record), {
      kind: 'rejected',
      reason: 'customer not found',
    });
    const none = { ...deps('en', []), connectorFor: () => undefined };
    assert.deepEqual(await sendJob(none, job, record), {
      kind: 'retry',
      reason: 'no sms connector is running',
    });
  });

  it('says them in Chinese with OWNER_LANGUAGE=zh, naming the channel', async () => {
    assert.deepEqual(await sendJob(deps('zh', ['sms']), job, record), {
      kind: 'rejected',
      reason: '客户已退订短信',
    });
    assert.deepEqual(await sendJob(deps('zh', undefined), job, record), {
      kind: 'rejected',
      reason: '找不到该客户',
    });
    const none = { ...deps('zh', []), connectorFor: () => undefined };
    assert.deepEqual(await sendJob(none, job, record), { kind: 'retry', reason: '短信渠道未在运行' });
  });
});
