/**
 * The interfaces the core needs from the outside world. Implementations live in
 * src/store, src/nlp, src/console and connectors/, and are chosen by src/main.ts.
 */
import type { CustomerNotes } from './search.js';
import type { PersonChoice } from './people.js';
import type { NotesChange } from './customer-notes.js';
import type {
  Actor,
  Attachment,
  Channel,
  Claim,
  Classification,
  Conversation,
  Customer,
  Decision,
  DeliveryState,
  Draft,
  Identity,
  Message,
  MessageKind,
  OutboxJob,
  Rating,
} from './model.js';
import type { DeskNotice } from './desk-notice.js';
import type { AttentionRecord } from './attention/record.js';
import type { RememberedAnswer, RememberPrefill } from './answers/record.js';
import type { MessageTemplate, TemplateOffer, TemplateSend } from './message-templates.js';
import type { OutboundFile, SharedFile } from './outbound-files.js';

// ---------------------------------------------------------------- infrastructure

export interface Clock {
  now(): Date;
}

/** Structured logger (pino's shape). Never pass message bodies or secrets in `obj`. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

export type IdGenerator = () => string;

/**
 * A pacing rule a connector or console declares, e.g. Slack's ~1 message/s per channel.
 * Calls are grouped by `rule` and then by a destination key (a channel id, a number).
 */
export interface PaceRule {
  rule: string;
  /** Minimum gap between two calls to the same destination. */
  minTimeMs: number;
  /** Optional overall cap across all destinations of this rule (e.g. Telegram 30/s). */
  overallMinTimeMs?: number;
}

export interface Pacer {
  define(rule: PaceRule): void;
  /**
   * Runs `task` when the destination's budget allows. `weight` counts how many
   * units (e.g. SMS segments) the call uses: the next call waits weight × minTime.
   */
  schedule<T>(rule: string, destination: string, task: () => Promise<T>, weight?: number): Promise<T>;
  stop(): Promise<void>;
}

// ---------------------------------------------------------------- nlp

/**
 * The NLP may answer at once (in-process) or later (from a worker thread, so classifying
 * never blocks the event loop that acknowledges webhooks).
 */
export type Awaitable<T> = T | Promise<T>;

export interface ClassifyContext {
  channel?: Channel;
  /** The customer's last known language: short or ambiguous text falls back to it. */
  customerLanguage?: string;
}

export interface Classifier {
  classify(text: string, context?: ClassifyContext): Awaitable<Classification>;
}

export interface DraftInput {
  text: string;
  classification: Classification;
  /** The channel the reply goes out on: decides length and tone. */
  channel: Channel;
  customerName?: string;
  subject?: string;
}

export interface DraftOutput {
  text: string;
  language: string;
  /** Where the draft came from, for the owner: `template:order`, `kb:returns-policy`, … */
  source: string;
}

export interface Drafter {
  draft(input: DraftInput): Awaitable<DraftOutput>;
  /** The article's one-line answer saying which channel will respond, in `language`. */
  channelMessage(channel: Classification['recommendedChannel'], language: string): Awaitable<string>;
}

// ---------------------------------------------------------------- connectors

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
  /** Checked before a decision queues a reply (24-hour windows and the like). */
  canSend?(channel: Channel, replyRef: string, customer: Customer, lastInboundAt?: Date): SendCheck;
  /** Pre-approved templates that may go out where free text can't (WhatsApp beyond 24 h). */
  templates?(channel: Channel): Promise<MessageTemplate[]>;
  health(): ConnectorHealth;
}

// ---------------------------------------------------------------- consoles

export interface CustomerView {
  customer: Customer;
  identities: Identity[];
  /** The current (latest) conversation. */
  conversation?: Conversation;
  counts: { conversations: number; messagesIn: number; messagesOut: number };
  lastRating?: Rating;
  /** Unverified contacts (claims) that are not also verified identities. */
  claims?: Claim[];
  /** The current conversation's due time and snooze, when it waits for the owner. */
  attention?: AttentionRecord;
  /** The owner's private note and tags (src/core/customer-notes.ts), when there are any. */
  notes?: CustomerNotes;
}

/** What the core tells every owner console. Consoles render these as neutral cards. */
export type DeskEvent =
  | { type: 'inbound'; view: CustomerView; message: Message; draft?: Draft }
  | { type: 'draft'; view: CustomerView; draft: Draft }
  | { type: 'decided'; view: CustomerView; draft: Draft; decision: Decision; job?: OutboxJob }
  /** `decided`: the reply's draft and decision, so consoles redraw the decided card in place. */
  | { type: 'delivery'; view: CustomerView; job: OutboxJob; decided?: { draft: Draft; decision: Decision } }
  | { type: 'customer'; view: CustomerView }
  | { type: 'rating'; view: CustomerView; rating: Rating }
  /** `pointerTo`: a customer whose thread the notice points at (after a merge). */
  | {
      type: 'notice';
      view: CustomerView;
      text: string;
      pointerTo?: string;
      mention?: boolean;
      /** A merge's pointer post: offers Split… on `pointerTo` (the survivor) to undo it. */
      offerSplit?: boolean;
    }
  /**
   * Posted in `view`'s thread: `from` claimed `address`, which `into` holds as a verified
   * identity (or `into` was answered from it). The owner may merge `from` into `into` in one tap.
   */
  | {
      type: 'merge_suggestion';
      view: CustomerView;
      into: CustomerView;
      from: CustomerView;
      address: Identity;
      why: 'claimed' | 'answered';
    };

export type DecisionResult =
  | { kind: 'queued'; decision: Decision; job: OutboxJob }
  | { kind: 'discarded'; decision: Decision }
  | { kind: 'already_decided'; decision?: Decision }
  | { kind: 'rejected'; reason: string };

export interface DecideInput {
  draftId: string;
  actor: Actor;
  action: 'send' | 'edit_send' | 'send_via' | 'discard';
  /** Required for edit_send. */
  text?: string;
  /** Required for send_via. */
  channel?: Channel;
}

export type TemplateOffersResult =
  { kind: 'ok'; offers: TemplateOffer[] } | { kind: 'rejected'; reason: string };

export interface TemplateDecideInput {
  draftId: string;
  actor: Actor;
  templateSid: string;
  /** The variables as the owner left them; missing ones take the prefilled values. */
  values: Record<string, string>;
}

export type SimpleResult = { kind: 'ok' } | { kind: 'rejected'; reason: string };

/** Places an owner-to-customer call to an E.164 number (Twilio's Call back). */
export type CallBackPlacer = (customerNumber: string) => Promise<SimpleResult>;

/** What a console may ask of the desk: decisions plus the reads it needs to render. */
export interface DeskApi {
  decide(input: DecideInput): Promise<DecisionResult>;
  /** Owner free text in a customer thread: becomes a pending reply, never sent by itself. */
  note(customerId: string, text: string, actor: Actor): Promise<Draft | undefined>;
  /** Files the owner shared in a customer thread (with any text): a pending reply carrying them. */
  shareFiles?(
    customerId: string,
    text: string,
    files: SharedFile[],
    actor: Actor,
  ): Promise<Draft | undefined>;
  resolve(customerId: string, actor: Actor): Promise<SimpleResult>;
  reopen(customerId: string, actor: Actor): Promise<SimpleResult>;
  retry(jobId: string, actor: Actor): Promise<SimpleResult>;
  /** Rings the owner's phone and bridges it to the customer's number ("Call back"). */
  callBack(customerId: string, actor: Actor): Promise<SimpleResult>;
  /** Whether Call back can be offered for this customer (a phone connector and a number). */
  canCallBack(view: CustomerView): boolean;
  /** Whether "Send template…" is offered: Send is blocked (a closed window) and templates exist. */
  canSendTemplate?(draftId: string): Promise<boolean>;
  /** The approved templates for a draft, their variables prefilled from the customer and draft. */
  templateOffers?(draftId: string, actor: Actor): Promise<TemplateOffersResult>;
  /** Decides the draft by sending a template (once, like any decision) through the outbox. */
  sendTemplate?(input: TemplateDecideInput): Promise<DecisionResult>;
  /** The same person under two profiles: `fromCustomerId`'s history moves into `intoCustomerId`. */
  merge(intoCustomerId: string, fromCustomerId: string, actor: Actor): Promise<SimpleResult>;
  view(customerId: string): Promise<CustomerView | undefined>;
  draft(draftId: string): Promise<Draft | undefined>;
  message(messageId: string): Promise<Message | undefined>;
  /** Channels the customer can be answered on, the recommended one first. */
  replyChannels(draftId: string): Promise<Channel[]>;
  pendingDrafts(): Promise<Draft[]>;
  /** Snoozes the customer's waiting conversation: `1h`, `3h`, `tomorrow`, `nextweek` or an ISO time. */
  snooze?(customerId: string, choice: string, actor: Actor): Promise<SimpleResult>;
  /** The desk's clock, so cards can say "reply due in 35 min". */
  now?(): Date;
  /** Remember (src/core/answers): the sent reply with names, orders and dates as [[blanks]]. */
  rememberPrefill?(draftId: string, actor: Actor): Promise<RememberPrefill>;
  /** Stops an automatic reply from sending itself; it stays as a draft. */
  cancelAuto?(draftId: string, actor: Actor): Promise<SimpleResult>;
  /** Saves the owner's trimmed reply as a remembered answer in its language. */
  remember?(draftId: string, text: string, actor: Actor): Promise<SimpleResult>;
  /** Replaces the owner's private note and/or tags on a customer (root card Note / Tags). */
  setNotes?(customerId: string, change: NotesChange, actor: Actor): Promise<SimpleResult>;
  /** "Same person as…": customers matching a search, never `excludeId` itself (src/core/people.ts). */
  findPeople?(text: string, excludeId?: string): Promise<PersonChoice[]>;
  /** Split: moves one identity and its messages off the customer to a new one (src/core/people.ts). */
  split?(
    customerId: string,
    identity: Pick<Identity, 'channel' | 'address'>,
    actor: Actor,
  ): Promise<SimpleResult>;
  refs: ConsoleRefs;
}

/** Where consoles keep their platform references (Slack thread ts, Discord post id…). */
export interface ConsoleRefs {
  get(console: string, key: string): Promise<string | undefined>;
  set(console: string, key: string, value: string): Promise<void>;
  /** Reverse lookup: which key holds this value (a Slack thread → its customer). */
  findKey(console: string, value: string): Promise<string | undefined>;
}

export interface Console {
  readonly name: string;
  start(desk: DeskApi): Promise<void>;
  stop(): Promise<void>;
  publish(event: DeskEvent): Promise<void>;
  /** A notice about the desk itself, not one customer (optional: see ConsoleHub.announce). */
  announce?(notice: DeskNotice): Promise<void>;
  /** A post to the owner tied to no customer (the daily digest); where the console has a place for one. */
  publishPost?(post: OwnerPost): Promise<void>;
  /**
   * `/cs forget`: deletes (or blanks, where the platform cannot delete) this console's posts
   * about the customer. Called before the store erases, while its references are known.
   */
  forget?(customerId: string): Promise<void>;
}

/** A titled owner post in sections, shaped like a command reply so consoles render both alike. */
export interface OwnerPost {
  title: string;
  sections: { heading?: string; fields: { label: string; value: string }[] }[];
  text?: string;
}

// ---------------------------------------------------------------- store

export type InsertResult = { kind: 'inserted' } | { kind: 'duplicate'; existingId: string };

/**
 * Persistence. Every method is atomic on its own; operations that must change
 * several records together (a decision and its outbox job) are single methods.
 */
export interface Store {
  migrate(): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;

  // customers and identities
  findCustomerByIdentity(channel: Channel, address: string): Promise<Customer | undefined>;
  /** Creates the customer with its first identity; `duplicate` when the identity exists already. */
  createCustomer(customer: Customer, identity: Identity): Promise<InsertResult>;
  getCustomer(id: string): Promise<Customer | undefined>;
  updateCustomer(id: string, patch: Partial<Omit<Customer, 'id' | 'createdAt'>>): Promise<void>;
  addIdentity(customerId: string, identity: Identity): Promise<InsertResult>;
  listIdentities(customerId: string): Promise<Identity[]>;
  /** Moves identities, claims, conversations, messages, drafts and ratings of `fromId` to `intoId`. */
  mergeCustomers(intoId: string, fromId: string): Promise<void>;
  /**
   * Records an unproven address of a customer (never found by findCustomerByIdentity);
   * `duplicate` (existingId: the customer) when this customer claims it already.
   */
  addClaim(customerId: string, claim: Claim): Promise<InsertResult>;
  /** Creates a customer known only by a claim (a sender whose mail failed authentication). */
  createClaimant(customer: Customer, claim: Claim): Promise<void>;
  /** A customer's claims, oldest first. */
  listClaims(customerId: string): Promise<Claim[]>;
  /** The customers claiming this address (of `kind` when given), oldest claim first. */
  findClaimants(channel: Channel, address: string, kind?: Claim['kind']): Promise<string[]>;

  // conversations
  latestConversation(customerId: string): Promise<Conversation | undefined>;
  createConversation(conversation: Conversation): Promise<void>;
  getConversation(id: string): Promise<Conversation | undefined>;
  updateConversation(id: string, patch: Partial<Omit<Conversation, 'id' | 'customerId'>>): Promise<void>;
  countConversations(customerId: string): Promise<number>;

  // messages
  /** `duplicate` when (channel, externalId) is already stored. */
  insertMessage(message: Message): Promise<InsertResult>;
  getMessage(id: string): Promise<Message | undefined>;
  findMessageByExternalId(channel: Channel, externalId: string): Promise<Message | undefined>;
  updateMessage(
    id: string,
    patch: Partial<Pick<Message, 'classification' | 'stage' | 'delivery'>>,
  ): Promise<void>;
  listMessages(conversationId: string, limit?: number): Promise<Message[]>;
  countMessages(customerId: string): Promise<{ in: number; out: number }>;
  /** Inbound messages stored but not yet shown to the consoles (resumed after a crash). */
  listUnpresented(limit: number): Promise<Message[]>;

  // drafts and decisions
  insertDraft(draft: Draft): Promise<void>;
  getDraft(id: string): Promise<Draft | undefined>;
  listPendingDrafts(limit?: number): Promise<Draft[]>;
  /**
   * Atomically: if the draft is still pending, record the decision, set the draft's
   * status, insert the outbound message and queue the job. Returns false (and changes
   * nothing) when the draft was decided already.
   */
  commitDecision(
    decision: Decision,
    draftStatus: 'sent' | 'discarded',
    delivery?: { message: Message; job: OutboxJob },
  ): Promise<boolean>;
  getDecision(id: string): Promise<Decision | undefined>;

  // outbox
  /** Queues a job that is not tied to a draft (e.g. a rating request), with its message. */
  enqueue(message: Message, job: OutboxJob): Promise<InsertResult>;
  /**
   * Claims up to `limit` due jobs: pending, or sending with an expired lease held by another
   * owner (a job this owner holds is still in its hands, however late).
   */
  claimJobs(owner: string, now: Date, leaseMs: number, limit: number): Promise<OutboxJob[]>;
  /**
   * Extends the lease of a job `owner` still holds (status sending) to now + leaseMs and returns
   * the job; undefined when the lease was lost. The outbox's heartbeat while a send is in flight.
   */
  renewJobLease(id: string, owner: string, now: Date, leaseMs: number): Promise<OutboxJob | undefined>;
  /** Stores `sentMarker` on a job at once, whoever holds it (the platform accepted the send). */
  markJobSent(id: string, marker: string): Promise<void>;
  /** Only the lease owner may finish a job; returns false if the lease was lost. */
  finishJob(
    id: string,
    owner: string,
    patch: Pick<OutboxJob, 'status' | 'attempts' | 'nextAttemptAt' | 'delivery'> &
      Partial<Pick<OutboxJob, 'lastError' | 'externalId'>>,
  ): Promise<boolean>;
  getJob(id: string): Promise<OutboxJob | undefined>;
  findJobByExternalId(channel: Channel, externalId: string): Promise<OutboxJob | undefined>;
  /** Sets delivery state (and the outbound message's) without regard to leases. */
  setJobDelivery(id: string, delivery: DeliveryState, error?: string): Promise<void>;
  /** A failed job goes back to pending for an owner's Retry. */
  requeueJob(id: string, now: Date): Promise<boolean>;

  // ratings
  insertRating(rating: Rating): Promise<void>;
  lastRating(customerId: string): Promise<Rating | undefined>;
  listRatings(conversationId: string): Promise<Rating[]>;

  // console references and connector cursors
  getRef(console: string, key: string): Promise<string | undefined>;
  setRef(console: string, key: string, value: string): Promise<void>;
  findRefKey(console: string, value: string): Promise<string | undefined>;
  getCursor(name: string): Promise<string | undefined>;
  setCursor(name: string, value: string): Promise<void>;

  // attachment files: kept out of the message record (see Attachment.fileId)
  /** Stores one attachment's bytes; the same id again replaces them (a retried intake). */
  putFile(file: StoredFile): Promise<void>;
  getFile(id: string): Promise<StoredFile | undefined>;
  /** Sets when a file may be deleted (an owner's outbound file: Send + FILE_LINK_TTL, or now). */
  expireFile(id: string, at: Date): Promise<void>;
  /** Deletes the files whose expiry is at or before `now`; how many. Files without one stay. */
  deleteExpiredFiles(now: Date): Promise<number>;

  // inbound items that keep failing (dead letters)
  getIntakeFailure(channel: Channel, externalId: string): Promise<IntakeFailure | undefined>;
  /** Inserts or replaces the record of (channel, externalId). */
  putIntakeFailure(failure: IntakeFailure): Promise<void>;
  /** Items set aside, newest first. */
  listSetAside(limit: number): Promise<IntakeFailure[]>;

  // attention: due times, reminders, snooze, acknowledgements (src/core/attention)
  /**
   * Records `key` once: true for the first caller, false for every later one, in any process.
   * The timers' idempotency keys (`ack:…`, `remind:…`, `digest:<date>`) go through it.
   */
  claimMark(key: string, at: Date): Promise<boolean>;
  /** How many marks starting with `prefix` were claimed in [from, to). */
  countMarks(prefix: string, from: Date, to: Date): Promise<number>;
  getAttention(conversationId: string): Promise<AttentionRecord | undefined>;
  putAttention(record: AttentionRecord): Promise<void>;
  /** Conversations waiting for the owner, soonest due first. */
  listWaiting(limit: number): Promise<AttentionRecord[]>;
  /** Conversations whose latest answer came in [from, to). */
  listAnswered(from: Date, to: Date): Promise<AttentionRecord[]>;

  // remembered answers (src/core/answers)
  /** Inserts or replaces (same id) a remembered answer. */
  putAnswer(answer: RememberedAnswer): Promise<void>;
  getAnswer(id: string): Promise<RememberedAnswer | undefined>;
  /** In one language (or all), oldest first. */
  listAnswers(language?: string): Promise<RememberedAnswer[]>;
  /** True when there was one to forget. */
  deleteAnswer(id: string): Promise<boolean>;
}

/** One attachment's bytes (base64, as connectors hand them over). */
export interface StoredFile {
  id: string;
  contentType: string;
  dataBase64: string;
  /** When it may be deleted (outbound files); inbound attachments have none. */
  expiresAt?: Date;
}

/**
 * An inbound item the desk could not store. After `attempts` failures of the same kind
 * (`signature`) in a row it is set aside — a dead letter — so intake moves on to the next.
 */
export interface IntakeFailure {
  channel: Channel;
  externalId: string;
  /** What failed (error name and code, never message content): "the same way" compares it. */
  signature: string;
  attempts: number;
  firstAt: Date;
  lastAt: Date;
  setAsideAt?: Date;
  /** For the owner: who sent it, its subject, its size. Never logged. */
  summary: Record<string, string>;
}

// ---------------------------------------------------------------- figures

/**
 * A period of figures: [from, to), optionally one channel. `tz` (IANA) decides where
 * the days of the daily series begin.
 */
export interface FiguresQuery {
  from: Date;
  to: Date;
  channel?: Channel;
  tz: string;
}

/**
 * Durations of a set of conversations, in ms. Median and p90 follow src/core/figures.ts
 * (`medianOffsets`, `p90Offset`) so every store ranks the same way.
 */
export interface DurationSummary {
  count: number;
  sumMs: number;
  medianMs: number;
  p90Ms: number;
}

/**
 * Aggregates a store computes for a period; src/core/figures.ts derives the owner's
 * figures (minutes, P, the article's E) from them. Conversations are counted in the
 * period they were opened in; a rating in the period it was given, and only the latest
 * rating of each conversation counts. Stores aggregate in the database: at a million
 * messages, shipping rows to JavaScript would be the slow part.
 */
export interface FiguresData {
  /** C: distinct customers with an inbound message in the period. */
  customers: number;
  /** Messages created in the period, by direction and channel (zero counts omitted). */
  messages: { direction: 'in' | 'out'; channel: Channel; count: number }[];
  /** Inbound messages by classified intent; `unclassified` when none yet (zero counts omitted). */
  intents: { intent: string; count: number }[];
  conversations: { opened: number; resolved: number; unanswered: number };
  /** First response − opened, over the answered conversations opened in the period. */
  firstResponse?: DurationSummary;
  /** Resolved − opened, over the resolved conversations opened in the period. */
  resolution?: DurationSummary;
  /** How many conversations' latest rating, given in the period, was each score 1..5 (index 0 = score 1). */
  ratingCounts: [number, number, number, number, number];
  /** Conversations whose rating request went out in the period. */
  ratingsAsked: number;
  /**
   * Decisions in the period on the drafter's drafts (origin `auto`): sent unchanged by the
   * owner (send or send_via), edited, discarded, or sent by the `auto` console; plus owner
   * notes (origin `owner_note`) that were sent.
   */
  drafts: { asDrafted: number; edited: number; discarded: number; automatic: number; ownerWritten: number };
  /** One entry per local day, from the first day with a conversation (or `from`) to `to`. */
  daily: { day: string; start: Date; conversations: number; medianFirstResponseMs?: number }[];
}

/** Implemented by stores that can aggregate figures (both the embedded and the MongoDB store). */
export interface FiguresSource {
  figures(query: FiguresQuery): Promise<FiguresData>;
}
