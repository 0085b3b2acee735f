/** What a channel connector (connectors/*) gives the desk and gets from it: intake, sends, delivery updates. */
import type { MessageTemplate, TemplateSend } from '../message-templates.js';
import type {
  Attachment,
  Channel,
  Customer,
  DeliveryState,
  Identity,
  Message,
  MessageKind,
  OutboxJob,
  Rating,
} from '../model.js';
import type { OutboundFile } from '../outbound-files.js';
import type { PaceRule } from './infrastructure.js';

/** What a connector hands the core for one received customer message, normalised. */
export interface InboundMessage {
  channel: Channel;
  /** Dedupe key within the channel; the same delivery twice has the same id. */
  externalId: string;
  from: { address: string; displayName?: string };
  /** Where a reply goes, carrying its origin (see Message.replyRef). */
  replyRef: string;
  kind?: MessageKind;
  text: string;
  fullText?: string;
  subject?: string;
  attachments?: Attachment[];
  meta?: Record<string, string>;
  receivedAt?: Date;
  /** External ids of earlier messages this one answers (email In-Reply-To/References). */
  inReplyTo?: string[];
  /**
   * Identities the platform guarantees are the same person (a WhatsApp number is that SMS
   * number). Never addresses a customer typed in: those need the owner's merge.
   */
  sameAs?: { channel: Channel; address: string }[];
  /**
   * The sender failed authentication (email: DMARC/SPF as our server recorded it); the
   * reason for the owner, e.g. `dmarc=fail`. Such a message never joins the customer who owns
   * the address: it gets an unverified customer of its own.
   */
  unverifiedSender?: string;
}

export type IntakeResult =
  | { kind: 'stored'; messageId: string; customerId: string; conversationId: string }
  | { kind: 'duplicate'; messageId: string }
  | { kind: 'ignored'; reason: string };

export interface DeliveryUpdate {
  channel: Channel;
  /** The platform's id for our outbound message (OutboxJob.externalId). */
  externalId: string;
  state: DeliveryState;
  error?: string;
}

export interface RatingInput {
  channel: Channel;
  /** Who rated: the customer's address on that channel. */
  address?: string;
  conversationId?: string;
  score: number;
  comment?: string;
}

/** The message an opt-out keyword came in: its platform id and when it was sent (or received). */
export interface OptOutSource {
  externalId: string;
  at: Date;
}

export type RatingResult =
  /** `already`: the same score was the latest rating already (a double tap, a resent form). */
  { kind: 'recorded'; rating: Rating; already?: boolean } | { kind: 'rejected'; reason: string };

/** What connectors call. Every call stores before it returns, so a connector may then acknowledge. */
export interface Intake {
  receive(message: InboundMessage): Promise<IntakeResult>;
  delivery(update: DeliveryUpdate): Promise<void>;
  rating(input: RatingInput): Promise<RatingResult>;
  /**
   * SMS STOP / START and the like. With a `source`, a redelivered keyword (same id) or one
   * older than the last applied changes nothing. Resolves true when the keyword was applied.
   */
  optOut(channel: Channel, address: string, optedOut: boolean, source?: OptOutSource): Promise<boolean>;
  /**
   * The platform proves another way to reach the customer (an SMS number is that caller's
   * number). Never for anything a customer typed in: that is `claimIdentity`.
   */
  addIdentity(channel: Channel, address: string, identity: Identity): Promise<void>;
  /**
   * A customer says another address is theirs (a chat visitor typed an email address). Kept
   * as an unverified contact of that customer (a Claim): usable to reply to them, never proof
   * that messages from the address are theirs, never a merge by itself.
   */
  claimIdentity(channel: Channel, address: string, claimed: Identity): Promise<void>;
}

export interface OutboundMessage {
  jobId: string;
  idempotencyKey: string;
  channel: Channel;
  replyRef: string;
  text: string;
  purpose: OutboxJob['purpose'];
  customer: Customer;
  conversationId: string;
  /** The customer's message being answered, when there is one (email threading). */
  inReplyTo?: Message;
  language: string;
  /** The job's durable send record (the outbox always passes one; see SendRecord). */
  record?: SendRecord;
  /** A pre-approved template to send instead of `text` (which then is its rendered preview). */
  template?: TemplateSend;
  /** Files the owner shared with the reply: each with its fit for the channel and a signed link. */
  files?: OutboundFile[];
}

/**
 * How a connector makes one job one send, across pacing waits, lease takeovers and crashes.
 * `check` goes right before the platform call (after any pacing queue), `accepted` right after
 * the platform said yes, before anything else (filing a copy, logging).
 */
export interface SendRecord {
  /**
   * The marker an earlier attempt stored (then do not send again), or undefined to go ahead.
   * Throws when this worker no longer holds the job (another took it over, or the desk is
   * stopping): then nothing may be sent.
   */
  check(): Promise<string | undefined>;
  /**
   * Stores the marker (the platform's message id, progress through parts, or — for a platform
   * without idempotency keys — that an attempt is starting, so a retry knows to look first);
   * never throws.
   */
  accepted(marker: string): Promise<void>;
}

export type SendResult =
  | { kind: 'sent'; externalId?: string; delivery?: DeliveryState }
  /** The platform will never accept it (opted out, window closed, bad address). */
  | { kind: 'rejected'; reason: string }
  /** Try again later (network, 5xx, 429). */
  | { kind: 'retry'; reason: string; retryAfterMs?: number };

export type SendCheck = { ok: true } | { ok: false; reason: string };

export interface ConnectorHealth {
  state: 'up' | 'down' | 'starting' | 'disabled';
  detail?: string;
}

export interface Connector {
  readonly name: string;
  readonly channels: readonly Channel[];
  readonly pacing?: readonly PaceRule[];
  start(intake: Intake): Promise<void>;
  stop(): Promise<void>;
  send(message: OutboundMessage): Promise<SendResult>;
  /**
   * How long (ms) after an attempt the platform still recognises a repeat of the same job's send —
   * an idempotency key or nonce it honours, a lookup of what was sent, a transcript keyed by the
   * job; Infinity: always. A job taken over after a crash mid-send is sent again by itself only
   * within it; otherwise (and when absent) the owner is asked first (OutboxStatus `uncertain`).
   */
  resendDedupeMs?(channel: Channel): number;
  /** Checked before a decision queues a reply (24-hour windows and the like). */
  canSend?(channel: Channel, replyRef: string, customer: Customer, lastInboundAt?: Date): SendCheck;
  /** Pre-approved templates that may go out where free text can't (WhatsApp beyond 24 h). */
  templates?(channel: Channel): Promise<MessageTemplate[]>;
  health(): ConnectorHealth;
}
