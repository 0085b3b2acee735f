/**
 * The domain model of the desk. Pure data: no SDK types, no I/O.
 * Every connector normalises its platform's payloads into these shapes at the edge.
 */
import type { RecommendReason } from './recommend-reason.js';

import type { DraftBasis } from './answers/record.js';

export type { DraftBasis } from './answers/record.js';

/** The customer-facing channels a message can arrive on or leave by. */
export const CHANNELS = [
  'email',
  'sms',
  'phone',
  'whatsapp',
  'messenger',
  'instagram',
  'telegram',
  'discord',
  'webchat',
  'wechat',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** The classification's coarse contact channels (PRODUCT.md, exact strings). */
export const CONTACT_CHANNELS = ['phone', 'email', 'sms', 'social', 'chat'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export type RequestedChannel = ContactChannel | 'none';

export const INTENTS = [
  'order',
  'shipping',
  'refund_return',
  'billing_payment',
  'technical_issue',
  'account',
  'complaint',
  'pricing_presales',
  'feedback_praise',
  'other',
] as const;
export type Intent = (typeof INTENTS)[number];

export const URGENCIES = ['high', 'normal', 'low'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

/** Which contact channel family a concrete channel belongs to. */
export const CONTACT_CHANNEL_OF: Readonly<Record<Channel, ContactChannel>> = {
  email: 'email',
  sms: 'sms',
  phone: 'phone',
  whatsapp: 'social',
  messenger: 'social',
  instagram: 'social',
  telegram: 'social',
  discord: 'social',
  webchat: 'chat',
  wechat: 'social',
};

/**
 * The concrete channel a reply drafts for when only the contact channel is known (`/query`, the
 * classify script): it decides the draft's length and tone.
 */
export const DRAFT_CHANNEL_FOR: Readonly<Record<ContactChannel, Channel>> = {
  email: 'email',
  sms: 'sms',
  phone: 'phone',
  social: 'messenger',
  chat: 'webchat',
};

/** Entities found in a message text. Phones are E.164 where they could be normalised. */
export interface Entities {
  orderNumbers: string[];
  emails: string[];
  phones: string[];
  money: { amount: number; currency: string; text: string }[];
  dates: string[];
}

export interface Classification {
  /** BCP-47 primary tag: `en`, `zh`, … or `und`. */
  language: string;
  /** `Hant` when a Chinese message is written in Traditional characters (Hong Kong, Taiwan). */
  script?: 'Hant';
  intent: Intent;
  /** 0..1, the model's confidence in `intent`. */
  confidence: number;
  urgency: Urgency;
  /** 0..1, the urgency model's calibrated confidence in `urgency` (absent when rules decided). */
  urgencyConfidence?: number;
  sentiment: Sentiment;
  requestedChannel: RequestedChannel;
  recommendedChannel: ContactChannel;
  /** One line explaining the recommendation, in English (`/query`, the classify script). */
  reason: string;
  /** The same as data, so each console explains it in its owner's language (absent on old records). */
  why?: RecommendReason;
  entities: Entities;
}

/** The language a reply to this classification is written in: `zh-Hant` for Traditional Chinese. */
export function replyLanguage(c: Pick<Classification, 'language' | 'script'>): string {
  return c.script ? `${c.language}-${c.script}` : c.language;
}

/**
 * The classification as the outside reads it (`/query`, the classify script): these fields, in
 * this order, copied one by one so that a field added to the type never leaks out unannounced.
 */
export function classificationOutput(c: Classification): Classification {
  return {
    language: c.language,
    ...(c.script ? { script: c.script } : {}),
    intent: c.intent,
    confidence: c.confidence,
    urgency: c.urgency,
    ...(c.urgencyConfidence !== undefined ? { urgencyConfidence: c.urgencyConfidence } : {}),
    sentiment: c.sentiment,
    requestedChannel: c.requestedChannel,
    recommendedChannel: c.recommendedChannel,
    reason: c.reason,
    entities: c.entities,
  };
}

/**
 * How we reach a customer on one channel. `address` is the normalised identity
 * value (email lower-cased, phone in E.164, platform user id).
 */
export interface Identity {
  channel: Channel;
  address: string;
  displayName?: string;
}

/**
 * An address a customer says is theirs but nothing proved: one typed into the website chat,
 * or the From of a mail that failed sender authentication. The owner may reply to that
 * customer there; it never identifies anyone (later mail from the address does not land with
 * this customer because of it) and never merges two customers by itself.
 */
export interface Claim extends Identity {
  /** `typed`: the customer typed it in; `unauthenticated`: the From of a mail that failed DMARC/SPF. */
  kind: 'typed' | 'unauthenticated';
  /** Why it is unproven, for the owner (`dmarc=fail`); absent for typed addresses. */
  reason?: string;
  claimedAt: Date;
}

/** Message.meta key under which the pipeline records why an inbound sender is unverified. */
export const UNVERIFIED_SENDER_META = 'unverifiedSender';

export interface Customer {
  id: string;
  name?: string;
  /** Last known language, used when a message is too short to tell. */
  language?: string;
  createdAt: Date;
  /** Channels on which the customer opted out (SMS STOP, …); never sent to there. */
  optedOut: Channel[];
  /** When set, this customer was merged into another and is kept only for history. */
  mergedInto?: string;
}

export type ConversationStatus = 'open' | 'resolved';

export interface Conversation {
  id: string;
  customerId: string;
  /** The channel the conversation started on. */
  channel: Channel;
  status: ConversationStatus;
  openedAt: Date;
  lastInboundAt: Date;
  firstResponseAt?: Date;
  resolvedAt?: Date;
  /** When the rating request went out; a conversation is asked at most once. */
  ratingRequestedAt?: Date;
}

export interface Attachment {
  name: string;
  contentType: string;
  size: number;
  /** Where the console can fetch it (platform media URL), when the platform hosts it. */
  url?: string;
  /** Inline bytes, base64, for small attachments the connector downloaded (email). */
  dataBase64?: string;
  /**
   * Where the stored bytes are (Store.getFile). A stored message never carries the bytes
   * themselves: a document store caps one record's size (MongoDB 16 MiB).
   */
  fileId?: string;
  /** Why the bytes were not kept: over the per-message cap (it stays on the platform/mailbox). */
  omitted?: 'too_large';
}

export type MessageKind = 'text' | 'voicemail' | 'missed_call';

export type DeliveryState = 'queued' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed';

export interface Message {
  id: string;
  conversationId: string;
  customerId: string;
  direction: 'in' | 'out';
  channel: Channel;
  kind: MessageKind;
  /** Dedupe key within the channel (email Message-ID, Twilio MessageSid, …). */
  externalId: string;
  /**
   * Reference that carries its origin, e.g. `sms:+15550001111:+15552223333`,
   * `email:support@shop.example:<abc@mail>`; replies to this message go there.
   */
  replyRef: string;
  /** The sender's address on the channel (inbound) or the recipient's (outbound). */
  address: string;
  text: string;
  /** The whole original (email with quoted history), for "see in full". */
  fullText?: string;
  subject?: string;
  attachments: Attachment[];
  /** Connector-specific details safe to show the owner (e.g. recording URL, caller). */
  meta: Record<string, string>;
  createdAt: Date;
  classification?: Classification;
  /** Pipeline progress of an inbound message, so a crash mid-way resumes on restart. */
  stage: 'stored' | 'presented';
  delivery?: DeliveryState;
}

export type DraftStatus = 'pending' | 'sent' | 'discarded';
export type DraftOrigin = 'auto' | 'owner_note';

export interface Draft {
  id: string;
  customerId: string;
  conversationId: string;
  /** The inbound message it answers, if any. */
  inReplyTo?: string;
  text: string;
  language: string;
  /** The channel the reply would go out on by default. */
  channel: Channel;
  /** Where on that channel (the inbound message's replyRef or the customer's address). */
  replyRef: string;
  origin: DraftOrigin;
  status: DraftStatus;
  createdAt: Date;
  /** Set once decided. */
  decisionId?: string;
  /** Drafted from a remembered answer (src/core/answers): which one. */
  basis?: DraftBasis;
  /** Files the owner shared with this reply (stored apart, see Attachment.fileId; outbound-files.ts). */
  attachments?: Attachment[];
}

/** Marker for a blank the owner must fill in; a draft with one cannot be sent unedited. */
export const BLANK_PATTERN = /\[\[[^\]]*\]\]/;

export function hasBlanks(text: string): boolean {
  return BLANK_PATTERN.test(text);
}

export interface Actor {
  console: string;
  userId: string;
  name?: string;
  /** The console's owner language: refusals are worded in it. */
  language?: string;
}

export type DecisionKind = 'send' | 'edit_send' | 'send_via' | 'discard';

export interface Decision {
  id: string;
  draftId: string;
  kind: DecisionKind;
  actor: Actor;
  channel?: Channel;
  text?: string;
  decidedAt: Date;
}

/**
 * `uncertain`: taken over after a crash mid-send on a channel that cannot recognise a repeat,
 * so it may have reached the customer; it waits for the owner's Send again / It arrived.
 */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'uncertain';
/** The owner's answer to an uncertain job: send it again, or it did arrive. */
export type UncertainAnswer = 'resend' | 'arrived';

export interface OutboxJob {
  id: string;
  /** Same key ⇒ same delivery: connectors pass it to platforms that support it. */
  idempotencyKey: string;
  customerId: string;
  conversationId: string;
  draftId?: string;
  /** The outbound message row this job delivers. */
  messageId: string;
  channel: Channel;
  replyRef: string;
  text: string;
  /** What the job carries beyond text (a rating request, a template, an instant acknowledgement). */
  purpose: 'reply' | 'rating_request' | 'ack';
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  leaseOwner?: string;
  leaseUntil?: Date;
  lastError?: string;
  /** The platform's id for the sent message (for status callbacks). */
  externalId?: string;
  /**
   * What the connector recorded the moment the platform accepted this job's send (its message
   * id, or how many parts went): proof against sending it again after a crash. A Retry clears it.
   */
  sentMarker?: string;
  /**
   * Set while a send is at its platform (the connector's record passed `check` and no marker or
   * outcome has been stored since): a job claimed with it set may already have reached the
   * customer. Kept on an `uncertain` job (when that attempt began).
   */
  attemptStartedAt?: Date;
  delivery: DeliveryState;
  createdAt: Date;
  updatedAt: Date;
}

export interface Rating {
  id: string;
  customerId: string;
  conversationId: string;
  channel: Channel;
  score: number;
  comment?: string;
  createdAt: Date;
}
