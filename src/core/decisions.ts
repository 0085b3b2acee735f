/**
 * What the owner decides in a console: send, edit-and-send, send via another channel,
 * discard, resolve, reopen, retry, and free text (which only ever becomes a pending reply).
 * Each card is decided once: the store's commitDecision is a compare-and-set, so a second
 * tap — from the same console or another — changes nothing and says so.
 */
import { reachableIdentities } from './claims.js';
import { buildCustomerView, publishDelivery, publishPendingDrafts, type ConsoleHub } from './console-hub.js';
import {
  CONTACT_CHANNEL_OF,
  hasBlanks,
  type Actor,
  type Channel,
  type Decision,
  type Draft,
  type Identity,
  type Message,
  type OutboxJob,
} from './model.js';
import type {
  Clock,
  Connector,
  ConsoleRefs,
  CustomerView,
  DecideInput,
  CallBackPlacer,
  DecisionResult,
  DeskApi,
  IdGenerator,
  Logger,
  SimpleResult,
  Store,
  TemplateDecideInput,
  TemplateOffersResult,
} from './ports.js';
import { prefill, renderTemplate, TEMPLATE_META, type MessageTemplate } from './message-templates.js';
import { formatReplyRef } from './reply-ref.js';
import { ratingRequestText } from './rating-request.js';
import { ownerText, type OwnerTextKey } from './owner-text.js';
import { survivorId } from './merges.js';
import { findPeople, prepareMergeRecord, splitIdentity, type PersonChoice } from './people.js';
import { saveCustomerNotes, type NotesChange } from './customer-notes.js';
import type { Attention } from './attention/attention.js';
import { rememberAnswer, rememberPrefill } from './answers/remember.js';
import { recordOutcome } from './answers/outcomes.js';
import type { Autopilot } from './answers/autopilot.js';
import type { RememberPrefill } from './answers/record.js';
import { DEFAULT_FILE_TTL_MS, storeSharedFiles, type SharedFile } from './outbound-files.js';
import { dropFiles, fileText, keepFilesForLinks, missingFiles } from './decision-files.js';

export interface DecisionDeps {
  store: Store;
  consoles: ConsoleHub;
  connectorFor: (channel: Channel) => Connector | undefined;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  /** Wakes the outbox after a job is queued. */
  kickOutbox: () => void;
  /** Present when a voice connector can bridge calls. */
  callBack?: CallBackPlacer;
  /** Due times and snooze (src/core/attention). */
  attention?: Pick<Attention, 'snooze'>;
  /** Cancel on an automatic reply's card (src/core/answers/autopilot.ts). */
  autopilot?: Pick<Autopilot, 'cancel'>;
  /** FILE_LINK_TTL: how long a sent file (and its download link) is kept. */
  fileTtlMs?: number;
}

/** Checks made on the owner's behalf (which channels to offer) use the desk itself as actor. */
const SYSTEM: Actor = { console: 'desk', userId: 'desk' };

/** Channels whose address is a phone number we can call. */
const CALLABLE: readonly Channel[] = ['phone', 'sms', 'whatsapp'];
const E164 = /^\+[1-9]\d{6,14}$/;

const MAX_REPLY = 20_000;

export class Decisions implements DeskApi {
  readonly refs: ConsoleRefs;

  constructor(private readonly deps: DecisionDeps) {
    const { store } = deps;
    this.refs = {
      get: (console, key) => store.getRef(console, key),
      set: (console, key, value) => store.setRef(console, key, value),
      findKey: (console, value) => store.findRefKey(console, value),
    };
  }

  now(): Date {
    return this.deps.clock.now();
  }

  /** Cancel on an automatic reply: it stays as an ordinary draft for the owner. */
  async cancelAuto(draftId: string, _actor: Actor): Promise<SimpleResult> {
    const { store } = this.deps;
    const draft = await store.getDraft(draftId);
    if (!draft || draft.status !== 'pending' || !this.deps.autopilot)
      return { kind: 'rejected', reason: say(_actor, 'draftGone') };
    await this.deps.autopilot.cancel(draftId);
    const { autoSendAt: _cancelled, ...basis } = draft.basis ?? {
      answerId: '',
      answeredAt: new Date(0),
      customerId: '',
      score: 0,
    };
    const view = await buildCustomerView(store, draft.customerId);
    if (view)
      await this.deps.consoles.publish({
        type: 'draft',
        view,
        draft: { ...draft, ...(draft.basis ? { basis } : {}) },
      });
    return { kind: 'ok' };
  }

  rememberPrefill(draftId: string, actor: Actor): Promise<RememberPrefill> {
    return rememberPrefill(this.deps.store, draftId, actor);
  }

  async remember(draftId: string, text: string, actor: Actor): Promise<SimpleResult> {
    const result = await rememberAnswer(this.deps, draftId, text, actor);
    if (result.kind === 'ok')
      this.deps.logger.info({ draftId, answerId: result.answer?.id, by: actor.console }, 'answer remembered');
    return result.kind === 'ok' ? { kind: 'ok' } : result;
  }

  async snooze(customerId: string, choice: string, actor: Actor): Promise<SimpleResult> {
    if (!this.deps.attention) return { kind: 'rejected', reason: 'snooze is not available' };
    return this.deps.attention.snooze(customerId, choice, actor.language === 'zh' ? 'zh' : 'en');
  }

  async decide(input: DecideInput): Promise<DecisionResult> {
    const { store } = this.deps;
    const draft = await store.getDraft(input.draftId);
    if (!draft) return { kind: 'rejected', reason: say(input.actor, 'draftGone') };
    if (draft.status !== 'pending') return this.alreadyDecided(draft);

    if (input.action === 'discard') {
      const decision = this.decision(draft, input.actor, 'discard');
      if (!(await store.commitDecision(decision, 'discarded'))) return this.alreadyDecided(draft);
      await dropFiles(store, draft, this.deps.clock.now());
      await recordOutcome(store, draft, decision);
      await this.announce(draft.id, decision);
      return { kind: 'discarded', decision };
    }

    const text = input.action === 'edit_send' ? (input.text ?? '').trim() : draft.text;
    // A shared file may go without words.
    if (!text && !draft.attachments?.length) return { kind: 'rejected', reason: say(input.actor, 'empty') };
    const gone = await missingFiles(store, draft);
    if (gone) return { kind: 'rejected', reason: fileText(input.actor.language, 'fileGone', gone) };
    if (text.length > MAX_REPLY)
      return { kind: 'rejected', reason: say(input.actor, 'tooLong', { max: MAX_REPLY }) };
    if (hasBlanks(text)) {
      return {
        kind: 'rejected',
        reason: say(input.actor, 'blanks'),
      };
    }

    const target = await this.target(draft, input);
    if ('reason' in target) return { kind: 'rejected', reason: target.reason };

    const decision = this.decision(draft, input.actor, input.action, target.channel, text);
    const delivery = this.delivery(draft, target.channel, target.replyRef, text, 'reply');
    if (draft.attachments?.length) delivery.message.attachments = draft.attachments;
    if (!(await store.commitDecision(decision, 'sent', delivery))) return this.alreadyDecided(draft);
    await keepFilesForLinks(store, draft, delivery.job.createdAt, this.fileTtlMs);
    await recordOutcome(store, draft, decision);
    await this.announce(draft.id, decision, delivery.job);
    this.deps.kickOutbox();
    return { kind: 'queued', decision, job: delivery.job };
  }

  note(anyCustomerId: string, text: string, actor: Actor): Promise<Draft | undefined> {
    return this.ownerReply(anyCustomerId, text, [], actor);
  }

  shareFiles(
    anyCustomerId: string,
    text: string,
    files: SharedFile[],
    actor: Actor,
  ): Promise<Draft | undefined> {
    return this.ownerReply(anyCustomerId, text, files, actor);
  }

  private get fileTtlMs(): number {
    return this.deps.fileTtlMs ?? DEFAULT_FILE_TTL_MS;
  }

  /** Owner free text (and/or shared files) in a customer thread: a pending reply, never a send. */
  private async ownerReply(
    anyCustomerId: string,
    text: string,
    files: SharedFile[],
    actor: Actor,
  ): Promise<Draft | undefined> {
    // A thread of a merged-away customer acts on the survivor.
    const customerId = await survivorId(this.deps.store, anyCustomerId);
    const { store, ids, clock } = this.deps;
    const body = text.trim();
    if (!body && files.length === 0) return undefined;
    const conversation = await store.latestConversation(customerId);
    if (!conversation) return undefined;
    const last = await this.lastInbound(conversation.id);
    const channel = last?.channel ?? conversation.channel;
    const draftId = ids();
    // Stored first, so a draft never names a missing file; kept for a while even if never decided.
    const attachments = await storeSharedFiles(
      store,
      draftId,
      files,
      new Date(clock.now().getTime() + this.fileTtlMs),
    );
    const draft: Draft = {
      id: draftId,
      customerId,
      conversationId: conversation.id,
      ...(last ? { inReplyTo: last.id } : {}),
      text: body.slice(0, MAX_REPLY),
      language: (await store.getCustomer(customerId))?.language ?? 'und',
      channel,
      replyRef: last?.replyRef ?? formatReplyRef({ channel, ours: '', theirs: '' }),
      origin: 'owner_note',
      status: 'pending',
      createdAt: clock.now(),
      ...(attachments.length ? { attachments } : {}),
    };
    await store.insertDraft(draft);
    const view = await buildCustomerView(store, customerId);
    if (view) await this.deps.consoles.publish({ type: 'draft', view, draft });
    this.deps.logger.info(
      { customerId, actor: actor.userId, console: actor.console, files: attachments.length },
      'owner note became a pending reply',
    );
    return draft;
  }

  async resolve(anyCustomerId: string, actor: Actor): Promise<SimpleResult> {
    // A thread of a merged-away customer acts on the survivor.
    const customerId = await survivorId(this.deps.store, anyCustomerId);
    const { store, clock } = this.deps;
    const conversation = await store.latestConversation(customerId);
    if (!conversation) return { kind: 'rejected', reason: say(actor, 'noConversation') };
    if (conversation.status === 'resolved')
      return { kind: 'rejected', reason: say(actor, 'alreadyResolved') };
    const now = clock.now();
    await store.updateConversation(conversation.id, { status: 'resolved', resolvedAt: now });
    this.deps.logger.info({ customerId, actor: actor.userId }, 'conversation resolved');
    await this.requestRating(customerId, conversation.id);
    await this.publishCustomer(customerId);
    return { kind: 'ok' };
  }

  async reopen(anyCustomerId: string, actor: Actor): Promise<SimpleResult> {
    // A thread of a merged-away customer acts on the survivor.
    const customerId = await survivorId(this.deps.store, anyCustomerId);
    const { store } = this.deps;
    const conversation = await store.latestConversation(customerId);
    if (!conversation) return { kind: 'rejected', reason: say(actor, 'noConversation') };
    if (conversation.status === 'open') return { kind: 'rejected', reason: say(actor, 'alreadyOpen') };
    await store.updateConversation(conversation.id, { status: 'open' });
    this.deps.logger.info({ customerId, actor: actor.userId }, 'conversation reopened');
    await this.publishCustomer(customerId);
    return { kind: 'ok' };
  }

  async retry(jobId: string, actor: Actor): Promise<SimpleResult> {
    const { store, clock } = this.deps;
    const job = await store.getJob(jobId);
    if (!job) return { kind: 'rejected', reason: say(actor, 'noDelivery') };
    if (job.status !== 'failed') return { kind: 'rejected', reason: say(actor, 'notFailed') };
    if (!(await store.requeueJob(jobId, clock.now())))
      return { kind: 'rejected', reason: say(actor, 'alreadyRetried') };
    this.deps.logger.info({ jobId, actor: actor.userId }, 'delivery retried by owner');
    await publishDelivery(store, this.deps.consoles, jobId);
    this.deps.kickOutbox();
    return { kind: 'ok' };
  }

  canCallBack(view: CustomerView): boolean {
    return Boolean(this.deps.callBack) && callableNumber(view.identities) !== undefined;
  }

  async callBack(anyCustomerId: string, actor: Actor): Promise<SimpleResult> {
    // A thread of a merged-away customer acts on the survivor.
    const customerId = await survivorId(this.deps.store, anyCustomerId);
    const { store, callBack } = this.deps;
    if (!callBack) return { kind: 'rejected', reason: say(actor, 'noCallBack') };
    const number = callableNumber(await store.listIdentities(customerId));
    if (!number) return { kind: 'rejected', reason: say(actor, 'noNumber') };
    const result = await callBack(number);
    this.deps.logger.info({ customerId, actor: actor.userId, result: result.kind }, 'call back requested');
    if (result.kind === 'ok') {
      const view = await buildCustomerView(store, customerId);
      if (view) await this.deps.consoles.publish({ type: 'notice', view, text: say(actor, 'calling') });
    }
    return result;
  }

  async merge(intoCustomerId: string, fromCustomerId: string, actor: Actor): Promise<SimpleResult> {
    const { store } = this.deps;
    if (intoCustomerId === fromCustomerId) return { kind: 'rejected', reason: say(actor, 'sameCustomer') };
    const [into, from] = await Promise.all([
      store.getCustomer(intoCustomerId),
      store.getCustomer(fromCustomerId),
    ]);
    if (!into || !from) return { kind: 'rejected', reason: say(actor, 'noCustomer') };
    if (into.mergedInto || from.mergedInto) return { kind: 'rejected', reason: say(actor, 'alreadyMerged') };
    const fromView = await buildCustomerView(store, fromCustomerId);
    // One person has one open conversation: the older of two open ones ends with the merge,
    // and the newer carries on (it is the one new messages continue).
    const [intoOpen, fromOpen] = [await store.latestConversation(intoCustomerId), fromView?.conversation];
    if (intoOpen?.status === 'open' && fromOpen?.status === 'open') {
      const older = intoOpen.openedAt <= fromOpen.openedAt ? intoOpen : fromOpen;
      await store.updateConversation(older.id, { status: 'resolved', resolvedAt: this.deps.clock.now() });
    }
    const recordMerge = await prepareMergeRecord(store, intoCustomerId, from, this.deps.clock.now());
    await store.mergeCustomers(intoCustomerId, fromCustomerId);
    await recordMerge();
    if (!into.name && from.name) await store.updateCustomer(intoCustomerId, { name: from.name });
    this.deps.logger.info({ intoCustomerId, fromCustomerId, actor: actor.userId }, 'customers merged');
    // The old thread gets a pointer; the surviving card shows both sets of identities.
    const intoView = await buildCustomerView(store, intoCustomerId);
    if (fromView && intoView) {
      const first = intoView.identities[0];
      const name = intoView.customer.name ?? first?.displayName ?? first?.address ?? intoCustomerId;
      await this.deps.consoles.publish({
        type: 'notice',
        view: fromView,
        text: say(actor, 'mergedInto', { name }),
        pointerTo: intoCustomerId,
        offerSplit: true,
      });
    }
    await this.publishCustomer(intoCustomerId);
    if (intoView) await publishPendingDrafts(store, this.deps.consoles, intoView);
    return { kind: 'ok' };
  }

  // ------------------------------------------------------------------ templates (WhatsApp > 24 h)

  async canSendTemplate(draftId: string): Promise<boolean> {
    const draft = await this.deps.store.getDraft(draftId);
    if (draft?.status !== 'pending' || !this.deps.connectorFor(draft.channel)?.templates) return false;
    const customer = await this.deps.store.getCustomer(draft.customerId);
    if (!customer || customer.optedOut.includes(draft.channel)) return false;
    // Only where Send itself is blocked (a closed window): inside it a plain reply does.
    const target = await this.target(draft, { draftId, actor: SYSTEM, action: 'send' });
    if (!('reason' in target)) return false;
    return (await this.listTemplates(draft.channel)).length > 0;
  }

  async templateOffers(draftId: string, actor: Actor): Promise<TemplateOffersResult> {
    const { store } = this.deps;
    const draft = await store.getDraft(draftId);
    if (!draft) return { kind: 'rejected', reason: say(actor, 'draftGone') };
    const templates = await this.listTemplates(draft.channel);
    if (templates.length === 0) return { kind: 'rejected', reason: say(actor, 'noTemplates') };
    const name = await this.customerName(draft.customerId);
    return {
      kind: 'ok',
      offers: templates.map((template) => ({ template, values: prefill(template, name, draft.text) })),
    };
  }

  async sendTemplate(input: TemplateDecideInput): Promise<DecisionResult> {
    const { store } = this.deps;
    const { actor } = input;
    const draft = await store.getDraft(input.draftId);
    if (!draft) return { kind: 'rejected', reason: say(actor, 'draftGone') };
    if (draft.status !== 'pending') return this.alreadyDecided(draft);
    const customer = await store.getCustomer(draft.customerId);
    if (!customer) return { kind: 'rejected', reason: say(actor, 'customerGone') };
    if (customer.optedOut.includes(draft.channel))
      return { kind: 'rejected', reason: say(actor, 'optedOut', { channel: draft.channel }) };
    const template = (await this.listTemplates(draft.channel)).find((t) => t.sid === input.templateSid);
    if (!template) return { kind: 'rejected', reason: say(actor, 'noTemplate') };
    const filled = prefill(template, await this.customerName(customer.id), draft.text);
    const values: Record<string, string> = {};
    for (const { key } of template.variables) {
      const value = (input.values[key] ?? filled[key] ?? '').trim();
      if (!value) return { kind: 'rejected', reason: say(actor, 'missingVariable', { key }) };
      values[key] = value;
    }
    const text = renderTemplate(template.body, values);
    const used = `${say(actor, 'templateUsed', { name: template.name })}\n${text}`;
    const decision = this.decision(draft, actor, 'edit_send', draft.channel, used);
    const delivery = this.delivery(draft, draft.channel, draft.replyRef, text, 'reply');
    delivery.message.meta = {
      [TEMPLATE_META.sid]: template.sid,
      [TEMPLATE_META.name]: template.name,
      [TEMPLATE_META.variables]: JSON.stringify(values),
    };
    // The same compare-and-set as every decision: a second tap (or console) sends nothing.
    if (!(await store.commitDecision(decision, 'sent', delivery))) return this.alreadyDecided(draft);
    this.deps.logger.info({ draftId: draft.id, actor: actor.userId }, 'template queued');
    await this.announce(draft.id, decision, delivery.job);
    this.deps.kickOutbox();
    return { kind: 'queued', decision, job: delivery.job };
  }

  private async listTemplates(channel: Channel): Promise<MessageTemplate[]> {
    const connector = this.deps.connectorFor(channel);
    try {
      return (await connector?.templates?.(channel)) ?? [];
    } catch (err) {
      this.deps.logger.warn({ channel, err: (err as Error).message }, 'templates unavailable');
      return [];
    }
  }

  private async customerName(customerId: string): Promise<string | undefined> {
    const customer = await this.deps.store.getCustomer(customerId);
    if (customer?.name) return customer.name;
    const identities = await this.deps.store.listIdentities(customerId);
    return identities.find((i) => i.displayName)?.displayName;
  }

  async view(customerId: string): Promise<CustomerView | undefined> {
    return buildCustomerView(this.deps.store, await survivorId(this.deps.store, customerId));
  }

  draft(draftId: string): Promise<Draft | undefined> {
    return this.deps.store.getDraft(draftId);
  }

  message(messageId: string): Promise<Message | undefined> {
    return this.deps.store.getMessage(messageId);
  }

  async replyChannels(draftId: string): Promise<Channel[]> {
    const { store } = this.deps;
    const draft = await store.getDraft(draftId);
    if (!draft) return [];
    const identities = await reachableIdentities(store, draft.customerId);
    const recommended = draft.inReplyTo
      ? (await store.getMessage(draft.inReplyTo))?.classification?.recommendedChannel
      : undefined;
    // Only channels a reply could go out on now: configured, not opted out, within any window.
    const channels: Channel[] = [];
    for (const channel of new Set([draft.channel, ...identities.map((i) => i.channel)])) {
      const target = await this.target(draft, { draftId, actor: SYSTEM, action: 'send_via', channel });
      if (!('reason' in target)) channels.push(channel);
    }
    // The recommended contact family first, then the channel the customer used.
    const rank = (c: Channel) =>
      recommended && CONTACT_CHANNEL_OF[c] === recommended ? 0 : c === draft.channel ? 1 : 2;
    return channels.sort((a, b) => rank(a) - rank(b));
  }

  pendingDrafts(): Promise<Draft[]> {
    return this.deps.store.listPendingDrafts();
  }

  // ------------------------------------------------------------------ internals

  private async target(
    draft: Draft,
    input: DecideInput,
  ): Promise<{ channel: Channel; replyRef: string } | { reason: string }> {
    const { store } = this.deps;
    const channel = input.action === 'send_via' ? input.channel : draft.channel;
    if (!channel) return { reason: say(input.actor, 'chooseChannel') };
    const customer = await store.getCustomer(draft.customerId);
    if (!customer) return { reason: say(input.actor, 'customerGone') };
    if (customer.optedOut.includes(channel)) {
      return { reason: say(input.actor, 'optedOut', { channel }) };
    }
    const connector = this.deps.connectorFor(channel);
    if (!connector) return { reason: say(input.actor, 'noConnector', { channel }) };

    let replyRef = draft.replyRef;
    if (channel !== draft.channel) {
      const identity = (await reachableIdentities(store, customer.id)).find((i) => i.channel === channel);
      if (!identity) return { reason: say(input.actor, 'noAddress', { channel }) };
      replyRef = formatReplyRef({ channel, ours: '', theirs: identity.address });
    }
    const conversation = await store.getConversation(draft.conversationId);
    const check = connector.canSend?.(channel, replyRef, customer, conversation?.lastInboundAt);
    if (check && !check.ok) return { reason: check.reason };
    return { channel, replyRef };
  }

  private decision(
    draft: Draft,
    actor: Actor,
    kind: Decision['kind'],
    channel?: Channel,
    text?: string,
  ): Decision {
    return {
      id: this.deps.ids(),
      draftId: draft.id,
      kind,
      actor,
      ...(channel ? { channel } : {}),
      ...(text !== undefined ? { text } : {}),
      decidedAt: this.deps.clock.now(),
    };
  }

  private delivery(
    draft: Pick<Draft, 'id' | 'customerId' | 'conversationId'> & { inReplyTo?: string },
    channel: Channel,
    replyRef: string,
    text: string,
    purpose: OutboxJob['purpose'],
  ): { message: Message; job: OutboxJob } {
    const { ids, clock } = this.deps;
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
      address: replyRef.split(':').slice(2).join(':'),
      text,
      attachments: [],
      meta: {},
      createdAt: now,
      stage: 'presented',
      delivery: 'queued',
    };
    const job: OutboxJob = {
      id: jobId,
      idempotencyKey: `solodesk-${jobId}`,
      customerId: draft.customerId,
      conversationId: draft.conversationId,
      ...(purpose === 'reply' ? { draftId: draft.id } : {}),
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

  /** Asks once per conversation, on the channel the customer last wrote on, unless opted out. */
  private async requestRating(customerId: string, conversationId: string): Promise<void> {
    const { store, clock } = this.deps;
    const conversation = await store.getConversation(conversationId);
    const customer = await store.getCustomer(customerId);
    if (!conversation || !customer || conversation.ratingRequestedAt) return;
    const last = await this.lastInbound(conversationId);
    if (!last || customer.optedOut.includes(last.channel) || !this.deps.connectorFor(last.channel)) return;
    const language = customer.language ?? last.classification?.language ?? 'en';
    const text = ratingRequestText(last.channel, language);
    const delivery = this.delivery(
      { id: conversationId, customerId, conversationId },
      last.channel,
      last.replyRef,
      text,
      'rating_request',
    );
    await store.updateConversation(conversationId, { ratingRequestedAt: clock.now() });
    await store.enqueue(delivery.message, delivery.job);
    this.deps.kickOutbox();
  }

  private async lastInbound(conversationId: string): Promise<Message | undefined> {
    const messages = await this.deps.store.listMessages(conversationId, 200);
    return messages.filter((m) => m.direction === 'in').at(-1);
  }

  private async alreadyDecided(draft: Draft): Promise<DecisionResult> {
    const fresh = await this.deps.store.getDraft(draft.id);
    const decision = fresh?.decisionId ? await this.deps.store.getDecision(fresh.decisionId) : undefined;
    return { kind: 'already_decided', ...(decision ? { decision } : {}) };
  }

  private async announce(draftId: string, decision: Decision, job?: OutboxJob): Promise<void> {
    const { store } = this.deps;
    const draft = await store.getDraft(draftId);
    const view = draft ? await buildCustomerView(store, draft.customerId) : undefined;
    if (draft && view) {
      // Queued, not awaited: the delivery that follows is shown after it, and the customer's
      // reply never waits for a slow console to redraw the card.
      void this.deps.consoles.publish({ type: 'decided', view, draft, decision, ...(job ? { job } : {}) });
    }
  }

  async setNotes(anyCustomerId: string, change: NotesChange, actor: Actor): Promise<SimpleResult> {
    const customerId = await survivorId(this.deps.store, anyCustomerId);
    const result = await saveCustomerNotes(this.deps.store, customerId, change, actor);
    if (result.kind === 'ok') await this.publishCustomer(customerId);
    return result;
  }

  findPeople(text: string, excludeId?: string): Promise<PersonChoice[]> {
    return findPeople(this.deps.store, text, excludeId);
  }

  split(
    customerId: string,
    identity: Pick<Identity, 'channel' | 'address'>,
    actor: Actor,
  ): Promise<SimpleResult> {
    return splitIdentity(this.deps, customerId, identity, actor);
  }

  private async publishCustomer(customerId: string): Promise<void> {
    const view = await buildCustomerView(this.deps.store, customerId);
    if (view) await this.deps.consoles.publish({ type: 'customer', view });
  }
}

function callableNumber(identities: readonly Identity[]): string | undefined {
  for (const channel of CALLABLE) {
    const found = identities.find(
      (i) => i.channel === channel && E164.test(i.address.replace(/^whatsapp:/, '')),
    );
    if (found) return found.address.replace(/^whatsapp:/, '');
  }
  return undefined;
}

function say(actor: Actor, key: OwnerTextKey, vars?: Record<string, string | number>): string {
  return ownerText(actor.language, key, vars);
}
