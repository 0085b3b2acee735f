/** Outbox jobs for a connector's send() in tests: a fresh job id and idempotency key each call. */
import type { Channel, Customer } from '../../src/core/model.js';
import type { OutboundMessage } from '../../src/core/ports.js';

export function testCustomer(extra: Partial<Customer> = {}): Customer {
  return { id: 'cust-1', createdAt: new Date(0), optedOut: [], ...extra };
}

let jobs = 0;

export function outboundJob(
  channel: Channel,
  replyRef: string,
  text: string,
  extra: Partial<OutboundMessage> = {},
): OutboundMessage {
  jobs += 1;
  return {
    jobId: `job-${jobs}`,
    idempotencyKey: `key-${jobs}`,
    channel,
    replyRef,
    text,
    purpose: 'reply',
    customer: testCustomer(),
    conversationId: 'conv-1',
    language: 'en',
    ...extra,
  };
}
