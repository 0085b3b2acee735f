import type { Conversation, Draft, Message, OutboxJob } from '../../src/core/model.js';

/** A sent reply as the store records it: the outbound message and its delivered outbox job. */
export function outboundPair(
  id: (prefix: string) => string,
  conv: Conversation,
  draft: Draft | undefined,
  at: number,
  text: string,
): { message: Message; job: OutboxJob } {
  const message: Message = {
    id: id('msg'),
    conversationId: conv.id,
    customerId: conv.customerId,
    direction: 'out',
    channel: conv.channel,
    kind: 'text',
    externalId: id('out'),
    replyRef: draft?.replyRef ?? `${conv.channel}:shop:demo`,
    address: draft?.replyRef ?? 'demo',
    text,
    attachments: [],
    meta: {},
    createdAt: new Date(at),
    stage: 'presented',
    delivery: 'delivered',
  };
  const jobId = id('job');
  const job: OutboxJob = {
    id: jobId,
    idempotencyKey: jobId,
    customerId: conv.customerId,
    conversationId: conv.id,
    ...(draft ? { draftId: draft.id } : {}),
    messageId: message.id,
    channel: conv.channel,
    replyRef: message.replyRef,
    text,
    purpose: 'reply',
    status: 'sent',
    attempts: 1,
    nextAttemptAt: new Date(at),
    externalId: id('pid'),
    delivery: 'delivered',
    createdAt: new Date(at),
    updatedAt: new Date(at),
  };
  return { message, job };
}
