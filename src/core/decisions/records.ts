/**
 * The records a decision writes: the decision itself, and for a send the outbound message and
 * its outbox job, built together so the store commits them in one compare-and-set.
 */
import type { Actor, Channel, Decision, Draft, Message, OutboxJob } from '../model.js';
import type { Clock, IdGenerator } from '../ports.js';

export interface RecordDeps {
  ids: IdGenerator;
  clock: Clock;
}

export function newDecision(
  { ids, clock }: RecordDeps,
  draft: Pick<Draft, 'id'>,
  actor: Actor,
  kind: Decision['kind'],
  channel?: Channel,
  text?: string,
): Decision {
  return {
    id: ids(),
    draftId: draft.id,
    kind,
    actor,
    ...(channel ? { channel } : {}),
    ...(text !== undefined ? { text } : {}),
    decidedAt: clock.now(),
  };
}

export interface DeliveryOptions {
  /** The job names its draft (replies always do; an acknowledgement's job too). */
  linkDraft?: boolean;
  /** Before the job id in its idempotency key (`solodesk-` by default). */
  keyPrefix?: string;
  /** The address the message shows; by default the one in `replyRef`. */
  address?: string;
}

/** An outbound message and the outbox job that delivers it (`reply` jobs name their draft). */
export function newDelivery(
  { ids, clock }: RecordDeps,
  draft: Pick<Draft, 'id' | 'customerId' | 'conversationId'>,
  channel: Channel,
  replyRef: string,
  text: string,
  purpose: OutboxJob['purpose'],
  options: DeliveryOptions = {},
): { message: Message; job: OutboxJob } {
  const now = clock.now();
  const messageId = ids();
  const jobId = ids();
  const message: Message = {
    id: messageId,
    conversationId: draft.conversationId,
    customerId: draft.customerId,
    direction: 'out',
    channel,
    kind: 'text',
    // Unique per channel like every message; the platform's own id is kept on the job.
    externalId: `out:${jobId}`,
    replyRef,
    address: options.address ?? replyRef.split(':').slice(2).join(':'),
    text,
    attachments: [],
    meta: {},
    createdAt: now,
    stage: 'presented',
    delivery: 'queued',
  };
  const job: OutboxJob = {
    id: jobId,
    idempotencyKey: `${options.keyPrefix ?? 'solodesk-'}${jobId}`,
    customerId: draft.customerId,
    conversationId: draft.conversationId,
    ...(purpose === 'reply' || options.linkDraft ? { draftId: draft.id } : {}),
    messageId,
    channel,
    replyRef,
    text,
    purpose,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    delivery: 'queued',
    createdAt: now,
    updatedAt: now,
  };
  return { message, job };
}
