/**
 * Row ↔ model mapping for the embedded store. Dates are integer milliseconds,
 * structured fields are JSON text, and NULL columns become absent keys (not
 * `undefined` values) so models read back deep-equal to what was written.
 */
import type {
  Attachment,
  Channel,
  Classification,
  Conversation,
  Customer,
  Decision,
  DeliveryState,
  Draft,
  Identity,
  Message,
  OutboxJob,
  Rating,
} from '../../core/model.js';
import { ms, optDate, withOptional, type Nullable } from './row-values.js';

export interface CustomerRow {
  id: string;
  name: Nullable<string>;
  language: Nullable<string>;
  created_at: number;
  opted_out: string;
  merged_into: Nullable<string>;
}

export interface IdentityRow {
  channel: string;
  address: string;
  customer_id: string;
  display_name: Nullable<string>;
}

export interface ConversationRow {
  id: string;
  customer_id: string;
  channel: string;
  status: string;
  opened_at: number;
  last_inbound_at: number;
  first_response_at: Nullable<number>;
  resolved_at: Nullable<number>;
  rating_requested_at: Nullable<number>;
}

export interface MessageRow {
  id: string;
  conversation_id: string;
  customer_id: string;
  direction: string;
  channel: string;
  kind: string;
  external_id: string;
  reply_ref: string;
  address: string;
  text: string;
  full_text: Nullable<string>;
  subject: Nullable<string>;
  attachments: string;
  meta: string;
  created_at: number;
  classification: Nullable<string>;
  stage: string;
  delivery: Nullable<string>;
}

export interface DraftRow {
  id: string;
  customer_id: string;
  conversation_id: string;
  in_reply_to: Nullable<string>;
  text: string;
  language: string;
  channel: string;
  reply_ref: string;
  origin: string;
  status: string;
  created_at: number;
  decision_id: Nullable<string>;
  /** JSON of DraftBasis (migration 11). */
  basis?: Nullable<string>;
  /** JSON of the owner's shared files (migration 15). */
  attachments?: Nullable<string>;
}

export interface DecisionRow {
  id: string;
  draft_id: string;
  kind: string;
  actor_console: string;
  actor_user_id: string;
  actor_name: Nullable<string>;
  channel: Nullable<string>;
  text: Nullable<string>;
  decided_at: number;
}

export interface JobRow {
  id: string;
  idempotency_key: string;
  customer_id: string;
  conversation_id: string;
  draft_id: Nullable<string>;
  message_id: string;
  channel: string;
  reply_ref: string;
  text: string;
  purpose: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  lease_owner: Nullable<string>;
  lease_until: Nullable<number>;
  last_error: Nullable<string>;
  external_id: Nullable<string>;
  /** Added by migration 5. */
  sent_marker?: Nullable<string>;
  /** Added by migration 17. */
  attempt_started_at?: Nullable<number>;
  delivery: string;
  created_at: number;
  updated_at: number;
}

export interface RatingRow {
  id: string;
  customer_id: string;
  conversation_id: string;
  channel: string;
  score: number;
  comment: Nullable<string>;
  created_at: number;
}

export function toCustomer(row: CustomerRow): Customer {
  return withOptional<Customer>(
    { id: row.id, createdAt: new Date(row.created_at), optedOut: JSON.parse(row.opted_out) as Channel[] },
    { name: row.name, language: row.language, mergedInto: row.merged_into },
  );
}

export function toIdentity(row: IdentityRow): Identity {
  return withOptional<Identity>(
    { channel: row.channel as Channel, address: row.address },
    { displayName: row.display_name },
  );
}

export function toConversation(row: ConversationRow): Conversation {
  return withOptional<Conversation>(
    {
      id: row.id,
      customerId: row.customer_id,
      channel: row.channel as Channel,
      status: row.status as Conversation['status'],
      openedAt: new Date(row.opened_at),
      lastInboundAt: new Date(row.last_inbound_at),
    },
    {
      firstResponseAt: optDate(row.first_response_at),
      resolvedAt: optDate(row.resolved_at),
      ratingRequestedAt: optDate(row.rating_requested_at),
    },
  );
}

export function toMessage(row: MessageRow): Message {
  return withOptional<Message>(
    {
      id: row.id,
      conversationId: row.conversation_id,
      customerId: row.customer_id,
      direction: row.direction as Message['direction'],
      channel: row.channel as Channel,
      kind: row.kind as Message['kind'],
      externalId: row.external_id,
      replyRef: row.reply_ref,
      address: row.address,
      text: row.text,
      attachments: JSON.parse(row.attachments) as Attachment[],
      meta: JSON.parse(row.meta) as Record<string, string>,
      createdAt: new Date(row.created_at),
      stage: row.stage as Message['stage'],
    },
    {
      fullText: row.full_text,
      subject: row.subject,
      classification: row.classification === null ? null : (JSON.parse(row.classification) as Classification),
      delivery: row.delivery,
    },
  );
}

export function messageParams(m: Message): Record<string, unknown> {
  return {
    id: m.id,
    conversation_id: m.conversationId,
    customer_id: m.customerId,
    direction: m.direction,
    channel: m.channel,
    kind: m.kind,
    external_id: m.externalId,
    reply_ref: m.replyRef,
    address: m.address,
    text: m.text,
    full_text: m.fullText ?? null,
    subject: m.subject ?? null,
    attachments: JSON.stringify(m.attachments ?? []),
    meta: JSON.stringify(m.meta ?? {}),
    created_at: m.createdAt.getTime(),
    classification: m.classification === undefined ? null : JSON.stringify(m.classification),
    intent: m.classification?.intent ?? null,
    stage: m.stage,
    delivery: m.delivery ?? null,
  };
}

export function toDraft(row: DraftRow): Draft {
  return withOptional<Draft>(
    {
      id: row.id,
      customerId: row.customer_id,
      conversationId: row.conversation_id,
      text: row.text,
      language: row.language,
      channel: row.channel as Channel,
      replyRef: row.reply_ref,
      origin: row.origin as Draft['origin'],
      status: row.status as Draft['status'],
      createdAt: new Date(row.created_at),
    },
    {
      inReplyTo: row.in_reply_to,
      decisionId: row.decision_id,
      basis: parseBasis(row.basis),
      attachments: row.attachments ? (JSON.parse(row.attachments) as Draft['attachments']) : undefined,
    },
  );
}

function parseBasis(json: Nullable<string> | undefined): Draft['basis'] {
  if (!json) return undefined;
  const b = JSON.parse(json) as NonNullable<Draft['basis']> & { answeredAt: number; autoSendAt?: number };
  return {
    ...b,
    answeredAt: new Date(b.answeredAt),
    ...(b.autoSendAt !== undefined ? { autoSendAt: new Date(b.autoSendAt) } : {}),
  };
}

export function draftParams(d: Draft): Record<string, unknown> {
  return {
    id: d.id,
    customer_id: d.customerId,
    conversation_id: d.conversationId,
    in_reply_to: d.inReplyTo ?? null,
    text: d.text,
    language: d.language,
    channel: d.channel,
    reply_ref: d.replyRef,
    origin: d.origin,
    status: d.status,
    created_at: d.createdAt.getTime(),
    decision_id: d.decisionId ?? null,
    basis: d.basis
      ? JSON.stringify({
          ...d.basis,
          answeredAt: d.basis.answeredAt.getTime(),
          autoSendAt: d.basis.autoSendAt?.getTime(),
        })
      : null,
    attachments: d.attachments?.length ? JSON.stringify(d.attachments) : null,
  };
}

export function toDecision(row: DecisionRow): Decision {
  return withOptional<Decision>(
    {
      id: row.id,
      draftId: row.draft_id,
      kind: row.kind as Decision['kind'],
      actor: withOptional(
        { console: row.actor_console, userId: row.actor_user_id },
        { name: row.actor_name },
      ),
      decidedAt: new Date(row.decided_at),
    },
    { channel: row.channel, text: row.text },
  );
}

export function decisionParams(d: Decision): Record<string, unknown> {
  return {
    id: d.id,
    draft_id: d.draftId,
    kind: d.kind,
    actor_console: d.actor.console,
    actor_user_id: d.actor.userId,
    actor_name: d.actor.name ?? null,
    channel: d.channel ?? null,
    text: d.text ?? null,
    decided_at: d.decidedAt.getTime(),
  };
}

export function toJob(row: JobRow): OutboxJob {
  return withOptional<OutboxJob>(
    {
      id: row.id,
      idempotencyKey: row.idempotency_key,
      customerId: row.customer_id,
      conversationId: row.conversation_id,
      messageId: row.message_id,
      channel: row.channel as Channel,
      replyRef: row.reply_ref,
      text: row.text,
      purpose: row.purpose as OutboxJob['purpose'],
      status: row.status as OutboxJob['status'],
      attempts: row.attempts,
      nextAttemptAt: new Date(row.next_attempt_at),
      delivery: row.delivery as DeliveryState,
      createdAt: new Date(row.created_at),
      updatedAt: new Date(row.updated_at),
    },
    {
      draftId: row.draft_id,
      leaseOwner: row.lease_owner,
      leaseUntil: optDate(row.lease_until),
      lastError: row.last_error,
      externalId: row.external_id,
      sentMarker: row.sent_marker ?? null,
      attemptStartedAt: optDate(row.attempt_started_at ?? null),
    },
  );
}

export function jobParams(j: OutboxJob): Record<string, unknown> {
  return {
    id: j.id,
    idempotency_key: j.idempotencyKey,
    customer_id: j.customerId,
    conversation_id: j.conversationId,
    draft_id: j.draftId ?? null,
    message_id: j.messageId,
    channel: j.channel,
    reply_ref: j.replyRef,
    text: j.text,
    purpose: j.purpose,
    status: j.status,
    attempts: j.attempts,
    next_attempt_at: j.nextAttemptAt.getTime(),
    lease_owner: j.leaseOwner ?? null,
    lease_until: ms(j.leaseUntil),
    last_error: j.lastError ?? null,
    external_id: j.externalId ?? null,
    delivery: j.delivery,
    created_at: j.createdAt.getTime(),
    updated_at: j.updatedAt.getTime(),
  };
}

export function toRating(row: RatingRow): Rating {
  return withOptional<Rating>(
    {
      id: row.id,
      customerId: row.customer_id,
      conversationId: row.conversation_id,
      channel: row.channel as Channel,
      score: row.score,
      createdAt: new Date(row.created_at),
    },
    { comment: row.comment },
  );
}
