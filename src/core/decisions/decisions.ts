/**
 * What the owner decides in a console: send, edit-and-send, send via another channel,
 * discard, resolve, reopen, retry, and free text (which only ever becomes a pending reply).
 * Each card is decided once: the store's commitDecision is a compare-and-set, so a second
 * tap — from the same console or another — changes nothing and says so.
 */
import { buildCustomerView, publishDelivery, type ConsoleHub } from '../console-hub.js';
import {
  hasBlanks,
  type Actor,
  type Channel,
  type Draft,
  type Identity,
  type Message,
  type UncertainAnswer,
} from '../model.js';
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
} from '../ports.js';
import { formatReplyRef } from '../reply-ref.js';
import { survivorId } from '../merges.js';
import { findPeople, splitIdentity, type PersonChoice } from '../people.js';
import { saveCustomerNotes, type NotesChange } from '../customer-notes.js';
import type { Attention } from '../attention/attention.js';
import { rememberAnswer, rememberPrefill } from '../answers/remember.js';
import { recordOutcome } from '../answers/outcomes.js';
import type { Autopilot } from '../answers/autopilot.js';
import type { RememberPrefill } from '../answers/record.js';
import { DEFAULT_FILE_TTL_MS, storeSharedFiles, type SharedFile } from '../outbound-files.js';
import { alreadyDecided, announceDecision } from './announce.js';
import { askForRating, lastInbound } from './ask-rating.js';
import { dropFiles, fileText, keepFilesForLinks, missingFiles } from './files.js';
import { mergeCustomers, publishCustomer } from './merge.js';
import { newDecision, newDelivery } from './records.js';
import { say } from './say.js';
import { answerUncertain } from './uncertain.js';
import { replyChannels, replyTarget } from './target.js';
import { canSendTemplate, sendTemplate, templateOffers } from './templates.js';

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

  /**
   * The owner turned autopilot off for a remembered answer: its replies still waiting to send
   * themselves become ordinary drafts, and their cards stop saying they will. Returns how many.
   */
  async stopAutoSends(answerId: string, actor: Actor): Promise<number> {
    const waiting = (await this.deps.store.listPendingDrafts()).filter(
      (d) => d.basis?.answerId === answerId && d.basis.autoSendAt,
    );
    for (const draft of waiting) await this.cancelAuto(draft.id, actor);
    return waiting.length;
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
    if (draft.status !== 'pending') return alreadyDecided(store, draft);

    if (input.action === 'discard') {
      const decision = newDecision(this.deps, draft, input.actor, 'discard');
      if (!(await store.commitDecision(decision, 'discarded'))) return alreadyDecided(store, draft);
      await dropFiles(store, draft, this.deps.clock.now());
      await recordOutcome(store, draft, decision);
      await announceDecision(store, this.deps.consoles, draft.id, decision);
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

    const target = await replyTarget(this.deps, draft, input);
    if ('reason' in target) return { kind: 'rejected', reason: target.reason };

    const decision = newDecision(this.deps, draft, input.actor, input.action, target.channel, text);
    const delivery = newDelivery(this.deps, draft, target.channel, target.replyRef, text, 'reply');
    if (draft.attachments?.length) delivery.message.attachments = draft.attachments;
    if (!(await store.commitDecision(decision, 'sent', delivery))) return alreadyDecided(store, draft);
    await keepFilesForLinks(store, draft, delivery.job.createdAt, this.fileTtlMs);
    await recordOutcome(store, draft, decision);
    await announceDecision(store, this.deps.consoles, draft.id, decision, delivery.job);
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
    const last = await lastInbound(store, conversation.id);
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
    await askForRating(this.deps, customerId, conversation.id);
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

  /** The owner's Send again / It arrived on an uncertain delivery (./uncertain.ts). */
  answerUncertain(jobId: string, answer: UncertainAnswer, actor: Actor): Promise<SimpleResult> {
    return answerUncertain(this.deps, jobId, answer, actor);
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

  merge(intoCustomerId: string, fromCustomerId: string, actor: Actor): Promise<SimpleResult> {
    return mergeCustomers(this.deps, intoCustomerId, fromCustomerId, actor);
  }

  // WhatsApp templates outside the 24-hour window (./templates.ts).
  canSendTemplate(draftId: string): Promise<boolean> {
    return canSendTemplate(this.deps, draftId);
  }

  templateOffers(draftId: string, actor: Actor): Promise<TemplateOffersResult> {
    return templateOffers(this.deps, draftId, actor);
  }

  sendTemplate(input: TemplateDecideInput): Promise<DecisionResult> {
    return sendTemplate(this.deps, input);
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

  replyChannels(draftId: string): Promise<Channel[]> {
    return replyChannels(this.deps, draftId);
  }

  pendingDrafts(): Promise<Draft[]> {
    return this.deps.store.listPendingDrafts();
  }

  // ------------------------------------------------------------------ internals

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

  private publishCustomer(customerId: string): Promise<void> {
    return publishCustomer(this.deps.store, this.deps.consoles, customerId);
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
