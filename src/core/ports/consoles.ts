/** What a console (Slack, Discord, terminal) sees of the desk (DeskApi, DeskEvent) and gives it. */
import type { RememberPrefill } from '../answers/record.js';
import type { AttentionRecord } from '../attention/record.js';
import type { NotesChange } from '../customer-notes.js';
import type { DeskNotice } from '../desk-notice.js';
import type { TemplateOffer } from '../message-templates.js';
import type {
  Actor,
  Channel,
  Claim,
  Conversation,
  Customer,
  Decision,
  Draft,
  Identity,
  Message,
  OutboxJob,
  Rating,
  UncertainAnswer,
} from '../model.js';
import type { SharedFile } from '../outbound-files.js';
import type { PersonChoice } from '../people.js';
import type { CustomerNotes } from '../search.js';

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
  /** An uncertain delivery (the desk stopped while sending): send it again once, or it arrived. */
  answerUncertain?(jobId: string, answer: UncertainAnswer, actor: Actor): Promise<SimpleResult>;
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
