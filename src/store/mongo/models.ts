/**
 * The MongoDB collections as mongoose models, one set per connection. Documents keep the
 * domain's ids as `_id` (strings), so every lookup by id is the `_id` index. Nested
 * values (attachments, meta, classification, the commit intents) are `Mixed`: mongoose
 * must not add `_id`s to them or drop an empty `meta: {}` (hence `minimize: false`).
 *
 * Indexes: unique on every dedupe key, and one per lookup or figures query, each named
 * so an operator can see in `db.collection.getIndexes()` what it serves.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import { claimSchema } from './claims.js';
import { addSearchTerms } from './search.js';

const { Mixed } = Schema.Types;
const OPTIONS = {
  versionKey: false,
  minimize: false,
  strict: true,
  autoIndex: false,
  autoCreate: false,
} as const;

/** The given paths with a string `_id` (the domain id), or mongoose's ObjectId `_id`. */
function schema(paths: Record<string, unknown>, objectId = false): Schema {
  return objectId ? new Schema(paths, OPTIONS) : new Schema({ _id: String, ...paths }, OPTIONS);
}

/** A unique index on a string key that ignores empty values (an empty external id is no id). */
const NON_EMPTY = (field: string) => ({ partialFilterExpression: { [field]: { $gt: '' } } });

export function customerSchema(): Schema {
  return schema({
    name: String,
    language: String,
    createdAt: { type: Date, required: true },
    optedOut: { type: [String], default: undefined },
    mergedInto: String,
  });
}

/** Identities get ObjectId ids: their creation order is the order `listIdentities` returns. */
export function identitySchema(): Schema {
  const s = schema(
    {
      channel: { type: String, required: true },
      address: { type: String, required: true },
      customerId: { type: String, required: true },
      displayName: String,
    },
    true,
  );
  s.index({ channel: 1, address: 1 }, { unique: true, name: 'identity_unique' });
  s.index({ customerId: 1, _id: 1 }, { name: 'identities_by_customer' });
  return s;
}

export function conversationSchema(): Schema {
  const s = schema({
    customerId: { type: String, required: true },
    channel: { type: String, required: true },
    status: { type: String, required: true },
    openedAt: { type: Date, required: true },
    lastInboundAt: { type: Date, required: true },
    firstResponseAt: Date,
    resolvedAt: Date,
    ratingRequestedAt: Date,
  });
  s.index({ customerId: 1, openedAt: -1 }, { name: 'conversations_latest' });
  // Figures: conversations opened in a period (optionally one channel), and ratings asked.
  s.index({ openedAt: 1, channel: 1 }, { name: 'conversations_period' });
  s.index(
    { ratingRequestedAt: 1, channel: 1 },
    { name: 'conversations_rating_asked', partialFilterExpression: { ratingRequestedAt: { $exists: true } } },
  );
  return s;
}

export function messageSchema(): Schema {
  const s = schema({
    conversationId: { type: String, required: true },
    customerId: { type: String, required: true },
    direction: { type: String, required: true },
    channel: { type: String, required: true },
    kind: { type: String, required: true },
    externalId: { type: String, default: '' },
    replyRef: { type: String, default: '' },
    address: { type: String, default: '' },
    text: { type: String, default: '' },
    fullText: String,
    subject: String,
    attachments: { type: Mixed, default: undefined },
    meta: { type: Mixed, default: undefined },
    createdAt: { type: Date, required: true },
    classification: Mixed,
    stage: { type: String, required: true },
    delivery: String,
  });
  s.index(
    { channel: 1, externalId: 1 },
    { unique: true, name: 'message_dedupe', ...NON_EMPTY('externalId') },
  );
  s.index({ conversationId: 1, createdAt: 1 }, { name: 'messages_thread' });
  addSearchTerms(s); // /cs find: search terms, their index, and the hook keeping them in step
  s.index({ customerId: 1, direction: 1 }, { name: 'messages_by_customer' });
  s.index(
    { stage: 1, direction: 1, createdAt: 1 },
    { name: 'messages_unpresented', partialFilterExpression: { stage: 'stored' } },
  );
  // Figures: one range scan over the period covers direction, channel, intent and customer.
  s.index(
    { createdAt: 1, channel: 1, direction: 1, 'classification.intent': 1, customerId: 1 },
    { name: 'messages_period' },
  );
  return s;
}

/**
 * A draft carries, once decided, the decision's time and kind (for the figures) and —
 * until every record of the decision is written — the decision's `commit` intent (see
 * commit.ts).
 */
export function draftSchema(): Schema {
  const s = schema({
    customerId: { type: String, required: true },
    conversationId: { type: String, required: true },
    inReplyTo: String,
    text: { type: String, default: '' },
    language: { type: String, required: true },
    channel: { type: String, required: true },
    replyRef: { type: String, default: '' },
    origin: { type: String, required: true },
    status: { type: String, required: true },
    createdAt: { type: Date, required: true },
    decisionId: String,
    /** Drafted from a remembered answer: which one (DraftBasis). */
    basis: Mixed,
    /** Files the owner shared with the reply (names, types, sizes, file ids; never bytes). */
    attachments: Mixed,
    decidedAt: Date,
    decisionKind: String,
    decisionAuto: Boolean,
    commit: Mixed,
    commitAt: Date,
  });
  s.index(
    { status: 1, createdAt: 1 },
    { name: 'drafts_pending', partialFilterExpression: { status: 'pending' } },
  );
  s.index({ customerId: 1 }, { name: 'drafts_by_customer' });
  s.index(
    { commitAt: 1 },
    { name: 'drafts_unfinished_commit', partialFilterExpression: { commitAt: { $exists: true } } },
  );
  s.index(
    { decidedAt: 1, channel: 1, origin: 1, decisionKind: 1, decisionAuto: 1 },
    { name: 'drafts_decided', partialFilterExpression: { decidedAt: { $exists: true } } },
  );
  return s;
}

export function decisionSchema(): Schema {
  const s = schema({
    draftId: { type: String, required: true },
    kind: { type: String, required: true },
    actor: { type: Mixed, required: true },
    channel: String,
    text: String,
    decidedAt: { type: Date, required: true },
  });
  s.index({ draftId: 1 }, { name: 'decisions_by_draft' });
  return s;
}

/** An outbox job; `pendingMessage` is the enqueue intent until its message is written. */
export function jobSchema(): Schema {
  const s = schema({
    idempotencyKey: { type: String, required: true },
    customerId: { type: String, required: true },
    conversationId: { type: String, required: true },
    draftId: String,
    messageId: { type: String, required: true },
    channel: { type: String, required: true },
    replyRef: { type: String, default: '' },
    text: { type: String, default: '' },
    purpose: { type: String, required: true },
    status: { type: String, required: true },
    attempts: { type: Number, required: true },
    nextAttemptAt: { type: Date, required: true },
    leaseOwner: String,
    leaseUntil: Date,
    lastError: String,
    externalId: String,
    sentMarker: String,
    attemptStartedAt: Date,
    delivery: { type: String, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    pendingMessage: Mixed,
    pendingAt: Date,
  });
  s.index({ idempotencyKey: 1 }, { unique: true, name: 'job_idempotency' });
  // The claim: due pending jobs, and sending jobs whose lease ran out.
  s.index({ status: 1, nextAttemptAt: 1, createdAt: 1 }, { name: 'jobs_due' });
  s.index(
    { status: 1, leaseUntil: 1 },
    { name: 'jobs_leases', partialFilterExpression: { leaseUntil: { $exists: true } } },
  );
  s.index(
    { channel: 1, externalId: 1, createdAt: -1 },
    { name: 'jobs_by_platform_id', ...NON_EMPTY('externalId') },
  );
  s.index({ customerId: 1 }, { name: 'jobs_by_customer' });
  // The newest reply of a conversation (a failed reply a newer one supersedes: /cs due).
  s.index({ conversationId: 1, createdAt: 1 }, { name: 'jobs_by_conversation' });
  s.index(
    { pendingAt: 1 },
    { name: 'jobs_unfinished_enqueue', partialFilterExpression: { pendingAt: { $exists: true } } },
  );
  return s;
}

/** `superseded` marks every rating of a conversation but the latest: only that one counts. */
export function ratingSchema(): Schema {
  const s = schema({
    customerId: { type: String, required: true },
    conversationId: { type: String, required: true },
    channel: { type: String, required: true },
    score: { type: Number, required: true },
    comment: String,
    createdAt: { type: Date, required: true },
    superseded: { type: Boolean, default: false },
  });
  s.index({ conversationId: 1, createdAt: 1 }, { name: 'ratings_by_conversation' });
  s.index({ customerId: 1, createdAt: -1 }, { name: 'ratings_by_customer' });
  s.index({ superseded: 1, createdAt: 1, channel: 1, score: 1 }, { name: 'ratings_period' });
  return s;
}

export function consoleRefSchema(): Schema {
  const s = schema(
    {
      console: { type: String, required: true },
      key: { type: String, required: true },
      value: { type: String, required: true },
    },
    true,
  );
  s.index({ console: 1, key: 1 }, { unique: true, name: 'console_ref_unique' });
  s.index({ console: 1, value: 1 }, { name: 'console_ref_by_value' });
  return s;
}

export function cursorSchema(): Schema {
  return schema({ value: { type: String, required: true } });
}

export interface Models {
  customers: Model<Record<string, unknown>>;
  identities: Model<Record<string, unknown>>;
  conversations: Model<Record<string, unknown>>;
  messages: Model<Record<string, unknown>>;
  drafts: Model<Record<string, unknown>>;
  decisions: Model<Record<string, unknown>>;
  jobs: Model<Record<string, unknown>>;
  ratings: Model<Record<string, unknown>>;
  consoleRefs: Model<Record<string, unknown>>;
  cursors: Model<Record<string, unknown>>;
  claims: Model<Record<string, unknown>>;
}

/** Collection names, stable across versions (the migrate script and operators rely on them). */
export const COLLECTIONS: Readonly<Record<keyof Models, string>> = {
  customers: 'customers',
  identities: 'identities',
  conversations: 'conversations',
  messages: 'messages',
  drafts: 'drafts',
  decisions: 'decisions',
  jobs: 'outbox',
  ratings: 'ratings',
  consoleRefs: 'console_refs',
  cursors: 'cursors',
  claims: 'claims',
};

const SCHEMAS: Readonly<Record<keyof Models, () => Schema>> = {
  customers: customerSchema,
  identities: identitySchema,
  conversations: conversationSchema,
  messages: messageSchema,
  drafts: draftSchema,
  decisions: decisionSchema,
  jobs: jobSchema,
  ratings: ratingSchema,
  consoleRefs: consoleRefSchema,
  cursors: cursorSchema,
  claims: claimSchema,
};

export function defineModels(conn: Connection): Models {
  const out: Partial<Models> = {};
  for (const key of Object.keys(SCHEMAS) as (keyof Models)[]) {
    out[key] = conn.model<Record<string, unknown>>(key, SCHEMAS[key](), COLLECTIONS[key]);
  }
  return out as Models;
}
