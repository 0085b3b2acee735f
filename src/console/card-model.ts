/**
 * The neutral card's shape: what every console renders (Slack Block Kit, Discord components,
 * terminal text). Types only, plus the default body length.
 */
import type { Attachment, Channel, Decision, Draft } from '../core/model.js';
import type { ActionRef } from './card-actions.js';
import type { OwnerLanguage } from './card-labels.js';

export type CardKind =
  'customer' | 'inbound' | 'draft' | 'decided' | 'delivery' | 'rating' | 'notice' | 'suggestion';

export interface CardButton {
  label: string;
  /** encodeAction(ref): put it in action_id / custom_id. */
  actionId: string;
  ref: ActionRef;
  style?: 'primary' | 'danger';
}

export interface CardField {
  label: string;
  value: string;
}

export interface CardBody {
  /** Already cut to `maxBodyChars`. */
  text: string;
  truncated: boolean;
  /** Length of the whole text (characters). */
  length: number;
  /** Offered when the text was cut or a fuller original exists. */
  showFull?: CardButton;
}

export interface Card {
  kind: CardKind;
  /** Update-in-place key; absent → always a new post. */
  key?: string;
  customerId: string;
  icon: string;
  title: string;
  /** Small lines under the title: the classification line, who decided and when, delivery state. */
  context: string[];
  fields: CardField[];
  body?: CardBody;
  /** Warnings the owner must see (blanks in a draft). */
  notes: string[];
  attachments: Attachment[];
  actions: CardButton[];
  /** "Send via…" choices, the recommended channel first. */
  sendVia?: { label: string; options: CardButton[] };
  /** Snooze choices on a waiting customer's root card (card-attention.ts). */
  snooze?: { label: string; options: CardButton[] };
  /** A link a console adds when it can (the thread of the answer a draft came from). */
  link?: { label: string; url: string };
  /** Worth a mention of the owner (a reply-due reminder). */
  mention?: boolean;
  /** Worth making visible beyond the thread (high urgency). */
  highlight: boolean;
  /** One plain line for notifications and text-only consoles. */
  fallback: string;
  refs: {
    messageId?: string;
    draftId?: string;
    jobId?: string;
    decisionId?: string;
    /** A draft from a remembered answer: the customer whose thread holds the original. */
    basisCustomerId?: string;
    /** …and the draft whose card holds it (a console that can links that very message). */
    basisDraftId?: string;
  };
}

export interface CardOptions {
  language: OwnerLanguage;
  /** IANA zone for times shown to the owner; default UTC. */
  timeZone?: string;
  /** Longest body text before it is cut; default 2800 (Slack section text is ≤3000). */
  maxBodyChars?: number;
  /** desk.canCallBack(view): offer "Call back" on the customer card. */
  canCallBack?: boolean;
  /** The desk's clock, for "reply due in 35 min". */
  now?: Date;
}

export interface CardContext extends CardOptions {
  /** desk.replyChannels(draftId): the recommended one first. Defaults to the customer's identities. */
  replyChannels?: Channel[];
  /** desk.canSendTemplate(draftId): Send is blocked (WhatsApp beyond 24 h) and templates exist. */
  canSendTemplate?: boolean;
  /** For `delivery` events: the decided draft, so the decided card can be redrawn in place. */
  decided?: { draft: Draft; decision: Decision };
}

export const DEFAULT_MAX_BODY = 2800;
