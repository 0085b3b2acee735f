/**
 * handleInbound: dedupe → identify the customer → continue or start a conversation →
 * persist → (acknowledge) → classify → draft → consoles.
 *
 * `receive` returns as soon as the message is stored, so a connector can acknowledge the
 * platform quickly; classification, drafting and console posts follow in a per-customer
 * queue. A message stored but not yet shown (a crash in between) is resumed on start.
 */
import { storeFiles, withFileData } from './attachment-files.js';
import { buildCustomerView, publishDelivery, publishPendingDrafts, type ConsoleHub } from './console-hub.js';
import { afterIntakeFailure } from './intake-guard.js';
import { identifySender, normaliseAddress, type MergeSuggestion } from './identify.js';
import { claimAddress, publishSuggestion } from './claims.js';
import { markPresentedTo, presentedTo } from './presented-to.js';
import { KeyedQueue } from './keyed-queue.js';
import { survivorOf } from './merges.js';
import { admitOptChange } from './opt-outs.js';
import type { Channel, Classification, Conversation, Customer, Identity, Message } from './model.js';
import { UNVERIFIED_SENDER_META } from './model.js';
import type {
  Classifier,
  Clock,
  DeliveryUpdate,
  Drafter,
  IdGenerator,
  InboundMessage,
  Intake,
  IntakeResult,
  Logger,
  OptOutSource,
  RatingInput,
  RatingResult,
  Store,
} from './ports.js';
import { parseRatingReply } from './rating-reply.js';
import { makeDraft } from './make-draft.js';
import { ratedConversation, recordRating } from './ratings.js';
import type { Autopilot } from './answers/autopilot.js';
import { optChangeNotice } from './opt-notice.js';

export interface PipelineDeps {
  store: Store;
  classifier: Classifier;
  drafter: Drafter;
  consoles: ConsoleHub;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  /** Earned automatic replies from remembered answers (src/core/answers/autopilot.ts). */
  autopilot?: Autopilot;
}

export interface PipelineOptions {
  /** A message after this long without one starts a new conversation. */
  idleGapMs: number;
  /** Attachment bytes kept per message (default 10 MiB); the rest are listed as too large. */
  maxAttachmentBytes?: number;
  /** Same failure this often: the item is set aside (intake-guard.ts). OWNER_LANGUAGE for its notice. */
  maxIntakeAttempts?: number;
  ownerLanguage?: string;
  /** Match quality (0..1) a remembered answer needs to become the draft (src/core/answers). */
  answerThreshold?: number;
}

const MAX_TEXT = 100_000;

export class Pipeline implements Intake {
  /** Serialises identification per sender address, so a burst can't create two customers. */
  private readonly identifyQueue = new KeyedQueue();
  /** Serialises presentation per customer, so the console sees messages in order. */
  private readonly presentQueue = new KeyedQueue();

  constructor(
    private readonly deps: PipelineDeps,
    private readonly options: PipelineOptions,
  ) {}

  async receive(inbound: InboundMessage): Promise<IntakeResult> {
    const problem = validate(inbound);
    if (problem) return { kind: 'ignored', reason: problem };
    const { store } = this.deps;
    const address = normaliseAddress(inbound.channel, inbound.from.address);

    const existing = await store.findMessageByExternalId(inbound.channel, inbound.externalId);
    if (existing) return { kind: 'duplicate', messageId: existing.id };

    let stored: IntakeResult;
    let suggestions: MergeSuggestion[] = [];
    try {
      ({ result: stored, suggestions } = await this.identifyQueue.run(`${inbound.channel}:${address}`, () =>
        this.store(inbound, address),
      ));
    } catch (err) {
      // Rethrows (the connector retries) unless this item keeps failing: then it is set aside.
      return afterIntakeFailure(this.deps, this.options, inbound, address, err);
    }
    if (stored.kind === 'stored') {
      void this.presentQueue
        .run(stored.customerId, async () => {
          await this.present(stored.messageId);
          // After the message, so the suggestion sits under it in the new thread.
          for (const s of suggestions)
            await publishSuggestion(this.deps.store, this.deps.consoles, stored.customerId, s);
        })
        .catch((err: unknown) => this.logFailure(err, stored.messageId));
    }
    return stored;
  }

  /**
   * Shows every stored-but-unshown message, oldest first: after a crash, and periodically for
   * messages a console could not take (Slack down). `olderThanMs` skips ones still in flight.
   */
  async resume(olderThanMs = 0): Promise<number> {
    const cutoff = this.deps.clock.now().getTime() - olderThanMs;
    const stored = await this.deps.store.listUnpresented(1000);
    const pending = stored.filter((m) => m.createdAt.getTime() <= cutoff);
    for (const message of pending) {
      void this.presentQueue
        .run(message.customerId, () => this.present(message.id))
        .catch((err: unknown) => this.logFailure(err, message.id));
    }
    return pending.length;
  }

  /** Waits until everything received so far has been classified, drafted and shown. */
  async drain(): Promise<void> {
    await this.identifyQueue.drain();
    await this.presentQueue.drain();
  }

  async delivery(update: DeliveryUpdate): Promise<void> {
    const { store } = this.deps;
    const job = await store.findJobByExternalId(update.channel, update.externalId);
    if (!job) {
      this.deps.logger.warn(
        { channel: update.channel, state: update.state },
        'delivery update for unknown message',
      );
      return;
    }
    await store.setJobDelivery(job.id, update.state, update.error);
    await publishDelivery(store, this.deps.consoles, job.id);
  }

  async rating(input: RatingInput): Promise<RatingResult> {
    const conversation = await ratedConversation(this.deps.store, input);
    if ('reason' in conversation) return { kind: 'rejected', reason: conversation.reason };
    return recordRating(this.deps, conversation, input.channel, input.score, input.comment);
  }

  async optOut(
    channel: Channel,
    address: string,
    optedOut: boolean,
    source?: OptOutSource,
  ): Promise<boolean> {
    const normalised = normaliseAddress(channel, address);
    // In line with the sender's messages, so a keyword and the message it came in keep order.
    return this.identifyQueue.run(`${channel}:${normalised}`, async () => {
      const { store } = this.deps;
      if (source && !(await admitOptChange(store, channel, normalised, optedOut, source))) return false;
      const customer = await store.findCustomerByIdentity(channel, normalised);
      if (!customer) return true;
      const others = customer.optedOut.filter((c) => c !== channel);
      await store.updateCustomer(customer.id, { optedOut: optedOut ? [...others, channel] : others });
      const view = await buildCustomerView(store, customer.id);
      if (view) {
        const text = optChangeNotice(channel, optedOut, this.options.ownerLanguage);
        await this.deps.consoles.publish({ type: 'notice', view, text });
        await publishPendingDrafts(store, this.deps.consoles, view);
      }
      return true;
    });
  }

  async addIdentity(channel: Channel, address: string, identity: Identity): Promise<void> {
    const { store } = this.deps;
    const found = await store.findCustomerByIdentity(channel, normaliseAddress(channel, address));
    if (!found) return;
    const customer = await this.followMerges(found);
    const normalised = { ...identity, address: normaliseAddress(identity.channel, identity.address) };
    const result = await store.addIdentity(customer.id, normalised);
    if (result.kind === 'inserted') {
      const view = await buildCustomerView(store, customer.id);
      if (view) {
        await this.deps.consoles.publish({ type: 'customer', view });
        await publishPendingDrafts(store, this.deps.consoles, view);
      }
    }
  }

  async claimIdentity(channel: Channel, address: string, claimed: Identity): Promise<void> {
    const { store, clock, consoles } = this.deps;
    const found = await store.findCustomerByIdentity(channel, normaliseAddress(channel, address));
    if (!found) return;
    const claimant = await this.followMerges(found);
    await claimAddress(store, consoles, claimant.id, claimed, clock.now());
  }

  // ------------------------------------------------------------------ internals

  private async store(
    inbound: InboundMessage,
    address: string,
  ): Promise<{ result: IntakeResult; suggestions: MergeSuggestion[] }> {
    const { store, clock, ids } = this.deps;
    const now = inbound.receivedAt ?? clock.now();
    const { customer, suggestions } = await identifySender(store, ids, inbound, address, now);
    const result = await this.file(inbound, address, customer, now);
    return { result, suggestions: result.kind === 'stored' ? suggestions : [] };
  }

  /** Continues or opens the customer's conversation and stores the message in it. */
  private async file(
    inbound: InboundMessage,
    address: string,
    customer: Customer,
    now: Date,
  ): Promise<IntakeResult> {
    const { store, ids } = this.deps;
    let conversation = await store.latestConversation(customer.id);

    const score = parseRatingReply(inbound.text);
    const rates = score !== undefined && conversation !== undefined && this.awaitsRating(conversation, now);
    const idle =
      conversation && now.getTime() - conversation.lastInboundAt.getTime() > this.options.idleGapMs;
    if (!rates && (!conversation || conversation.status === 'resolved' || idle)) {
      conversation = {
        id: ids(),
        customerId: customer.id,
        channel: inbound.channel,
        status: 'open',
        openedAt: now,
        lastInboundAt: now,
      };
      await store.createConversation(conversation);
    } else if (!rates && conversation) {
      await store.updateConversation(conversation.id, { lastInboundAt: now });
    }
    if (!conversation) throw new Error('unreachable: a conversation exists here');

    // Bytes go to the store's file area first; the message keeps their ids.
    const attachments = await storeFiles(store, inbound, this.options.maxAttachmentBytes);
    const message: Message = {
      id: ids(),
      conversationId: conversation.id,
      customerId: customer.id,
      direction: 'in',
      channel: inbound.channel,
      kind: inbound.kind ?? 'text',
      externalId: inbound.externalId,
      replyRef: inbound.replyRef,
      address,
      text: inbound.text.slice(0, MAX_TEXT),
      ...(inbound.fullText !== undefined ? { fullText: inbound.fullText.slice(0, MAX_TEXT * 5) } : {}),
      ...(inbound.subject !== undefined ? { subject: inbound.subject } : {}),
      attachments,
      meta: {
        ...inbound.meta,
        ...(inbound.unverifiedSender !== undefined
          ? { [UNVERIFIED_SENDER_META]: inbound.unverifiedSender }
          : {}),
      },
      createdAt: now,
      // A rating reply is kept in the resolved conversation's history but needs no draft;
      // it is feedback by definition, so the figures count it as such.
      stage: rates ? 'presented' : 'stored',
      ...(rates ? { classification: await this.ratingClassification(inbound.text, customer) } : {}),
    };
    const inserted = await store.insertMessage(message);
    if (inserted.kind === 'duplicate') return { kind: 'duplicate', messageId: inserted.existingId };
    if (rates && score !== undefined) {
      await recordRating(this.deps, conversation, inbound.channel, score);
      return { kind: 'ignored', reason: 'recorded as a rating' };
    }
    return {
      kind: 'stored',
      messageId: message.id,
      customerId: customer.id,
      conversationId: conversation.id,
    };
  }

  private followMerges(customer: Customer): Promise<Customer> {
    return survivorOf(this.deps.store, customer);
  }

  /**
   * A bare 1–5 answers the rating request while the conversation stays resolved and the
   * request is recent — also when it was answered already (a resent or corrected score).
   */
  private awaitsRating(conversation: Conversation, now: Date): boolean {
    const asked = conversation.ratingRequestedAt;
    return (
      conversation.status === 'resolved' &&
      asked !== undefined &&
      now.getTime() - asked.getTime() <= this.options.idleGapMs
    );
  }

  private get draftDeps() {
    const { answerThreshold } = this.options;
    return { ...this.deps, ...(answerThreshold !== undefined ? { answerThreshold } : {}) };
  }

  private async present(messageId: string): Promise<void> {
    const { store, classifier } = this.deps;
    const message = await store.getMessage(messageId);
    if (!message || message.stage === 'presented') return;
    const customer = await store.getCustomer(message.customerId);
    if (!customer) return;

    const classification =
      message.classification ??
      (await classifier.classify(message.text, {
        channel: message.channel,
        ...(customer.language ? { customerLanguage: customer.language } : {}),
      }));
    // Stored before the consoles render: "Send via" ranks the recommended channel from it.
    await store.updateMessage(message.id, { classification });
    if (classification.language !== 'und' && classification.language !== customer.language) {
      await store.updateCustomer(customer.id, { language: classification.language });
    }

    // A retry after a console failure reuses the draft it made the first time.
    const draftId = `${message.id}-d`;
    const existingDraft = await store.getDraft(draftId);
    const draft =
      existingDraft ?? (await makeDraft(this.draftDeps, draftId, message, customer, classification));

    const view = await buildCustomerView(store, customer.id);
    if (!view) return;
    const { consoles } = this.deps;
    const already = await presentedTo(store, consoles.names, message.id);
    const took = await consoles.publishEach(
      {
        type: 'inbound',
        view,
        // Consoles upload the kept bytes into the thread.
        message: { ...message, classification, attachments: await withFileData(message.attachments, store) },
        draft,
      },
      already,
      (name) => markPresentedTo(store, name, message.id),
    );
    // Only a message every console took is done; resume() retries it on the consoles that missed it.
    const shown = consoles.names.every((name) => already.has(name) || took.includes(name));
    if (shown) await store.updateMessage(message.id, { stage: 'presented' });
  }

  private async ratingClassification(text: string, customer: Customer): Promise<Classification> {
    const c = await this.deps.classifier.classify(
      text,
      customer.language ? { customerLanguage: customer.language } : {},
    );
    return { ...c, intent: 'feedback_praise', confidence: 1 };
  }

  private logFailure(err: unknown, messageId: string): void {
    const e = err as { message?: string; code?: string };
    this.deps.logger.error(
      { messageId, err: e?.message, code: e?.code },
      'presenting a stored message failed',
    );
  }
}

function validate(inbound: InboundMessage): string | undefined {
  if (!inbound.externalId) return 'missing external id';
  if (!inbound.from?.address) return 'missing sender address';
  if (!inbound.replyRef) return 'missing reply reference';
  if (typeof inbound.text !== 'string') return 'missing text';
  return undefined;
}

export { normaliseAddress } from './identify.js';
