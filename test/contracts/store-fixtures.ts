/**
 * Small builders for the Store contract suite: valid models with overridable fields, and the
 * usual starting points (a customer with a conversation, a queued job) written into a store.
 */
import assert from 'node:assert/strict';
import type {
  Classification,
  Conversation,
  Customer,
  Decision,
  Draft,
  Identity,
  Message,
  OutboxJob,
  Rating,
} from '../../src/core/model.js';
import type { Store } from '../../src/core/ports.js';

let seq = 0;
/** Unique ids across one process, readable in failures. */
export function nextId(prefix: string): string {
  seq += 1;
  return `${prefix}-${seq.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** A fixed base instant so orderings are explicit: `at(5)` is 5 minutes after it. */
export const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
export function at(minutes: number): Date {
  return new Date(T0 + minutes * 60_000);
}

export function customer(over: Partial<Customer> = {}): Customer {
  return { id: nextId('cus'), createdAt: at(0), optedOut: [], ...over };
}

export function identity(over: Partial<Identity> = {}): Identity {
  return { channel: 'email', address: `${nextId('addr')}@example.com`, ...over };
}

export function conversation(customerId: string, over: Partial<Conversation> = {}): Conversation {
  return {
    id: nextId('conv'),
    customerId,
    channel: 'email',
    status: 'open',
    openedAt: at(0),
    lastInboundAt: at(0),
    ...over,
  };
}

export const CLASSIFICATION: Classification = {
  language: 'zh',
  intent: 'refund_return',
  confidence: 0.87,
  urgency: 'high',
  sentiment: 'negative',
  requestedChannel: 'phone',
  recommendedChannel: 'phone',
  reason: 'The customer asked for a call.',
  entities: {
    orderNumbers: ['A-1001'],
    emails: [],
    phones: ['+8613800138000'],
    money: [{ amount: 12.5, currency: 'USD', text: '$12.50' }],
    dates: [],
  },
};

export function message(conv: Conversation, over: Partial<Message> = {}): Message {
  return {
    id: nextId('msg'),
    conversationId: conv.id,
    customerId: conv.customerId,
    direction: 'in',
    channel: conv.channel,
    kind: 'text',
    externalId: nextId('ext'),
    replyRef: 'email:support@shop.example:<x@mail>',
    address: 'someone@example.com',
    text: '你好，我要退货 — hello',
    attachments: [],
    meta: {},
    createdAt: at(1),
    stage: 'stored',
    ...over,
  };
}

export function draft(conv: Conversation, over: Partial<Draft> = {}): Draft {
  return {
    id: nextId('dra'),
    customerId: conv.customerId,
    conversationId: conv.id,
    text: 'Thanks, we are on it.',
    language: 'en',
    channel: conv.channel,
    replyRef: 'email:support@shop.example:<x@mail>',
    origin: 'auto',
    status: 'pending',
    createdAt: at(2),
    ...over,
  };
}

export function decision(draftId: string, over: Partial<Decision> = {}): Decision {
  return {
    id: nextId('dec'),
    draftId,
    kind: 'send',
    actor: { console: 'slack', userId: 'U1', name: 'Owner' },
    decidedAt: at(3),
    ...over,
  };
}

export function outbound(conv: Conversation, over: Partial<Message> = {}): Message {
  return message(conv, {
    direction: 'out',
    stage: 'presented',
    delivery: 'queued',
    text: 'Our reply',
    ...over,
  });
}

export function job(msg: Message, over: Partial<OutboxJob> = {}): OutboxJob {
  return {
    id: nextId('job'),
    idempotencyKey: nextId('idem'),
    customerId: msg.customerId,
    conversationId: msg.conversationId,
    messageId: msg.id,
    channel: msg.channel,
    replyRef: msg.replyRef,
    text: msg.text,
    purpose: 'reply',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: at(3),
    delivery: 'queued',
    createdAt: at(3),
    updatedAt: at(3),
    ...over,
  };
}

export function rating(conv: Conversation, over: Partial<Rating> = {}): Rating {
  return {
    id: nextId('rat'),
    customerId: conv.customerId,
    conversationId: conv.id,
    channel: conv.channel,
    score: 5,
    createdAt: at(10),
    ...over,
  };
}

/** A customer with one identity and an open conversation: the usual starting point. */
export async function seedCustomer(store: Store, over: Partial<Customer> = {}) {
  const c = customer(over);
  const id = identity();
  assert.deepEqual(await store.createCustomer(c, id), { kind: 'inserted' });
  const conv = conversation(c.id);
  await store.createConversation(conv);
  return { customer: c, identity: id, conversation: conv };
}

/** A queued reply job (through enqueue) ready to be claimed at minute 3. */
export async function seedJob(store: Store, conv: Conversation, over: Parameters<typeof job>[1] = {}) {
  const msg = outbound(conv);
  const j = job(msg, over);
  assert.deepEqual(await store.enqueue(msg, j), { kind: 'inserted' });
  return { message: msg, job: j };
}
