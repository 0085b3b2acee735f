/** The store (src/store/sqlite, src/store/mongo): everything kept, behind one interface. */
import type { RememberedAnswer } from '../answers/record.js';
import type { AttentionRecord } from '../attention/record.js';
import type {
  Channel,
  Claim,
  Conversation,
  Customer,
  Decision,
  DeliveryState,
  Draft,
  Identity,
  Message,
  OutboxJob,
  Rating,
  UncertainAnswer,
} from '../model.js';

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
  /**
   * Like renewJobLease, and stamps `attemptStartedAt` = now: the send is going to its platform.
   * The connector's SendRecord.check, right before the platform call.
   */
  startJobAttempt(id: string, owner: string, now: Date, leaseMs: number): Promise<OutboxJob | undefined>;
  /**
   * Stores `sentMarker` on a job at once, whoever holds it (the platform accepted the send), and
   * clears `attemptStartedAt` (the attempt's outcome is known).
   */
  markJobSent(id: string, marker: string): Promise<void>;
  /**
   * Only the lease owner may finish a job; returns false if the lease was lost. Clears
   * `attemptStartedAt`, except when the job becomes `uncertain`.
   */
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
  /**
   * The owner's answer to an `uncertain` job, once (compare-and-set on the status): `resend`
   * queues it again (due now, attempts kept, no attempt in flight); `arrived` marks it sent.
   * Returns the job as it is now, or undefined when it was not uncertain (a second tap).
   */
  answerUncertainJob(id: string, answer: UncertainAnswer, now: Date): Promise<OutboxJob | undefined>;
  /**
   * The jobs that need the owner (`/cs due`, the digest), oldest change first: every `uncertain`
   * job, and each `failed` reply that is still the newest reply job of its conversation and has
   * no reply to the same customer created after it and sent (a later delivered reply supersedes
   * it). Failed acknowledgements and rating requests are left out: nothing for the owner to do.
   */
  listJobsNeedingOwner(limit: number): Promise<OutboxJob[]>;

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
