/**
 * Domain model ↔ MongoDB document. Documents use the domain id as `_id`; optional fields
 * are absent (never null) on both sides, so a read returns exactly what was written.
 * Store-only fields (figures columns, commit intents) never leak into the models.
 */
import { messageTerms } from '../../core/search.js';
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

export type Doc = Record<string, unknown>;

/** A copy without undefined/null members (BSON would store them as null). */
export function clean<T extends object>(obj: T): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined && v !== null) out[k] = v;
  return out;
}

/** `{ key: doc[key] }` for each optional key present in the document. */
function optional(doc: Doc, keys: readonly string[]): Doc {
  const out: Doc = {};
  for (const k of keys) if (doc[k] !== undefined && doc[k] !== null) out[k] = doc[k];
  return out;
}

const date = (v: unknown): Date => (v instanceof Date ? v : new Date(v as string | number));

/** Splits a patch into `$set` (defined values) and `$unset` (explicit undefined): clears optional fields. */
export function patchUpdate(patch: object, allowed: readonly string[]): Doc | undefined {
  const $set: Doc = {};
  const $unset: Record<string, ''> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (!allowed.includes(k)) continue;
    if (v === undefined || v === null) $unset[k] = '';
    else $set[k] = v;
  }
  const update: Doc = {};
  if (Object.keys($set).length > 0) update.$set = $set;
  if (Object.keys($unset).length > 0) update.$unset = $unset;
  return Object.keys(update).length > 0 ? update : undefined;
}

export const CUSTOMER_FIELDS = ['name', 'language', 'optedOut', 'mergedInto'] as const;
export const CONVERSATION_FIELDS = [
  'channel',
  'status',
  'openedAt',
  'lastInboundAt',
  'firstResponseAt',
  'resolvedAt',
  'ratingRequestedAt',
] as const;
export const MESSAGE_FIELDS = ['classification', 'stage', 'delivery'] as const;

// ---------------------------------------------------------------- to documents

export function customerDoc(c: Customer): Doc {
  return clean({
    _id: c.id,
    name: c.name,
    language: c.language,
    createdAt: c.createdAt,
    optedOut: c.optedOut ?? [],
    mergedInto: c.mergedInto,
  });
}

export function identityDoc(customerId: string, i: Identity): Doc {
  return clean({ channel: i.channel, address: i.address, customerId, displayName: i.displayName });
}

export function conversationDoc(c: Conversation): Doc {
  const { id, ...rest } = c;
  return clean({ _id: id, ...rest });
}

export function messageDoc(m: Message): Doc {
  const { id, ...rest } = m;
  // `terms`: what /cs find looks up (search.ts), written with every whole message.
  return clean({
    _id: id,
    ...rest,
    attachments: m.attachments ?? [],
    meta: m.meta ?? {},
    terms: messageTerms({ ...m, entities: m.classification?.entities }),
  });
}

export function draftDoc(d: Draft): Doc {
  const { id, ...rest } = d;
  return clean({ _id: id, ...rest });
}

export function decisionDoc(d: Decision): Doc {
  const { id, actor, ...rest } = d;
  return clean({ _id: id, ...rest, actor: clean(actor) });
}

export function jobDoc(j: OutboxJob): Doc {
  const { id, ...rest } = j;
  return clean({ _id: id, ...rest });
}

export function ratingDoc(r: Rating): Doc {
  const { id, ...rest } = r;
  return clean({ _id: id, ...rest });
}

// ---------------------------------------------------------------- from documents

export function toCustomer(d: Doc): Customer {
  return {
    id: d._id as string,
    ...optional(d, ['name', 'language']),
    createdAt: date(d.createdAt),
    optedOut: [...((d.optedOut as Channel[] | undefined) ?? [])],
    ...optional(d, ['mergedInto']),
  } as Customer;
}

export function toIdentity(d: Doc): Identity {
  return {
    channel: d.channel as Channel,
    address: d.address as string,
    ...optional(d, ['displayName']),
  } as Identity;
}

export function toConversation(d: Doc): Conversation {
  const c: Conversation = {
    id: d._id as string,
    customerId: d.customerId as string,
    channel: d.channel as Channel,
    status: d.status as Conversation['status'],
    openedAt: date(d.openedAt),
    lastInboundAt: date(d.lastInboundAt),
  };
  if (d.firstResponseAt) c.firstResponseAt = date(d.firstResponseAt);
  if (d.resolvedAt) c.resolvedAt = date(d.resolvedAt);
  if (d.ratingRequestedAt) c.ratingRequestedAt = date(d.ratingRequestedAt);
  return c;
}

export function toMessage(d: Doc): Message {
  return {
    id: d._id as string,
    conversationId: d.conversationId as string,
    customerId: d.customerId as string,
    direction: d.direction as Message['direction'],
    channel: d.channel as Channel,
    kind: d.kind as Message['kind'],
    externalId: (d.externalId as string | undefined) ?? '',
    replyRef: (d.replyRef as string | undefined) ?? '',
    address: (d.address as string | undefined) ?? '',
    text: (d.text as string | undefined) ?? '',
    ...optional(d, ['fullText', 'subject']),
    attachments: (d.attachments as Attachment[] | undefined) ?? [],
    meta: (d.meta as Record<string, string> | undefined) ?? {},
    createdAt: date(d.createdAt),
    ...(d.classification ? { classification: d.classification as Classification } : {}),
    stage: d.stage as Message['stage'],
    ...(d.delivery ? { delivery: d.delivery as DeliveryState } : {}),
  } as Message;
}

export function toDraft(d: Doc): Draft {
  return {
    id: d._id as string,
    customerId: d.customerId as string,
    conversationId: d.conversationId as string,
    ...optional(d, ['inReplyTo']),
    text: (d.text as string | undefined) ?? '',
    language: d.language as string,
    channel: d.channel as Channel,
    replyRef: (d.replyRef as string | undefined) ?? '',
    origin: d.origin as Draft['origin'],
    status: d.status as Draft['status'],
    createdAt: date(d.createdAt),
    ...optional(d, ['decisionId', 'basis']),
    ...(Array.isArray(d.attachments) && d.attachments.length ? { attachments: d.attachments } : {}),
  } as Draft;
}

export function toDecision(d: Doc): Decision {
  return {
    id: d._id as string,
    draftId: d.draftId as string,
    kind: d.kind as Decision['kind'],
    actor: d.actor as Decision['actor'],
    ...optional(d, ['channel', 'text']),
    decidedAt: date(d.decidedAt),
  } as Decision;
}

export function toJob(d: Doc): OutboxJob {
  const j = {
    id: d._id as string,
    idempotencyKey: d.idempotencyKey as string,
    customerId: d.customerId as string,
    conversationId: d.conversationId as string,
    ...optional(d, ['draftId']),
    messageId: d.messageId as string,
    channel: d.channel as Channel,
    replyRef: (d.replyRef as string | undefined) ?? '',
    text: (d.text as string | undefined) ?? '',
    purpose: d.purpose as OutboxJob['purpose'],
    status: d.status as OutboxJob['status'],
    attempts: d.attempts as number,
    nextAttemptAt: date(d.nextAttemptAt),
    ...optional(d, ['leaseOwner']),
    ...(d.leaseUntil ? { leaseUntil: date(d.leaseUntil) } : {}),
    ...optional(d, ['lastError', 'externalId', 'sentMarker']),
    ...(d.attemptStartedAt ? { attemptStartedAt: date(d.attemptStartedAt) } : {}),
    delivery: d.delivery as DeliveryState,
    createdAt: date(d.createdAt),
    updatedAt: date(d.updatedAt),
  };
  return j as OutboxJob;
}

export function toRating(d: Doc): Rating {
  return {
    id: d._id as string,
    customerId: d.customerId as string,
    conversationId: d.conversationId as string,
    channel: d.channel as Channel,
    score: d.score as number,
    ...optional(d, ['comment']),
    createdAt: date(d.createdAt),
  } as Rating;
}
